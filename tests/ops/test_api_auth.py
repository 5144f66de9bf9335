"""Issue 17, finding 3, through real processes and real HTTP: the action server refuses hand-made calls without
the shared secret (nothing reaches /bot/*), Rasa's HTTP API wants its token, and both listen on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from bot.stack import Stack, StackConfig
from tests.servers import ThreadedServer, free_port


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                if width == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    raw = b"".join(bytes.fromhex(address[i : i + 8])[::-1] for i in range(0, 32, 8))
                    found.add(socket.inet_ntop(socket.AF_INET6, raw))
    return found


def submit_call(sender: str) -> dict:
    """What Rasa would post to file a complaint with consent: made by hand, as an attacker on the network would."""
    slots = {
        "complaint_confirmed": True,
        "complaint_content": "Cửa hàng bán thiếu lít, đề nghị kiểm tra",
        "complaint_name": "Nguyễn Văn Mẫu",
        "complaint_contact": "0912345678",
        "complaint_key": uuid.uuid4().hex,
    }
    return {
        "next_action": "action_submit_complaint",
        "sender_id": sender,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender,
            "slots": slots,
            "latest_message": {"text": "/affirm", "metadata": {}},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


@pytest.fixture(scope="module")
def actions_only():
    """An action server whose backend is a recorder: any call to /bot/* is seen."""
    seen: list[str] = []
    fake = FastAPI()

    @fake.api_route("/{path:path}", methods=["GET", "POST"])
    async def record(path: str, request: Request):
        seen.append(f"{request.method} /{path}")
        return JSONResponse(
            {"text": "Đã tiếp nhận phản ánh. Mã theo dõi: PAKN-2026-000001", "code": "PAKN-2026-000001"}
        )

    backend = ThreadedServer(fake).start()
    stack = Stack(StackConfig(api_port=backend.port, action_port=free_port()))
    try:
        stack.start_actions()
        yield stack, seen
    finally:
        stack.stop()
        backend.stop()


def test_a_hand_made_webhook_call_without_the_secret_is_refused_and_reaches_no_backend(actions_only):
    stack, seen = actions_only
    url = f"{stack.config.action_url}/webhook"
    for headers in ({}, {"X-SCT-Action-Token": "guess-" + uuid.uuid4().hex}, {"X-SCT-Action-Token": ""}):
        res = httpx.post(url, json=submit_call("web-attacker"), headers=headers, timeout=10)
        assert res.status_code == 401, res.text
    assert httpx.get(f"{stack.config.action_url}/actions", timeout=10).status_code == 401
    assert seen == []  # nothing reached /bot/*

    # the same call with the secret (as Rasa sends it) is executed: the check is what stood in the way
    res = httpx.post(url, json=submit_call("web-rasa"), headers=stack.action_headers, timeout=30)
    assert res.status_code == 200, res.text
    assert seen and all(s.startswith("POST /bot/complaints") for s in seen), seen


def test_the_action_server_health_is_open_and_it_listens_on_loopback_only(actions_only):
    stack, _ = actions_only
    assert httpx.get(f"{stack.config.action_url}/health", timeout=10).json() == {"status": "ok"}
    assert listening_addresses(stack.config.action_port) == {"127.0.0.1"}


def test_the_action_server_refuses_to_start_without_a_secret():
    import subprocess

    from bot.stack import RASA_VENV, ROOT, _env

    env = _env({})
    env.pop("SCT_ACTION_TOKEN", None)
    result = subprocess.run(
        [str(RASA_VENV / "bin" / "python"), "-m", "actions.server", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "SCT_ACTION_TOKEN" in result.stderr


def test_rasa_api_wants_its_token_and_listens_on_loopback_only(stack):
    """The shared embedded stack (tests/conftest.py): Rasa started by bot.stack with a token drawn for the run."""
    sender = f"auth-{uuid.uuid4().hex[:8]}"
    reply = httpx.post(
        f"{stack.config.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": "xin chào"}, timeout=60
    )
    assert reply.status_code == 200  # the channel webhook: the hub's way in, on loopback
    tracker = f"{stack.config.rasa_url}/conversations/{sender}/tracker"
    assert httpx.get(tracker, timeout=10).status_code == 401
    assert httpx.get(tracker, params={"token": "wrong-" + uuid.uuid4().hex}, timeout=10).status_code == 401
    assert httpx.post(f"{stack.config.rasa_url}/model/parse", json={"text": "xin chào"}, timeout=10).status_code == 401
    ok = httpx.get(tracker, params=stack.rasa_params, timeout=10)
    assert ok.status_code == 200 and ok.json()["sender_id"] == sender
    assert listening_addresses(stack.config.rasa_port) == {"127.0.0.1"}
    assert listening_addresses(stack.config.action_port) == {"127.0.0.1"}
    assert listening_addresses(stack.config.api_port) == {"127.0.0.1"}


def test_rasa_refuses_to_start_without_a_token():
    import subprocess

    from bot.stack import RASA_VENV, ROOT, _env

    env = {k: v for k, v in _env({}).items() if k != "SCT_RASA_TOKEN"}
    result = subprocess.run(
        [str(RASA_VENV / "bin" / "python"), "-m", "bot.nlu.rasa_run", "--enable-api"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "SCT_RASA_TOKEN" in result.stderr


def test_the_production_profile_requires_its_secrets(monkeypatch):
    from bot.stack import profile_config

    monkeypatch.delenv("SCT_RASA_TOKEN", raising=False)
    monkeypatch.delenv("SCT_ACTION_TOKEN", raising=False)
    with pytest.raises(ValueError, match="SCT_RASA_TOKEN"):
        profile_config("production")
    embedded = profile_config("embedded")
    assert len(embedded.rasa_token) >= 32 and len(embedded.action_token) >= 32
    assert embedded.rasa_token != profile_config("embedded").rasa_token  # drawn per run
    assert os.environ.get("SCT_RASA_TOKEN") is None
