"""Working days on known dates: Tết, Giỗ Tổ, 30/4-1/5 with swaps, 2/9, year boundaries."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from bot.dossiers.calendar import DATA_FILE, WorkingCalendar, default_calendar, load_decisions
from bot.dossiers.deadlines import compute_due_date

D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return default_calendar()


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # Tết Bính Ngọ 2026: off Sat 14/02 - Sun 22/02 (Thông báo 9441/TB-BNV)
        (D(2026, 2, 12), 10, D(2026, 3, 5)),
        (D(2026, 2, 13), 8, D(2026, 3, 4)),
        (D(2026, 2, 13), 1, D(2026, 2, 23)),
        # Giỗ Tổ 2026 is Sunday 26/04 -> Monday 27/04 off; then 30/04 and 01/05
        (D(2026, 4, 24), 5, D(2026, 5, 6)),
        # Giỗ Tổ 2025: Monday 07/04
        (D(2025, 4, 4), 1, D(2025, 4, 8)),
        # 2025: 02/05 off, Saturday 26/04 worked instead
        (D(2025, 4, 25), 1, D(2025, 4, 26)),
        (D(2025, 4, 29), 1, D(2025, 5, 5)),
        # Quốc khánh 2025: 01/09 and 02/09
        (D(2025, 8, 29), 1, D(2025, 9, 3)),
        # Quốc khánh 2026: 31/08 swapped with Saturday 22/08; 01/09 and 02/09 off
        (D(2026, 8, 28), 1, D(2026, 9, 3)),
        (D(2026, 8, 21), 1, D(2026, 8, 22)),
        # Year boundary 2025 -> 2026: 01/01 off, 02/01 swapped with Saturday 10/01 (12729/VPCP-KGVX)
        (D(2025, 12, 31), 1, D(2026, 1, 5)),
        (D(2026, 1, 9), 1, D(2026, 1, 10)),
        # Year boundary 2026 -> 2027 (statutory days only): Friday 01/01/2027 off
        (D(2026, 12, 31), 1, D(2027, 1, 4)),
        (D(2026, 12, 30), 3, D(2027, 1, 5)),
        # an ordinary fortnight
        (D(2026, 10, 1), 10, D(2026, 10, 15)),
    ],
)
def test_add_working_days_on_known_dates(cal, received, days, due):
    assert cal.add_working_days(received, days) == due


def test_working_day_flags_and_names(cal):
    assert not cal.is_working_day(D(2026, 2, 17))
    assert "Tết" in (cal.holiday_name(D(2026, 2, 17)) or "")
    assert cal.is_working_day(D(2026, 1, 10)) and cal.holiday_name(D(2026, 1, 10)) is None  # make-up Saturday
    assert "12729/VPCP-KGVX" in (cal.holiday_name(D(2026, 1, 2)) or "")
    assert not cal.is_working_day(D(2026, 11, 28))  # an ordinary Saturday
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert cal.working_days_between(D(2026, 2, 23), D(2026, 2, 13)) == -1
    with pytest.raises(ValueError):
        cal.add_working_days(D(2026, 1, 1), -1)


def test_without_the_decisions_only_statutory_days_apply():
    bare = WorkingCalendar([])
    assert bare.is_working_day(D(2026, 1, 2))  # the 2026 swap is only in the decisions file
    assert default_calendar().is_working_day(D(2026, 1, 2)) is False


def test_decisions_file_is_sourced_and_consistent():
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    assert "2027" in DATA_FILE.read_text(encoding="utf-8")  # says which years are statutory only
    decisions = load_decisions()
    assert len(decisions) >= 4
    for dec in decisions:
        assert dec.document.strip() and dec.source.startswith("https://")
        assert all(d.weekday() < 5 for d in dec.days_off), dec.document  # a day off is a weekday
        assert all(d.weekday() >= 5 for d in dec.working_days), dec.document  # a make-up day is a weekend day
    assert set(data["years"]) == {2025, 2026}


def test_due_date_from_processing_time(cal):
    received = D(2026, 2, 12)
    assert compute_due_date(received, {"status": "known", "working_days": 10.0}, cal).due == D(2026, 3, 5)
    # calendar days: 7 days later is 19/02 (Tết) -> the next working day
    deadline = compute_due_date(D(2026, 2, 12), {"status": "known", "calendar_days": 7.0, "text": "7 ngày"}, cal)
    assert (deadline.due, deadline.working, deadline.wording) == (D(2026, 2, 23), False, "7 ngày")
    # the catalogue stored calendar days but the official wording says working days: the wording wins
    quirk = {"status": "known", "calendar_days": 7.0, "text": "07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"}
    assert compute_due_date(received, quirk, cal).due == cal.add_working_days(received, 7)
    assert compute_due_date(received, {"status": "known", "working_days": 0.5}, cal).days == 1
    assert compute_due_date(received, {"status": "unknown"}, cal) is None
    assert compute_due_date(received, {"status": "known", "text": "Không quy định"}, cal) is None
    assert compute_due_date(received, None, cal) is None
