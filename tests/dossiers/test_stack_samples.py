"""In development the stack's start-up loads the sample dossiers, so the demo can look them up at once."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import httpx

from bot.stack import Stack, StackConfig
from tests.staff.conftest import bearer_headers, ensure_user


def test_backend_start_up_loads_samples_in_development():
    db = Path(tempfile.mkdtemp(prefix="sct-dossier-stack-")) / "bot.db"
    offset = int(os.environ.get("SCT_TEST_PORT_OFFSET", "0"))
    env = {"SCT_DATABASE_URL": f"sqlite:///{db}", "SCT_ENVIRONMENT": "development"}
    stack = Stack(StackConfig(api_port=28090 + offset, action_port=25090 + offset, rasa_port=25091 + offset, env=env))
    try:
        stack.start_backend()  # backend only: no Rasa needed
        body = httpx.post(
            f"{stack.config.api_url}/bot/dossiers/lookup",
            json={"text": "000.00.18.H12-260212-0001", "sender": "stack-test"},
            headers=stack.bot_headers,
            timeout=10,
        ).json()
        auth = bearer_headers(
            httpx.Client(base_url=stack.config.api_url, timeout=10),
            ensure_user(f"sqlite:///{db}", "stack-report", "staff"),
        )  # the report is staff-only
        report = httpx.get(
            f"{stack.config.api_url}/reports/monthly", params={"month": "2026-10"}, headers=auth, timeout=10
        ).json()
    finally:
        stack.stop()
    assert body["status"] == "found" and "MẪU" in body["text"]
    assert report["rows"][0]["value"] == 331
