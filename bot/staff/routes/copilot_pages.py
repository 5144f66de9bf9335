"""Hotline copilot page and the complaint form it opens (role staff)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from bot.api.deps import get_session
from bot.complaints.consent import consent_text, hotline_consent_text
from bot.staff.auth import Operator
from bot.staff.hotline import new_form_key, take_complaint
from bot.staff.web import render

router = APIRouter(prefix="/staff", include_in_schema=False)

DB = Annotated[Session, Depends(get_session)]
FIELDS = ("content", "name", "contact", "procedure_code", "dossier_code")


@router.get("/copilot")
def copilot_page(request: Request, principal: Operator) -> Response:
    return render(request, "copilot.html", principal)


def _form(request: Request, principal, values: dict, status_code: int = 200, **extra) -> Response:
    settings = request.app.state.settings
    return render(
        request,
        "complaint_form.html",
        principal,
        status_code,
        v=values,
        consent=hotline_consent_text(settings.department_name, settings.province_name),
        consent_full=consent_text(settings.department_name, settings.province_name),
        **extra,
    )


@router.get("/copilot/complaint")
def complaint_form(
    request: Request,
    principal: Operator,
    content: Annotated[str, Query(max_length=5000)] = "",
    procedure_code: Annotated[str, Query(max_length=16)] = "",
    procedure_name: Annotated[str, Query(max_length=500)] = "",
    dossier_code: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """Pre-filled from the call; submitted to POST /staff/copilot/complaint (the complaints service)."""
    values = {
        "content": content,
        "procedure_code": procedure_code,
        "dossier_code": dossier_code,
        "procedure_name": procedure_name,
        "idempotency_key": new_form_key(),
    }
    return _form(request, principal, values)


@router.post("/copilot/complaint")
async def complaint_submit(request: Request, db: DB, principal: Operator) -> Response:
    form = await request.form()
    values = {k: str(form.get(k) or "")[:20000] for k in (*FIELDS, "idempotency_key", "procedure_name")}
    result = take_complaint(db, {**values, "consent": form.get("consent")}, principal)
    if result.errors:
        return _form(request, principal, values, 422, errors=result.errors, consent_checked=bool(form.get("consent")))
    return _form(
        request,
        principal,
        values,
        done=result.row,
        created=result.created,
        promise=request.app.state.delivery.promise(result.row),
    )
