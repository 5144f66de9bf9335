"""Complaint services on SQLite and PostgreSQL: codes under concurrency, yearly sequences, staff operations."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from bot.complaints.models import ComplaintRow, ComplaintSequenceRow
from bot.complaints.service import (
    ComplaintFilter,
    ComplaintNotFound,
    ConsentRequired,
    InvalidTransition,
    answer_complaint,
    counts_between,
    create_complaint,
    export_csv,
    get_complaint,
    list_complaints,
    set_status,
)
from bot.db.base import session_factory
from tests.complaints.helpers import new_complaint

UTC = dt.timezone.utc


def _at(year: int, month: int = 6, day: int = 1, hour: int = 3) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=UTC)


def _create_in_threads(db_url: str, items: list, now: dt.datetime, workers: int = 8) -> list[tuple[str, bool]]:
    """Each item is created from its own thread and session, all released at once."""
    sessions = session_factory(db_url)
    start = threading.Barrier(min(workers, len(items)))

    def run(item):
        with sessions() as session:
            with contextlib.suppress(threading.BrokenBarrierError):
                start.wait(timeout=10)
            row, created = create_complaint(session, item, now=now)
            return row.code, created

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, items))


def test_codes_are_unique_and_gapless_under_concurrency(db_url):
    year = 2041 if db_url.startswith("sqlite") else 2042
    items = [new_complaint() for _ in range(24)]
    results = _create_in_threads(db_url, items, now=_at(year))
    codes = [code for code, created in results]
    assert all(created for _, created in results)
    assert len(set(codes)) == 24
    assert sorted(codes) == [f"PAKN-{year}-{n:06d}" for n in range(1, 25)]
    with session_factory(db_url)() as session:
        assert session.get(ComplaintSequenceRow, year).last_value == 24


def test_concurrent_duplicates_of_one_key_make_one_record(db_url):
    item = new_complaint()
    results = _create_in_threads(db_url, [item] * 8, now=_at(2043))
    assert len({code for code, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    with session_factory(db_url)() as session:
        rows = session.scalars(select(ComplaintRow).where(ComplaintRow.idempotency_key == item.idempotency_key))
        assert len(list(rows)) == 1


def test_sequence_starts_again_each_year_in_vietnam_time(db_url):
    with session_factory(db_url)() as session:
        last_of_2044 = dt.datetime(2044, 12, 31, 16, 59, tzinfo=UTC)  # 23:59 in Vietnam
        first_of_2045 = dt.datetime(2044, 12, 31, 17, 1, tzinfo=UTC)  # 00:01 on 1/1/2045 in Vietnam
        a, _ = create_complaint(session, new_complaint(), now=last_of_2044)
        b, _ = create_complaint(session, new_complaint(), now=last_of_2044)
        c, _ = create_complaint(session, new_complaint(), now=first_of_2045)
        d, _ = create_complaint(session, new_complaint(), now=_at(2045, 3))
    assert [a.code, b.code, c.code, d.code] == [
        "PAKN-2044-000001",
        "PAKN-2044-000002",
        "PAKN-2045-000001",
        "PAKN-2045-000002",
    ]


def test_consent_is_required_by_the_service_too(db_url):
    with session_factory(db_url)() as session, pytest.raises(ConsentRequired):
        create_complaint(session, new_complaint(consent=False))


def test_staff_answer_changes_status_and_history(db_url):
    sessions = session_factory(db_url)
    with sessions() as session:
        row, _ = create_complaint(session, new_complaint(), now=_at(2046, 4, 2))
        code = row.code
        set_status(session, code, "processing", actor="staff:lan", note="chuyển phòng Quản lý thương mại",
                   now=_at(2046, 4, 3))  # fmt: skip
        with pytest.raises(InvalidTransition):
            set_status(session, code, "answered", actor="staff:lan")  # only through an answer
        with pytest.raises(InvalidTransition):
            set_status(session, code, "unknown", actor="staff:lan")
        answered = answer_complaint(session, code, "  Hồ sơ đã được giải quyết ngày 05/4.  ", "staff:lan",
                                    now=_at(2046, 4, 5))  # fmt: skip
        assert answered.status == "answered" and answered.answer == "Hồ sơ đã được giải quyết ngày 05/4."
        assert answered.answered_by == "staff:lan"
        set_status(session, code, "closed", actor="staff:hung", now=_at(2046, 4, 6))
        with pytest.raises(InvalidTransition):
            answer_complaint(session, code, "thêm", "staff:lan")
        with pytest.raises(ComplaintNotFound):
            set_status(session, "PAKN-2046-999999", "closed", actor="staff:lan")
    with sessions() as session:  # committed, seen from a new session
        row = get_complaint(session, code)
        steps = [(h.from_status, h.to_status, h.actor) for h in row.history]
        assert steps == [
            (None, "received", "citizen:web"),
            ("received", "processing", "staff:lan"),
            ("processing", "answered", "staff:lan"),
            ("answered", "closed", "staff:hung"),
        ]
        assert row.history[1].note == "chuyển phòng Quản lý thương mại"
        assert row.status == "closed" and row.answered_at is not None


def test_list_filter_export_and_monthly_counts(db_url):
    sender = f"web-list-{uuid.uuid4().hex[:6]}"
    with session_factory(db_url)() as session:
        formula = new_complaint(sender=sender, content='=HYPERLINK("x") hồ sơ chậm trả kết quả')
        first, _ = create_complaint(session, formula, now=_at(2047, 5, 2))
        second, _ = create_complaint(
            session, new_complaint(sender=sender, channel="zalo", dossier_code="H12-2047-9"), now=_at(2047, 5, 20)
        )
        create_complaint(session, new_complaint(sender=sender), now=_at(2047, 6, 1))
        answer_complaint(session, second.code, "Đã trả lời.", "staff:lan", now=_at(2047, 5, 25))

        may = ComplaintFilter(since=_at(2047, 5, 1, 0), until=_at(2047, 6, 1, 0))
        rows, total = list_complaints(session, may)
        assert total == 2 and [r.code for r in rows] == [second.code, first.code]  # newest first
        rows, total = list_complaints(session, ComplaintFilter(status="answered", since=_at(2047, 1, 1, 0)))
        assert [r.code for r in rows] == [second.code]
        rows, _ = list_complaints(session, ComplaintFilter(channel="zalo", text="h12-2047"))
        assert [r.code for r in rows] == [second.code]

        exported = list(csv.reader(io.StringIO(export_csv(session, may))))
        header, *lines = exported
        assert header[:3] == ["code", "status", "created_at"] and "contact" in header
        by_code = {line[0]: dict(zip(header, line, strict=True)) for line in lines}
        assert set(by_code) == {first.code, second.code}
        assert by_code[first.code]["content"].startswith("'=HYPERLINK")  # no formula injection
        assert by_code[second.code]["applicant_name"] == "Lê Thị Hoa" and by_code[second.code]["answer"]

        assert counts_between(session, _at(2047, 5, 1, 0), _at(2047, 6, 1, 0)) == {"received": 2, "answered": 1}
