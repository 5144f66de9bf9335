"""Fixtures: one fake Bot API server, and real gateway processes (`python -m bot.channels.telegram`) pointed at it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bot.settings import ROOT
from tests.channels.telegram.fake_bot_api import FakeBotApi
from tests.servers import free_port


@dataclass
class Gateway:
    token: str
    proc: subprocess.Popen
    log_path: Path
    webhook_url: str = ""

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def alive(self) -> bool:
        return self.proc.poll() is None


@pytest.fixture(scope="session")
def fake_api() -> Iterator[FakeBotApi]:
    api = FakeBotApi().start()
    yield api
    api.stop()


def start_gateway(api: FakeBotApi, token: str, backend_url: str, **env: str) -> Gateway:
    log_path = Path(tempfile.mkdtemp(prefix="sct-tg-")) / "gateway.log"
    full_env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SCT_TELEGRAM_TOKEN": token,
        "SCT_TELEGRAM_API_BASE_URL": api.url,
        "SCT_BACKEND_URL": backend_url,
        **env,
    }
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.channels.telegram"],
            cwd=ROOT,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    gateway = Gateway(token, proc, log_path)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not gateway.alive():
            raise RuntimeError(f"gateway exited:\n{gateway.log()}")
        if env.get("SCT_TELEGRAM_MODE") == "webhook":
            port = env["SCT_TELEGRAM_WEBHOOK_PORT"]
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    return gateway
            except httpx.HTTPError:
                pass
        elif api.calls_of(token, "getUpdates"):
            return gateway
        time.sleep(0.1)
    stop_gateway(gateway)
    raise TimeoutError(f"gateway did not start:\n{gateway.log()}")


def stop_gateway(gateway: Gateway) -> None:
    if gateway.alive():
        gateway.proc.terminate()
        try:
            gateway.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            gateway.proc.kill()
            gateway.proc.wait()


@pytest.fixture(scope="module")
def gateway(fake_api, stack) -> Iterator[Gateway]:
    """Polling gateway relaying to the real stack's backend (and so to the real Rasa)."""
    running = start_gateway(
        fake_api,
        "111:polling-token-SECRETVALUE",
        stack.config.api_url,
        SCT_CHANNEL_SECRET=stack.config.channel_secret,
    )
    yield running
    stop_gateway(running)


@pytest.fixture(scope="module")
def webhook_gateway(fake_api, stack) -> Iterator[Gateway]:
    port = free_port()
    url = f"https://bot.example.gov.vn/telegram/hook-{port}"
    running = start_gateway(
        fake_api,
        "222:webhook-token-SECRETVALUE",
        stack.config.api_url,
        SCT_CHANNEL_SECRET=stack.config.channel_secret,
        SCT_TELEGRAM_MODE="webhook",
        SCT_TELEGRAM_WEBHOOK_URL=url,
        SCT_TELEGRAM_WEBHOOK_SECRET="s3cr3t_Hook-value",
        SCT_TELEGRAM_WEBHOOK_PORT=str(port),
    )
    running.webhook_url = f"http://127.0.0.1:{port}/telegram/hook-{port}"
    yield running
    stop_gateway(running)
