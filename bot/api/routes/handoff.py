"""POST /bot/handoff: the Rasa action asks for a person on behalf of the citizen (intent request_human)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from bot.api.bot_auth import BOT_AUTH_RESPONSES, BotKey
from bot.api.deps import SessionDep
from bot.handoff import service, texts
from bot.identifiers import parse_rasa_sender_id

router = APIRouter(prefix="/bot", tags=["bot"], dependencies=[BotKey], responses=BOT_AUTH_RESPONSES)
LIVE_CHANNELS = ("web", "telegram")  # channels that deliver staff messages (the outbox) to the citizen


class Turn(BaseModel):
    role: Literal["citizen", "bot"]
    text: str = Field(max_length=5000)


class HandoffIn(BaseModel):
    sender: str = Field(max_length=140, description="the Rasa sender id, '<channel>-<channel user id>'")
    reason: Literal["asked", "fallback"] = "asked"
    turns: list[Turn] = Field(default_factory=list, max_length=50, description="the last turns, oldest first")


class ButtonOut(BaseModel):
    title: str
    payload: str


class HandoffOut(BaseModel):
    status: str = Field(description="queued (new) | waiting (already open) | closed (nobody available now)")
    text: str
    buttons: list[ButtonOut]
    handoff_id: int | None = None


@router.post("/handoff", response_model=HandoffOut)
def request_handoff(body: HandoffIn, session: SessionDep, request: Request) -> HandoffOut:
    parsed = parse_rasa_sender_id(body.sender)
    if parsed is None:
        raise HTTPException(422, "Kênh trò chuyện này chưa hỗ trợ gặp cán bộ trực tuyến.")
    channel, sender = parsed
    hours = request.app.state.handoff_hours
    now = service.utc(request.app.state.handoff_clock())
    if (found := service.active(session, channel, sender)) is not None:
        return HandoffOut(status="waiting", text=texts.ALREADY, buttons=[], handoff_id=found.id)
    button = ButtonOut(title=texts.CLOSED_BUTTON, payload="/file_complaint")
    if channel not in LIVE_CHANNELS:
        return HandoffOut(status="closed", text=texts.NOT_ON_CHANNEL, buttons=[button])
    avail = service.availability(session, hours, now)
    if not avail.open:
        return HandoffOut(status="closed", text=service.closed_text(hours, avail), buttons=[button])
    turns = [t.model_dump() for t in body.turns]
    row, created = service.open_handoff(session, channel, sender, body.reason, turns, now)
    return HandoffOut(
        status="queued" if created else "waiting",
        text=texts.QUEUED if created else texts.ALREADY,
        buttons=[],
        handoff_id=row.id,
    )
