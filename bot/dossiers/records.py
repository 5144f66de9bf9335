"""One dossier as any source (local database or a provincial one-stop API) reports it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.dossiers.statuses import Channel, Status
from bot.identifiers import VIETNAM_TZ


def as_vn(moment: dt.datetime) -> dt.datetime:
    """Aware time in Vietnam; naive values (SQLite drops the zone) are taken as UTC, as they were stored."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(VIETNAM_TZ)


def to_utc(moment: dt.datetime) -> dt.datetime:
    """What the database stores: aware UTC (SQLite keeps the wall time only, so it must be UTC's)."""
    if moment.tzinfo is None:
        raise ValueError("a time without its time zone is ambiguous")
    return moment.astimezone(dt.timezone.utc)


def today_vn() -> dt.date:
    return dt.datetime.now(VIETNAM_TZ).date()


@dataclass(frozen=True)
class Event:
    at: dt.datetime
    status: Status
    note: str | None = None


@dataclass(frozen=True)
class DossierRecord:
    code: str
    procedure_code: str
    applicant_name: str
    applicant_phone: str
    channel: Channel
    received_at: dt.datetime
    due_date: dt.date | None
    status: Status
    result_date: dt.date | None = None
    processing_days: int | None = None
    processing_working_days: bool = True
    history: tuple[Event, ...] = field(default_factory=tuple)
    procedure_name: str | None = None
    is_sample: bool = False
