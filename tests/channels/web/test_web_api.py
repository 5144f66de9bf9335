"""The widget's server side: chat outbox (service + GET /chat/updates), static files, demo page, CORS."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from bot.api.main import create_app
from bot.api.routes.web import WIDGET_DIR
from bot.db.base import engine_for, session_factory
from bot.db.outbox import MAX_BATCH, push, updates_after
from bot.settings import Settings

ALLOWED = "https://congthuong.bacninh.example.vn"
EVIL = "https://evil.example"


@pytest.fixture()
def session(db_url):
    with session_factory(db_url)() as s:
        yield s


def test_outbox_returns_a_users_messages_in_order_after_the_cursor(session, db_url):
    first = push(session, "web", "w-outbox-a", "staff", "Chào anh/chị, tôi là cán bộ Sở.")
    push(session, "web", "w-outbox-b", "staff", "tin của người khác")
    push(session, "telegram", "w-outbox-a", "staff", "cùng mã nhưng kênh khác")
    second = push(session, "web", "w-outbox-a", "system", "Cuộc trò chuyện đã được chuyển cho cán bộ.")
    rows = updates_after(session, "web", "w-outbox-a", 0)
    assert [(r.id, r.role, r.text) for r in rows] == [
        (first.id, "staff", "Chào anh/chị, tôi là cán bộ Sở."),
        (second.id, "system", "Cuộc trò chuyện đã được chuyển cho cán bộ."),
    ]
    assert [r.id for r in updates_after(session, "web", "w-outbox-a", first.id)] == [second.id]
    assert updates_after(session, "web", "w-outbox-a", second.id) == []


def test_outbox_batches_are_bounded(session):
    for i in range(MAX_BATCH + 5):
        push(session, "web", "w-outbox-many", "staff", f"tin {i}")
    rows = updates_after(session, "web", "w-outbox-many", 0, limit=10_000)
    assert len(rows) == MAX_BATCH
    assert [r.text for r in updates_after(session, "web", "w-outbox-many", rows[-1].id)] == [
        f"tin {i}" for i in range(MAX_BATCH, MAX_BATCH + 5)
    ]


@pytest.mark.parametrize(
    ("channel", "sender", "role", "text"),
    [
        ("fax", "w-1", "staff", "x"),
        ("web", "../etc/passwd", "staff", "x"),
        ("web", "w-1", "admin", "x"),
        ("web", "w-1", "bot", "x"),
        ("web", "w-1", "staff", " \u200b\x00 "),
    ],
)
def test_outbox_refuses_bad_rows(session, channel, sender, role, text):
    with pytest.raises(ValueError):
        push(session, channel, sender, role, text)


def test_outbox_query_has_its_index(db_url):
    indexes = inspect(engine_for(db_url)).get_indexes("chat_outbox")
    assert {"name": "ix_chat_outbox_channel_sender_id", "columns": ["channel", "sender", "id"]} in [
        {"name": i["name"], "columns": i["column_names"]} for i in indexes
    ]


def test_updates_endpoint_pages_with_the_cursor(client, session):
    staff = push(session, "web", "w-endpoint-1", "staff", "Anh/chị vui lòng chờ trong giây lát.")
    own = {"X-SCT-Conversation-Token": client.app.state.conversation_keys.token("w-endpoint-1")}
    res = client.get("/chat/updates", params={"channel": "web", "sender": "w-endpoint-1", "after": 0}, headers=own)
    assert res.status_code == 200
    assert res.headers["cache-control"] == "no-store"
    body = res.json()
    assert body["cursor"] == staff.id
    assert [(m["id"], m["text"], m["sender_role"]) for m in body["messages"]] == [
        (staff.id, "Anh/chị vui lòng chờ trong giây lát.", "staff")
    ]
    again = client.get("/chat/updates", params={"sender": "w-endpoint-1", "after": body["cursor"]}, headers=own).json()
    assert again == {"messages": [], "cursor": staff.id, "handoff": None}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sender": "<script>"},
        {"sender": "x" * 200},
        {"sender": "w-1", "after": -1},
        {"sender": "w-1", "after": "abc"},
        {"sender": "w-1", "after": 2**70},
        {"sender": "w-1", "channel": "fax"},
    ],
)
def test_updates_endpoint_refuses_bad_queries_in_vietnamese(client, params):
    res = client.get("/chat/updates", params=params)
    assert res.status_code == 422
    assert "không hợp lệ" in res.json()["detail"]


def test_widget_files_have_content_types_and_cache_headers(client):
    js = client.get("/widget/widget.js")
    assert js.status_code == 200
    assert js.headers["content-type"] == "text/javascript; charset=utf-8"
    assert js.headers["cache-control"] == "public, max-age=3600"
    assert js.headers["x-content-type-options"] == "nosniff"
    assert "SCTChatWidget" in js.text
    assert client.get("/widget/widget.js", headers={"If-None-Match": js.headers["etag"]}).status_code == 304
    css = client.get("/widget/widget.css")
    assert css.headers["content-type"] == "text/css; charset=utf-8"
    assert ".sct-bubble" in css.text


def test_widget_never_injects_html():
    js = (WIDGET_DIR / "widget.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js


@pytest.mark.parametrize("path", ["/widget/../settings.py", "/widget/%2e%2e/settings.py", "/widget/nope.js"])
def test_widget_files_do_not_leak_other_files(client, path):
    assert client.get(path).status_code == 404


def test_demo_page_embeds_the_widget_with_one_script_tag_under_a_strict_csp(client):
    res = client.get("/demo")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/html")
    csp = res.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    page = res.text
    assert '<script src="/widget/widget.js" data-title="Sở Công Thương thành phố Hải Phòng" defer></script>' in page
    assert "Trang minh hoạ" in page
    assert page.count("<script") == page.count("<script src=")  # nothing inline: the CSP would block it
    assert "onsubmit=" not in page and "onclick=" not in page
    assert client.get("/demo/assets/demo.css").headers["content-type"] == "text/css; charset=utf-8"


def test_demo_page_escapes_the_configured_names(db_url):
    settings = Settings(database_url=db_url, environment="test", department_name='Sở "<b>x</b>"')
    with TestClient(create_app(settings)) as c:
        page = c.get("/demo").text
    assert "<b>x</b>" not in page
    assert "Sở &quot;&lt;b&gt;x&lt;/b&gt;&quot;" in page


@pytest.fixture()
def cors_client(db_url):
    settings = Settings(database_url=db_url, environment="test", cors_origins=[ALLOWED], rasa_url="http://127.0.0.1:9")
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.parametrize(("method", "path"), [("POST", "/chat/messages"), ("GET", "/chat/updates")])
def test_cors_preflight_allows_configured_origins_only(cors_client, method, path):
    headers = {"Access-Control-Request-Method": method, "Access-Control-Request-Headers": "content-type"}
    ok = cors_client.options(path, headers={**headers, "Origin": ALLOWED})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == ALLOWED
    refused = cors_client.options(path, headers={**headers, "Origin": EVIL})
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers


def test_cors_responses_are_readable_by_allowed_origins_only(cors_client):
    params = {"sender": "w-cors-1", "after": 0}
    ok = cors_client.get("/chat/updates", params=params, headers={"Origin": ALLOWED})
    assert ok.headers["access-control-allow-origin"] == ALLOWED
    refused = cors_client.get("/chat/updates", params=params, headers={"Origin": EVIL})
    assert "access-control-allow-origin" not in refused.headers
