"""Complaint endpoints the Rasa actions call: consent text, create (idempotent), validate a field, status by code.

Errors are `{"detail": <Vietnamese, says what to do>, "field": <which input>}` so the bot can re-ask one slot.
The staff operations live in bot.complaints.service (role-protected routes are the staff UI's).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.api.bot_auth import BOT_AUTH_RESPONSES, BotKey
from bot.catalog.schema import CODE_PATTERN as PROCEDURE_CODE_PATTERN
from bot.complaints import replies
from bot.complaints.codes import parse_code
from bot.complaints.consent import consent_text
from bot.complaints.limits import ComplaintLimits
from bot.complaints.service import (
    ComplaintError,
    KeyConflict,
    NewComplaint,
    create_complaint,
    find_by_key,
    get_complaint,
)
from bot.complaints.status import label
from bot.complaints.validation import CHECKS, CONTACT_HINT, check_contact, check_content, check_name, clean
from bot.privacy import remember_personal_value

log = logging.getLogger(__name__)
router = APIRouter(
    prefix="/bot/complaints", tags=["complaints"], dependencies=[BotKey], responses=BOT_AUTH_RESPONSES
)

SENDER_PATTERN = r"^[A-Za-z0-9_.:@+-]{1,200}$"
DOSSIER_PATTERN = r"^[A-Z0-9][A-Z0-9._/-]{2,63}$"


class ConsentOut(BaseModel):
    version: str
    text: str


def _consent_required(schema: dict) -> None:
    """Documented as required (and true); a request without it still gets the Vietnamese explanation, not a 422 list."""
    schema.setdefault("required", []).append("consent")


class ComplaintIn(BaseModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra=_consent_required)

    idempotency_key: str = Field(min_length=8, max_length=128, pattern=r"^[\x21-\x7e]+$")
    sender: str = Field(pattern=SENDER_PATTERN, description="the Rasa sender id of the citizen")
    channel: Literal["web", "telegram", "zalo", "rest", "hotline"]
    content: str = Field(max_length=20000, description="10 to 4000 characters once cleaned")
    procedure_code: str | None = Field(default=None, max_length=32)
    dossier_code: str | None = Field(default=None, max_length=64)
    name: str = Field(max_length=1000, description="1 to 120 characters")
    contact: str = Field(max_length=1000, description="Vietnamese phone number or email")
    consent: bool | None = Field(
        default=None,
        description="must be true: consent to personal-data processing",
        json_schema_extra={"const": True},  # documented as required; false/missing gets the Vietnamese explanation
    )


class ComplaintOut(BaseModel):
    code: str
    status: str
    created: bool
    text: str


class ProblemOut(BaseModel):
    detail: str
    field: str | None = None


class ValidateIn(BaseModel):
    field: Literal["contact", "name", "content"]
    value: str = Field(max_length=100_000)


class ValidateOut(BaseModel):
    valid: bool
    normalized: str | None
    message: str


class StatusOut(BaseModel):
    code: str
    status: str
    status_label: str
    text: str


FIELD_MESSAGES: dict[str, str] = {
    "idempotency_key": "Thiếu hoặc sai mã chống trùng (idempotency_key: 8–128 ký tự, không có dấu cách).",
    "sender": "Thiếu hoặc sai mã người gửi (sender).",
    "channel": "Kênh gửi không hợp lệ; chỉ nhận web, telegram, zalo, rest hoặc hotline.",
    "content": "Nội dung phản ánh phải là văn bản từ 10 đến 4000 ký tự. Vui lòng nhập lại.",
    "name": "Vui lòng nhập họ và tên của anh/chị (tối đa 120 ký tự).",
    "contact": CONTACT_HINT,
    "procedure_code": "Mã thủ tục không hợp lệ (ví dụ 2.000620). Anh/chị có thể bỏ trống nếu không nhớ mã.",
    "dossier_code": "Mã hồ sơ không hợp lệ (ví dụ 000.00.18.H12-250412-0007). Anh/chị có thể bỏ trống.",
    "consent": replies.CONSENT_REFUSED,
    "body": "Yêu cầu không hợp lệ: cần một đối tượng JSON với các trường của phản ánh.",
}


def problem(field: str, detail: str | None = None, status_code: int = 422) -> JSONResponse:
    return JSONResponse({"detail": detail or FIELD_MESSAGES[field], "field": field}, status_code=status_code)


def _limits(request: Request) -> ComplaintLimits:
    return request.app.state.complaint_limits


@router.get("/consent-text", response_model=ConsentOut)
def get_consent_text(request: Request) -> ConsentOut:
    settings = request.app.state.settings
    consent = consent_text(settings.department_name, settings.province_name)
    return ConsentOut(version=consent.version, text=consent.text)


def _first_problem(exc: ValidationError, data: dict[str, Any]) -> JSONResponse:
    err = exc.errors()[0]
    field = str(err["loc"][0]) if err.get("loc") else "body"
    if field not in FIELD_MESSAGES:
        field = "body"
    value = data.get(field)
    domain = {"content": check_content, "name": check_name, "contact": check_contact}.get(field)
    if domain and isinstance(value, str):
        checked = domain(value[:20000])
        if not checked.valid:
            return problem(field, checked.message)
    return problem(field)


def _optional_codes(body: ComplaintIn) -> tuple[str | None, str | None, JSONResponse | None]:
    procedure = clean(body.procedure_code or "") or None
    if procedure and not re.match(PROCEDURE_CODE_PATTERN, procedure):
        return None, None, problem("procedure_code")
    dossier = clean(body.dossier_code or "").upper().replace(" ", "") or None
    if dossier and not re.match(DOSSIER_PATTERN, dossier):
        return None, None, problem("dossier_code")
    return procedure, dossier, None


@router.post(
    "",
    status_code=201,
    response_model=ComplaintOut,
    responses={
        200: {"model": ComplaintOut, "description": "repeated idempotency key: the existing record"},
        409: {"model": ProblemOut, "description": "idempotency key used by another sender"},
        422: {"model": ProblemOut},
        429: {"model": ProblemOut},
        503: {"model": ProblemOut, "description": "not stored (database unavailable): the bot must not confirm"},
    },
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": ComplaintIn.model_json_schema()}}}
    },
)
async def post_complaint(request: Request) -> JSONResponse:
    """Store a complaint (committed before this answers) and return its tracking code."""
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return problem("body")
    if not isinstance(data, dict):
        return problem("body")
    try:
        body = ComplaintIn.model_validate(data)
    except ValidationError as exc:
        return _first_problem(exc, data)
    if body.consent is not True:
        return problem("consent")
    remember_personal_value(clean(body.name))  # mask it in any later log line, even if it is refused below
    checks = (("content", check_content(body.content)), ("name", check_name(body.name)))
    for field, checked in (*checks, ("contact", check_contact(body.contact))):
        if not checked.valid:
            return problem(field, checked.message)
    procedure, dossier, bad = _optional_codes(body)
    if bad is not None:
        return bad
    contact = check_contact(body.contact)
    new = NewComplaint(
        idempotency_key=body.idempotency_key,
        sender=body.sender,
        channel=body.channel,
        content=checks[0][1].normalized or "",
        name=checks[1][1].normalized or "",
        contact=contact.normalized or "",
        contact_kind=contact.kind or "phone",
        consent=True,
        procedure_code=procedure,
        dossier_code=dossier,
    )
    return await run_in_threadpool(_store, request, new)


def _store(request: Request, new: NewComplaint) -> JSONResponse:
    department = f"{request.app.state.settings.department_name} {request.app.state.settings.province_name}".strip()
    session: Session = request.app.state.sessions()
    try:
        limiter = _limits(request).create
        try:
            existing = find_by_key(session, new.idempotency_key)
        except SQLAlchemyError:
            log.exception("complaint store unavailable")
            return problem("body", replies.STORE_FAILED, status_code=503)
        if existing is None:  # a re-delivery is answered whatever the limit
            decision = limiter.check(new.sender)
            if not decision.allowed:
                response = problem(
                    "sender", replies.TOO_MANY_CREATE.format(minutes=decision.retry_minutes), status_code=429
                )
                response.headers["Retry-After"] = str(int(decision.retry_after) + 1)
                return response
        try:
            row, created = create_complaint(session, new)
        except KeyConflict:
            return problem("idempotency_key", replies.KEY_CONFLICT, status_code=409)
        except (ComplaintError, SQLAlchemyError):  # database down or refusing: never a code without a record
            log.exception("complaint not stored")
            return problem("body", replies.STORE_FAILED, status_code=503)
        if created:  # only new records count: concurrent duplicate deliveries never reach the limit
            limiter.record(new.sender)
        out = ComplaintOut(
            code=row.code, status=row.status, created=created, text=replies.confirmation(row, department, created)
        )
        return JSONResponse(out.model_dump(), status_code=201 if created else 200)
    finally:
        session.close()


@router.post("/validate", response_model=ValidateOut)
def validate_field(body: ValidateIn) -> ValidateOut:
    """Check one slot of the complaint form; `normalized` is what will be stored."""
    if body.field == "name":
        remember_personal_value(clean(body.value[:1000]))
    checked = CHECKS[body.field](body.value[:20000])
    return ValidateOut(valid=checked.valid, normalized=checked.normalized, message=checked.message)


@router.get(
    "/{code}",
    response_model=StatusOut,
    responses={
        404: {"model": ProblemOut},
        422: {"model": ProblemOut},
        429: {"model": ProblemOut},
        503: {"model": ProblemOut},
    },
)
def complaint_status(
    code: str,
    request: Request,
    sender: str | None = Query(default=None, max_length=200, description="Rasa sender id of the asker"),
) -> Any:
    """Status by code for anyone; the staff answer only for the sender who filed the complaint."""
    normalized = parse_code(code)
    if normalized is None:
        return problem("code", replies.BAD_CODE)
    client = request.client.host if request.client else "unknown"
    decision = _limits(request).lookup.hit(f"sender:{sender}" if sender else f"ip:{client}")
    if not decision.allowed:
        response = problem("sender", replies.TOO_MANY_LOOKUP.format(minutes=decision.retry_minutes), status_code=429)
        response.headers["Retry-After"] = str(int(decision.retry_after) + 1)
        return response
    with request.app.state.sessions() as session:
        try:
            row = get_complaint(session, normalized)
        except SQLAlchemyError:
            log.exception("complaint look-up failed")
            return problem("code", replies.LOOKUP_FAILED, status_code=503)
        if row is None:
            return problem("code", replies.NOT_FOUND.format(code=normalized), status_code=404)
        is_owner = bool(sender) and sender == row.sender
        return StatusOut(
            code=row.code, status=row.status, status_label=label(row.status), text=replies.status_text(row, is_owner)
        )
