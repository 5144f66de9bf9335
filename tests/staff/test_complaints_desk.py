"""Complaints desk on SQLite and PostgreSQL: list and filters, status and answer (audited), admin-only audited
export, the citizen reading the staff answer through the bot's status look-up, hotline complaints from the
copilot, and the copilot's dossier box on the bot's own look-up service."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.complaints.consent import HOTLINE_VERSION
from bot.complaints.models import ComplaintRow
from bot.complaints.service import create_complaint
from bot.db.base import session_factory
from bot.identifiers import COMPLAINT_CODE
from bot.staff.models import AuditEntry
from tests.complaints.helpers import body as complaint_body
from tests.complaints.helpers import new_complaint
from tests.dossiers.conftest import phone_of
from tests.staff.conftest import RoleClient, ensure_user, login_form


def _login(app, username: str) -> RoleClient:
    client = TestClient(app)
    response = login_form(client, username)
    assert response.status_code == 303, response.text
    home = client.get("/staff/complaints")
    return RoleClient(username, client, re.search(r'name="csrf-token" content="([^"]+)"', home.text).group(1))


@pytest.fixture(scope="module")
def desk(client, sample_db) -> Iterator[dict[str, RoleClient]]:
    """Logged-in clients (own cookies) on the session app of `db_url`: desk-staff and desk-admin."""
    for role in ("staff", "admin"):
        ensure_user(sample_db, f"desk-{role}", role)
    clients = {role: _login(client.app, f"desk-{role}") for role in ("staff", "admin")}
    yield clients
    for rc in clients.values():
        rc.client.close()


def _audit(db_url: str, code: str) -> list[AuditEntry]:
    with session_factory(db_url)() as db:
        return list(db.scalars(select(AuditEntry).where(AuditEntry.target_id == code).order_by(AuditEntry.id)))


def test_citizen_reads_the_answer_staff_wrote(client, desk, db_url):
    citizen = f"web-{uuid.uuid4().hex[:12]}"
    filed = client.post("/bot/complaints", json=complaint_body(sender=citizen))
    assert filed.status_code == 201, filed.text
    code = filed.json()["code"]
    op = desk["staff"]
    h = {"X-CSRF-Token": op.csrf}

    listed = op.client.get("/staff/api/complaints", params={"q": code.lower().replace("-", " ")}).json()
    assert listed["total"] == 1 and listed["items"][0]["code"] == code
    assert listed["items"][0]["name"] == "Nguyễn Văn An" and listed["items"][0]["contact"] == "0912345678"

    moved = op.client.patch(
        f"/staff/api/complaints/{code}",
        headers=h,
        json={"status": "processing", "note": "chuyển phòng Quản lý thương mại"},
    )
    assert moved.status_code == 200 and moved.json()["status"] == "processing"
    answer = "Sở đã kiểm tra hồ sơ của anh/chị; giấy phép sẽ được trả trong tuần này. Trân trọng."
    answered = op.client.post(f"/staff/api/complaints/{code}/answer", headers=h, json={"answer": answer})
    assert answered.status_code == 200, answered.text
    record = answered.json()
    assert record["status"] == "answered" and record["answer"] == answer and record["answered_by"] == "desk-staff"
    assert [x["to"] for x in record["history"]] == ["received", "processing", "answered"]
    assert [a["action"] for a in record["audit"]] == ["complaint.answer", "complaint.status"]

    seen = client.get(f"/bot/complaints/{code}", params={"sender": citizen}).json()
    assert seen["status"] == "answered" and seen["status_label"] == "Đã trả lời" and answer in seen["text"]
    stranger = client.get(f"/bot/complaints/{code}", params={"sender": "web-someone-else"}).json()
    assert answer not in stranger["text"]

    entries = _audit(db_url, code)
    assert [(e.action, e.username) for e in entries] == [
        ("complaint.status", "desk-staff"),
        ("complaint.answer", "desk-staff"),
    ]
    assert entries[0].before == {"status": "received"} and entries[0].after["status"] == "processing"
    assert entries[1].before["answer"] is None and entries[1].after["answer"] == answer


def test_refused_changes_say_why_and_leave_no_audit_entry(client, desk, db_url):
    code = client.post("/bot/complaints", json=complaint_body()).json()["code"]
    op = desk["staff"]
    h = {"X-CSRF-Token": op.csrf}
    assert op.client.patch(f"/staff/api/complaints/{code}", headers=h, json={"status": "answered"}).status_code == 409
    assert op.client.patch(f"/staff/api/complaints/{code}", headers=h, json={"status": "xyz"}).status_code == 409
    empty = op.client.post(f"/staff/api/complaints/{code}/answer", headers=h, json={"answer": "   "})
    assert empty.status_code == 422 and "ký tự" in empty.json()["detail"]
    assert _audit(db_url, code) == []
    assert op.client.patch(f"/staff/api/complaints/{code}", headers=h, json={"status": "closed"}).status_code == 200
    closed = op.client.post(f"/staff/api/complaints/{code}/answer", headers=h, json={"answer": "Trả lời muộn."})
    assert closed.status_code == 409 and "mở lại" in closed.json()["detail"]
    assert [e.action for e in _audit(db_url, code)] == ["complaint.status"]
    assert op.client.get("/staff/api/complaints/PAKN-2026-999999").status_code == 404
    assert op.client.get("/staff/api/complaints/khong-phai-ma").status_code == 404
    assert (
        op.client.patch("/staff/api/complaints/PAKN-2026-999999", headers=h, json={"status": "closed"}).status_code
        == 404
    )


def test_filters_and_paging(desk, db_url):
    marker = f"mốc-{uuid.uuid4().hex[:8]}"
    days = [dt.datetime(2026, 3, d, 3, 0, tzinfo=dt.timezone.utc) for d in (2, 3, 4, 5, 6)]
    channels = ["web", "zalo", "telegram", "web", "hotline"]
    with session_factory(db_url)() as db:
        for day, channel in zip(days, channels, strict=True):
            create_complaint(
                db, new_complaint(channel=channel, content=f"Phản ánh thử nghiệm {marker} về thủ tục."), now=day
            )
    op = desk["staff"]

    def api(**params):
        response = op.client.get("/staff/api/complaints", params={"q": marker, **params})
        assert response.status_code == 200, response.text
        return response.json()

    assert api()["total"] == 5
    assert api(channel="web")["total"] == 2
    assert api(since="2026-03-03", until="2026-03-05")["total"] == 3
    assert api(since="2026-03-06")["total"] == 1 and api(until="2026-03-01")["total"] == 0
    assert api(status="received")["total"] == 5 and api(status="answered")["total"] == 0
    first, second, third = (api(size=2, page=p) for p in (1, 2, 3))
    codes = [i["code"] for i in first["items"] + second["items"] + third["items"]]
    assert len(codes) == len(set(codes)) == 5 and first["total"] == 5
    assert first["items"][0]["created_at"].startswith("2026-03-06")  # newest first
    for bad, word in (
        ({"status": "mới"}, "Trạng thái"),
        ({"channel": "fax"}, "Kênh"),
        ({"since": "05/03/2026"}, "Ngày"),
        ({"since": "2026-03-06", "until": "2026-03-01"}, "sau"),
    ):
        response = op.client.get("/staff/api/complaints", params=bad)
        assert response.status_code == 422 and word in response.json()["detail"], bad

    page = op.client.get("/staff/complaints", params={"q": marker, "channel": "web"})
    assert page.status_code == 200 and page.text.count(f"{marker}") >= 2
    assert page.text.count('href="/staff/complaints/PAKN-') == 4  # 2 rows, code and content link each
    bad_page = op.client.get("/staff/complaints", params={"since": "hôm qua"})
    assert bad_page.status_code == 400 and "Ngày bắt đầu không hợp lệ" in bad_page.text


def test_export_is_admin_only_and_audited(client, desk, db_url):
    marker = f"xuất-{uuid.uuid4().hex[:8]}"
    client.post(
        "/bot/complaints",
        json=complaint_body(content=f"=HYPERLINK(1) phản ánh {marker} chậm trả kết quả", name="Trần Thị Xuất"),
    )
    staff = desk["staff"].client.get("/staff/api/complaints/export.csv", params={"q": marker})
    assert staff.status_code == 403
    admin = desk["admin"].client.get("/staff/api/complaints/export.csv", params={"q": marker, "status": "received"})
    assert admin.status_code == 200 and admin.headers["content-type"].startswith("text/csv")
    assert "attachment" in admin.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(admin.text.lstrip("\ufeff"))))
    assert len(rows) == 1 and rows[0]["applicant_name"] == "Trần Thị Xuất" and rows[0]["contact"] == "0912345678"
    assert rows[0]["content"].startswith("'=")  # no formula runs when the file is opened in a spreadsheet
    with session_factory(db_url)() as db:
        entry = db.scalars(
            select(AuditEntry).where(AuditEntry.action == "complaint.export").order_by(AuditEntry.id.desc())
        ).first()
    assert entry.username == "desk-admin" and entry.after["rows"] == 1
    assert entry.after["filter"]["q"] == marker and entry.after["filter"]["status"] == "received"
    assert marker in entry.summary and "Đã tiếp nhận" in entry.summary
    assert "Xuất CSV" in desk["admin"].client.get("/staff/complaints").text
    assert "Xuất CSV" not in desk["staff"].client.get("/staff/complaints").text


def test_pages_answer_and_change_status_with_csrf(client, desk, db_url):
    citizen = f"web-{uuid.uuid4().hex[:12]}"
    code = client.post("/bot/complaints", json=complaint_body(sender=citizen)).json()["code"]
    op = desk["staff"]
    view = op.client.get(f"/staff/complaints/{code}")
    assert view.status_code == 200 and "Nguyễn Văn An" in view.text and "0912345678" in view.text
    assert "Đã tiếp nhận" in view.text and 'name="csrf_token"' in view.text
    no_csrf = op.client.post(f"/staff/complaints/{code}/answer", data={"answer": "Trả lời không có mã"})
    assert no_csrf.status_code == 403
    empty = op.client.post(f"/staff/complaints/{code}/answer", data={"answer": " ", "csrf_token": op.csrf})
    assert empty.status_code == 422 and "ký tự" in empty.text
    done = op.client.post(
        f"/staff/complaints/{code}/answer",
        follow_redirects=False,
        data={"answer": "Sở đã tiếp nhận và xử lý xong.", "csrf_token": op.csrf},
    )
    assert done.status_code == 303 and done.headers["location"] == f"/staff/complaints/{code}?saved=answer"
    after = op.client.get(done.headers["location"]).text
    assert "Đã lưu câu trả lời" in after and "Trả lời phản ánh" in after and "desk-staff" in after
    assert "Sở đã tiếp nhận và xử lý xong." in client.get(f"/bot/complaints/{code}", params={"sender": citizen}).text
    wrong = op.client.post(f"/staff/complaints/{code}/status", data={"status": "received", "csrf_token": op.csrf})
    assert wrong.status_code == 409 and "Không thể chuyển" in wrong.text
    closed = op.client.post(
        f"/staff/complaints/{code}/status",
        follow_redirects=False,
        data={"status": "closed", "note": "đã xong", "csrf_token": op.csrf},
    )
    assert closed.status_code == 303
    assert [e.action for e in _audit(db_url, code)] == ["complaint.answer", "complaint.status"]
    assert op.client.get("/staff/complaints/PAKN-2026-999998").status_code == 404
    assert op.client.get("/staff/complaints/<script>").status_code == 404


def _hotline_form(op: RoleClient, **query) -> dict[str, str]:
    page = op.client.get("/staff/copilot/complaint", params=query)
    assert page.status_code == 200
    assert "Nghị định 13/2023/NĐ-CP" in page.text and HOTLINE_VERSION in page.text
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page.text).group(1)
    return {"idempotency_key": key, "csrf_token": op.csrf}


def test_copilot_complaint_is_stored_with_channel_hotline(desk, db_url):
    op = desk["staff"]
    marker = f"tổng đài {uuid.uuid4().hex[:8]}"
    form = _hotline_form(op, content=f"Người gọi phản ánh {marker}", procedure_code="2.000620")
    fields = {
        **form,
        "name": "Phạm Văn Gọi",
        "contact": "0903 123 456",
        "procedure_code": "2.000620",
        "content": f"Người gọi phản ánh {marker}: hồ sơ nộp trực tuyến bị trả lại nhiều lần.",
    }
    refused = op.client.post("/staff/copilot/complaint", data=fields)  # no consent ticked
    assert refused.status_code == 422 and "Chưa đánh dấu sự đồng ý" in refused.text
    with session_factory(db_url)() as db:
        assert db.scalar(select(ComplaintRow).where(ComplaintRow.content.contains(marker))) is None
    stored = op.client.post("/staff/copilot/complaint", data={**fields, "consent": "on"})
    assert stored.status_code == 200 and "Đã ghi nhận phản ánh" in stored.text
    code = re.search(f'id="cf-code">({COMPLAINT_CODE})<', stored.text).group(1)
    again = op.client.post("/staff/copilot/complaint", data={**fields, "consent": "on"})  # resubmitted page
    assert code in again.text and "đã được ghi nhận trước đó" in again.text
    with session_factory(db_url)() as db:
        rows = list(db.scalars(select(ComplaintRow).where(ComplaintRow.content.contains(marker))))
    assert [r.code for r in rows] == [code]
    row = rows[0]
    assert (row.channel, row.sender, row.consent_version) == ("hotline", "hotline:desk-staff", HOTLINE_VERSION)
    assert (row.contact, row.procedure_code, row.applicant_name) == ("0903123456", "2.000620", "Phạm Văn Gọi")
    assert [(e.action, e.username) for e in _audit(db_url, code)] == [("complaint.create", "desk-staff")]
    assert op.client.get("/staff/api/complaints", params={"channel": "hotline", "q": code}).json()["total"] == 1

    api = _hotline_form(op)
    bad = op.client.post(
        "/staff/api/copilot/complaints",
        headers={"X-CSRF-Token": op.csrf},
        json={
            "idempotency_key": api["idempotency_key"],
            "content": "ngắn",
            "name": "",
            "contact": "12",
            "consent": False,
            "dossier_code": "???",
        },
    )
    assert bad.status_code == 422
    assert set(bad.json()["detail"]["errors"]) == {"content", "name", "contact", "consent", "dossier_code"}
    ok = op.client.post(
        "/staff/api/copilot/complaints",
        headers={"X-CSRF-Token": op.csrf},
        json={
            "idempotency_key": api["idempotency_key"],
            "name": "Lê Văn Gọi",
            "contact": "goi@example.vn",
            "consent": True,
            "content": f"Phản ánh {marker} qua API của tổng đài, đề nghị Sở xem xét.",
        },
    )
    assert ok.status_code == 201 and ok.json()["channel"] == "hotline" and ok.json()["sender"] == "hotline:desk-staff"


def test_dossier_box_uses_the_bots_lookup_rate_limited_per_operator(client, desk, sample_db, sample_roles):
    code = sample_roles["overdue"]
    op = desk["staff"]
    h = {"X-CSRF-Token": op.csrf}
    spaced = code.lower().replace("-", " - ")
    found = op.client.post("/staff/api/copilot/dossier", headers=h, json={"code": spaced}).json()
    assert found["status"] == "found" and found["code"] == code and not found["verified"]
    assert "MẪU" in found["text"] and found["timeliness"] == "overdue"
    assert found["complaint_prefill"]["dossier_code"] == code
    last4 = phone_of(sample_db, code)[-4:]
    verified = op.client.post("/staff/api/copilot/dossier", headers=h, json={"code": code, "phone_last4": last4})
    assert verified.json()["verified"] is True and "Quá trình xử lý" in verified.json()["text"]
    limits = client.app.state.dossiers.limits
    statuses = [
        op.client.post("/staff/api/copilot/dossier", headers=h, json={"code": code}).json()["status"]
        for _ in range(limits.lookups.count)
    ]
    assert statuses[-1] == "rate_limited"
    other = desk["admin"]
    assert (
        other.client.post(
            "/staff/api/copilot/dossier", headers={"X-CSRF-Token": other.csrf}, json={"code": code}
        ).json()["status"]
        == "found"
    )  # limits are per operator
    box = op.client.get("/staff/copilot").text
    assert 'data-slot="dossier-lookup"' in box and 'id="dl-form"' in box


def test_hostile_input_never_crashes_nor_leaks(client, desk):
    op = desk["staff"]
    h = {"X-CSRF-Token": op.csrf}
    for q in ("%", "_", "' OR 1=1 --", "<script>alert(1)</script>", "\x00\x01", "ư" * 200, "PAKN-0000-000000"):
        listed = op.client.get("/staff/api/complaints", params={"q": q})
        assert listed.status_code == 200, q
        page = op.client.get("/staff/complaints", params={"q": q})
        assert page.status_code == 200 and "<script>alert(1)</script>" not in page.text
    assert op.client.get("/staff/api/complaints", params={"q": "x" * 201}).status_code == 422
    assert op.client.get("/staff/api/complaints", params={"page": 0}).status_code == 422
    assert op.client.get("/staff/api/complaints", params={"since": "2026-02-30"}).status_code == 422
    for raw in (b"\xff\xfe", b"[]", b'{"status": 5}'):
        response = op.client.request(
            "PATCH",
            "/staff/api/complaints/PAKN-2026-000001",
            content=raw,
            headers={**h, "content-type": "application/json"},
        )
        assert response.status_code == 422, raw
    code = client.post("/bot/complaints", json=complaint_body()).json()["code"]
    nul = op.client.patch(f"/staff/api/complaints/{code}", headers=h, json={"status": "processing", "note": "a\x00b"})
    assert nul.status_code == 200 and nul.json()["history"][-1]["note"] == "ab"
    answered = op.client.post(
        f"/staff/api/complaints/{code}/answer", headers=h, json={"answer": "Trả lời\x00 có\r\nký tự lạ\u200b."}
    )
    assert answered.status_code == 200 and answered.json()["answer"] == "Trả lời có\nký tự lạ."
    dossier = op.client.post("/staff/api/copilot/dossier", headers=h, json={"code": "<b>x</b>" * 20})
    assert dossier.status_code == 200 and dossier.json()["status"] in ("invalid_code", "rate_limited")
    hotline = op.client.post(
        "/staff/copilot/complaint",
        data={"csrf_token": op.csrf, "idempotency_key": "../../x", "content": "\x00" * 50, "consent": "on"},
    )
    assert hotline.status_code == 422 and "Biểu mẫu đã cũ" in hotline.text
