"""kill -9 of PostgreSQL itself under the production profile, in the middle of conversations and complaints.

A private cluster (tests/production/pg_cluster.py, never the machine's shared server) holds the backend's
database and Rasa's SQL tracker store; Redis holds the lock store and the rate limits; two instances of each
service run behind nginx. While citizens talk and confirm complaints, the postmaster and its children are
SIGKILLed. Then: nobody got a 500 or a false "recorded"; once the cluster is started again the services answer
without being restarted; the conversation resumes from PostgreSQL; every complaint the bot confirmed is in the
database; a confirmation retried after the outage stores exactly once.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import create_engine, text

from bot.channels import messages
from bot.identifiers import COMPLAINT_CODE
from bot.stack import Stack, new_tokens, profile_config
from tests.production.pg_cluster import PrivateCluster

CODE = re.compile(COMPLAINT_CODE)
RECORDED_WORDS = ("đã tiếp nhận phản ánh", "đã được ghi nhận", "Mã theo dõi")
POLITE_RETRY = ("gửi lại", "thử lại")
DRAFTS = 6
KILL_AFTER = 3  # confirmations 0-3 are sent 200 ms apart (some complete, some are cut), then the kill, then 4-5


@pytest.fixture(scope="module")
def pg_stack(trained_model):
    offset = int(os.environ.get("SCT_TEST_PORT_OFFSET", "0"))
    cluster = PrivateCluster(24432 + offset)  # all below the ephemeral range, like tests/conftest.py's stacks
    cluster.start()
    config = profile_config(
        "production",
        **new_tokens(),
        api_port=23000 + offset,
        action_port=23055 + offset,
        rasa_port=23005 + offset,
        instances=2,
        database_url=cluster.url("sct"),
        tracker_db_url=cluster.url("sct_tracker", "postgresql"),
        redis_url="redis://127.0.0.1:6379/13",
    )
    stack = Stack(config)
    try:
        stack.start_all()
        yield stack, cluster
    finally:
        stack.stop()
        cluster.remove()


def chat(stack: Stack, sender: str, text: str, timeout: float = 60) -> httpx.Response:
    body = {"channel": "web", "sender": sender, "text": text, "message_id": uuid.uuid4().hex}
    return httpx.post(f"{stack.config.api_url}/chat/messages", json=body, timeout=timeout)


def reply_text(res: httpx.Response) -> str:
    return "\n".join(m["text"] for m in res.json()["messages"])


def fill_until_summary(stack: Stack, sender: str) -> None:
    steps = [
        ("tôi muốn gửi phản ánh", "nội dung phản ánh"),
        ("Cửa hàng xăng dầu gần chợ bán thiếu lít, đề nghị Sở kiểm tra giúp", "13/2023/NĐ-CP"),
        ("/affirm", "họ và tên"),
        ("Nguyễn Văn Mẫu", "số điện thoại"),
        ("0912 345 678", "xác nhận gửi"),
    ]
    for said, expected in steps:
        res = chat(stack, sender, said)
        assert res.status_code == 200 and res.json()["status"] == "ok", res.text
        assert expected.lower() in reply_text(res).lower(), (said, reply_text(res))


def check_polite(res: httpx.Response) -> str:
    """One answer during the outage: 200, polite, and never claiming a record without a tracking code."""
    assert res.status_code == 200, res.text
    data = res.json()
    said = reply_text(res)
    assert data["status"] in ("ok", "unavailable") and said.strip(), data
    assert "Traceback" not in said and "Internal Server Error" not in said
    if CODE.search(said):
        return said  # a confirmation: checked against the database afterwards
    assert not any(w.lower() in said.lower() for w in RECORDED_WORDS), said  # no "recorded" without a code
    if data["status"] == "unavailable":
        assert said == messages.RASA_DOWN
    return said


def stored_complaints(cluster: PrivateCluster) -> dict[str, list[str]]:
    engine = create_engine(cluster.url("sct"))
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT sender, code FROM complaints")).all()
    engine.dispose()
    found: dict[str, list[str]] = {}
    for sender, code in rows:
        found.setdefault(sender, []).append(code)
    return found


def wait_until_answered(stack: Stack, timeout: float = 90) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        res = chat(stack, f"probe-{uuid.uuid4().hex[:6]}", "cửa hàng xăng dầu cần giấy tờ gì")
        if res.status_code == 200 and res.json()["status"] == "ok":
            return time.monotonic() - started
        time.sleep(0.5)
    raise AssertionError(f"the services did not recover within {timeout} s of PostgreSQL's restart")


def test_postgres_killed_mid_conversations_and_mid_complaints(pg_stack):
    stack, cluster = pg_stack
    talk = f"pgk-talk-{uuid.uuid4().hex[:6]}"
    first = chat(stack, talk, "xin giấy phép bán lẻ rượu cần giấy tờ gì")
    assert first.json()["status"] == "ok" and "bán lẻ rượu" in reply_text(first)
    drafts = [f"pgk-{i}-{uuid.uuid4().hex[:6]}" for i in range(DRAFTS)]
    for sender in drafts:
        fill_until_summary(stack, sender)

    # confirmations and questions in flight while PostgreSQL is SIGKILLed
    with ThreadPoolExecutor(DRAFTS + 2) as pool:
        confirms = {}
        for i, sender in enumerate(drafts):
            confirms[sender] = pool.submit(chat, stack, sender, "/affirm")
            if i == KILL_AFTER:
                killed = cluster.kill9()
            time.sleep(0.2)
        questions = [pool.submit(chat, stack, talk, "còn lệ phí thì sao?"),
                     pool.submit(chat, stack, f"pgk-new-{uuid.uuid4().hex[:6]}", "xin chào")]  # fmt: skip
        during = {sender: check_polite(f.result()) for sender, f in confirms.items()}
        for f in questions:
            check_polite(f.result())
    assert len(killed) >= 3  # the postmaster and its children
    down = chat(stack, talk, "còn lệ phí thì sao?")
    assert check_polite(down) == messages.RASA_DOWN  # nothing is computed on an empty conversation
    health = httpx.get(f"{stack.config.api_url}/health", timeout=10)
    assert health.status_code >= 500 and "Traceback" not in health.text  # infrastructure sees it; citizens do not

    restart = cluster.start()
    recovered = wait_until_answered(stack)
    print(f"\nPostgreSQL restarted in {restart:.1f} s; services answering {recovered:.1f} s later")
    assert [name for name, proc in stack.procs if proc.poll() is not None] == []  # nothing was restarted

    resumed = chat(stack, talk, "còn lệ phí thì sao?")  # the conversation from before the kill, from PostgreSQL
    assert resumed.json()["status"] == "ok" and "bán lẻ rượu" in reply_text(resumed), reply_text(resumed)

    confirmed = {s: CODE.search(said).group(0) for s, said in during.items() if CODE.search(said)}
    print(f"confirmations during the kill: {len(confirmed)} with a code, {DRAFTS - len(confirmed)} politely not")
    stored = stored_complaints(cluster)
    for sender, code in confirmed.items():
        assert stored.get(f"web-{sender}") == [code], (sender, code, stored.get(f"web-{sender}"))
    retried = [s for s in drafts if s not in confirmed]
    assert retried, "the kill came too late: every confirmation went through"
    for sender in retried:  # the citizen presses «Xác nhận gửi» again: the kept draft, same idempotency key
        again = chat(stack, sender, "/affirm")
        assert again.json()["status"] == "ok" and CODE.search(reply_text(again)), reply_text(again)
        confirmed[sender] = CODE.search(reply_text(again)).group(0)
    stored = stored_complaints(cluster)
    for sender in drafts:
        assert stored.get(f"web-{sender}") == [confirmed[sender]]  # exactly one record per complaint
