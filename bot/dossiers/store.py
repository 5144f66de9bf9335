"""The local dossier store: create dossiers (due date computed), move them through statuses, read them back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.db.models import ProcedureRow
from bot.dossiers.calendar import WorkingCalendar, default_calendar
from bot.dossiers.deadlines import compute_due_date
from bot.dossiers.models import DossierEventRow, DossierRow
from bot.dossiers.records import DossierRecord, Event, as_vn, to_utc
from bot.dossiers.statuses import ENDED_WITHOUT_RESULT, FINISHED_WITH_RESULT, Channel, Status


def create_dossier(
    session: Session,
    *,
    code: str,
    procedure_code: str,
    applicant_name: str,
    applicant_phone: str,
    channel: Channel,
    received_at: dt.datetime,
    note: str | None = None,
    is_sample: bool = False,
    calendar: WorkingCalendar | None = None,
    processing_time: dict | None = None,
) -> DossierRow:
    """Add a received dossier; its due date comes from the procedure's processing time in the catalogue
    (or `processing_time` when given, in the catalogue's ProcessingTime shape)."""
    if received_at.tzinfo is None:
        raise ValueError("received_at must carry its time zone")
    if processing_time is None:
        query = select(ProcedureRow.processing_time).where(ProcedureRow.code == procedure_code)
        processing_time = session.scalar(query)
    deadline = compute_due_date(as_vn(received_at).date(), processing_time, calendar or default_calendar())
    row = DossierRow(
        code=code,
        procedure_code=procedure_code,
        applicant_name=applicant_name,
        applicant_phone=applicant_phone,
        channel=Channel(channel).value,
        received_at=to_utc(received_at),
        due_date=deadline.due if deadline else None,
        processing_days=deadline.days if deadline else None,
        processing_working_days=deadline.working if deadline else True,
        status=Status.received.value,
        is_sample=is_sample,
        events=[DossierEventRow(at=to_utc(received_at), status=Status.received.value, note=note)],
    )
    session.add(row)
    return row


def add_event(row: DossierRow, status: Status, at: dt.datetime, note: str | None = None) -> None:
    """Move a dossier to `status` at `at`; a result or an end stamps the result date / end time."""
    status = Status(status)
    row.events.append(DossierEventRow(at=to_utc(at), status=status.value, note=note))
    row.status = status.value
    if status == Status.processed or (status == Status.returned and row.result_date is None):
        row.result_date = as_vn(at).date()
    if (status in FINISHED_WITH_RESULT or status in ENDED_WITHOUT_RESULT) and row.finished_at is None:
        row.finished_at = to_utc(at)


def record_of(row: DossierRow, procedure_name: str | None = None) -> DossierRecord:
    return DossierRecord(
        code=row.code,
        procedure_code=row.procedure_code,
        procedure_name=procedure_name,
        applicant_name=row.applicant_name,
        applicant_phone=row.applicant_phone,
        channel=Channel(row.channel),
        received_at=as_vn(row.received_at),
        due_date=row.due_date,
        processing_days=row.processing_days,
        processing_working_days=row.processing_working_days,
        status=Status(row.status),
        result_date=row.result_date,
        history=tuple(Event(as_vn(e.at), Status(e.status), e.note) for e in sorted(row.events, key=_event_key)),
        is_sample=row.is_sample,
    )


def _event_key(e: DossierEventRow) -> tuple:
    return (as_vn(e.at), e.id or 0)


def find_dossier(session: Session, code: str) -> DossierRow | None:
    return session.scalar(select(DossierRow).where(DossierRow.code == code).options(selectinload(DossierRow.events)))


def delete_samples(session: Session) -> int:
    rows: Iterable[DossierRow] = session.scalars(select(DossierRow).where(DossierRow.is_sample.is_(True))).all()
    count = 0
    for row in rows:
        session.delete(row)
        count += 1
    return count
