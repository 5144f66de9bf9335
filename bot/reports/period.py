"""Which days a "month" of the report covers: the calendar month, or (as some provinces count, e.g. seed 004:
"số liệu được lấy từ ngày 15/3/2025 đến hết ngày 14/4/2025") from a start day of the previous month."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.identifiers import VIETNAM_TZ

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    year: int
    month: int
    first_day: dt.date
    last_day: dt.date

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.first_day, dt.time(), VIETNAM_TZ)

    @property
    def end(self) -> dt.datetime:
        """Exclusive end: midnight after the last day, Vietnam time."""
        return dt.datetime.combine(self.last_day + dt.timedelta(days=1), dt.time(), VIETNAM_TZ)

    @property
    def label(self) -> str:
        return f"{self.month}/{self.year}"


def parse_month(value: str, start_day: int = 1) -> Period:
    """'2026-10' -> the period of that month's report; ValueError with a Vietnamese message if malformed."""
    match = _MONTH.match((value or "").strip())
    if not match:
        raise ValueError("Tháng không hợp lệ: hãy ghi theo dạng YYYY-MM, ví dụ 2026-10.")
    year, month = int(match.group(1)), int(match.group(2))
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise ValueError("Tháng không hợp lệ: năm từ 2000 đến 2100, tháng từ 01 đến 12.")
    if not 1 <= start_day <= 28:
        raise ValueError("Ngày bắt đầu kỳ báo cáo phải từ 1 đến 28.")
    next_first = dt.date(year + month // 12, month % 12 + 1, 1)
    if start_day == 1:
        return Period(year, month, dt.date(year, month, 1), next_first - dt.timedelta(days=1))
    prev_year, prev_month = (year, month - 1) if month > 1 else (year - 1, 12)
    return Period(year, month, dt.date(prev_year, prev_month, start_day), dt.date(year, month, start_day - 1))
