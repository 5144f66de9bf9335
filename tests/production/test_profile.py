"""The production profile for real: PostgreSQL, Rasa's SQL tracker store and Redis lock store, two instances of
each service behind nginx. Conversations survive a killed Rasa; a killed backend or action server is routed around.
"""

from __future__ import annotations

import os
import signal
import uuid

import httpx
import pytest

from bot.catalog.files import load_catalog
from bot.cli import load_samples
from bot.dossiers.samples import build_samples
from bot.settings import get_settings
from bot.stack import Stack

REDIS_DB = 11  # tests/conftest.py PRODUCTION_REDIS_DB: lock store and rate limits of the production stack


@pytest.fixture(scope="module")
def production(production_stack):
    """The session's production-profile stack (tests/conftest.py), shared with tests/ops/test_kill.py."""
    return production_stack


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
        tracker = httpx.get(
            f"http://127.0.0.1:{port}/conversations/web-{sender}/tracker", params=production.rasa_params, timeout=10
        ).json()
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
    assert lookups == [200] * 20 + [429]  # an unknown code is answered as a known one: "give the contact"


def test_a_dossier_code_locks_after_wrong_digits_whichever_backend_counts(production, pg_server_url):
    """Wrong digits count per dossier code in the shared Redis: new senders and clients on the other instance
    buy no more guesses (issue 17, finding 2)."""
    load_samples(pg_server_url, get_settings().catalog_dir)  # production does not load the samples itself
    target = build_samples(load_catalog().procedures)[-5]
    right = target.applicant_phone[-4:]
    wrong = "0000" if right != "0000" else "1111"
    statuses = []
    for i in range(6):
        body = {
            "text": target.code,
            "sender": f"web-bf-{uuid.uuid4().hex[:8]}",
            "client": f"c{uuid.uuid4().hex[:8]}",
            "phone_last4": wrong if i < 5 else right,
        }
        res = httpx.post(
            f"{_instance(production, i % 2)}/bot/dossiers/lookup", json=body, headers=production.bot_headers, timeout=10
        )
        statuses.append((res.json()["status"], res.json()["verified"]))
    assert statuses == [("verification_failed", False)] * 5 + [("rate_limited", False)]


def test_a_killed_backend_or_action_server_is_routed_around(production):  # last: leaves one instance of each
    _kill(production, "backend-0")
    _kill(production, "actions-0")
    for i in range(4):
        reply = _chat(production, f"prod-{uuid.uuid4().hex[:8]}-{i}", "cửa hàng xăng dầu cần giấy tờ gì")
        assert reply["status"] == "ok" and "xăng dầu" in reply["messages"][0]["text"].lower()
