"""The backend's Zalo OA webhook, end to end: signed events -> chat hub -> real Rasa -> fake OA API."""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.api.main import create_app
from bot.channels import messages
from bot.channels.zalo.render import CHOOSE_HINT
from bot.channels.zalo.signature import HEADER, event_signature
from bot.settings import Settings

APP_ID, SECRET, TOKEN = "360846524940903967", "oa-secret-key-TEST", "oa-access-token-TEST"


def _settings(**extra) -> Settings:
    db = Path(tempfile.mkdtemp(prefix="sct-zalo-")) / "bot.db"
    return Settings(database_url=f"sqlite:///{db}", environment="test", **extra)


@pytest.fixture()
def zalo(stack, fake_oa) -> Iterator[TestClient]:
    settings = _settings(
        rasa_url=stack.config.rasa_url,
        zalo_app_id=APP_ID,
        zalo_oa_secret_key=SECRET,
        zalo_access_token=TOKEN,
        zalo_api_base_url=fake_oa.url,
        zalo_api_timeout=1.0,
    )
    with TestClient(create_app(settings)) as client:
        yield client


def _now_ms() -> str:
    return str(int(time.time() * 1000))


def _event(user: str, name: str = "user_send_text", text: str = "", msg_id: str = "", ts: str = "") -> bytes:
    event = {
        "app_id": APP_ID,
        "user_id_by_app": f"app-{user}",
        "event_name": name,
        "timestamp": ts or _now_ms(),  # events are accepted for SCT_ZALO_EVENT_MAX_AGE_SECONDS only
        "sender": {"id": user},
        "recipient": {"id": "4001"},
        "message": {"text": text, "msg_id": msg_id or f"msg-{user}-{text}"},
    }
    return json.dumps(event, ensure_ascii=False).encode()


def _post(client: TestClient, body: bytes, signature: str | None = "auto") -> httpx.Response:
    if signature == "auto":
        try:
            timestamp = json.loads(body)["timestamp"]
        except ValueError:  # not JSON: signed as it is
            timestamp = _now_ms()
        signature = event_signature(APP_ID, body, timestamp, SECRET)
    headers = {"Content-Type": "application/json", **({HEADER: signature} if signature else {})}
    return client.post("/zalo/webhook", content=body, headers=headers)


def test_question_is_answered_through_the_oa_api_and_a_numbered_choice_works(zalo, fake_oa, stack):
    user = "7001"
    assert _post(zalo, _event(user, text="giấy phép thuốc lá")).json() == {"status": "accepted"}
    [choices] = fake_oa.wait_for(user)
    assert "1. " in choices and "2. " in choices and choices.endswith(CHOOSE_HINT)
    assert sum(line.startswith("1. ") for line in choices.splitlines()) == 1  # the list is not repeated
    assert fake_oa.sent[0].access_token == TOKEN

    assert _post(zalo, _event(user, text="1")).status_code == 200
    answer = fake_oa.wait_for(user, count=2)[1]
    tracker = httpx.get(
        f"{stack.config.rasa_url}/conversations/zalo-{user}/tracker", params=stack.rasa_params, timeout=10
    ).json()
    assert f"(mã {tracker['slots']['procedure_code']})" in answer
    first_option = choices.split("1. ", 1)[1].split("\n", 1)[0]
    assert first_option in answer


def test_wrong_missing_or_foreign_signatures_are_refused_and_nothing_is_sent(zalo, fake_oa):
    body = _event("7002", text="xin chào")
    assert _post(zalo, body, signature="mac=" + "0" * 64).status_code == 403
    assert _post(zalo, body, signature=None).status_code == 403
    foreign = body.replace(APP_ID.encode(), b"111")
    foreign_signature = event_signature("111", foreign, json.loads(foreign)["timestamp"], SECRET)
    assert _post(zalo, foreign, signature=foreign_signature).status_code == 403
    assert _post(zalo, b"not json").status_code == 400
    assert fake_oa.sent == []


def test_media_gets_a_polite_text_only_answer_and_duplicates_are_answered_once(zalo, fake_oa):
    user = "7003"
    assert _post(zalo, _event(user, name="user_send_sticker")).status_code == 200
    assert fake_oa.wait_for(user) == [messages.UNSUPPORTED]
    body = _event(user, text="xin chào", msg_id="dup-1")
    assert _post(zalo, body).status_code == 200 and _post(zalo, body).status_code == 200
    assert _post(zalo, _event(user, name="follow")).status_code == 200
    assert len(fake_oa.wait_for(user, count=2)) == 2


def test_oa_api_failures_are_logged_without_secrets_and_the_webhook_still_answers(zalo, fake_oa, caplog):
    caplog.set_level(logging.INFO, logger="bot.channels.zalo")
    for mode in ("error", "slow"):
        fake_oa.mode = mode
        assert _post(zalo, _event("7004", text=f"xin chào {mode}")).status_code == 200
    assert "Access token is invalid" in caplog.text and "timeout" in caplog.text
    assert TOKEN not in caplog.text and SECRET not in caplog.text
    fake_oa.mode = "ok"
    assert _post(zalo, _event("7004", text="cảm ơn")).status_code == 200
    assert len(fake_oa.wait_for("7004", count=3)) == 3


def test_without_configuration_the_webhook_says_it_is_not_set_up():
    with TestClient(create_app(_settings())) as client:
        res = client.post("/zalo/webhook", json={"event_name": "user_send_text"})
    assert res.status_code == 404
    assert "SCT_ZALO_ACCESS_TOKEN" in res.json()["detail"]
