"""Office hours of the hotline desk (Vietnam time): weekdays, periods, public holidays and make-up working days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.dossiers.calendar import WorkingCalendar, default_calendar
from bot.identifiers import VIETNAM_TZ

DAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def parse_period(spec: str) -> tuple[dt.time, dt.time]:
    """'07:30-11:30' -> (07:30, 11:30); '24:00' is accepted as the end of the day."""
    start, end = (part.strip() for part in spec.split("-", 1))
    last = dt.time(23, 59, 59, 999999) if end == "24:00" else dt.time.fromisoformat(end)
    first = dt.time.fromisoformat(start)
    if not first < last:
        raise ValueError(f"period {spec!r} must end after it starts")
    return first, last


def _hm(value: dt.time) -> str:
    return "24:00" if value.hour == 23 and value.minute == 59 else f"{value.hour}:{value.minute:02d}"


@dataclass(frozen=True)
class OfficeHours:
    weekdays: frozenset[int]
    periods: tuple[tuple[dt.time, dt.time], ...]
    calendar: WorkingCalendar | None = None  # None: public holidays are not taken into account

    @classmethod
    def from_settings(cls, settings) -> OfficeHours:
        return cls(
            frozenset(settings.handoff_weekdays),
            tuple(parse_period(p) for p in settings.handoff_hours),
            default_calendar() if settings.handoff_skip_holidays else None,
        )

    def holiday(self, day: dt.date) -> str | None:
        return self.calendar.holiday_name(day) if self.calendar else None

    def is_working_day(self, day: dt.date) -> bool:
        if self.calendar is None:
            return day.weekday() in self.weekdays
        if self.calendar.holiday_name(day):
            return False
        make_up_day = day.weekday() not in self.weekdays and self.calendar.is_working_day(day) and day.weekday() >= 5
        return day.weekday() in self.weekdays or make_up_day

    def is_open(self, at: dt.datetime) -> bool:
        local = at.astimezone(VIETNAM_TZ)
        if not self.is_working_day(local.date()):
            return False
        return any(start <= local.time() < end for start, end in self.periods)

    def describe(self) -> str:
        """'thứ Hai đến thứ Sáu, 7:30–11:30 và 13:30–17:00' (for the citizen)."""
        days = sorted(self.weekdays)
        if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
            day_text = f"{DAY_NAMES[days[0]]} đến {DAY_NAMES[days[-1]]}"
        else:
            day_text = ", ".join(DAY_NAMES[d] for d in days)
        hours = " và ".join(f"{_hm(s)}–{_hm(e)}" for s, e in self.periods)
        return f"{day_text}, {hours}"
