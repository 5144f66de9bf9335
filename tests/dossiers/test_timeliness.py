from __future__ import annotations

import datetime as dt

from bot.dossiers.records import DossierRecord
from bot.dossiers.statuses import STATUS_INFO, Channel, Status
from bot.dossiers.timeliness import Timeliness, timeliness_of
from bot.identifiers import VIETNAM_TZ


def _record(status: Status, due: dt.date | None, result: dt.date | None = None) -> DossierRecord:
    return DossierRecord(
        code="000.00.18.H12-261001-0001",
        procedure_code="2.000620",
        applicant_name="A",
        applicant_phone="0900000000",
        channel=Channel.online,
        received_at=dt.datetime(2026, 10, 1, 9, tzinfo=VIETNAM_TZ),
        due_date=due,
        status=status,
        result_date=result,
    )


def test_timeliness():
    due = dt.date(2026, 10, 13)
    today = dt.date(2026, 10, 20)
    assert timeliness_of(_record(Status.returned, due, dt.date(2026, 10, 9)), today) == Timeliness.early
    assert timeliness_of(_record(Status.processed, due, due), today) == Timeliness.on_time
    assert timeliness_of(_record(Status.returned, due, dt.date(2026, 10, 14)), today) == Timeliness.late
    assert timeliness_of(_record(Status.in_progress, due), dt.date(2026, 10, 13)) == Timeliness.within_time
    assert timeliness_of(_record(Status.received, due), today) == Timeliness.overdue
    assert timeliness_of(_record(Status.supplement_requested, due), today) is None  # clock paused
    assert timeliness_of(_record(Status.rejected, due), today) is None
    assert timeliness_of(_record(Status.in_progress, None), today) is None


def test_every_status_is_explained_in_vietnamese():
    assert set(STATUS_INFO) == set(Status)
    for info in STATUS_INFO.values():
        assert info.label and info.meaning.endswith(".") and info.next_step.endswith(".")
        assert any(ch in info.meaning + info.next_step for ch in "ăâđêôơư")
