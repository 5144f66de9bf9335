"""Complaint services: idempotent creation with a per-year sequence, look-up, and the staff operations.

Creation is safe under concurrency on PostgreSQL and SQLite: the sequence is taken with one atomic upsert
(`INSERT .. ON CONFLICT (year) DO UPDATE SET last_value = last_value + 1 RETURNING last_value`) inside the
transaction that inserts the complaint, so the row stays locked until commit and a rolled-back creation gives
its number back. The idempotency key is unique: a concurrent duplicate fails on commit and reads the winner.

Staff functions (set_status, answer_complaint, list_complaints, export_csv) return or expose personal data:
call them only behind `require_role(...)` (bot/staff/auth.py); export_csv in particular is for authorised
roles only, and the caller should record who exported what.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import logging
import time
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload

from bot.complaints import codes
from bot.complaints.consent import VERSION as CONSENT_VERSION
from bot.complaints.delivery import records as deliveries
from bot.complaints.models import ComplaintRow, ComplaintSequenceRow, ComplaintStatusRow
from bot.complaints.status import Status, can_answer, can_move
from bot.identifiers import COMPLAINT_CHANNELS
from bot.privacy import remember_personal_value

log = logging.getLogger(__name__)

ANSWER_MAX = 8000


class ComplaintError(Exception):
    """A refused operation; the message is Vietnamese and says what to do."""


class ConsentRequired(ComplaintError):
    pass


class ComplaintNotFound(ComplaintError):
    pass


class InvalidTransition(ComplaintError):
    pass


class KeyConflict(ComplaintError):
    """The idempotency key is already used by another sender."""


@dataclass(frozen=True)
class NewComplaint:
    """Already validated and normalised input (see bot.complaints.validation)."""

    idempotency_key: str
    sender: str
    channel: str
    content: str
    name: str
    contact: str
    contact_kind: str
    consent: bool
    procedure_code: str | None = None
    dossier_code: str | None = None
    consent_version: str = CONSENT_VERSION


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; everything we store is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.timezone.utc)


def _next_sequence(session: Session, year: int, now: dt.datetime) -> int:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = ComplaintSequenceRow.__table__
    stmt = insert(table).values(year=year, last_value=1, updated_at=now)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.year],
        set_={"last_value": table.c.last_value + 1, "updated_at": now},
    ).returning(table.c.last_value)
    return int(session.execute(stmt).scalar_one())


def find_by_key(session: Session, key: str) -> ComplaintRow | None:
    return session.scalars(select(ComplaintRow).where(ComplaintRow.idempotency_key == key)).first()


def create_complaint(
    session: Session, data: NewComplaint, now: dt.datetime | None = None, attempts: int = 5
) -> tuple[ComplaintRow, bool]:
    """Store a complaint and commit it; returns (record, created). The same key returns the first record."""
    if data.consent is not True:
        raise ConsentRequired("Cần có sự đồng ý xử lý dữ liệu cá nhân trước khi lưu phản ánh.")
    if data.channel not in COMPLAINT_CHANNELS:
        raise ComplaintError(f"Kênh không hợp lệ: {data.channel}.")
    remember_personal_value(data.name)  # phones and emails are masked by pattern
    for attempt in range(attempts):
        existing = find_by_key(session, data.idempotency_key)
        if existing is not None:
            if existing.sender != data.sender:
                raise KeyConflict("Mã chống trùng này đã được dùng cho một phản ánh khác.")
            return existing, False
        moment = now or utcnow()
        try:
            row = _insert(session, data, moment)
            session.commit()
        except IntegrityError:
            session.rollback()  # a concurrent delivery of the same key won: read it on the next turn
            continue
        except OperationalError as exc:  # SQLite "database is locked" after its busy timeout: try again
            session.rollback()
            if "locked" not in str(exc).lower() or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
            continue
        log.info("complaint %s received (channel=%s)", row.code, row.channel)
        log.debug("complaint %s from %s, contact %s", row.code, row.applicant_name, row.contact)
        return row, True
    existing = find_by_key(session, data.idempotency_key)
    if existing is not None and existing.sender == data.sender:
        return existing, False
    raise ComplaintError("Không lưu được phản ánh, vui lòng thử lại.")


def _insert(session: Session, data: NewComplaint, moment: dt.datetime) -> ComplaintRow:
    year = codes.code_year(moment)
    sequence = _next_sequence(session, year, moment)
    row = ComplaintRow(
        code=codes.format_code(year, sequence),
        year=year,
        sequence=sequence,
        idempotency_key=data.idempotency_key,
        sender=data.sender,
        channel=data.channel,
        content=data.content,
        procedure_code=data.procedure_code,
        dossier_code=data.dossier_code,
        applicant_name=data.name,
        contact=data.contact,
        contact_kind=data.contact_kind,
        consent_given=True,
        consent_version=data.consent_version,
        consent_at=moment,
        status=Status.received.value,
        created_at=moment,
        updated_at=moment,
    )
    row.history.append(
        ComplaintStatusRow(
            from_status=None, to_status=Status.received.value, actor=f"citizen:{data.channel}", at=moment
        )
    )
    session.add(row)
    session.flush()
    return row


def get_complaint(session: Session, code: str) -> ComplaintRow | None:
    return session.scalars(
        select(ComplaintRow).options(selectinload(ComplaintRow.history)).where(ComplaintRow.code == code)
    ).first()


def _locked(session: Session, code: str) -> ComplaintRow:
    row = session.scalars(select(ComplaintRow).where(ComplaintRow.code == code).with_for_update()).first()
    if row is None:
        raise ComplaintNotFound(f"Không tìm thấy phản ánh {code}.")
    return row


def set_status(
    session: Session, code: str, status: str, actor: str, note: str | None = None, now: dt.datetime | None = None
) -> ComplaintRow:
    """Staff: move a complaint to processing / closed (or reopen); answered only through answer_complaint."""
    try:
        target = Status(status)
    except ValueError:
        raise InvalidTransition(f"Trạng thái không hợp lệ: {status}.") from None
    row = _locked(session, code)
    if not can_move(row.status, target.value):
        session.rollback()
        raise InvalidTransition(f"Không thể chuyển phản ánh từ trạng thái {row.status} sang {target.value}.")
    _change(row, target.value, actor, note, now or utcnow())
    session.commit()
    return get_complaint(session, code)  # type: ignore[return-value]


def answer_complaint(
    session: Session,
    code: str,
    answer: str,
    actor: str,
    now: dt.datetime | None = None,
    routes: list[str] | None = None,
) -> ComplaintRow:
    """Staff: store the answer (replacing an earlier one), who answered and when; status becomes answered.
    `routes` (bot.complaints.delivery.plan) get delivery rows in the same transaction, to be sent after commit."""
    text = (answer or "").strip()
    if not text or len(text) > ANSWER_MAX:
        raise ComplaintError(f"Nội dung trả lời phải có từ 1 đến {ANSWER_MAX} ký tự.")
    row = _locked(session, code)
    if not can_answer(row.status):
        session.rollback()
        raise InvalidTransition("Phản ánh đã đóng; hãy mở lại (chuyển sang đang xử lý) trước khi trả lời.")
    moment = now or utcnow()
    row.answer, row.answered_by, row.answered_at = text, actor, moment
    _change(row, Status.answered.value, actor, "trả lời", moment)
    if routes:
        deliveries.add_for_answer(session, row, routes, moment)
    session.commit()
    return get_complaint(session, code)  # type: ignore[return-value]


def _change(row: ComplaintRow, status: str, actor: str, note: str | None, moment: dt.datetime) -> None:
    row.history.append(ComplaintStatusRow(from_status=row.status, to_status=status, actor=actor, note=note, at=moment))
    row.status = status
    row.updated_at = moment


@dataclass(frozen=True)
class ComplaintFilter:
    status: str | None = None
    channel: str | None = None
    since: dt.datetime | None = None  # created at or after
    until: dt.datetime | None = None  # created before
    text: str | None = None  # in code, content, procedure or dossier code
    todo: bool = False  # only complaints whose answer still needs a person (call back, failed delivery)
    limit: int = 100
    offset: int = 0


def _filtered(query, flt: ComplaintFilter):  # noqa: ANN001, ANN202
    if flt.status:
        query = query.where(ComplaintRow.status == flt.status)
    if flt.channel:
        query = query.where(ComplaintRow.channel == flt.channel)
    if flt.since:
        query = query.where(ComplaintRow.created_at >= flt.since)
    if flt.until:
        query = query.where(ComplaintRow.created_at < flt.until)
    if flt.todo:
        query = query.where(ComplaintRow.id.in_(deliveries.open_task_complaints()))
    if flt.text:
        like = f"%{flt.text.strip()}%"
        query = query.where(
            or_(
                ComplaintRow.code.ilike(like),
                ComplaintRow.content.ilike(like),
                ComplaintRow.procedure_code.ilike(like),
                ComplaintRow.dossier_code.ilike(like),
            )
        )
    return query


def list_complaints(session: Session, flt: ComplaintFilter | None = None) -> tuple[list[ComplaintRow], int]:
    """Staff: newest first, with the total matching count (for paging)."""
    flt = flt or ComplaintFilter()
    total = session.scalar(_filtered(select(func.count(ComplaintRow.id)), flt)) or 0
    rows = session.scalars(
        _filtered(select(ComplaintRow), flt)
        .order_by(ComplaintRow.created_at.desc(), ComplaintRow.id.desc())
        .limit(max(1, min(flt.limit, 1000)))
        .offset(max(0, flt.offset))
    ).all()
    return list(rows), int(total)


EXPORT_COLUMNS = (
    "code", "status", "created_at", "channel", "applicant_name", "contact", "procedure_code", "dossier_code",
    "content", "answer", "answered_by", "answered_at", "consent_version", "consent_at",
)  # fmt: skip


def export_csv(session: Session, flt: ComplaintFilter | None = None) -> str:
    """Staff, AUTHORISED ROLES ONLY: every complaint matching the filter (its limit is ignored) as CSV, with
    personal data (names, contacts). Cells are guarded against formula injection in spreadsheets."""
    flt = flt or ComplaintFilter(limit=1000)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    offset = flt.offset
    while True:
        rows, _ = list_complaints(session, dataclasses.replace(flt, limit=1000, offset=offset))
        for row in rows:
            writer.writerow([_cell(getattr(row, col)) for col in EXPORT_COLUMNS])
        if len(rows) < 1000:
            return out.getvalue()
        offset += 1000


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return as_utc(value).isoformat()  # type: ignore[union-attr]
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def counts_between(session: Session, start: dt.datetime, end: dt.datetime) -> dict[str, int]:
    """Complaints received, and answered, in [start, end) — the figures of the monthly reform report."""
    received = session.scalar(
        select(func.count(ComplaintRow.id)).where(ComplaintRow.created_at >= start, ComplaintRow.created_at < end)
    )
    answered = session.scalar(
        select(func.count(ComplaintRow.id)).where(ComplaintRow.answered_at >= start, ComplaintRow.answered_at < end)
    )
    return {"received": int(received or 0), "answered": int(answered or 0)}
