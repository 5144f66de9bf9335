"""Issue 20: kill -9 of one backend, one action server and one Rasa of the production profile while citizens talk.

The session's production stack (tests/conftest.py `production_stack`) runs supervised for this test: the killed
instances are restarted by bot.stack's supervisor, nginx routes around them meanwhile, and a conversation begun
before the kills goes on. Only the messages in flight at the moment of the kill may fail (nginx retries a POST on
the next instance only when it never reached the dead one, so a message is never processed twice).
"""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid

import httpx
import pytest

from bot.stack import Stack

VICTIMS = ("backend-0", "actions-0", "rasa-0")
QUESTIONS = ("cửa hàng xăng dầu cần giấy tờ gì", "lệ phí bao nhiêu", "nộp hồ sơ ở đâu", "mất bao lâu")


def chat(stack: Stack, sender: str, text: str) -> dict:
    body = {"channel": "web", "sender": sender, "text": text, "message_id": uuid.uuid4().hex}
    res = httpx.post(f"{stack.config.api_url}/chat/messages", json=body, timeout=60)
    return {
        "http": res.status_code,
        **(res.json() if res.headers.get("content-type", "").startswith("application/json") else {}),
    }


def wait_serving(stack: Stack, names, timeout: float) -> dict[str, float]:
    """Seconds until each named instance serves (health / Rasa status with its token), from now."""
    start = time.monotonic()
    left, took = set(names), {}
    while left and time.monotonic() - start < timeout:
        for name in list(left):
            if stack.serving(name):
                took[name] = time.monotonic() - start
                left.discard(name)
        time.sleep(0.25)
    assert not left, f"not serving again after {timeout:.0f} s: {sorted(left)}"
    return took


class Citizens:
    """A few citizens talking back to back in threads; every answer is recorded with its start and end time."""

    def __init__(self, stack: Stack, count: int = 3) -> None:
        self.stack, self.stop = stack, threading.Event()
        self.answers: list[tuple[float, float, str, dict]] = []
        self.threads = [threading.Thread(target=self._talk, args=(i,), daemon=True) for i in range(count)]

    def _talk(self, i: int) -> None:
        n = 0
        while not self.stop.is_set():
            if n % 8 == 0:  # a new conversation every 8 messages: under the hub's 30 messages a minute per sender
                sender = f"kill-{i}-{uuid.uuid4().hex[:6]}"
            began = time.monotonic()
            try:
                answer = chat(self.stack, sender, QUESTIONS[n % len(QUESTIONS)])
            except httpx.HTTPError as exc:
                answer = {"http": 0, "error": type(exc).__name__}
            self.answers.append((began, time.monotonic(), sender, answer))
            n += 1
            time.sleep(0.3)

    def __enter__(self) -> Citizens:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=90)


@pytest.fixture
def supervised(production_stack):
    stack = production_stack
    stack.supervise()  # earlier tests may have left instances dead: the supervisor brings them back first
    wait_serving(stack, stack.instances(), 240)
    yield stack
    stack.supervisor.stop()


def test_killed_instances_of_each_kind_are_restarted_while_citizens_keep_talking(supervised):
    stack = supervised
    sender = f"kill-conv-{uuid.uuid4().hex[:6]}"
    first = chat(stack, sender, "xin giấy phép bán lẻ rượu cần giấy tờ gì")
    assert first["status"] == "ok" and "bán lẻ rượu" in first["messages"][0]["text"]
    old = dict(stack.procs)
    restarts_before = len([e for e in stack.supervisor.events if e.kind == "restarted"])

    with Citizens(stack) as citizens:
        time.sleep(2)
        killed_at = time.monotonic()
        for name in VICTIMS:
            os.killpg(old[name].pid, signal.SIGKILL)
        time.sleep(1)
        # meanwhile the other instances serve: a new conversation is answered at once
        during = chat(stack, f"kill-new-{uuid.uuid4().hex[:6]}", "cửa hàng xăng dầu cần giấy tờ gì")
        assert during["status"] == "ok" and "xăng dầu" in during["messages"][0]["text"].lower(), during
        took = wait_serving(stack, VICTIMS, 240)
        served_again_at = time.monotonic()
        time.sleep(2)

    new = dict(stack.procs)
    assert all(new[name].pid != old[name].pid and new[name].poll() is None for name in VICTIMS)
    assert all(old[name].pid == new[name].pid for name in new if name not in VICTIMS)  # nobody else restarted
    restarted = [e.name for e in stack.supervisor.events if e.kind == "restarted"][restarts_before:]
    assert sorted(restarted) == sorted(VICTIMS)
    print(f"serving again after the kill (s): { {n: round(t + 1, 1) for n, t in took.items()} }")

    # Only a message in flight at the kill may fail outright (cut). Otherwise a citizen may get the hub's polite
    # "try again" (HTTP 200, status unavailable) while the killed instances come back: a conversation whose Redis
    # lock the killed Rasa held waits for it (TICKET_LOCK_LIFETIME 20 s), and under CI load a restarting instance
    # can refuse a request before nginx skips it. Those stay few and end once every instance serves again.
    bad = [(b, e, s, a) for b, e, s, a in citizens.answers if a.get("http") != 200 or a.get("status") != "ok"]
    cut = {s for b, e, s, a in citizens.answers if b <= killed_at <= e}
    polite = [x for x in bad if x[3].get("http") == 200 and x[3].get("status") == "unavailable"]
    # nginx does not resend a POST the restarting backend accepted and dropped: that one message gets a 502
    dropped = [x for x in bad if x[3].get("http") == 502 and x[0] < served_again_at]
    impolite = [x for x in bad if x[2] not in cut and x not in polite and x not in dropped]
    assert not impolite, impolite
    assert len(dropped) <= 2, dropped
    assert all(b < served_again_at + 21 for b, e, s, a in bad), bad
    assert len(citizens.answers) > 20
    assert len(bad) <= max(3, len(citizens.answers) // 10), bad

    fee = chat(stack, sender, "còn lệ phí thì sao?")  # the conversation from before the kills goes on
    assert fee["status"] == "ok" and "bán lẻ rượu" in fee["messages"][0]["text"], fee
    for name in VICTIMS:  # each restarted instance serves a conversation itself, not only its health check
        kind, base = stack.instances()[name]
        if kind == "backend":
            body = {"channel": "web", "sender": sender, "text": "nộp ở đâu"}
            assert httpx.post(f"{base}/chat/messages", json=body, timeout=60).json()["status"] == "ok"
        elif kind == "rasa":
            tracker = httpx.get(f"{base}/conversations/web-{sender}/tracker", params=stack.rasa_params, timeout=10)
            assert tracker.json()["slots"]["procedure_code"] == "2.000620"
        else:
            assert httpx.get(f"{base}/actions", headers=stack.action_headers, timeout=10).status_code == 200
