"""Due date of a dossier from its procedure's processing time (bot.catalog.schema.ProcessingTime as stored)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from bot.dossiers.calendar import WorkingCalendar
from bot.text.normalize import fold

WORKING_DAY_WORDING = "ngay lam viec"


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    days: int
    working: bool

    @property
    def wording(self) -> str:
        return f"{self.days} ngày làm việc" if self.working else f"{self.days} ngày"


def compute_due_date(received: dt.date, processing_time: dict | None, calendar: WorkingCalendar) -> Deadline | None:
    """Working days skip weekends and holidays, the day of receipt not counted; calendar days end on the next
    working day when the last day is a day off (Bộ luật Dân sự 2015, Điều 148). When the catalogue stores
    calendar days but its official wording says "ngày làm việc", the wording wins (a known import slip).
    None when the processing time is unknown or not given in days."""
    pt = processing_time or {}
    working_days = pt.get("working_days")
    calendar_days = pt.get("calendar_days")
    if not working_days and calendar_days and WORKING_DAY_WORDING in fold(pt.get("text") or ""):
        working_days, calendar_days = calendar_days, None
    if working_days:
        days = math.ceil(float(working_days))
        return Deadline(calendar.add_working_days(received, days), days, True)
    if calendar_days:
        days = math.ceil(float(calendar_days))
        return Deadline(calendar.next_working_day(received + dt.timedelta(days=days)), days, False)
    return None
