"""Office hours in Vietnam time, with public holidays from the dossier calendar; the clock is passed in."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.handoff.hours import OfficeHours, parse_period
from bot.identifiers import VIETNAM_TZ
from bot.settings import Settings

HOURS = OfficeHours.from_settings(Settings(environment="test"))


def vn(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=VIETNAM_TZ)


@pytest.mark.parametrize(
    ("when", "open_"),
    [
        ("2026-11-25 07:29", False),  # Wednesday, before the morning period
        ("2026-11-25 07:30", True),
        ("2026-11-25 11:29", True),
        ("2026-11-25 11:30", False),  # lunch break
        ("2026-11-25 13:30", True),
        ("2026-11-25 16:59", True),
        ("2026-11-25 17:00", False),
        ("2026-11-28 09:00", False),  # Saturday
        ("2026-11-29 09:00", False),  # Sunday
        ("2026-09-02 09:00", False),  # Quốc khánh (a Wednesday)
        ("2027-02-08 09:00", False),  # Tết (a Monday)
    ],
)
def test_default_hours_are_vietnamese_office_hours(when, open_):
    assert HOURS.is_open(vn(when)) is open_


def test_utc_clock_is_read_in_vietnam_time():
    assert HOURS.is_open(dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.timezone.utc))  # 09:00 in Hà Nội
    assert not HOURS.is_open(dt.datetime(2026, 11, 25, 16, 0, tzinfo=dt.timezone.utc))  # 23:00 in Hà Nội


def test_configurable_days_periods_and_holidays():
    hours = OfficeHours.from_settings(
        Settings(
            environment="test", handoff_weekdays=[5, 6], handoff_hours=["08:00-24:00"], handoff_skip_holidays=False
        )
    )
    assert hours.is_open(vn("2026-11-28 23:30")) and not hours.is_open(vn("2026-11-25 09:00"))
    assert HOURS.holiday(dt.date(2026, 9, 2)) == "Quốc khánh"
    assert HOURS.describe() == "thứ Hai đến thứ Sáu, 7:30–11:30 và 13:30–17:00"


@pytest.mark.parametrize("spec", ["11:30-07:30", "7h-8h", "", "25:00-26:00"])
def test_bad_period_is_refused(spec):
    with pytest.raises(ValueError):
        parse_period(spec)
