"""Copilot actions beyond the analysis (role staff): take a complaint over the phone, look up a dossier.

Both use the citizen bot's own services: bot.complaints (channel hotline) and the dossier look-up on
app.state.dossiers, with its rate limits keyed per operator ("hotline:<username>").
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bot.api.deps import get_session
from bot.dossiers.lookup import DossierLookup, LookupResult
from bot.staff.auth import Operator
from bot.staff.hotline import take_complaint

router = APIRouter(prefix="/staff/api/copilot", tags=["staff: copilot"])

DB = Annotated[Session, Depends(get_session)]


class HotlineComplaintIn(BaseModel):
    idempotency_key: str = Field(max_length=128, description="from the form (GET /staff/copilot/complaint)")
    content: str = Field(default="", max_length=20000)
    name: str = Field(default="", max_length=1000)
    contact: str = Field(default="", max_length=1000, description="phone number or email of the caller")
    procedure_code: str | None = Field(default=None, max_length=32)
    dossier_code: str | None = Field(default=None, max_length=64)
    consent: bool = Field(default=False, description="the caller agreed aloud to the statement read out")


@router.post("/complaints", status_code=201)
def hotline_complaint(body: HotlineComplaintIn, db: DB, principal: Operator) -> JSONResponse:
    """Store a complaint taken over the phone (channel hotline, sender hotline:<operator>)."""
    result = take_complaint(db, body.model_dump(), principal)
    if result.errors:
        raise HTTPException(422, {"message": "Chưa lưu phản ánh: vui lòng sửa các mục sau.", "errors": result.errors})
    row = result.row
    return JSONResponse(
        {
            "code": row.code,
            "status": row.status,
            "created": result.created,
            "channel": row.channel,
            "sender": row.sender,
        },
        status_code=201 if result.created else 200,
    )


class DossierIn(BaseModel):
    code: str = Field(default="", max_length=200, description="the dossier code as the caller reads it")
    phone_last4: str | None = Field(default=None, max_length=20, description="last 4 digits the caller gives")


def dossier_lookup(request: Request, code: str, phone_last4: str | None, username: str) -> LookupResult:
    service: DossierLookup = request.app.state.dossiers
    return service.lookup(code, f"hotline:{username}", phone_last4)


@router.post("/dossier")
def copilot_dossier(body: DossierIn, request: Request, principal: Operator) -> dict:
    """Status, explanation and (once the caller's last 4 phone digits match) details of a dossier."""
    result = dossier_lookup(request, body.code, body.phone_last4, principal.username)
    return {
        "status": result.status,
        "code": result.code,
        "verified": result.verified,
        "needs_verification": result.needs_verification,
        "timeliness": result.timeliness,
        "text": result.text,
        "complaint_prefill": result.complaint_prefill,
    }
