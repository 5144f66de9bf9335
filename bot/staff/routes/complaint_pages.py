"""Complaints desk pages (role staff): the list with filters, one complaint with its history, status, answer."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, BackgroundTasks, Depends, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from bot.api.deps import get_session
from bot.complaints.codes import parse_code
from bot.complaints.delivery.records import DeliveryError
from bot.complaints.service import ANSWER_MAX, ComplaintError, ComplaintNotFound, get_complaint
from bot.staff import complaints_desk as desk
from bot.staff.auth import Operator
from bot.staff.web import render

router = APIRouter(prefix="/staff", include_in_schema=False)

DB = Annotated[Session, Depends(get_session)]
NOTICES = {
    "answer": "Đã lưu câu trả lời và bắt đầu gửi tới người gửi (xem «Gửi trả lời» bên dưới). Người gửi cũng "
    "xem được câu trả lời khi tra cứu mã phản ánh trong cuộc trò chuyện đã gửi.",
    "status": "Đã đổi trạng thái phản ánh.",
    "retry": "Đang gửi lại câu trả lời.",
    "callback": "Đã ghi nhận: cán bộ đã liên hệ lại người gửi.",
}
DeliveryId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/complaints")
def complaints_list(
    request: Request,
    db: DB,
    principal: Operator,
    status: Annotated[str, Query(max_length=16)] = "",
    channel: Annotated[str, Query(max_length=16)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    q: Annotated[str, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    todo: Annotated[str, Query(max_length=1)] = "",
) -> Response:
    error = None
    try:
        flt = desk.parse_filter(status, channel, since, until, q, page, todo=todo == "1")
    except desk.DeskError as exc:
        error, flt = str(exc), desk.parse_filter(q=q)  # keep the search, drop the bad filter
    rows, total = desk.search(db, flt)
    pages = max(1, -(-total // flt.size))
    return render(
        request,
        "complaints_list.html",
        principal,
        400 if error else 200,
        rows=rows,
        total=total,
        flt=flt,
        error=error,
        pages=pages,
        counts=desk.status_counts(db, flt),
        STATUS=desk.STATUS_LABELS,
        CHANNEL=desk.CHANNEL_LABELS,
        qs=lambda **kw: urlencode(flt.query(**kw)),
        raw={"since": since, "until": until},
    )


def _detail(request: Request, db: Session, principal, code: str, status_code: int = 200, **extra) -> Response:
    row = get_complaint(db, code)
    if row is None:
        return render(
            request,
            "error.html",
            principal,
            404,
            message=(
                f"Không tìm thấy phản ánh {code}. Kiểm tra lại mã (dạng PAKN-2026-000123) hoặc tìm trong danh sách "
                "phản ánh."
            ),
        )
    proc = request.app.state.catalog.by_code(db).get(row.procedure_code) if row.procedure_code else None
    delivery = request.app.state.delivery
    return render(
        request,
        "complaint_view.html",
        principal,
        status_code,
        c=row,
        proc=proc,
        deliveries=desk.delivery_rows(db, row),
        planned=delivery.routes(row),
        promise=delivery.promise(row),
        ROUTE_LABELS=desk.delivery_texts.ROUTE_LABELS,
        audit_rows=desk.history(db, row.code),
        next_statuses=desk.next_statuses(row.status),
        STATUS=desk.STATUS_LABELS,
        CHANNEL=desk.CHANNEL_LABELS,
        answer_max=ANSWER_MAX,
        actor_label=desk.actor_label,
        **extra,
    )


def _code_or_404(request: Request, principal, raw: str) -> str | Response:
    code = parse_code(raw)
    if code is None:
        return render(
            request,
            "error.html",
            principal,
            404,
            message=(
                "Mã phản ánh không đúng định dạng (dạng PAKN-2026-000123). Vui lòng kiểm tra lại hoặc tìm trong danh "
                "sách phản ánh."
            ),
        )
    return code


@router.get("/complaints/{code}")
def complaint_view(request: Request, db: DB, principal: Operator, code: str, saved: str = "") -> Response:
    found = _code_or_404(request, principal, code)
    if isinstance(found, Response):
        return found
    return _detail(request, db, principal, found, notice=NOTICES.get(saved))


@router.post("/complaints/{code}/status")
async def complaint_status(request: Request, db: DB, principal: Operator, code: str) -> Response:
    found = _code_or_404(request, principal, code)
    if isinstance(found, Response):
        return found
    form = await request.form()
    try:
        desk.change_status(db, found, str(form.get("status") or ""), str(form.get("note") or ""), principal)
    except ComplaintNotFound:
        return _detail(request, db, principal, found)
    except ComplaintError as exc:
        return _detail(request, db, principal, found, 409, status_error=str(exc))
    return RedirectResponse(f"/staff/complaints/{found}?saved=status", status_code=303)


@router.post("/complaints/{code}/answer")
async def complaint_answer(
    request: Request, db: DB, principal: Operator, code: str, background: BackgroundTasks
) -> Response:
    found = _code_or_404(request, principal, code)
    if isinstance(found, Response):
        return found
    form = await request.form()
    text = str(form.get("answer") or "")
    delivery = request.app.state.delivery
    try:
        desk.answer(db, found, text, principal, delivery)
    except ComplaintNotFound:
        return _detail(request, db, principal, found)
    except ComplaintError as exc:
        return _detail(request, db, principal, found, 422, answer_error=str(exc), answer_draft=text[:ANSWER_MAX])
    background.add_task(delivery.deliver, found)  # after the response: chat, e-mail, SMS
    return RedirectResponse(f"/staff/complaints/{found}?saved=answer", status_code=303)


@router.post("/complaints/{code}/deliveries/{delivery_id}/retry")
def delivery_retry(
    request: Request, db: DB, principal: Operator, code: str, delivery_id: DeliveryId, background: BackgroundTasks
) -> Response:
    found = _code_or_404(request, principal, code)
    if isinstance(found, Response):
        return found
    try:
        desk.retry_delivery(db, found, delivery_id, principal)
    except ComplaintNotFound:
        return _detail(request, db, principal, found)
    except DeliveryError as exc:
        db.rollback()
        return _detail(request, db, principal, found, 409, delivery_error=str(exc))
    background.add_task(request.app.state.delivery.deliver, found)
    return RedirectResponse(f"/staff/complaints/{found}?saved=retry", status_code=303)


@router.post("/complaints/{code}/deliveries/{delivery_id}/done")
async def delivery_done(request: Request, db: DB, principal: Operator, code: str, delivery_id: DeliveryId) -> Response:
    found = _code_or_404(request, principal, code)
    if isinstance(found, Response):
        return found
    form = await request.form()
    try:
        desk.callback_done(db, found, delivery_id, str(form.get("note") or ""), principal)
    except ComplaintNotFound:
        return _detail(request, db, principal, found)
    except DeliveryError as exc:
        db.rollback()
        return _detail(request, db, principal, found, 409, delivery_error=str(exc))
    return RedirectResponse(f"/staff/complaints/{found}?saved=callback", status_code=303)
