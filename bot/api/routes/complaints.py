"""Complaint endpoints the Rasa actions call: consent text, create (idempotent), validate a field, status by code.

Errors are `{"detail": <Vietnamese, says what to do>, "field": <which input>}` so the bot can re-ask one slot.
The staff operations live in bot.complaints.service (role-protected routes are the staff UI's).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.api.bot_auth import BOT_AUTH_RESPONSES, BotKey
from bot.complaints import intake
from bot.complaints.consent import CHAT_REMINDER, chat_consent_text, consent_text
from bot.complaints.extract import extract_details
from bot.complaints.limits import ComplaintLimits
from bot.complaints.service import NewComplaint
from bot.complaints.status import label
from bot.complaints.status_check import look_up
from bot.complaints.validation import CHECKS, clean
from bot.identifiers import RASA_SENDER_PATTERN, ComplaintChannel
from bot.privacy import remember_personal_value

router = APIRouter(prefix="/bot/complaints", tags=["complaints"], dependencies=[BotKey], responses=BOT_AUTH_RESPONSES)


class ConsentOut(BaseModel):
    version: str
    text: str
    short_text: str = Field(default="", description="the chat's question, at most 300 characters, linking to text")
    reminder: str = Field(default="", description="asked again in the same form: no repeat of the notice")


def _consent_required(schema: dict) -> None:
    """Documented as required (and true); a request without it still gets the Vietnamese explanation, not a 422 list."""
    schema.setdefault("required", []).append("consent")


class ComplaintIn(BaseModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra=_consent_required)

    idempotency_key: str = Field(min_length=8, max_length=128, pattern=r"^[\x21-\x7e]+$")
    sender: str = Field(pattern=RASA_SENDER_PATTERN, description="the Rasa sender id of the citizen")
    channel: ComplaintChannel
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
    status: str | None = Field(description="null until the asker is known to be the filer")
    status_label: str | None
    needs_contact: bool = Field(default=False, description="ask the contact's last 4 phone digits (or the email)")
    text: str


def problem(field: str, detail: str | None = None, status_code: int = 422) -> JSONResponse:
    return _response(intake.problem(field, detail, status_code))


def _response(found: intake.Problem) -> JSONResponse:
    response = JSONResponse({"detail": found.detail, "field": found.field}, status_code=found.status)
    if found.retry_after is not None:
        response.headers["Retry-After"] = str(int(found.retry_after) + 1)
    return response


def _limits(request: Request) -> ComplaintLimits:
    return request.app.state.complaint_limits


@router.get("/consent-text", response_model=ConsentOut)
def get_consent_text(request: Request) -> ConsentOut:
    settings = request.app.state.settings
    consent = consent_text(settings.department_name, settings.province_name)
    url = f"{settings.public_url.rstrip('/')}/chinh-sach-du-lieu"
    return ConsentOut(
        version=consent.version,
        text=consent.text,
        short_text=chat_consent_text(settings.department_name, url),
        reminder=CHAT_REMINDER,
    )


def _first_problem(exc: ValidationError, data: dict[str, Any]) -> JSONResponse:
    err = exc.errors()[0]
    field = str(err["loc"][0]) if err.get("loc") else "body"
    return _response(intake.field_problem(field, data.get(field)))


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
    form = intake.check_form(body.content, body.name, body.contact, body.procedure_code, body.dossier_code)
    if form.errors:
        field, detail = next(iter(form.errors.items()))
        return problem(field, detail)
    new = form.complaint(idempotency_key=body.idempotency_key, sender=body.sender, channel=body.channel)
    return await run_in_threadpool(_store, request, new)


def _store(request: Request, new: NewComplaint) -> JSONResponse:
    settings = request.app.state.settings
    with request.app.state.sessions() as session:
        filed = intake.file_complaint(session, new, _limits(request).create)
        if isinstance(filed, intake.Problem):
            return _response(filed)
        department = f"{settings.department_name} {settings.province_name}".strip()
        text = intake.confirmation(filed, department, request.app.state.delivery.promise(filed.row))
        out = ComplaintOut(code=filed.row.code, status=filed.row.status, created=filed.created, text=text)
        return JSONResponse(out.model_dump(), status_code=201 if filed.created else 200)


@router.post("/validate", response_model=ValidateOut)
def validate_field(body: ValidateIn) -> ValidateOut:
    """Check one slot of the complaint form; `normalized` is what will be stored."""
    if body.field == "name":
        remember_personal_value(clean(body.value[:1000]))
    checked = CHECKS[body.field](body.value[:20000])
    return ValidateOut(valid=checked.valid, normalized=checked.normalized, message=checked.message)


class StatusIn(BaseModel):
    code: str = Field(max_length=64, description="the tracking code, as typed")
    sender: str | None = Field(default=None, max_length=200, description="Rasa sender id of the asker")
    contact: str | None = Field(
        default=None, max_length=254, description="last 4 digits of the phone left with the complaint, or the email"
    )
    client: str | None = Field(
        default=None, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$", description="the hub's client tag (metadata)"
    )


STATUS_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {"model": ProblemOut},
    429: {"model": ProblemOut},
    503: {"model": ProblemOut},
}


def _status(request: Request, raw_code: str, sender: str | None, contact: str | None, client: str) -> Any:
    delivery = getattr(request.app.state, "delivery", None)
    answer = look_up(
        request.app.state.sessions, _limits(request), raw_code, sender, contact, client,
        address=request.client.host if request.client else "unknown",
        promise=delivery.promise if delivery else None,
    )  # fmt: skip
    if isinstance(answer, intake.Problem):
        return _response(answer)
    return StatusOut(
        code=answer.code,
        status=answer.status,
        status_label=label(answer.status) if answer.status else None,
        needs_contact=answer.needs_contact,
        text=answer.text,
    )


@router.post("/status", response_model=StatusOut, responses=STATUS_RESPONSES)
def complaint_status_with_contact(body: StatusIn, request: Request) -> Any:
    """Status by code: the filer's conversation sees it; anyone else gives the contact's last 4 digits (or email)."""
    client = f"client:{body.client}" if body.client else f"sender:{body.sender}"
    return _status(request, body.code, body.sender, body.contact, client)


@router.get("/{code}", response_model=StatusOut, responses=STATUS_RESPONSES)
def complaint_status(
    code: str,
    request: Request,
    sender: str | None = Query(default=None, max_length=200, description="Rasa sender id of the asker"),
) -> Any:
    """Status by code for the sender who filed the complaint; anyone else is asked for the contact (POST /status).
    An unknown code gets that same answer: a code reveals nothing by itself."""
    host = request.client.host if request.client else "unknown"
    return _status(request, code, sender, None, f"ip:{host}")


class ExtractIn(BaseModel):
    text: str = Field(max_length=100_000)


class ExtractOut(BaseModel):
    name: str | None
    contact: str | None
    only_details: bool = False  # nothing but a name and/or contact: not the complaint's content


@router.post("/extract", response_model=ExtractOut)
def extract(body: ExtractIn) -> ExtractOut:
    """The name and phone/e-mail a citizen gave before the form asked for them (unmistakable ones only)."""
    found = extract_details(body.text[:5000])
    if found.name:
        remember_personal_value(found.name)
    return ExtractOut(name=found.name, contact=found.contact, only_details=found.only_details)
