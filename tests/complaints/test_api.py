"""The bot's complaint API on SQLite and PostgreSQL: create, idempotency, refusals, status by code, rate limits."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from bot.api.main import create_app
from bot.complaints.codes import code_year
from bot.complaints.models import ComplaintRow
from bot.complaints.service import answer_complaint, set_status, utcnow
from bot.db.base import session_factory
from bot.settings import Settings
from tests.complaints.helpers import body


def _rows_with_key(db_url: str, key: str) -> list[ComplaintRow]:
    with session_factory(db_url)() as session:
        return list(session.scalars(select(ComplaintRow).where(ComplaintRow.idempotency_key == key)))


def test_consent_text_endpoint(client):
    out = client.get("/bot/complaints/consent-text").json()
    assert out["version"] and "dữ liệu cá nhân" in out["text"] and "rút lại sự đồng ý" in out["text"]


def test_create_happy_path_is_committed_before_the_reply(client, db_url):
    data = body(dossier_code=" 000.00.18.h12-250412-0007 ", contact="+84 912 345 678")
    res = client.post("/bot/complaints", json=data)
    assert res.status_code == 201, res.text
    out = res.json()
    assert re.fullmatch(rf"PAKN-{code_year(utcnow())}-\d{{6}}", out["code"])
    assert out["status"] == "received" and out["created"] is True
    assert out["code"] in out["text"] and "tra cứu" in out["text"] and "091" in out["text"]
    assert "0912345678" not in out["text"]  # the contact is shown masked
    [row] = _rows_with_key(db_url, data["idempotency_key"])  # a fresh session sees it: committed
    assert row.code == out["code"] and row.contact == "0912345678" and row.contact_kind == "phone"
    assert row.dossier_code == "000.00.18.H12-250412-0007" and row.procedure_code == "2.000620"
    assert row.consent_given and row.consent_version and row.consent_at is not None
    assert row.applicant_name == "Nguyễn Văn An" and row.channel == "web"


def test_repeated_key_returns_the_same_record(client, db_url):
    data = body(contact="an.nguyen@example.vn")
    first = client.post("/bot/complaints", json=data)
    again = client.post("/bot/complaints", json={**data, "content": "Nội dung khác khi gửi lại lần thứ hai."})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["code"] == first.json()["code"] and again.json()["created"] is False
    assert len(_rows_with_key(db_url, data["idempotency_key"])) == 1


def test_concurrent_duplicate_deliveries_create_one_record(client, db_url):
    data = body()
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: client.post("/bot/complaints", json=data), range(6)))
    assert sorted(r.status_code for r in results) == [200] * 5 + [201]
    assert len({r.json()["code"] for r in results}) == 1
    assert len(_rows_with_key(db_url, data["idempotency_key"])) == 1


def test_same_key_from_another_sender_is_refused(client):
    data = body()
    assert client.post("/bot/complaints", json=data).status_code == 201
    res = client.post("/bot/complaints", json={**data, "sender": "web-someone-else"})
    assert res.status_code == 409 and res.json()["field"] == "idempotency_key"


def test_missing_or_refused_consent_stores_nothing(client, db_url):
    for consent in (None, False, "no"):
        data = body(consent=consent) if consent is not None else {k: v for k, v in body().items() if k != "consent"}
        res = client.post("/bot/complaints", json=data)
        assert res.status_code == 422 and res.json()["field"] == "consent", res.text
        assert "đồng ý" in res.json()["detail"]
        assert _rows_with_key(db_url, data["idempotency_key"]) == []


def test_invalid_fields_are_refused_with_the_field_and_what_to_do(client, db_url):
    cases = [
        ({"contact": "0912 345"}, "contact", "Số điện thoại chưa đúng"),
        ({"contact": "an@gmail"}, "contact", "email"),
        ({"contact": 912345678}, "contact", "0912 345 678"),
        ({"content": "ngắn"}, "content", "quá ngắn"),
        ({"content": "x" * 30000}, "content", "quá dài"),
        ({"name": ""}, "name", "họ tên"),
        ({"channel": "fax"}, "channel", "telegram"),
        ({"idempotency_key": "short"}, "idempotency_key", "idempotency_key"),
        ({"sender": "bad sender!"}, "sender", "sender"),
        ({"procedure_code": "DROP TABLE"}, "procedure_code", "2.000620"),
        ({"dossier_code": "<script>"}, "dossier_code", "Mã hồ sơ"),
    ]
    for change, field, hint in cases:
        data = body(**change)
        res = client.post("/bot/complaints", json=data)
        assert res.status_code == 422, (change, res.text)
        assert res.json()["field"] == field and hint in res.json()["detail"], (change, res.json())
        if isinstance(data["idempotency_key"], str):
            assert _rows_with_key(db_url, data["idempotency_key"]) == []


def test_malformed_bodies_never_crash(client):
    for raw in (b"", b"\xff\xfe", b"[1, 2]", b"null", b'{"content": {"$gt": ""}}', b"{" * 5000):
        res = client.post("/bot/complaints", content=raw, headers={"content-type": "application/json"})
        assert res.status_code == 422 and res.json()["detail"], raw[:20]


def test_validate_endpoint_uses_the_same_rules(client):
    ok = client.post("/bot/complaints/validate", json={"field": "contact", "value": "+84 912 345 678"}).json()
    assert ok == {"valid": True, "normalized": "0912345678", "message": ""}
    bad = client.post("/bot/complaints/validate", json={"field": "contact", "value": "12345"}).json()
    assert bad["valid"] is False and bad["normalized"] is None and "email" in bad["message"]
    name = client.post("/bot/complaints/validate", json={"field": "name", "value": " trần  văn bình "}).json()
    assert name["valid"] and name["normalized"] == "trần văn bình"
    short = client.post("/bot/complaints/validate", json={"field": "content", "value": "abc"}).json()
    assert not short["valid"] and "10 ký tự" in short["message"]
    assert client.post("/bot/complaints/validate", json={"field": "password", "value": "x"}).status_code == 422


def test_status_by_code_shows_the_answer_only_to_the_sender(client, db_url):
    data = body()
    code = client.post("/bot/complaints", json=data).json()["code"]
    owner = client.get(f"/bot/complaints/{code}", params={"sender": data["sender"]}).json()
    assert owner["status"] == "received" and owner["status_label"] == "Đã tiếp nhận" and code in owner["text"]

    with session_factory(db_url)() as session:
        set_status(session, code, "processing", actor="staff:lan")
        answer_complaint(session, code, "Sở đã liên hệ bộ phận một cửa; hồ sơ sẽ có kết quả ngày 28/11.", "staff:lan")

    spaced = " ".join(code.lower().split("-"))  # "pakn 2026 000123"
    owner = client.get(f"/bot/complaints/{spaced}", params={"sender": data["sender"]}).json()
    assert owner["code"] == code and owner["status"] == "answered" and owner["status_label"] == "Đã trả lời"
    assert "kết quả ngày 28/11" in owner["text"]
    other = client.get(f"/bot/complaints/{code}", params={"sender": "web-stranger"}).json()
    assert other["status"] is None and other["needs_contact"] and "4 số cuối" in other["text"]  # contact first
    shown = client.post("/bot/complaints/status", json={"code": code, "sender": "web-stranger", "contact": "5678"})
    assert shown.json()["status"] == "answered" and "kết quả ngày 28/11" not in shown.json()["text"]
    assert "theo cách đã hẹn" in shown.json()["text"]  # how it was promised, without saying to whom
    anonymous = client.get(f"/bot/complaints/{code}").json()
    assert anonymous["status"] is None and "kết quả ngày 28/11" not in anonymous["text"]


def test_status_by_code_errors(client):
    res = client.get("/bot/complaints/PAKN-2026-999999", params={"sender": "web-x"})  # same answer as a known code
    assert res.status_code == 200 and res.json()["status"] is None and "PAKN-2026-999999" in res.json()["text"]
    for bad in ("hello", "PAKN-20-1", "' OR 1=1 --", "PAKN-2026-000000"):
        res = client.get(f"/bot/complaints/{bad}", params={"sender": "web-x"})
        assert res.status_code == 422 and "PAKN-2026-000123" in res.json()["detail"], bad


def test_rate_limits_per_sender(db_url):
    settings = Settings(database_url=db_url, environment="test", complaint_create_limit=2, complaint_lookup_limit=3)
    with TestClient(create_app(settings)) as limited:
        data = body()
        assert limited.post("/bot/complaints", json=data).status_code == 201
        assert limited.post("/bot/complaints", json=data).status_code == 200  # a re-delivery is not counted
        assert limited.post("/bot/complaints", json=body(sender=data["sender"])).status_code == 201
        refused = limited.post("/bot/complaints", json=body(sender=data["sender"]))
        assert refused.status_code == 429 and "thử lại sau" in refused.json()["detail"]
        assert int(refused.headers["Retry-After"]) > 0
        assert limited.post("/bot/complaints", json=body()).status_code == 201  # another sender is not limited
        for _ in range(3):
            assert limited.get("/bot/complaints/PAKN-2026-999998", params={"sender": "web-enum"}).status_code == 200
        res = limited.get("/bot/complaints/PAKN-2026-999997", params={"sender": "web-enum"})
        assert res.status_code == 429 and "tra cứu" in res.json()["detail"]
        with session_factory(db_url)() as session:
            count = session.scalar(select(func.count()).where(ComplaintRow.sender == data["sender"]))
        assert count == 2


def test_database_down_gives_503_and_never_a_code():
    settings = Settings(database_url="postgresql+psycopg://postgres@127.0.0.1:1/none", environment="test")
    with TestClient(create_app(settings)) as down:
        res = down.post("/bot/complaints", json=body())
        assert res.status_code == 503 and "code" not in res.json() and "thử lại" in res.json()["detail"]
        res = down.get("/bot/complaints/PAKN-2026-000001", params={"sender": "web-x"})
        assert res.status_code == 503 and "thử lại" in res.json()["detail"]
