"""bot.stack starts the Telegram gateway next to the other services when a token is set."""

from __future__ import annotations

from bot.stack import Stack, StackConfig
from tests.servers import free_port


def test_stack_starts_the_gateway_and_it_polls(fake_api):
    token = "555:stack-token-SECRETVALUE"
    env = {"SCT_TELEGRAM_TOKEN": token, "SCT_TELEGRAM_API_BASE_URL": fake_api.url}
    stack = Stack(StackConfig(api_port=free_port(), env=env))
    try:
        assert stack.start_telegram(settle=1.5)
        assert [name for name, _ in stack.procs] == ["telegram"]
        fake_api.wait_for(token, "getUpdates", timeout=30)
    finally:
        stack.stop()


def test_a_gateway_that_cannot_start_does_not_take_the_stack_down():
    stack = Stack(StackConfig(api_port=free_port(), env={"SCT_TELEGRAM_TOKEN": "", "SCT_TELEGRAM_MODE": "polling"}))
    try:
        assert not stack.start_telegram(settle=10)
        assert stack.procs == []
    finally:
        stack.stop()
