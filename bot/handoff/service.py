"""The handoff queue: open, hold citizen messages, claim (one staff member, enforced by the database), reply, close.

All functions are synchronous and take the time as an argument (`now`), so tests choose the clock. Messages for
the citizen go through the chat outbox (bot.db.outbox), which every channel delivers.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import column, func, select, table, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core.clock import aware
from bot.db import outbox
from bot.db.outbox_models import ChatOutboxRow
from bot.handoff import texts
from bot.handoff.hours import OfficeHours
from bot.handoff.models import OPEN_STATUSES, Handoff, HandoffDesk, HandoffMessage
from bot.identifiers import VIETNAM_TZ
from bot.text.clean import clean_text

MODES = ("auto", "open", "closed")
_STAFF_USERS = table("staff_users", column("id"), column("full_name"))
MAX_TURNS = 12
MAX_TURN_CHARS = 500
MAX_MESSAGE_CHARS = 2000


def utc(at: dt.datetime) -> dt.datetime:
    """Times are stored in UTC: SQLite drops the offset, so a stored local time would read back wrong."""
    return at.astimezone(dt.timezone.utc)


class HandoffError(Exception):
    """A request staff cannot do now; the message says why and what to do (Vietnamese)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


@dataclass(frozen=True)
class Staffer:
    user_id: int
    name: str  # what other staff see (full name or login)
    is_admin: bool = False
    public: str | None = None  # what the citizen sees: a display name, else the team (texts.staff_name)

    @property
    def public_name(self) -> str:
        return texts.staff_name(self.public)


# ---------------------------------------------------------------- desk availability


def desk_mode(db: Session) -> str:
    row = db.get(HandoffDesk, 1)
    return row.mode if row else "auto"


def set_desk_mode(db: Session, mode: str, by: str, now: dt.datetime) -> str:
    if mode not in MODES:
        raise HandoffError(422, "Chế độ phải là một trong: auto (theo giờ làm việc), open (đang trực), closed (nghỉ).")
    row = db.get(HandoffDesk, 1) or HandoffDesk(id=1)
    row.mode, row.updated_by, row.updated_at = mode, by, now
    db.add(row)
    db.commit()
    return mode


@dataclass(frozen=True)
class Availability:
    open: bool
    mode: str
    holiday: str | None = None


def availability(db: Session, hours: OfficeHours, now: dt.datetime) -> Availability:
    mode = desk_mode(db)
    if mode != "auto":
        return Availability(mode == "open", mode)
    return Availability(hours.is_open(now), mode, hours.holiday(now.astimezone(VIETNAM_TZ).date()))


def closed_text(hours: OfficeHours, avail: Availability) -> str:
    if avail.holiday:
        why = f" vì hôm nay là ngày nghỉ ({avail.holiday})"
    elif avail.mode == "closed":
        why = ""
    else:
        why = " vì đang ngoài giờ làm việc"
    return texts.CLOSED.format(why=why, hours=hours.describe())


# ---------------------------------------------------------------- opening and holding


def active(db: Session, channel: str, sender: str) -> Handoff | None:
    query = select(Handoff).where(
        Handoff.channel == channel, Handoff.sender == sender, Handoff.status.in_(OPEN_STATUSES)
    )
    return db.scalars(query).first()


def _summary(turns: list[dict]) -> str:
    kept = []
    for turn in turns[-MAX_TURNS:]:
        role = "citizen" if turn.get("role") == "citizen" else "bot"
        text = clean_text(str(turn.get("text") or ""))[:MAX_TURN_CHARS]
        if text:
            kept.append({"role": role, "text": text})
    return json.dumps(kept, ensure_ascii=False)


def _outbox_cursor(db: Session, channel: str, sender: str) -> int:
    query = select(func.max(ChatOutboxRow.id)).where(ChatOutboxRow.channel == channel, ChatOutboxRow.sender == sender)
    return db.scalar(query) or 0


def open_handoff(
    db: Session, channel: str, sender: str, reason: str, turns: list[dict], now: dt.datetime
) -> tuple[Handoff, bool]:
    """The user's open handoff, or a new queued one; the bool says whether it was created now."""
    if (found := active(db, channel, sender)) is not None:
        return found, False
    row = Handoff(
        channel=channel,
        sender=sender,
        status="queued",
        reason=reason,
        summary=_summary(turns),
        created_at=now,
        last_activity_at=now,
        unanswered=0,
        outbox_cursor=_outbox_cursor(db, channel, sender),
    )
    db.add(row)
    try:
        db.commit()
    except IntegrityError:  # the same user asked twice at once: the unique index kept one
        db.rollback()
        return active(db, channel, sender), False
    return row, True


def _note(db: Session, handoff: Handoff, role: str, text: str, now: dt.datetime, author: str | None = None) -> None:
    db.add(HandoffMessage(handoff_id=handoff.id, role=role, author=author, text=text, created_at=now))


def _tell_citizen(db: Session, handoff: Handoff, text: str, now: dt.datetime) -> None:
    """System notice: transcript line + outbox message; commits both together."""
    _note(db, handoff, "system", text, now)
    outbox.push(db, handoff.channel, handoff.sender, "system", text)  # commits the session


def _claimer_public_name(db: Session, handoff: Handoff) -> str:
    full_name = None
    if handoff.claimed_by_id:  # the staff table read by name: use cases know no staff module (bot.staff.models)
        query = select(_STAFF_USERS.c.full_name).where(_STAFF_USERS.c.id == handoff.claimed_by_id)
        full_name = db.execute(query).scalar_one_or_none()
    return texts.staff_name(full_name)


def is_stale(handoff: Handoff, now: dt.datetime, wait_minutes: int, idle_minutes: int) -> bool:
    limit = wait_minutes if handoff.status == "queued" else idle_minutes
    return now - aware(handoff.last_activity_at) > dt.timedelta(minutes=limit)


def expire(db: Session, handoff: Handoff, now: dt.datetime) -> None:
    """Nobody answered in time: give the conversation back to the bot and tell the citizen."""
    result = db.execute(
        update(Handoff)
        .where(Handoff.id == handoff.id, Handoff.status == handoff.status)
        .values(status="closed", closed_at=now, close_reason="expired")
    )
    if result.rowcount == 1:
        _tell_citizen(db, handoff, texts.EXPIRED, now)
    else:
        db.commit()


def hold_citizen_message(db: Session, handoff: Handoff, text: str, now: dt.datetime, note_every: int) -> str | None:
    """Store the citizen's message in the transcript; return the waiting note when one is due (queued only)."""
    _note(db, handoff, "citizen", text[:MAX_MESSAGE_CHARS], now)
    handoff.last_activity_at = now if handoff.status == "claimed" else handoff.last_activity_at
    due = None
    if handoff.status == "queued":
        if handoff.unanswered % max(1, note_every) == 0:
            due = texts.WAITING
        handoff.unanswered += 1
    db.commit()
    return due


# ---------------------------------------------------------------- staff side


def get(db: Session, handoff_id: int) -> Handoff:
    row = db.get(Handoff, handoff_id)
    if row is None:
        raise HandoffError(404, "Không tìm thấy yêu cầu hỗ trợ này. Vui lòng tải lại danh sách hàng chờ.")
    return row


def claim(db: Session, handoff_id: int, who: Staffer, now: dt.datetime) -> Handoff:
    """Only one staff member wins: the UPDATE matches a queued row at most once, whatever runs concurrently."""
    row = get(db, handoff_id)
    result = db.execute(
        update(Handoff)
        .where(Handoff.id == handoff_id, Handoff.status == "queued")
        .values(
            status="claimed", claimed_at=now, claimed_by_id=who.user_id, claimed_by_name=who.name, last_activity_at=now
        )
    )
    if result.rowcount != 1:
        db.rollback()
        db.refresh(row)
        if row.status == "claimed":
            by = "anh/chị" if row.claimed_by_id == who.user_id else f"cán bộ {row.claimed_by_name}"
            raise HandoffError(409, f"Yêu cầu này đã được {by} nhận. Vui lòng chọn yêu cầu khác trong hàng chờ.")
        raise HandoffError(409, "Yêu cầu này đã kết thúc. Vui lòng chọn yêu cầu khác trong hàng chờ.")
    db.commit()
    db.refresh(row)
    _tell_citizen(db, row, texts.JOINED.format(name=who.public_name), now)
    return row


def _owned(db: Session, handoff_id: int, who: Staffer) -> Handoff:
    row = get(db, handoff_id)
    if row.status == "queued":
        raise HandoffError(409, "Anh/chị cần nhận yêu cầu này trước khi trả lời hoặc kết thúc.")
    if row.status != "claimed":
        raise HandoffError(409, "Cuộc trò chuyện này đã kết thúc, trợ lý ảo đang hỗ trợ người dân.")
    if row.claimed_by_id != who.user_id and not who.is_admin:
        raise HandoffError(403, f"Cuộc trò chuyện này do cán bộ {row.claimed_by_name} phụ trách.")
    return row


def reply(db: Session, handoff_id: int, who: Staffer, text: str, now: dt.datetime) -> HandoffMessage:
    row = _owned(db, handoff_id, who)
    text = clean_text(text)[:MAX_MESSAGE_CHARS]
    if not text:
        raise HandoffError(422, "Nội dung trả lời đang trống. Vui lòng nhập câu trả lời rồi gửi lại.")
    row.last_activity_at = now
    message = HandoffMessage(handoff_id=row.id, role="staff", author=who.name, text=text, created_at=now)
    db.add(message)
    outbox.push(db, row.channel, row.sender, "staff", text, author=who.public_name)  # commits
    return message


def close(db: Session, handoff_id: int, who: Staffer, now: dt.datetime) -> Handoff:
    row = _owned(db, handoff_id, who)
    result = db.execute(
        update(Handoff)
        .where(Handoff.id == handoff_id, Handoff.status == "claimed")
        .values(status="closed", closed_at=now, close_reason="staff")
    )
    if result.rowcount != 1:
        db.rollback()
        raise HandoffError(409, "Cuộc trò chuyện này đã kết thúc.")
    _tell_citizen(db, row, texts.LEFT.format(name=_claimer_public_name(db, row)), now)
    db.refresh(row)
    return row


def open_queue(db: Session) -> list[Handoff]:
    query = select(Handoff).where(Handoff.status.in_(OPEN_STATUSES)).order_by(Handoff.created_at, Handoff.id)
    return list(db.scalars(query.limit(200)))


def transcript(db: Session, handoff_id: int, after: int = 0) -> list[HandoffMessage]:
    query = (
        select(HandoffMessage)
        .where(HandoffMessage.handoff_id == handoff_id, HandoffMessage.id > after)
        .order_by(HandoffMessage.id)
        .limit(500)
    )
    return list(db.scalars(query))


def summary_turns(handoff: Handoff) -> list[dict]:
    try:
        turns = json.loads(handoff.summary or "[]")
    except ValueError:
        return []
    return turns if isinstance(turns, list) else []
