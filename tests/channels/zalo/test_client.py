"""The real OA API client against the fake OA server: success, API errors, server errors, timeouts."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.zalo.client import MAX_TEXT, ZaloApiError, ZaloOaClient
from bot.channels.zalo.signature import event_signature, signature_is_valid
from tests.servers import free_port


def test_text_is_sent_with_the_access_token_header(fake_oa):
    client = ZaloOaClient(fake_oa.url, "token-abc", timeout=5)
    message_id = asyncio.run(client.send_text("8810001", "Xin chào " + "x" * 3000))
    assert message_id == "m1"
    [sent] = fake_oa.sent
    assert sent.access_token == "token-abc" and sent.user_id == "8810001"
    assert len(sent.text) == MAX_TEXT


@pytest.mark.parametrize(("mode", "reason"), [("error", "Access token is invalid"), ("http500", "HTTP 500")])
def test_api_errors_raise_a_typed_error(fake_oa, mode, reason):
    fake_oa.mode = mode
    with pytest.raises(ZaloApiError) as caught:
        asyncio.run(ZaloOaClient(fake_oa.url, "t", timeout=5).send_text("1", "a"))
    assert caught.value.reason == reason
    assert caught.value.code == (-216 if mode == "error" else None)


def test_timeout_and_unreachable_api_raise_a_typed_error(fake_oa):
    fake_oa.mode, fake_oa.slow_seconds = "slow", 2.0
    with pytest.raises(ZaloApiError, match="timeout"):
        asyncio.run(ZaloOaClient(fake_oa.url, "t", timeout=0.3).send_text("1", "a"))
    with pytest.raises(ZaloApiError, match="unreachable"):
        asyncio.run(ZaloOaClient(f"http://127.0.0.1:{free_port()}", "t", timeout=2).send_text("1", "a"))


def test_signature_test_vector():
    """mac= + sha256(app_id + raw body + timestamp + OA secret key), hex; vector computed once by hand."""
    body = b'{"app_id":"360846524940903967","event_name":"user_send_text","timestamp":"1700000000000"}'
    args = ("360846524940903967", body, "1700000000000", "oa-secret")
    expected = "mac=14455c046eb8d13daa0c56ee58a5ba225422f9fc541d781cd3221738eca1a488"
    assert event_signature(*args) == expected
    assert signature_is_valid(expected, *args)
    assert signature_is_valid(" " + expected.upper().replace("MAC=", "mac="), *args)
    assert not signature_is_valid(expected, "360846524940903967", body + b" ", "1700000000000", "oa-secret")
    assert not signature_is_valid(expected, *args[:3], "other-secret")
    assert not signature_is_valid(expected, "360846524940903968", *args[1:])
    assert not signature_is_valid(None, *args) and not signature_is_valid("", *args)
