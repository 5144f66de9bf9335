"""A name the service has never seen is not readable in a logged query string (issue 17, finding 5).

Names are masked in logs only once the service has seen them (complaint forms); a citizen's question travels in
the query string of GET /procedures/resolve, and an out-of-scope question in the action server's call to
GET /bot/out-of-scope?q=..., both written by the backend's access log. The access log now keeps a query's keys,
not its free-text values. Against the real stack: its backend's own log file.
"""

from __future__ import annotations

import time
import uuid
from urllib.parse import unquote_plus

import httpx

from bot.privacy.logging import redact_query
from bot.stack import LOG_DIR

UNSEEN = "Hoàng Thị Chưa Gặp"


def _log_since(offset: int) -> str:
    with open(LOG_DIR / "backend.log", "rb") as log:
        log.seek(offset)
        return unquote_plus(log.read().decode("utf-8", "replace"))


def test_a_name_never_seen_is_not_in_the_backends_access_log(stack):
    start = (LOG_DIR / "backend.log").stat().st_size
    question = f"tôi là {UNSEEN}, xin giấy phép bán lẻ rượu cần giấy tờ gì"
    assert httpx.get(f"{stack.config.api_url}/procedures/resolve", params={"q": question}, timeout=30).is_success
    out_of_scope = f"tôi là {UNSEEN}, làm sổ đỏ mất bao lâu"  # the action asks /bot/out-of-scope?q=<this>
    reply = httpx.post(
        f"{stack.config.api_url}/chat/messages",
        json={"channel": "web", "sender": f"log-{uuid.uuid4().hex[:8]}", "text": out_of_scope},
        timeout=60,
    ).json()
    assert "thẩm quyền" in reply["messages"][0]["text"]
    time.sleep(1)  # let the backend write its lines
    logged = _log_since(start)
    assert "GET /procedures/resolve?q=" in logged and "GET /bot/out-of-scope?q=" in logged  # the lines are there
    assert UNSEEN not in logged and "Chưa Gặp" not in logged


def test_paging_and_filters_stay_readable():
    updates = "/chat/updates?channel=web&sender=w-abc&after=41"
    assert redact_query(updates) == "/chat/updates?channel=web&sender=***&after=41"
    assert redact_query("/procedures/resolve?q=Nguy%E1%BB%85n&limit=5") == "/procedures/resolve?q=***&limit=5"
    assert redact_query("/health") == "/health"
