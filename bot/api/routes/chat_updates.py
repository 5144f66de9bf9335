"""GET /chat/updates: what staff or the system said to a web user since the widget's last poll."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from bot.api.deps import SessionDep
from bot.channels.hub import SENDER_PATTERN
from bot.channels.outbox import updates_after
from bot.handoff import service as handoff_service

router = APIRouter(prefix="/chat", tags=["chat"])


class UpdateOut(BaseModel):
    id: int
    text: str
    sender_role: str = Field(description="staff | system")
    created_at: str | None = None


class HandoffState(BaseModel):
    status: str = Field(description="queued | claimed")
    outbox_cursor: int = Field(description="the outbox id when the handoff opened: deliver what comes after it")


class UpdatesOut(BaseModel):
    messages: list[UpdateOut]
    cursor: int = Field(description="pass as `after` on the next poll")
    handoff: HandoffState | None = Field(default=None, description="the user's open handoff to a person, if any")


@router.get("/updates", response_model=UpdatesOut)
def get_updates(
    session: SessionDep,
    response: Response,
    sender: Annotated[str, Query(pattern=SENDER_PATTERN, description="the widget's session id")],
    channel: Literal["web", "telegram", "zalo"] = "web",
    after: Annotated[int, Query(ge=0, le=2**62, description="the cursor of the previous answer")] = 0,
) -> UpdatesOut:
    rows = updates_after(session, channel, sender, after)
    open_handoff = handoff_service.active(session, channel, sender)
    response.headers["Cache-Control"] = "no-store"
    return UpdatesOut(
        messages=[
            UpdateOut(
                id=r.id,
                text=r.text,
                sender_role=r.role,
                created_at=r.created_at.isoformat() if r.created_at else None,
            )
            for r in rows
        ],
        cursor=rows[-1].id if rows else after,
        handoff=HandoffState(status=open_handoff.status, outbox_cursor=open_handoff.outbox_cursor)
        if open_handoff
        else None,
    )
