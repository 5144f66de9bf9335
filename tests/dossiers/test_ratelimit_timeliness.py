from __future__ import annotations

import datetime as dt

from bot.dossiers.ratelimit import InMemoryRateLimiter, Limit
from bot.dossiers.records import VN_TZ, DossierRecord
from bot.dossiers.statuses import STATUS_INFO, Channel, Status
from bot.dossiers.timeliness import Timeliness, timeliness_of


class Clock:
    """A settable clock: the limiter takes its time source as a parameter."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sliding_window_limits_and_recovers():
    clock = Clock()
    limiter = InMemoryRateLimiter(clock)
    limit = Limit(3, 600)
    assert [limiter.hit("a", limit).allowed for _ in range(4)] == [True, True, True, False]
    assert limiter.hit("b", limit).allowed  # another sender is not affected
    blocked = limiter.check("a", limit)
    assert not blocked.allowed and 599 <= blocked.retry_after <= 600
    clock.now += 601
    assert limiter.check("a", limit).allowed and limiter.check("a", limit).remaining == 3
    assert limiter.hit("a", limit).remaining == 2
    limiter.reset("a")
    assert limiter.check("a", limit).remaining == 3


def test_many_keys_are_evicted_not_accumulated():
    clock = Clock()
    limiter = InMemoryRateLimiter(clock, max_keys=10)
    for i in range(10):
        limiter.hit(f"k{i}", Limit(1, 60))
    clock.now += 61
    limiter.hit("new", Limit(1, 60))
    assert len(limiter._events) == 1


def _record(status: Status, due: dt.date | None, result: dt.date | None = None) -> DossierRecord:
    return DossierRecord(
        code="000.00.18.H12-261001-0001",
        procedure_code="2.000620",
        applicant_name="A",
        applicant_phone="0900000000",
        channel=Channel.online,
        received_at=dt.datetime(2026, 10, 1, 9, tzinfo=VN_TZ),
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
