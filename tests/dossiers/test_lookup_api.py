"""POST /bot/dossiers/lookup on the real app and database (SQLite and PostgreSQL), sample dossiers loaded."""

from __future__ import annotations

import datetime as dt
import uuid

from fastapi.testclient import TestClient

from bot.api.main import create_app
from bot.db.base import session_factory
from bot.dossiers.statuses import Channel, Status
from bot.dossiers.store import add_event, create_dossier, find_dossier
from bot.identifiers import VIETNAM_TZ
from bot.settings import Settings
from tests.dossiers.conftest import name_of, phone_of
from tests.servers import free_port

KEYS = {"status", "code", "verified", "needs_verification", "timeliness", "text", "buttons", "complaint_prefill"}


def _sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def _lookup(client, text, sender=None, last4=None):
    response = client.post(
        "/bot/dossiers/lookup", json={"text": text, "sender": sender or _sender(), "phone_last4": last4}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == KEYS
    return body


def test_anyone_sees_status_but_not_details(client, sample_db, sample_roles):
    code = sample_roles["tet"]
    messy = f"mã hồ sơ của tôi là {code.lower().replace('-', ' - ')} nhé"
    body = _lookup(client, messy)
    assert body["status"] == "found" and body["code"] == code
    assert body["verified"] is False and body["needs_verification"] is True
    assert body["timeliness"] == "early"
    text = body["text"]
    assert "Đã trả kết quả" in text and "trước hạn" in text and "MẪU" in text
    assert "4 số cuối" in text
    assert "05/03/2026" not in text and "Quá trình xử lý" not in text  # due date and history withheld
    phone, name = phone_of(sample_db, code), name_of(sample_db, code)
    assert phone not in text and phone[-4:] not in text and name not in text
    assert body["buttons"] == [] and body["complaint_prefill"] is None


def test_verified_owner_sees_masked_details_and_history(client, sample_db, sample_roles):
    code = sample_roles["tet"]  # received Thursday 12/02/2026, 10 working days, Tết skipped
    phone, name = phone_of(sample_db, code), name_of(sample_db, code)
    body = _lookup(client, code, last4=f"{phone[-4:-2]} {phone[-2:]}")
    assert body["status"] == "found" and body["verified"] and not body["needs_verification"]
    text = body["text"]
    assert "Hạn trả kết quả: 05/03/2026 (thời hạn 10 ngày làm việc)" in text
    assert "Ngày tiếp nhận: 12/02/2026 10:15" in text
    assert "Quá trình xử lý:" in text and "Đã tiếp nhận" in text and "Đã có kết quả" in text
    assert "M*** " in text and name not in text
    assert phone not in text and phone[-4:] not in text  # masked: first 3 and last 2 digits only
    assert "Hình thức nộp: trực tiếp" in text


def test_late_dossier_offers_a_prefilled_complaint(client, sample_db, sample_roles):
    code = sample_roles["tet_late"]
    body = _lookup(client, code)
    assert body["timeliness"] == "late"
    assert body["buttons"] == [
        {"title": "Gửi phản ánh về hồ sơ này", "payload": f'/file_complaint{{"dossier_code":"{code}"}}'}
    ]
    prefill = body["complaint_prefill"]
    assert prefill["dossier_code"] == code and prefill["procedure_code"] == "2.000620"
    assert "chậm" in prefill["content"] and code in prefill["content"]
    assert "04/03/2026" not in prefill["content"]  # the due date is a detail: only once verified
    assert "phản ánh" in body["text"]
    verified = _lookup(client, code, last4=phone_of(sample_db, code)[-4:])
    assert "04/03/2026" in verified["complaint_prefill"]["content"]


def test_overdue_dossier(client, sample_db, sample_roles):
    code = sample_roles["overdue"]
    body = _lookup(client, code, last4=phone_of(sample_db, code)[-4:])
    assert body["timeliness"] == "overdue" and body["verified"]
    assert "quá thời hạn" in body["text"] and "Đã quá hạn" in body["text"]
    assert body["complaint_prefill"]["content"].count("quá thời hạn") == 1
    assert body["buttons"][0]["payload"].startswith("/file_complaint{")


def test_within_time_dossier_received_today(client, db_url):
    now = dt.datetime.now(VIETNAM_TZ)
    code = f"000.00.18.H12-{now:%y%m%d}-9{uuid.uuid4().int % 1000:03d}"
    with session_factory(db_url)() as session:
        row = create_dossier(
            session,
            code=code,
            procedure_code="2.000620",
            applicant_name="Trần Thị Bình",
            applicant_phone="0987654321",
            channel=Channel.direct,
            received_at=now,
        )
        add_event(row, Status.supplement_requested, now, "Bổ sung bản sao giấy phép")
        session.commit()
    body = _lookup(client, code)
    assert body["status"] == "found" and body["timeliness"] is None  # clock paused while waiting
    assert "Yêu cầu bổ sung" in body["text"]
    with session_factory(db_url)() as session:
        row = find_dossier(session, code)
        add_event(row, Status.in_progress, dt.datetime.now(VIETNAM_TZ), "Đã nhận phần bổ sung")
        session.commit()
    again = _lookup(client, code)
    assert again["timeliness"] == "within_time" and "trong thời hạn" in again["text"]


def test_wrong_digits_then_locked(client, sample_db, sample_roles):
    code = sample_roles["late"]
    sender = _sender()
    right = phone_of(sample_db, code)[-4:]
    wrong = "0000" if right != "0000" else "1111"
    first = _lookup(client, code, sender, wrong)
    assert first["status"] == "verification_failed" and not first["verified"] and first["needs_verification"]
    assert "không khớp" in first["text"] and "còn 2 lần" in first["text"]
    assert "Quá trình xử lý" not in first["text"]
    assert _lookup(client, code, sender, "abcd")["status"] == "verification_failed"  # not 4 digits
    assert _lookup(client, code, sender, wrong)["status"] == "verification_failed"
    locked = _lookup(client, code, sender, right)  # even the right digits wait now
    assert locked["status"] == "rate_limited" and not locked["verified"]
    assert "phút" in locked["text"] and "4 số cuối" in locked["text"]
    assert _lookup(client, code, sender)["status"] == "found"  # status without details is still answered


def test_not_found_invalid_and_enumeration_limits(client, sample_db):
    sender = _sender()
    missing = _lookup(client, "000.00.18.H12-991231-0001", sender)
    assert missing["status"] == "not_found" and missing["code"] == "000.00.18.H12-991231-0001"
    assert "kiểm tra lại mã" in missing["text"]
    invalid = _lookup(client, "hồ sơ của tôi đến đâu rồi", sender)
    assert invalid["status"] == "invalid_code" and invalid["code"] is None and "000.00.18.H12" in invalid["text"]
    for i in range(2, 6):
        assert _lookup(client, f"000.00.18.H12-991231-000{i}", sender)["status"] == "not_found"
    assert _lookup(client, "000.00.18.H12-991231-0009", sender)["status"] == "rate_limited"
    other = _sender()
    for _ in range(10):
        assert _lookup(client, "xin chào", other)["status"] == "invalid_code"
    limited = _lookup(client, "xin chào", other)
    assert limited["status"] == "rate_limited" and "quá nhiều lần" in limited["text"]


def test_bad_input_never_crashes(client, sample_db, sample_roles):
    url = "/bot/dossiers/lookup"
    assert client.post(url, json={}).status_code == 200  # empty: asks for the code
    assert client.post(url, json={}).json()["status"] == "invalid_code"
    assert client.post(url, json={"text": 123}).status_code == 422
    assert client.post(url, json={"text": "x" * 6000}).status_code == 422
    assert client.post(url, json={"text": "a", "phone_last4": ["1"]}).status_code == 422
    binary = client.post(url, content=b"\xff\xfe\x00", headers={"content-type": "application/json"})
    assert binary.status_code in (400, 422)
    body = client.post(url, json={"text": "'; DROP TABLE dossiers; -- \x00 <script>", "sender": "x"}).json()
    assert body["status"] == "invalid_code"
    assert _lookup(client, sample_roles["tet"])["status"] == "found"  # the table is still there


def test_one_stop_system_down_gives_a_clear_answer(sample_db):
    settings = Settings(
        database_url=sample_db,
        environment="test",
        onestop_base_url=f"http://127.0.0.1:{free_port()}",
        onestop_api_key="k",
        onestop_timeout=0.5,
        onestop_retries=1,
        onestop_hotline="0204 3 855 555",
    )
    with TestClient(create_app(settings)) as c:
        body = _lookup(c, "000.00.18.H12-260212-0001")
    assert body["status"] == "unavailable" and body["code"] == "000.00.18.H12-260212-0001"
    assert "không phản hồi" in body["text"] and "0204 3 855 555" in body["text"] and "thử lại" in body["text"]
