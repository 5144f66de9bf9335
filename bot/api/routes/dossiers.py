"""Dossier status look-up for the Rasa actions: POST /bot/dossiers/lookup."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from bot.api.bot_auth import BOT_AUTH_RESPONSES, BotKey
from bot.dossiers.lookup import DossierLookup

router = APIRouter(prefix="/bot/dossiers", tags=["dossiers"], dependencies=[BotKey], responses=BOT_AUTH_RESPONSES)


class LookupIn(BaseModel):
    text: str = Field(default="", max_length=5000, description="the user's raw message with the code, or the code")
    sender: str = Field(default="", max_length=200, description="Rasa sender id (rate limits are per sender)")
    phone_last4: str | None = Field(default=None, max_length=20, description="last 4 digits of the registered phone")
    client: str | None = Field(
        default=None,
        max_length=64,
        pattern=r"^[A-Za-z0-9_.:-]+$",
        description="the hub's tag of the address or account behind the sender (message metadata `client`): "
        "limits count per client too",
    )


class ButtonOut(BaseModel):
    title: str
    payload: str


class ComplaintPrefill(BaseModel):
    dossier_code: str
    procedure_code: str | None
    content: str


class LookupOut(BaseModel):
    status: str = Field(
        description="found | not_found | invalid_code | rate_limited | unavailable | verification_failed"
    )
    code: str | None
    verified: bool
    needs_verification: bool
    timeliness: str | None = Field(description="early | on_time | late | within_time | overdue | null")
    text: str
    buttons: list[ButtonOut]
    complaint_prefill: ComplaintPrefill | None


@router.post("/lookup", response_model=LookupOut)
def lookup(body: LookupIn, request: Request) -> LookupOut:
    service: DossierLookup = request.app.state.dossiers
    result = service.lookup(body.text, body.sender, body.phone_last4, body.client)
    return LookupOut(
        status=result.status,
        code=result.code,
        verified=result.verified,
        needs_verification=result.needs_verification,
        timeliness=result.timeliness,
        text=result.text,
        buttons=[ButtonOut(**b) for b in result.buttons],
        complaint_prefill=ComplaintPrefill(**result.complaint_prefill) if result.complaint_prefill else None,
    )
