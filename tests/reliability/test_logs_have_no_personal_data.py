"""No personal data in any service log written during the test run (runs last: marked `last`).

Before scanning, the test itself sends a message full of personal data through the chat hub, so the scan
means something even when run alone. It then reads every var/log/*.log written since this session's stack
started (backend, action server, Rasa, and anything else there) and fails on a Vietnamese phone number,
a 12-digit ID number, an email address or a sample name used by the tests, showing the line masked.
"""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path
from urllib.parse import unquote_plus

import httpx
import pytest

from bot.stack import LOG_DIR

PHONE = r"(?<![\d.])(?:\+84|84|0)[ .-]?[35789]\d(?:[ .-]?\d){7}(?![\d])"
ID_NUMBER = r"(?<![\d.])\d{12}(?![\d.])"
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
SAMPLE_NAMES = ["Nguyễn Thị Mẫu", "Trần Văn Mẫu", "Lê Văn Mẫu", "Phạm Thị Kiểm Tra", "Kẻ Giả"]
PERSONAL = re.compile("|".join([PHONE, ID_NUMBER, EMAIL, *(re.escape(n) for n in SAMPLE_NAMES)]), re.IGNORECASE)
UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
OUT_OF_SCOPE_PROBE = "làm sổ đỏ mất bao lâu, sđt 0912 345 678"  # out of scope: the actions send such text in a URL
PROBE = (
    "Tôi là Phạm Thị Kiểm Tra, số điện thoại 0987 654 321 (+84912345678), email kiem.tra@example.com, "
    "CCCD 001203004567, hồ sơ xin giấy phép bán lẻ rượu của tôi cần giấy tờ gì?"
)


def readable(line: str) -> list[str]:
    """The line with \\uXXXX escapes (JSON logs) decoded, and that again with %XX / + decoded (URLs)."""
    unescaped = UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), line)
    return [unescaped, unquote_plus(unescaped)] if "%" in unescaped or "+" in unescaped else [unescaped]


def personal_data(line: str) -> list[str]:
    found = [m.group(0) for text in readable(line) for m in PERSONAL.finditer(text)]
    keys = [item.lstrip("+") for item in found]  # "+84..." decoded from a URL becomes " 84...": one finding
    return [item for i, item in enumerate(found) if keys[i] not in keys[:i]]


def masked(line: str) -> str:
    text = readable(line)[-1]
    return PERSONAL.sub(lambda m: m.group(0)[:2] + "*" * (len(m.group(0)) - 2), text).strip()[:300]


def test_the_scanner_finds_what_it_looks_for():
    assert personal_data(PROBE) == [
        "Phạm Thị Kiểm Tra",
        "0987 654 321",
        "+84912345678",
        "kiem.tra@example.com",
        "001203004567",
    ]
    assert personal_data('{"text": "t\\u00f4i l\\u00e0 Nguy\\u1ec5n Th\\u1ecb M\\u1eabu"}') == ["Nguyễn Thị Mẫu"]
    assert personal_data('"GET /bot/out-of-scope?q=s%E1%BB%95+%C4%91%E1%BB%8F+0912+345+678 HTTP/1.1"') == [
        "0912 345 678"
    ]
    assert personal_data("POST /chat/messages HTTP/1.1 200 OK 2026-11-25 16:15:38.123456 took 0.0123 s") == []
    assert masked("sđt 0987654321") == "sđt 09********"


@pytest.mark.last
def test_no_log_line_holds_personal_data(stack):
    for text in (PROBE, OUT_OF_SCOPE_PROBE):
        res = httpx.post(
            f"{stack.config.api_url}/chat/messages",
            json={"channel": "web", "sender": f"pii-{uuid.uuid4().hex[:8]}", "text": text},
            timeout=30,
        )
        assert res.status_code == 200
    time.sleep(1)  # let the services write their lines
    own = [LOG_DIR / f"{name}.log" for name, _proc in stack.procs]
    assert own and all(p.exists() for p in own)
    since = min(p.stat().st_ctime for p in own) - 1
    logs = [p for p in sorted(Path(LOG_DIR).glob("*.log")) if p.stat().st_mtime >= since]
    found = [
        f"{path.name}:{number}: {masked(line)}"
        for path in logs
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if personal_data(line)
    ]
    assert not found, f"personal data in {len(found)} log lines, e.g.:\n" + "\n".join(found[:10])
