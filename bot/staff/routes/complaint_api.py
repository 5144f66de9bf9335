"""JSON API of the complaints desk under /staff/api/complaints (role staff; the CSV export: admin only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bot.api.deps import get_session
from bot.complaints.codes import parse_code
from bot.complaints.delivery.records import DeliveryError
from bot.complaints.service import (
    ANSWER_MAX,
    ComplaintError,
    ComplaintNotFound,
    InvalidTransition,
    get_complaint,
)
from bot.staff import complaints_desk as desk
from bot.staff.auth import AdminOnly, Operator

router = APIRouter(prefix="/staff/api/complaints", tags=["staff: complaints"])

DB = Annotated[Session, Depends(get_session)]


def _filter(
    status: str, channel: str, since: str, until: str, q: str, page: int = 1, size: int = 50, todo: bool = False
):
    try:
        return desk.parse_filter(status, channel, since, until, q, page, size, todo)
    except desk.DeskError as exc:
        raise HTTPException(422, str(exc)) from None


def _code(raw: str) -> str:
    code = parse_code(raw)
    if code is None:
        raise HTTPException(404, "Mã phản ánh không đúng định dạng (dạng PAKN-2026-000123).")
    return code


def _full(db: Session, code: str) -> dict:
    row = get_complaint(db, code)
    if row is None:
        raise HTTPException(404, f"Không tìm thấy phản ánh {code}.")
    out = desk.to_dict(row, full=True)
    out["deliveries"] = desk.delivery_rows(db, row)
    out["audit"] = [
        {"at": e.at.isoformat(), "username": e.username, "action": e.action, "summary": e.summary}
        for e in desk.history(db, code)
    ]
    return out


Status = Annotated[str, Query(max_length=16, description="received | processing | answered | closed")]
Channel = Annotated[str, Query(max_length=16, description="web | telegram | zalo | rest | hotline")]
Since = Annotated[str, Query(max_length=10, description="received on or after, YYYY-MM-DD (Vietnam time)")]
Until = Annotated[str, Query(max_length=10, description="received on or before, YYYY-MM-DD (Vietnam time)")]
Text = Annotated[str, Query(max_length=200, description="in the code, content, procedure or dossier code")]


@router.get("")
def complaints(
    db: DB,
    _principal: Operator,
    status: Status = "",
    channel: Channel = "",
    since: Since = "",
    until: Until = "",
    q: Text = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    size: Annotated[int, Query(ge=1, le=desk.MAX_PAGE_SIZE)] = desk.PAGE_SIZE,
    todo: Annotated[bool, Query(description="only answers that still need a person (call back, failed)")] = False,
) -> dict:
    """Newest first; personal data included (callers are authorised staff)."""
    flt = _filter(status, channel, since, until, q, page, size, todo)
    rows, total = desk.search(db, flt)
    return {"total": total, "page": flt.page, "size": flt.size, "items": [desk.to_dict(r) for r in rows]}


@router.get("/export.csv")
def complaints_export(
    db: DB,
    principal: AdminOnly,
    status: Status = "",
    channel: Channel = "",
    since: Since = "",
    until: Until = "",
    q: Text = "",
) -> Response:
    """Every matching complaint with personal data, as CSV; each export is recorded in the audit log."""
    flt = _filter(status, channel, since, until, q)
    body, _total = desk.export(db, flt, principal)
    stamp = dt.datetime.now(desk.VIETNAM_TZ).strftime("%Y%m%d-%H%M")
    return Response(
        "\ufeff" + body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="phan-anh-{stamp}.csv"'},
    )


@router.get("/{code}")
def complaint(code: str, db: DB, _principal: Operator) -> dict:
    return _full(db, _code(code))


class StatusIn(BaseModel):
    status: str = Field(max_length=16, description="processing | closed (answered: POST .../answer)")
    note: str | None = Field(default=None, max_length=500)


@router.patch("/{code}")
def complaint_set_status(code: str, body: StatusIn, db: DB, principal: Operator) -> dict:
    code = _code(code)
    try:
        desk.change_status(db, code, body.status, body.note or "", principal)
    except ComplaintNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except ComplaintError as exc:
        raise HTTPException(409, str(exc)) from None
    return _full(db, code)


class AnswerIn(BaseModel):
    answer: str = Field(max_length=ANSWER_MAX * 2, description=f"1 to {ANSWER_MAX} characters once trimmed")


@router.post("/{code}/answer")
def complaint_answer(
    code: str, body: AnswerIn, db: DB, principal: Operator, request: Request, background: BackgroundTasks
) -> dict:
    """Store or replace the answer (status answered) and send it to the citizen by every configured way
    (`deliveries` in the answer; they are sent just after this returns)."""
    code = _code(code)
    delivery = request.app.state.delivery
    try:
        desk.answer(db, code, body.answer, principal, delivery)
    except ComplaintNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except InvalidTransition as exc:
        raise HTTPException(409, str(exc)) from None
    except ComplaintError as exc:
        raise HTTPException(422, str(exc)) from None
    background.add_task(delivery.deliver, code)
    return _full(db, code)


DeliveryId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.post("/{code}/deliveries/{delivery_id}/retry")
def delivery_retry(
    code: str, delivery_id: DeliveryId, db: DB, principal: Operator, request: Request, background: BackgroundTasks
) -> dict:
    """Send a failed automatic delivery (chat, e-mail, SMS) again; audited."""
    code = _code(code)
    try:
        desk.retry_delivery(db, code, delivery_id, principal)
    except ComplaintNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except DeliveryError as exc:
        db.rollback()
        raise HTTPException(409, str(exc)) from None
    background.add_task(request.app.state.delivery.deliver, code)
    return _full(db, code)


class CallbackIn(BaseModel):
    note: str = Field(default="", max_length=2000, description="what happened, e.g. 'đã gọi, người dân đã nắm'")


@router.post("/{code}/deliveries/{delivery_id}/done")
def delivery_done(code: str, delivery_id: DeliveryId, body: CallbackIn, db: DB, principal: Operator) -> dict:
    """A call-back task done: the staff member called (or wrote to) the citizen; audited."""
    code = _code(code)
    try:
        desk.callback_done(db, code, delivery_id, body.note, principal)
    except ComplaintNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except DeliveryError as exc:
        db.rollback()
        raise HTTPException(409, str(exc)) from None
    return _full(db, code)
