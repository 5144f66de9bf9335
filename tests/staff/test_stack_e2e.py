"""End to end on the real stack: an editor created by the CLI logs in over HTTP, edits a fee, and the bot's
very next answer through Rasa carries the new fee; the copilot on the same backend uses Rasa's NLU."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid

import httpx

from bot.settings import ROOT
from bot.staff.forms import state_from
from tests.staff.test_catalog_admin import form_fields

CODE = "2.000620"
PASSWORD = "bien-tap-vien-e2e-1"


def _cli_user(stack, username: str, role: str) -> None:
    env = {**os.environ, **stack.config.env, "SCT_ADMIN_PASSWORD": PASSWORD}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "create-user", "--username", username, "--role", role],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def _login(base: str, username: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=30)
    page = client.get("/staff/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text).group(1)
    response = client.post("/staff/login", data={"username": username, "password": PASSWORD, "login_csrf": token})
    assert response.status_code == 303, response.text[:500]
    home = client.get(response.headers["location"])
    return client, re.search(r'name="csrf-token" content="([^"]+)"', home.text).group(1)


def _ask_bot(stack, text: str) -> str:
    reply = httpx.post(
        f"{stack.config.rasa_url}/webhooks/rest/webhook",
        json={"sender": f"e2e-{uuid.uuid4().hex[:8]}", "message": text},
        timeout=30,
    )
    reply.raise_for_status()
    return "\n".join(m.get("text", "") for m in reply.json())


def test_a_fee_edited_in_the_staff_app_is_in_the_bots_next_answer(stack):
    _cli_user(stack, "e2e-editor", "editor")
    client, csrf = _login(stack.config.api_url, "e2e-editor")
    body = client.get(f"/staff/api/procedures/{CODE}").json()
    original = body["procedure"]
    question = "xin giấy phép bán lẻ rượu lệ phí bao nhiêu"
    assert "987.000 đồng" not in _ask_bot(stack, question)
    state = state_from(original)
    state["fees"] = [
        {"kind": "Phí thẩm định", "amount_vnd": "987000", "per": "giấy phép", "text": "", "legal_basis": ""}
    ]
    try:
        saved = client.post(f"/staff/catalog/{CODE}/edit", data=dict(form_fields(state, csrf, body["content_hash"])))
        assert saved.status_code == 303, saved.text[:1000]
        answer = _ask_bot(stack, question)  # the next message, no wait, no retraining
        assert "987.000 đồng" in answer, answer
        assert "Cấp Giấy phép bán lẻ rượu" in answer
    finally:
        restored = client.put(
            f"/staff/api/procedures/{CODE}", json={"procedure": original}, headers={"X-CSRF-Token": csrf}
        )
        assert restored.status_code == 200
    assert "987.000 đồng" not in _ask_bot(stack, question)


def test_copilot_uses_rasa_nlu_on_the_stack(stack):
    _cli_user(stack, "e2e-tongdai", "staff")
    client, csrf = _login(stack.config.api_url, "e2e-tongdai")
    result = client.post(
        "/staff/api/copilot/analyze",
        headers={"X-CSRF-Token": csrf},
        json={"text": "xin giấy phép bán lẻ rượu cần giấy tờ gì"},
    ).json()
    assert result["understanding"]["source"] == "rasa"
    assert result["understanding"]["intent"] == "ask_documents"
    assert result["procedure"]["code"] == CODE
    assert "Hồ sơ" in result["suggested_answer"] or "hồ sơ" in result["suggested_answer"]
