"""Complaint (phản ánh, kiến nghị) figures for the report come through this small interface.

The complaint store belongs to another module; until it is wired in, the report says the figures are not
available — never zero, since "0 complaints" is a claim the report would be making without data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ComplaintFigures:
    received: int | None
    answered: int | None
    note: str | None = None

    @property
    def available(self) -> bool:
        return self.received is not None and self.answered is not None


class ComplaintFiguresProvider(Protocol):
    def figures(self, start: dt.datetime, end: dt.datetime) -> ComplaintFigures:
        """Complaints received in [start, end) and those answered in [start, end)."""


class ComplaintFiguresNotAvailable:
    def figures(self, start: dt.datetime, end: dt.datetime) -> ComplaintFigures:
        return ComplaintFigures(None, None, "chưa kết nối sổ phản ánh, kiến nghị")


class ComplaintStoreFigures:
    """Figures from the complaint store (bot/complaints), for one month of the report."""

    def __init__(self, sessions) -> None:
        self.sessions = sessions

    def figures(self, start: dt.datetime, end: dt.datetime) -> ComplaintFigures:
        from bot.complaints.service import counts_between

        with self.sessions() as session:
            counts = counts_between(session, start, end)
        return ComplaintFigures(counts["received"], counts["answered"])
