"""The production profile for real: PostgreSQL, Rasa's SQL tracker store and Redis lock store, two instances of
each service behind nginx. Conversations survive a killed Rasa; a killed backend or action server is routed around.
"""

from __future__ import annotations

import os
import signal
import uuid

import httpx
import pytest
from sqlalchemy import create_engine, text

from bot.stack import Stack, profile_config
from tests.conftest import PG_ADMIN_URL

REDIS_DB = 11  # lock store and rate limits of this module


@pytest.fixture(scope="module")
def production(trained_model, pg_server_url):
    offset = int(os.environ.get("SCT_TEST_PORT_OFFSET", "0"))
    name = pg_server_url.rsplit("/", 1)[1]
    config = profile_config(
        "production",
        api_port=38000 + offset,
        action_port=35055 + offset,
        rasa_port=35005 + offset,
        instances=2,
        database_url=pg_server_url,
        tracker_db_url=f"postgresql://postgres@127.0.0.1:5432/{name}_tracker",
        redis_url=f"redis://127.0.0.1:6379/{REDIS_DB}",
    )
    stack = Stack(config)
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop()
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}_tracker" WITH (FORCE)'))
        admin.dispose()


def _chat(stack: Stack, sender: str, text: str) -> dict:
    res = httpx.post(
        f"{stack.config.api_url}/chat/messages", json={"channel": "web", "sender": sender, "text": text}, timeout=60
    )
    assert res.status_code == 200, res.text
    return res.json()


def _kill(stack: Stack, name: str) -> None:
    for proc_name, proc in list(stack.procs):
        if proc_name == name:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            stack.procs.remove((proc_name, proc))


def test_two_rasa_instances_share_conversations(production):
    sender = f"prod-{uuid.uuid4().hex[:8]}"
    first = _chat(production, sender, "xin giấy phép bán lẻ rượu cần giấy tờ gì")
    assert "bán lẻ rượu" in first["messages"][0]["text"]
    for port in production.config.instance_ports(production.config.rasa_port):
        tracker = httpx.get(f"http://127.0.0.1:{port}/conversations/web-{sender}/tracker", timeout=10).json()
        assert tracker["slots"]["procedure_code"] == "2.000620"  # both read the same PostgreSQL tracker


def test_conversation_resumes_after_every_rasa_is_killed(production):
    sender = f"prod-{uuid.uuid4().hex[:8]}"
    _chat(production, sender, "xin giấy phép bán lẻ rượu cần giấy tờ gì")
    for i in range(production.config.instances):
        _kill(production, f"rasa-{i}")
    down = _chat(production, sender, "còn lệ phí thì sao?")
    assert down["status"] == "unavailable" and "gửi lại" in down["messages"][0]["text"]
    production.start_rasa()
    fee = _chat(production, sender, "còn lệ phí thì sao?")
    assert fee["status"] == "ok" and "bán lẻ rượu" in fee["messages"][0]["text"]


def _instance(stack: Stack, i: int) -> str:
    return f"http://127.0.0.1:{stack.config.instance_ports(stack.config.api_port)[i]}"


def test_a_per_sender_limit_holds_across_the_two_backend_instances(production):
    """The limits live in Redis: a sender alternating between the instances gets the limit once, not twice."""
    sender = f"rl-{uuid.uuid4().hex[:8]}"
    body = {"channel": "web", "sender": sender, "text": ""}  # empty: answered by the hub itself, counted all the same
    statuses = []
    for i in range(31):  # SCT_CHAT_MESSAGES_PER_MINUTE: 30
        res = httpx.post(f"{_instance(production, i % 2)}/chat/messages", json=body, timeout=10)
        assert res.status_code == 200
        statuses.append(res.json()["status"])
    assert statuses[:30] == ["rejected"] * 30
    refused = httpx.post(f"{_instance(production, 1)}/chat/messages", json=body, timeout=10).json()
    assert "gửi tin nhắn hơi nhanh" in refused["messages"][0]["text"]
    other = httpx.post(f"{_instance(production, 0)}/chat/messages", json={**body, "sender": f"{sender}x"}, timeout=10)
    assert "hơi nhanh" not in other.json()["messages"][0]["text"]  # per sender

    lookups = [  # complaint look-ups by code: 20 per 10 minutes per sender, whichever instance answers
        httpx.get(
            f"{_instance(production, i % 2)}/bot/complaints/PAKN-2026-999999",
            params={"sender": f"web-{sender}"},
            headers=production.bot_headers,
            timeout=10,
        ).status_code
        for i in range(21)
    ]
    assert lookups == [404] * 20 + [429]


def test_a_killed_backend_or_action_server_is_routed_around(production):  # last: leaves one instance of each
    _kill(production, "backend-0")
    _kill(production, "actions-0")
    for i in range(4):
        reply = _chat(production, f"prod-{uuid.uuid4().hex[:8]}-{i}", "cửa hàng xăng dầu cần giấy tờ gì")
        assert reply["status"] == "ok" and "xăng dầu" in reply["messages"][0]["text"].lower()
