"""Complaints desk: the staff side of complaints (filters, audited status changes and answers, audited export).

Everything goes through bot.complaints.service; this module adds who did it (the audit log) and the
desk's filters. The audit entry is added to the same transaction the service commits, so a refused change
(the service rolls back) leaves no entry, and a stored change always has one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.complaints import service
from bot.complaints.codes import parse_code
from bot.complaints.delivery import records as deliveries
from bot.complaints.delivery import texts as delivery_texts
from bot.complaints.delivery.models import AUTOMATIC, OPEN
from bot.complaints.models import ComplaintRow
from bot.complaints.service import ComplaintFilter
from bot.complaints.status import LABELS, TRANSITIONS, Status
from bot.complaints.validation import clean, clean_multiline
from bot.identifiers import COMPLAINT_CHANNELS, VIETNAM_TZ
from bot.staff import audit
from bot.staff.auth import Principal
from bot.staff.models import AuditEntry

STATUS_LABELS = {s.value: text for s, text in LABELS.items()}
CHANNEL_LABELS = {"web": "Trang web", "telegram": "Telegram", "zalo": "Zalo", "rest": "API", "hotline": "Tổng đài"}
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class DeskError(ValueError):
    """A filter the desk cannot use; the message says what to type instead."""


@dataclass(frozen=True)
class DeskFilter:
    """What the staff typed in the filter bar (strings as sent), validated into a ComplaintFilter."""

    status: str = ""
    channel: str = ""
    since: dt.date | None = None  # received on or after this day (Vietnam time)
    until: dt.date | None = None  # received on or before this day (Vietnam time)
    q: str = ""
    page: int = 1
    size: int = PAGE_SIZE
    todo: bool = False  # only complaints whose answer still needs a person (call back, failed delivery)

    def to_service(self, *, with_status: bool = True) -> ComplaintFilter:
        text = self.q.strip()
        code = parse_code(text) if text else None
        return ComplaintFilter(
            status=(self.status or None) if with_status else None,
            channel=self.channel or None,
            since=_day_start(self.since) if self.since else None,
            until=_day_start(self.until + dt.timedelta(days=1)) if self.until else None,
            text=code or text or None,
            todo=self.todo,
            limit=self.size,
            offset=(self.page - 1) * self.size,
        )

    def query(self, **changes) -> dict[str, str]:
        """The filter as URL query parameters (empty ones left out), e.g. for paging and export links."""
        values = {
            "status": self.status,
            "channel": self.channel,
            "q": self.q.strip(),
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "page": str(self.page),
            "todo": "1" if self.todo else "",
        }
        values.update({k: str(v) for k, v in changes.items()})
        if values.get("page") == "1":
            values.pop("page")
        return {k: v for k, v in values.items() if v}

    def describe(self) -> str:
        """In Vietnamese, for the audit log of an export."""
        parts = []
        if self.status:
            parts.append(f"trạng thái {STATUS_LABELS[self.status]}")
        if self.channel:
            parts.append(f"kênh {CHANNEL_LABELS[self.channel]}")
        if self.since:
            parts.append(f"từ {self.since:%d/%m/%Y}")
        if self.until:
            parts.append(f"đến {self.until:%d/%m/%Y}")
        if self.q.strip():
            parts.append(f"tìm «{self.q.strip()[:60]}»")
        return ", ".join(parts) or "không lọc (tất cả phản ánh)"

    def as_dict(self) -> dict:
        return {
            "status": self.status or None,
            "channel": self.channel or None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "q": self.q.strip() or None,
        }


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), VIETNAM_TZ).astimezone(dt.timezone.utc)


def _date(value: str | None, what: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise DeskError(f"Ngày {what} không hợp lệ: chọn ngày trên lịch hoặc ghi theo dạng 2026-11-25.") from None
    if not 2000 <= day.year <= 2100:
        raise DeskError(f"Ngày {what} phải trong khoảng năm 2000 đến 2100.")
    return day


def parse_filter(
    status: str = "",
    channel: str = "",
    since: str = "",
    until: str = "",
    q: str = "",
    page: int = 1,
    size: int = PAGE_SIZE,
    todo: bool = False,
) -> DeskFilter:
    """Validate the filter bar; DeskError (Vietnamese) on a value it cannot use."""
    status, channel = (status or "").strip(), (channel or "").strip()
    if status and status not in STATUS_LABELS:
        raise DeskError("Trạng thái không hợp lệ: chọn một trạng thái trong danh sách.")
    if channel and channel not in COMPLAINT_CHANNELS:
        raise DeskError("Kênh không hợp lệ: chọn một kênh trong danh sách.")
    start, end = _date(since, "bắt đầu"), _date(until, "kết thúc")
    if start and end and start > end:
        raise DeskError("Ngày bắt đầu đang sau ngày kết thúc: vui lòng chọn lại khoảng ngày.")
    return DeskFilter(
        status,
        channel,
        start,
        end,
        clean(q or "")[:200],
        max(1, min(page, 100_000)),
        max(1, min(size, MAX_PAGE_SIZE)),
        todo,
    )


def search(db: Session, flt: DeskFilter) -> tuple[list[ComplaintRow], int]:
    return service.list_complaints(db, flt.to_service())


def status_counts(db: Session, flt: DeskFilter) -> dict[str, int]:
    """How many complaints per status under the other filters (the tabs above the list)."""
    base = dataclasses.replace(flt, status="", todo=False)
    counts = {s: 0 for s in STATUS_LABELS}
    for status in STATUS_LABELS:
        _, counts[status] = service.list_complaints(db, dataclasses.replace(base, status=status, size=1).to_service())
    _, counts["todo"] = service.list_complaints(db, dataclasses.replace(base, todo=True, size=1).to_service())
    return counts


def next_statuses(current: str) -> list[str]:
    """The statuses staff may move to by hand (answered is reached by answering)."""
    order = list(STATUS_LABELS)
    return sorted((s.value for s in TRANSITIONS[Status(current)]), key=order.index)


def history(db: Session, code: str, limit: int = 50) -> list[AuditEntry]:
    return audit.entries(db, target_id=code, limit=limit)


def _complaint(db: Session, code: str) -> ComplaintRow:
    row = service.get_complaint(db, code)
    if row is None:
        raise service.ComplaintNotFound(f"Không tìm thấy phản ánh {code}.")
    return row


def change_status(db: Session, code: str, status: str, note: str, principal: Principal) -> ComplaintRow:
    """Move a complaint (processing, closed, reopen) and audit it; InvalidTransition / ComplaintNotFound else."""
    note = clean(note or "")[:500] or None
    row = _complaint(db, code)
    before = row.status
    if status not in STATUS_LABELS:
        raise service.InvalidTransition("Trạng thái không hợp lệ: chọn một trạng thái trong danh sách.")
    if status == before or status not in next_statuses(before):
        raise service.InvalidTransition(
            f"Không thể chuyển phản ánh từ «{STATUS_LABELS[before]}» sang «{STATUS_LABELS[status]}». "
            "Tải lại trang để xem trạng thái hiện tại."
        )
    summary = f"{STATUS_LABELS[before]} → {STATUS_LABELS[status]}" + (f" (ghi chú: {note})" if note else "")
    audit.record(
        db,
        user_id=principal.user_id,
        username=principal.username,
        action="complaint.status",
        target_type="complaint",
        target_id=code,
        summary=summary,
        before={"status": before},
        after={"status": status, "note": note},
    )
    try:
        return service.set_status(db, code, status, principal.username, note)
    except Exception:
        db.rollback()
        raise


def answer(db: Session, code: str, text: str, principal: Principal, delivery=None) -> ComplaintRow:  # noqa: ANN001
    """Store (or replace) the answer the citizen will read, and audit it. With `delivery` (the app's
    DeliveryService) the answer also gets its delivery rows; the caller then runs `delivery.deliver(code)`."""
    row = _complaint(db, code)
    before = {"status": row.status, "answer": row.answer}
    cleaned = clean_multiline(text or "")  # NFC, no control characters (PostgreSQL refuses NUL)
    replaced = bool(row.answer)
    audit.record(
        db,
        user_id=principal.user_id,
        username=principal.username,
        action="complaint.answer",
        target_type="complaint",
        target_id=code,
        summary=("Thay câu trả lời trước" if replaced else "Trả lời người gửi")
        + f" ({len(cleaned)} ký tự), trạng thái → {STATUS_LABELS['answered']}",
        before=before,
        after={"status": "answered", "answer": cleaned},
    )
    routes = delivery.routes(row) if delivery is not None else None
    try:
        return service.answer_complaint(db, code, cleaned, principal.username, routes=routes)
    except Exception:
        db.rollback()
        raise


def delivery_rows(db: Session, row: ComplaintRow) -> list[dict]:
    """How the current answer reaches the citizen, for the desk (contacts shown: staff are authorised)."""
    out = []
    for d in deliveries.current(db, row.id):
        out.append(
            {
                "id": d.id,
                "route": d.route,
                "route_label": delivery_texts.ROUTE_LABELS.get(d.route, d.route),
                "status": d.status,
                "status_label": delivery_texts.status_label(d.route, d.status),
                "attempts": d.attempts,
                "last_error": d.last_error,
                "done_by": d.done_by,
                "note": d.note,
                "sent_at": service.as_utc(d.sent_at).isoformat() if d.sent_at else None,
                "updated_at": service.as_utc(d.updated_at).isoformat(),
                "hint": delivery_texts.callback_hint(row) if d.route == "callback" else None,
                "can_retry": d.route in AUTOMATIC and d.status in (*OPEN, "sending"),
                "can_mark_done": d.route == "callback" and d.status in OPEN,
            }
        )
    return out


def _delivery(db: Session, code: str, delivery_id: int) -> tuple[ComplaintRow, deliveries.ComplaintDeliveryRow]:
    row = _complaint(db, code)
    return row, deliveries.get(db, row.id, delivery_id)


def retry_delivery(db: Session, code: str, delivery_id: int, principal: Principal) -> None:
    """Send a failed (or stuck) automatic delivery again; the caller runs `delivery.deliver(code)` after this."""
    _, found = _delivery(db, code, delivery_id)
    deliveries.reopen(db, found, service.utcnow())
    audit.record(
        db,
        user_id=principal.user_id,
        username=principal.username,
        action="complaint.delivery",
        target_type="complaint",
        target_id=code,
        summary=f"Gửi lại: {delivery_texts.ROUTE_LABELS.get(found.route, found.route)}",
        after={"delivery": found.id, "route": found.route},
    )
    db.commit()


def callback_done(db: Session, code: str, delivery_id: int, note: str, principal: Principal) -> None:
    """The staff member called the citizen (or wrote to them) and read out the answer."""
    _, found = _delivery(db, code, delivery_id)
    note = clean(note or "")[: deliveries.NOTE_MAX]
    deliveries.mark_done(db, found, principal.username, note, service.utcnow())
    audit.record(
        db,
        user_id=principal.user_id,
        username=principal.username,
        action="complaint.callback",
        target_type="complaint",
        target_id=code,
        summary="Đã liên hệ lại người gửi" + (f" (ghi chú: {note})" if note else ""),
        after={"delivery": found.id, "note": note or None},
    )
    db.commit()


def export(db: Session, flt: DeskFilter, principal: Principal) -> tuple[str, int]:
    """All matching complaints as CSV (personal data: admin only) — recorded in the audit log first."""
    body = service.export_csv(db, dataclasses.replace(flt, page=1).to_service())
    _, total = service.list_complaints(db, dataclasses.replace(flt, page=1, size=1).to_service())
    audit.record(
        db,
        user_id=principal.user_id,
        username=principal.username,
        action="complaint.export",
        target_type="complaints",
        target_id="export.csv",
        summary=f"Xuất {total} phản ánh ra CSV; lọc: {flt.describe()}",
        after={"filter": flt.as_dict(), "rows": total},
    )
    db.commit()
    return body, total


def record_hotline(db: Session, row: ComplaintRow, principal: Principal, created: bool) -> None:
    """Audit a complaint an operator took over the phone (committed at once: the complaint already is)."""
    if not created:
        return
    audit.record(
        db,
        user_id=principal.user_id,
        username=principal.username,
        action="complaint.create",
        target_type="complaint",
        target_id=row.code,
        summary="Tiếp nhận qua tổng đài, người gọi đồng ý xử lý dữ liệu bằng lời",
        after={
            "channel": row.channel,
            "procedure_code": row.procedure_code,
            "dossier_code": row.dossier_code,
            "consent_version": row.consent_version,
        },
    )
    db.commit()


def actor_label(actor: str) -> str:
    """'citizen:web' -> 'người gửi (Trang web)'; staff actors are their usernames."""
    if actor.startswith("citizen:"):
        channel = actor.split(":", 1)[1]
        return f"người gửi ({CHANNEL_LABELS.get(channel, channel)})"
    return actor


def as_local(moment: dt.datetime | None) -> dt.datetime | None:
    return service.as_utc(moment).astimezone(VIETNAM_TZ) if moment else None


def to_dict(row: ComplaintRow, *, full: bool = False) -> dict:
    """JSON of a complaint for the staff API (personal data included: callers are authorised staff)."""
    out = {
        "code": row.code,
        "status": row.status,
        "status_label": STATUS_LABELS[row.status],
        "channel": row.channel,
        "created_at": service.as_utc(row.created_at).isoformat(),
        "updated_at": service.as_utc(row.updated_at).isoformat(),
        "name": row.applicant_name,
        "contact": row.contact,
        "contact_kind": row.contact_kind,
        "procedure_code": row.procedure_code,
        "dossier_code": row.dossier_code,
        "content": row.content if full else row.content[:200],
        "answered": row.answer is not None,
    }
    if full:
        out.update(
            sender=row.sender,
            answer=row.answer,
            answered_by=row.answered_by,
            answered_at=service.as_utc(row.answered_at).isoformat() if row.answered_at else None,
            consent_version=row.consent_version,
            consent_at=service.as_utc(row.consent_at).isoformat(),
            next_statuses=next_statuses(row.status),
            history=[
                {
                    "from": h.from_status,
                    "to": h.to_status,
                    "actor": h.actor,
                    "note": h.note,
                    "at": service.as_utc(h.at).isoformat(),
                }
                for h in row.history
            ],
        )
    return out
