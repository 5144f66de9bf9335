"""The delivery rows: created with an answer (in its transaction), claimed before sending (so a double retry never
sends twice), finished as sent / failed, call-back tasks marked done by a staff member."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from bot.complaints.delivery.models import AUTOMATIC, OPEN, ComplaintDeliveryRow
from bot.complaints.models import ComplaintRow

STUCK_AFTER = dt.timedelta(minutes=2)  # a "sending" row older than this was left by a stopped process
NOTE_MAX = 1000


class DeliveryError(Exception):
    """A request staff cannot do now (Vietnamese message)."""


def add_for_answer(session: Session, row: ComplaintRow, routes: list[str], now: dt.datetime) -> None:
    """Rows for the answer just stored; the open rows of an earlier answer are superseded. No commit."""
    session.execute(
        update(ComplaintDeliveryRow)
        .where(ComplaintDeliveryRow.complaint_id == row.id, ComplaintDeliveryRow.status.in_((*OPEN, "sending")))
        .values(status="superseded", updated_at=now)
    )
    for route in routes:
        session.add(
            ComplaintDeliveryRow(
                complaint_id=row.id,
                route=route,
                status="pending",
                answer_at=now,
                attempts=0,
                created_at=now,
                updated_at=now,
            )
        )


def of_complaint(session: Session, complaint_id: int) -> list[ComplaintDeliveryRow]:
    query = select(ComplaintDeliveryRow).where(ComplaintDeliveryRow.complaint_id == complaint_id)
    return list(session.scalars(query.order_by(ComplaintDeliveryRow.id.desc())))


def current(session: Session, complaint_id: int) -> list[ComplaintDeliveryRow]:
    """The rows of the latest answer, in route order."""
    rows = [r for r in of_complaint(session, complaint_id) if r.status != "superseded"]
    return sorted(rows, key=lambda r: r.id)


def claim(session: Session, delivery_id: int, now: dt.datetime) -> bool:
    """Pending (or failed, or stuck sending) → sending, for one caller only. Commits."""
    stuck = now - STUCK_AFTER
    result = session.execute(
        update(ComplaintDeliveryRow)
        .where(ComplaintDeliveryRow.id == delivery_id, ComplaintDeliveryRow.route.in_(AUTOMATIC))
        .where(
            ComplaintDeliveryRow.status.in_(OPEN)
            | ((ComplaintDeliveryRow.status == "sending") & (ComplaintDeliveryRow.updated_at < stuck))
        )
        .values(status="sending", updated_at=now, attempts=ComplaintDeliveryRow.attempts + 1)
    )
    session.commit()
    return result.rowcount == 1


def finish(session: Session, delivery_id: int, error: str | None, now: dt.datetime) -> None:
    values = (
        {"status": "failed", "last_error": error[:300]}
        if error
        else {"status": "sent", "sent_at": now, "last_error": None}
    )
    session.execute(
        update(ComplaintDeliveryRow).where(ComplaintDeliveryRow.id == delivery_id).values(updated_at=now, **values)
    )
    session.commit()


def ensure_callback(session: Session, row: ComplaintRow, now: dt.datetime) -> bool:
    """Add a call-back task for the current answer when none is open (nothing automatic reached the citizen)."""
    rows = current(session, row.id)
    if any(r.route == "callback" and r.status in OPEN for r in rows) or not rows:
        return False
    session.add(
        ComplaintDeliveryRow(
            complaint_id=row.id,
            route="callback",
            status="pending",
            answer_at=rows[0].answer_at,
            attempts=0,
            created_at=now,
            updated_at=now,
        )
    )
    session.commit()
    return True


def get(session: Session, complaint_id: int, delivery_id: int) -> ComplaintDeliveryRow:
    found = session.get(ComplaintDeliveryRow, delivery_id)
    if found is None or found.complaint_id != complaint_id or found.status == "superseded":
        raise DeliveryError("Không tìm thấy việc gửi trả lời này (có thể câu trả lời đã được thay). Tải lại trang.")
    return found


def mark_done(session: Session, found: ComplaintDeliveryRow, who: str, note: str, now: dt.datetime) -> None:
    """A call-back task done by `who`; no commit (the caller adds the audit entry to the same transaction)."""
    if found.route != "callback":
        raise DeliveryError("Chỉ việc liên hệ lại mới đánh dấu đã làm được; việc gửi tự động thì bấm «Gửi lại».")
    if found.status == "done":
        raise DeliveryError("Việc liên hệ lại này đã được đánh dấu xong.")
    found.status, found.done_by, found.note = "done", who, (note or "").strip()[:NOTE_MAX] or None
    found.sent_at = found.updated_at = now


def reopen(session: Session, found: ComplaintDeliveryRow, now: dt.datetime) -> None:
    """A failed automatic delivery, to be sent again. No commit."""
    if found.route not in AUTOMATIC:
        raise DeliveryError("Việc liên hệ lại do cán bộ làm: bấm «Đã liên hệ» sau khi gọi hoặc gửi email.")
    if found.status == "sent":
        raise DeliveryError("Câu trả lời đã được gửi theo cách này.")
    found.status, found.updated_at = "pending", now


def open_task_complaints() -> Select:
    """Ids of complaints whose answer still needs a person: an open call-back or a failed automatic delivery."""
    return select(ComplaintDeliveryRow.complaint_id).where(
        ((ComplaintDeliveryRow.route == "callback") & ComplaintDeliveryRow.status.in_(OPEN))
        | (ComplaintDeliveryRow.status == "failed")
    )
