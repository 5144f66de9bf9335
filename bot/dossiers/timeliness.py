"""Early / on time / late for finished dossiers; within time / overdue for those still being handled."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from bot.dossiers.records import DossierRecord
from bot.dossiers.statuses import ENDED_WITHOUT_RESULT, FINISHED_WITH_RESULT, WAITING_FOR_CITIZEN


class Timeliness(str, Enum):
    early = "early"
    on_time = "on_time"
    late = "late"
    within_time = "within_time"
    overdue = "overdue"


def finished_timeliness(result_date: dt.date, due: dt.date) -> Timeliness:
    if result_date < due:
        return Timeliness.early
    return Timeliness.on_time if result_date == due else Timeliness.late


def open_timeliness(on_day: dt.date, due: dt.date) -> Timeliness:
    return Timeliness.within_time if on_day <= due else Timeliness.overdue


def timeliness_of(record: DossierRecord, today: dt.date) -> Timeliness | None:
    """None when there is no due date, when the dossier ended without a result, or while the clock is paused
    waiting for the citizen (supplement or payment requested)."""
    due = record.due_date
    if due is None or record.status in ENDED_WITHOUT_RESULT or record.status in WAITING_FOR_CITIZEN:
        return None
    if record.status in FINISHED_WITH_RESULT:
        return finished_timeliness(record.result_date, due) if record.result_date else None
    return open_timeliness(today, due)
