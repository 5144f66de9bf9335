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
        redis_url="redis://127.0.0.1:6379/3",
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


def test_a_killed_backend_or_action_server_is_routed_around(production):
    _kill(production, "backend-0")
    _kill(production, "actions-0")
    for i in range(4):
        reply = _chat(production, f"prod-{uuid.uuid4().hex[:8]}-{i}", "cửa hàng xăng dầu cần giấy tờ gì")
        assert reply["status"] == "ok" and "xăng dầu" in reply["messages"][0]["text"].lower()
