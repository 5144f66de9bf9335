"""The real backend process (`bot.cli serve`, uvicorn): complaint stored over HTTP, nothing personal in its log."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.settings import ROOT
from tests.complaints.helpers import body


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_served_backend_masks_personal_data_in_uvicorn_logs(tmp_path: Path):
    port = _free_port()
    log_path = tmp_path / "backend.log"
    key = {"X-SCT-Bot-Key": "process-test-key-0123456789"}
    env = {
        **os.environ,
        "SCT_DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "PYTHONPATH": str(ROOT),
        "SCT_BOT_API_KEY": key["X-SCT-Bot-Key"],
    }
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, log_path.read_text()
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "backend did not start"
            time.sleep(0.3)
        created = httpx.post(
            f"{base}/bot/complaints", json=body(name="Đặng Thu Thảo", contact="0977 888 999"), headers=key
        )
        assert created.status_code == 201
        # a citizen pasting a phone number or an email where the code goes ends up in the access log's path
        phone_path = httpx.get(f"{base}/bot/complaints/0977888999", params={"sender": "web-a"}, headers=key)
        assert phone_path.status_code == 422
        assert httpx.get(f"{base}/bot/complaints/thao.dang@example.vn", headers=key).status_code == 422
        assert httpx.get(f"{base}/bot/complaints/{created.json()['code']}").status_code == 401  # no key
        lookup = httpx.get(f"{base}/bot/complaints/{created.json()['code']}", headers=key)
        assert lookup.status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    text = log_path.read_text(encoding="utf-8")
    assert "GET /bot/complaints/" in text and "422" in text  # uvicorn's access lines are there
    for secret in ("0977888999", "0977 888 999", "thao.dang", "Thu Thảo"):
        assert secret not in text, secret
