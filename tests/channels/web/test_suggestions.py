"""The widget's greeting offers three example questions: each must reach the procedure it names."""

from __future__ import annotations

import hashlib
import re

import httpx
import pytest

from bot.api.routes.web import WIDGET_DIR


def suggestions() -> list[str]:
    js = (WIDGET_DIR / "widget.js").read_text(encoding="utf-8")
    block = re.search(r"suggestions: \[(.*?)\]", js, re.S)
    assert block, "suggestions list not found in widget.js"
    return re.findall(r"'([^']+)'", block.group(1))


EXPECTED = {
    "rượu": "Cấp Giấy phép bán lẻ rượu",
    "xăng dầu": "cửa hàng đủ điều kiện bán lẻ xăng dầu",
    "điện mặt trời": "điện mặt trời mái nhà",
}


def test_every_suggestion_has_an_expectation():
    assert len(suggestions()) == 3
    assert all(any(key in s for key in EXPECTED) for s in suggestions())


@pytest.mark.parametrize("text", suggestions())
def test_suggestion_is_answered_with_its_procedure(stack, text):
    res = httpx.post(
        f"{stack.config.api_url}/chat/messages",
        json={"channel": "web", "sender": "w-suggestion-" + hashlib.sha1(text.encode()).hexdigest()[:12], "text": text},
        timeout=30,
    )
    body = res.json()
    assert body["status"] == "ok"
    expected = next(v for k, v in EXPECTED.items() if k in text)
    assert expected in body["messages"][0]["text"]
