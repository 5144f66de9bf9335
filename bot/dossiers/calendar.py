"""Working days of Vietnamese state agencies: weekends, public holidays and the government's yearly swaps.

The statutory calendar (lunar Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 and its extra day, compensatory days)
comes from the `holidays` package; the yearly decisions it cannot know come from a reviewed data file
(data/holidays_vn.yaml), where each entry cites its decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import holidays
import yaml

DATA_FILE = Path(__file__).parent / "data" / "holidays_vn.yaml"
MAX_DAYS = 3660  # a processing time is never longer than about ten years: refuse absurd inputs


@dataclass(frozen=True)
class Decision:
    document: str
    source: str
    days_off: tuple[dt.date, ...]
    working_days: tuple[dt.date, ...]


@dataclass
class WorkingCalendar:
    """Answers "is this a working day" and counts working days forward."""

    decisions: list[Decision] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._days_off = {d for dec in self.decisions for d in dec.days_off}
        self._working = {d for dec in self.decisions for d in dec.working_days}
        self._statutory = holidays.country_holidays("VN", language="vi")

    def is_working_day(self, day: dt.date) -> bool:
        if day in self._working:
            return True
        if day in self._days_off:
            return False
        return self._statutory.is_working_day(day)

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday's Vietnamese name, or the decision that gave the day off."""
        if day in self._working:
            return None
        name = self._statutory.get(day)
        if name:
            return name
        for dec in self.decisions:
            if day in dec.days_off:
                return f"Ngày nghỉ theo {dec.document}"
        return None

    def next_working_day(self, day: dt.date) -> dt.date:
        """The day itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (the day of receipt is not counted)."""
        if not 0 <= days <= MAX_DAYS:
            raise ValueError(f"working days out of range: {days}")
        day = start
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for i in range(1, (end - start).days + 1) if self.is_working_day(start + dt.timedelta(days=i)))


def load_decisions(path: Path = DATA_FILE) -> list[Decision]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: list[Decision] = []
    for _year, block in sorted((data.get("years") or {}).items()):
        for item in block.get("decisions") or []:
            out.append(
                Decision(
                    document=item["document"],
                    source=item["source"],
                    days_off=tuple(item.get("days_off") or ()),
                    working_days=tuple(item.get("working_days") or ()),
                )
            )
    return out


@lru_cache(maxsize=1)
def default_calendar() -> WorkingCalendar:
    return WorkingCalendar(load_decisions())
