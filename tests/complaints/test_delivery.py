"""Delivering a complaint's answer, through the real app and real local servers: an SMTP server (aiosmtpd) for
e-mail, the fake Telegram Bot API and fake Zalo OA API the channel tests use, a fake SMS gateway (the adapter's
HTTP contract), the web widget's outbox. The bot's promise names only what is configured."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from bot.api.main import create_app
from bot.complaints.delivery.mailer import MailError, SmtpMailer
from bot.complaints.delivery.plan import Capabilities, promise, routes_for
from bot.complaints.models import ComplaintRow
from bot.settings import Settings
from tests.channels.telegram.fake_bot_api import FakeBotApi
from tests.channels.zalo.fake_oa_api import FakeOaApi
from tests.complaints.fake_sms import FakeSmsGateway
from tests.complaints.helpers import body
from tests.complaints.smtp_server import LocalSmtp, self_signed
from tests.servers import free_port
from tests.staff.conftest import StaffEnv, bearer_headers, make_staff_env

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # a local test server

SMTP_USER, SMTP_PASSWORD = "pakn-bot", "mat-khau-smtp-thu-nghiem"
TG_TOKEN = "7000001:delivery-test-token"
SMS_KEY = "sms-key-0123456789"
ANSWER = "Sở đã kiểm tra hồ sơ của anh/chị; kết quả sẽ được trả trong tuần này tại Bộ phận Một cửa."


@dataclass
class World:
    env: StaffEnv
    smtp: LocalSmtp
    telegram: FakeBotApi
    zalo: FakeOaApi
    sms: FakeSmsGateway


@pytest.fixture(scope="module")
def world(tmp_path_factory, catalog) -> Iterator[World]:
    smtp = LocalSmtp(SMTP_USER, SMTP_PASSWORD).start()
    telegram, zalo, sms = FakeBotApi().start(), FakeOaApi().start(), FakeSmsGateway(SMS_KEY).start()
    try:
        yield World(make_staff_env(tmp_path_factory.mktemp("delivery"), catalog), smtp, telegram, zalo, sms)
    finally:
        for server in (smtp, telegram, zalo, sms):
            server.stop()


def configured(world: World, **overrides) -> dict:
    """Settings of an installation with e-mail, Telegram and Zalo configured (SMS only when asked)."""
    return {
        "smtp_host": "127.0.0.1",
        "smtp_port": world.smtp.port,
        "smtp_security": "none",
        "smtp_username": SMTP_USER,
        "smtp_password": SMTP_PASSWORD,
        "smtp_from": "Sở Công Thương tỉnh Bắc Ninh <pakn@congthuong.example.vn>",
        "telegram_token": TG_TOKEN,
        "telegram_api_base_url": world.telegram.url,
        "zalo_app_id": "1234",
        "zalo_oa_secret_key": "oa-secret",
        "zalo_access_token": "oa-token",
        "zalo_api_base_url": world.zalo.url,
        **overrides,
    }


@pytest.fixture
def app_with(world):
    made: list[TestClient] = []

    def build(**settings) -> TestClient:
        app = create_app(Settings.model_validate({**world.env.settings.model_dump(), **settings}))
        client = TestClient(app)
        client.__enter__()
        made.append(client)
        return client

    yield build
    for client in made:
        client.__exit__(None, None, None)


def file_complaint(client: TestClient, **overrides) -> dict:
    response = client.post("/bot/complaints", json=body(**overrides))
    assert response.status_code == 201, response.text
    return response.json()


def answer(client: TestClient, code: str, text: str = ANSWER) -> dict:
    headers = bearer_headers(client, "staff1")
    response = client.post(f"/staff/api/complaints/{code}/answer", json={"answer": text}, headers=headers)
    assert response.status_code == 200, response.text
    # TestClient returns once the background task (the sending) is done
    return client.get(f"/staff/api/complaints/{code}", headers=headers).json()


def widget_updates(client: TestClient, session: str) -> list[dict]:
    """What the widget of conversation `session` reads, with the token that conversation received."""
    token = client.app.state.conversation_keys.token(session)
    response = client.get(
        "/chat/updates", params={"channel": "web", "sender": session}, headers={"X-SCT-Conversation-Token": token}
    )
    assert response.status_code == 200, response.text
    return response.json()["messages"]


def routes(detail: dict) -> dict[str, str]:
    return {d["route"]: d["status"] for d in detail["deliveries"]}


# ------------------------------------------------------------------ the promise


def _row(channel: str, contact: str, kind: str, sender: str | None = None) -> ComplaintRow:
    return ComplaintRow(
        code="PAKN-2026-000001",
        channel=channel,
        sender=sender or f"{channel}-12345",
        contact=contact,
        contact_kind=kind,
    )


@pytest.mark.parametrize(
    ("row", "caps", "expected", "absent"),
    [
        (
            _row("web", "0912345678", "phone"),
            Capabilities(),
            "Khi có trả lời, Sở sẽ gửi vào khung trò chuyện này; cán bộ của Sở sẽ gọi điện tới số 091*****78 để thông "
            "báo.",
            ("email", "SMS"),
        ),
        (
            _row("telegram", "an@example.vn", "email"),
            Capabilities(),
            "Khi có trả lời, cán bộ của Sở sẽ gửi email tới a***@example.vn.",
            ("Telegram", "SMS"),
        ),
        (
            _row("telegram", "an@example.vn", "email"),
            Capabilities(email=True, telegram=True),
            "Khi có trả lời, Sở sẽ gửi qua tin nhắn Telegram này và tới email a***@example.vn.",
            ("gọi",),
        ),
        (
            _row("zalo", "0912345678", "phone"),
            Capabilities(zalo=True, sms=True),
            "Khi có trả lời, Sở sẽ gửi qua tin nhắn Zalo này và bằng tin nhắn SMS tới số 091*****78.",
            ("gọi",),
        ),
        (
            _row("hotline", "0912345678", "phone", "hotline:tongdai1"),
            Capabilities(email=True, telegram=True),
            "Khi có trả lời, cán bộ của Sở sẽ gọi điện tới số 091*****78 để thông báo.",
            ("trò chuyện",),
        ),
    ],
)
def test_the_promise_names_only_what_is_configured(row, caps, expected, absent):
    said = promise(row, caps)
    assert said == expected
    assert not any(word in said for word in absent)
    assert routes_for(row, caps)  # every complaint gets at least one way back


def test_the_bot_promises_email_only_when_smtp_is_configured(world, app_with):
    bare = app_with()
    text = file_complaint(bare, contact="an.nguyen@example.vn")["text"]
    assert "tới email" not in text and "cán bộ của Sở sẽ gửi email tới a***@example.vn" in text
    text = file_complaint(bare, contact="0912 345 678")["text"]
    assert "vào khung trò chuyện này" in text and "gọi điện tới số 091*****78" in text and "SMS" not in text
    full = app_with(**configured(world))
    text = file_complaint(full, contact="an.nguyen@example.vn")["text"]
    assert "Sở sẽ gửi vào khung trò chuyện này và tới email a***@example.vn." in text


# ------------------------------------------------------------------ delivering


def test_a_web_complaint_is_answered_in_the_widget_and_by_email_without_logging_the_address(world, app_with, caplog):
    caplog.set_level(logging.DEBUG)
    client = app_with(**configured(world))
    address, session = f"nguoi.dan.{uuid.uuid4().hex[:6]}@example.vn", f"w-{uuid.uuid4().hex[:12]}"
    code = file_complaint(client, sender=f"web-{session}", contact=address)["code"]
    detail = answer(client, code)
    assert routes(detail) == {"chat": "sent", "email": "sent"}

    mail = world.smtp.wait_for(address)
    assert mail.login == SMTP_USER  # the password from the settings was accepted
    assert code in mail.message["Subject"] and mail.message["Auto-Submitted"] == "auto-generated"
    assert "Kính gửi anh/chị Nguyễn Văn An" in mail.body and ANSWER in mail.body
    assert "pakn@congthuong.example.vn" in mail.message["From"]

    [message] = widget_updates(client, session)
    assert message["sender_role"] == "staff" and code in message["text"] and ANSWER in message["text"]
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert f"complaint {code}: answer delivered by email" in logged
    assert address not in logged and address.split("@")[0] not in logged and SMTP_PASSWORD not in logged


def test_a_telegram_complaint_is_answered_in_the_telegram_chat(world, app_with):
    client = app_with(**configured(world))
    chat = 880000 + int(uuid.uuid4().int % 10000)
    code = file_complaint(client, channel="telegram", sender=f"telegram-{chat}", contact="0912 345 678")["code"]
    detail = answer(client, code)
    assert routes(detail) == {"chat": "sent", "callback": "pending"}  # a phone only: a call-back task as well
    [sent] = world.telegram.calls_of(TG_TOKEN, "sendMessage", chat)
    assert code in sent.params["text"] and ANSWER in sent.params["text"]


def test_a_zalo_complaint_is_answered_by_the_oa_and_a_refusal_becomes_a_task(world, app_with):
    client = app_with(**configured(world))
    user = f"zu{uuid.uuid4().hex[:10]}"
    code = file_complaint(client, channel="zalo", sender=f"zalo-{user}", contact="an.zalo@example.vn")["code"]
    assert routes(answer(client, code)) == {"chat": "sent", "email": "sent"}
    assert any(ANSWER in text for text in world.zalo.sent_to(user))

    world.zalo.mode = "error"  # e.g. the OA may no longer write to a user silent for too long
    try:
        other = f"zu{uuid.uuid4().hex[:10]}"
        code = file_complaint(client, channel="zalo", sender=f"zalo-{other}", contact="0987 654 321")["code"]
        detail = answer(client, code)
    finally:
        world.zalo.mode = "ok"
    assert routes(detail) == {"chat": "failed", "callback": "pending"}
    failed = next(d for d in detail["deliveries"] if d["route"] == "chat")
    assert failed["can_retry"] and "Zalo" in failed["last_error"] and other not in failed["last_error"]
    todo = client.get(
        "/staff/api/complaints", params={"todo": "true", "size": 200}, headers=bearer_headers(client, "staff1")
    ).json()
    assert code in [c["code"] for c in todo["items"]]


def test_a_phone_only_complaint_shows_a_call_back_task_until_staff_mark_it_done(world, app_with):
    client = app_with()  # nothing configured: no SMS, no SMTP
    headers = bearer_headers(client, "staff1")
    code = file_complaint(client, channel="rest", sender="rest-api-client", contact="0903 222 333")["code"]
    detail = answer(client, code)
    [task] = detail["deliveries"]
    assert (task["route"], task["status"], task["can_mark_done"]) == ("callback", "pending", True)
    assert "Gọi số 0903222333" in task["hint"]
    in_todo = client.get("/staff/api/complaints", params={"todo": "true", "size": 200}, headers=headers).json()
    assert code in [c["code"] for c in in_todo["items"]]

    done = client.post(
        f"/staff/api/complaints/{code}/deliveries/{task['id']}/done",
        json={"note": "Đã gọi, người dân đã nắm nội dung trả lời."},
        headers=headers,
    )
    assert done.status_code == 200, done.text
    [task] = done.json()["deliveries"]
    assert (task["status"], task["done_by"]) == ("done", "staff1")
    assert done.json()["audit"][0]["action"] == "complaint.callback"
    again = client.post(f"/staff/api/complaints/{code}/deliveries/{task['id']}/done", json={}, headers=headers)
    assert again.status_code == 409
    in_todo = client.get("/staff/api/complaints", params={"todo": "true", "size": 200}, headers=headers).json()
    assert code not in [c["code"] for c in in_todo["items"]]


def test_sms_goes_through_the_gateway_adapter_and_a_failure_falls_back_to_a_call(world, app_with):
    client = app_with(sms_api_url=world.sms.url, sms_api_key=SMS_KEY)
    text = file_complaint(client, contact="0977 123 456")["text"]
    assert "bằng tin nhắn SMS tới số 097*****56" in text and "gọi điện" not in text
    code = file_complaint(client, channel="rest", sender="rest-sms", contact="0977 123 456")["code"]
    assert routes(answer(client, code)) == {"sms": "sent"}
    sent = world.sms.sent[-1]
    assert sent["to"] == "0977123456" and sent["reference"] == code and ANSWER in sent["text"]

    world.sms.fail = True
    try:
        code = file_complaint(client, channel="rest", sender="rest-sms2", contact="0977 123 457")["code"]
        assert routes(answer(client, code)) == {"sms": "failed", "callback": "pending"}
    finally:
        world.sms.fail = False


def test_a_failed_email_is_sent_again_on_retry_and_a_new_answer_is_delivered_again(world, app_with):
    down = app_with(**configured(world, smtp_port=free_port()))  # nothing listens there: connection refused
    address = f"thu.lai.{uuid.uuid4().hex[:6]}@example.vn"
    code = file_complaint(down, channel="rest", sender="rest-retry", contact=address)["code"]
    detail = answer(down, code)
    assert routes(detail) == {"email": "failed", "callback": "pending"}

    up = app_with(**configured(world))  # the administrator fixed the SMTP settings
    headers = bearer_headers(up, "staff1")
    email_row = next(d for d in detail["deliveries"] if d["route"] == "email")
    retried = up.post(f"/staff/api/complaints/{code}/deliveries/{email_row['id']}/retry", headers=headers)
    assert retried.status_code == 200, retried.text
    detail = up.get(f"/staff/api/complaints/{code}", headers=headers).json()
    assert routes(detail)["email"] == "sent" and ANSWER in world.smtp.wait_for(address).body

    better = ANSWER + " Bổ sung: anh/chị mang theo giấy hẹn."
    detail = answer(up, code, better)
    assert routes(detail) == {"email": "sent"}  # the earlier rows are superseded, the new answer sent
    assert "Bổ sung" in world.smtp.wait_for(address).body


def test_the_sender_looking_up_an_awaited_answer_reads_their_own_promise(world, app_with):
    client = app_with(**configured(world))
    filed = body(contact="an.nguyen@example.vn")
    code = file_complaint(client, **filed)["code"]
    own = client.get(f"/bot/complaints/{code}", params={"sender": filed["sender"]}).json()["text"]
    assert "Khi có trả lời, Sở sẽ gửi vào khung trò chuyện này và tới email a***@example.vn." in own
    stranger = client.get(f"/bot/complaints/{code}", params={"sender": "web-someone-else"}).json()
    assert stranger["needs_contact"] and "a***@example.vn" not in stranger["text"]
    proved = client.post(
        "/bot/complaints/status", json={"code": code, "sender": "web-someone-else", "contact": "an.nguyen@example.vn"}
    ).json()["text"]
    assert "a***@example.vn" not in proved and "theo cách đã hẹn" in proved


def test_a_long_answer_reaches_the_widget_whole(world, app_with):
    client = app_with()
    session = f"w-{uuid.uuid4().hex[:12]}"
    code = file_complaint(client, sender=f"web-{session}")["code"]
    long_answer = "\n".join(f"{i}. Nội dung trả lời chi tiết của Sở về hồ sơ, phần {i}." for i in range(1, 120))
    assert 5000 < len(long_answer) < 8000  # more than one outbox message (4000)
    assert routes(answer(client, code, long_answer))["chat"] == "sent"
    shown = "\n".join(m["text"] for m in widget_updates(client, session))
    assert "1. Nội dung" in shown and "119. Nội dung" in shown


def test_the_mailer_uses_starttls_and_logs_in_only_over_tls(tmp_path):
    server_tls, client_tls = self_signed(tmp_path)
    smtp = LocalSmtp(SMTP_USER, SMTP_PASSWORD, tls=server_tls).start()
    try:
        settings = Settings(
            smtp_host="127.0.0.1",
            smtp_port=smtp.port,
            smtp_security="starttls",
            smtp_username=SMTP_USER,
            smtp_password=SMTP_PASSWORD,
            smtp_from="pakn@example.vn",
        )
        SmtpMailer(settings, context=client_tls).send(
            "an@example.vn", "Trả lời PAKN-2026-000009", ANSWER, "PAKN-2026-000009"
        )
        got = smtp.wait_for("an@example.vn")
        assert got.login == SMTP_USER and ANSWER in got.body
        untrusted = SmtpMailer(settings)  # the system's CAs do not know this certificate
        with pytest.raises(MailError):
            untrusted.send("an@example.vn", "x", "y", "PAKN-2026-000009")
        wrong = Settings(**{**settings.model_dump(), "smtp_password": "sai-mat-khau"})
        with pytest.raises(MailError, match="authentication failed"):
            SmtpMailer(wrong, context=client_tls).send("an@example.vn", "x", "y", "PAKN-2026-000009")
    finally:
        smtp.stop()
