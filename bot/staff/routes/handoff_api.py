"""JSON API of the handoff queue (roles staff and admin): list, read, claim, reply, close, desk mode."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bot.api.deps import get_session
from bot.core.clock import aware
from bot.handoff import service
from bot.handoff.models import Handoff, HandoffMessage
from bot.staff.auth import Operator, Principal

router = APIRouter(prefix="/staff/api", tags=["staff"])

DB = Annotated[Session, Depends(get_session)]
HandoffId = Annotated[int, Path(ge=1, le=2**31 - 1)]
CHANNEL_LABELS = {"web": "Web", "telegram": "Telegram", "zalo": "Zalo"}
STATUS_LABELS = {"queued": "Đang chờ", "claimed": "Đang trao đổi", "closed": "Đã kết thúc"}


def _staffer(principal: Principal) -> service.Staffer:
    return service.Staffer(principal.user_id, principal.display_name, principal.role == "admin", principal.public_name)


def _now(request: Request) -> dt.datetime:
    return service.utc(request.app.state.handoff_clock())


def _guarded(call):
    try:
        return call()
    except service.HandoffError as exc:
        raise HTTPException(exc.status, exc.detail) from exc


def handoff_out(row: Handoff, now: dt.datetime, me: Principal) -> dict:
    turns = service.summary_turns(row)
    asked = [t["text"] for t in turns if t["role"] == "citizen"]
    return {
        "id": row.id,
        "channel": row.channel,
        "channel_label": CHANNEL_LABELS.get(row.channel, row.channel),
        "status": row.status,
        "status_label": STATUS_LABELS.get(row.status, row.status),
        "reason": row.reason,
        "created_at": aware(row.created_at).isoformat(),
        "waiting_seconds": max(0, int((now - aware(row.created_at)).total_seconds())),
        "claimed_by": row.claimed_by_name,
        "mine": row.claimed_by_id == me.user_id,
        "first_question": asked[0] if asked else "",
        "summary": turns,
    }


def message_out(m: HandoffMessage) -> dict:
    return {
        "id": m.id,
        "role": m.role,
        "author": m.author,
        "text": m.text,
        "created_at": aware(m.created_at).isoformat(),
    }


@router.get("/handoffs")
def list_handoffs(request: Request, db: DB, principal: Operator) -> dict:
    now = _now(request)
    avail = service.availability(db, request.app.state.handoff_hours, now)
    return {
        "desk": {"mode": avail.mode, "open": avail.open, "hours": request.app.state.handoff_hours.describe()},
        "handoffs": [handoff_out(h, now, principal) for h in service.open_queue(db)],
    }


@router.get("/handoffs/{handoff_id}")
def read_handoff(
    handoff_id: HandoffId,
    request: Request,
    db: DB,
    principal: Operator,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
) -> dict:
    row = _guarded(lambda: service.get(db, handoff_id))
    return {
        **handoff_out(row, _now(request), principal),
        "messages": [message_out(m) for m in service.transcript(db, row.id, after)],
    }


@router.post("/handoffs/{handoff_id}/claim")
def claim_handoff(handoff_id: HandoffId, request: Request, db: DB, principal: Operator) -> dict:
    now = _now(request)
    row = _guarded(lambda: service.claim(db, handoff_id, _staffer(principal), now))
    return handoff_out(row, now, principal)


class ReplyIn(BaseModel):
    text: str = Field(min_length=1, max_length=2000)


@router.post("/handoffs/{handoff_id}/reply")
def reply_handoff(handoff_id: HandoffId, body: ReplyIn, request: Request, db: DB, principal: Operator) -> dict:
    message = _guarded(lambda: service.reply(db, handoff_id, _staffer(principal), body.text, _now(request)))
    return message_out(message)


@router.post("/handoffs/{handoff_id}/close")
def close_handoff(handoff_id: HandoffId, request: Request, db: DB, principal: Operator) -> dict:
    now = _now(request)
    row = _guarded(lambda: service.close(db, handoff_id, _staffer(principal), now))
    return handoff_out(row, now, principal)


class DeskIn(BaseModel):
    mode: Literal["auto", "open", "closed"]


@router.post("/handoff-desk")
def set_desk(body: DeskIn, request: Request, db: DB, principal: Operator) -> dict:
    """auto: office hours decide; open: someone is on duty now (even outside hours); closed: nobody today."""
    now = _now(request)
    service.set_desk_mode(db, body.mode, principal.display_name, now)
    avail = service.availability(db, request.app.state.handoff_hours, now)
    return {"mode": avail.mode, "open": avail.open}
