"""/bot/* answer only the action server (X-SCT-Bot-Key); the public endpoints stay public."""

from __future__ import annotations

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from pydantic import ValidationError

from bot.api.bot_auth import BOT_KEY_HEADER
from bot.api.main import create_app
from bot.settings import Settings

KEY = "k3y-for-the-action-server-0123456789"
SAMPLE_PATHS = {"{code}": "PAKN-2026-000001"}
BODIES = {
    "/bot/answer": {"text": "xin giấy phép bán lẻ rượu cần giấy tờ gì", "intent": "ask_documents"},
    "/bot/dossiers/lookup": {"text": "000.00.18.H12-260212-0001", "sender": "web-key"},
    "/bot/complaints/validate": {"field": "contact", "value": "0912345678"},
    "/bot/complaints": {"idempotency_key": "key-test-0001"},
    "/bot/handoff": {"sender": "web-key"},
}


@pytest.fixture(scope="module")
def app(new_sqlite_db):
    url = new_sqlite_db("botkey")
    return create_app(Settings(database_url=url, environment="test", bot_api_key=KEY))


def bot_operations(app) -> list[tuple[str, str]]:
    ops = []
    for route in iter_route_contexts(app.routes):
        if (route.path or "").startswith("/bot"):
            path = route.path
            for name, value in SAMPLE_PATHS.items():
                path = path.replace(name, value)
            ops += [(method, path) for method in sorted(route.methods or ()) if method != "HEAD"]
    return ops


def _call(client: TestClient, method: str, path: str, headers: dict[str, str]):
    template = next((p for p in BODIES if p == path), None)
    return client.request(method, path, json=BODIES.get(template) if method == "POST" else None, headers=headers)


def test_every_bot_operation_refuses_a_missing_or_wrong_key(app):
    ops = bot_operations(app)
    assert len(ops) >= 9  # answer, fallback, out-of-scope, dossier look-up, 4 complaint operations, handoff
    with TestClient(app) as client:
        for method, path in ops:
            missing = _call(client, method, path, {})
            assert missing.status_code == 401, (method, path, missing.text)
            assert "X-SCT-Bot-Key" in missing.json()["detail"] and "thiếu khóa" in missing.json()["detail"]
            wrong = _call(client, method, path, {BOT_KEY_HEADER: KEY[:-1] + "x"})
            assert wrong.status_code == 403, (method, path, wrong.text)
            assert "không đúng" in wrong.json()["detail"] and "does not match" in wrong.json()["detail"]
            right = _call(client, method, path, {BOT_KEY_HEADER: KEY})
            assert right.status_code not in (401, 403, 500), (method, path, right.text)


def test_with_the_key_the_bot_is_answered(app):
    with TestClient(app, headers={BOT_KEY_HEADER: KEY}) as client:
        answer = client.post("/bot/answer", json=BODIES["/bot/answer"])
        assert answer.status_code == 200 and "bán lẻ rượu" in answer.json()["text"]
        assert client.get("/bot/complaints/consent-text").json()["version"]


def test_public_endpoints_need_no_key(app):
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
        assert client.get("/procedures", params={"q": "rượu"}).status_code == 200
        assert client.get("/widget/widget.js").status_code == 200
        chat = client.post("/chat/messages", json={"channel": "web", "sender": "pub", "text": ""})
        assert chat.status_code == 200


def test_the_key_is_documented_as_a_security_scheme(app):
    with TestClient(app) as client:
        spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["BotApiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": BOT_KEY_HEADER,
        "description": "the shared secret of the backend and the Rasa action server (SCT_BOT_API_KEY)",
    }
    answer = spec["paths"]["/bot/answer"]["post"]
    assert answer["security"] == [{"BotApiKey": []}] and {"401", "403"} <= set(answer["responses"])
    assert "security" not in spec["paths"]["/chat/messages"]["post"]


def test_production_refuses_to_start_without_a_key():
    pg = "postgresql+psycopg://u@127.0.0.1:1/x"
    with pytest.raises(ValidationError, match="SCT_BOT_API_KEY must be set in production"):
        Settings(database_url=pg, environment="production")
    with pytest.raises(ValidationError, match="SCT_BOT_API_KEY"):
        Settings(database_url=pg, environment="production", bot_api_key="short")
    assert Settings(database_url=pg, environment="production", bot_api_key=KEY).bot_api_key.get_secret_value() == KEY
