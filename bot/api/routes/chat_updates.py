"""GET /chat/updates: what staff or the system said to a channel user since the last poll.

Only the user's own client may read it: the web widget with its conversation token, the Telegram (or a
future Zalo) gateway with the gateways' secret. Anyone else gets 403, whatever the sender id.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from bot.api.deps import SessionDep
from bot.api.schemas import ErrorOut
from bot.channels.access import gateway_secret_ok
from bot.db.outbox import updates_after
from bot.handoff import service as handoff_service
from bot.identifiers import SENDER_PATTERN, ChatChannel

router = APIRouter(prefix="/chat", tags=["chat"])
NOT_YOURS = (
    "Không thể tải tin nhắn của cuộc trò chuyện này. Anh/chị vui lòng tải lại trang hoặc bấm «Cuộc trò chuyện mới»."
)


class UpdateOut(BaseModel):
    id: int
    text: str
    sender_role: str = Field(description="staff | system")
    author: str | None = Field(default=None, description="staff: the name to show (a display name or the team)")
    created_at: str | None = None


class HandoffState(BaseModel):
    status: str = Field(description="queued | claimed")
    outbox_cursor: int = Field(description="the outbox id when the handoff opened: deliver what comes after it")


class UpdatesOut(BaseModel):
    messages: list[UpdateOut]
    cursor: int = Field(description="pass as `after` on the next poll")
    handoff: HandoffState | None = Field(default=None, description="the user's open handoff to a person, if any")


def _check_reader(request: Request, channel: str, sender: str, token: str | None, secret: str | None) -> None:
    if channel == "web":
        allowed = request.app.state.conversation_keys.token_ok(sender, token)
    else:
        allowed = gateway_secret_ok(request.app.state.settings, secret)
    if not allowed:
        raise HTTPException(403, NOT_YOURS)


@router.get(
    "/updates",
    response_model=UpdatesOut,
    responses={403: {"model": ErrorOut, "description": "not the conversation's widget (token) or gateway (secret)"}},
)
def get_updates(
    session: SessionDep,
    request: Request,
    response: Response,
    sender: Annotated[str, Query(pattern=SENDER_PATTERN, description="the widget's session id")],
    channel: ChatChannel = "web",
    after: Annotated[int, Query(ge=0, le=2**62, description="the cursor of the previous answer")] = 0,
    x_sct_conversation_token: Annotated[
        str | None, Header(max_length=128, description="web: the token from POST /chat/sessions")
    ] = None,
    x_sct_channel_secret: Annotated[str | None, Header(max_length=512, description="telegram/zalo: gateways")] = None,
) -> UpdatesOut:
    _check_reader(request, channel, sender, x_sct_conversation_token, x_sct_channel_secret)
    rows = updates_after(session, channel, sender, after)
    open_handoff = handoff_service.active(session, channel, sender)
    response.headers["Cache-Control"] = "no-store"
    return UpdatesOut(
        messages=[
            UpdateOut(
                id=r.id,
                text=r.text,
                sender_role=r.role,
                author=r.author,
                created_at=r.created_at.isoformat() if r.created_at else None,
            )
            for r in rows
        ],
        cursor=rows[-1].id if rows else after,
        handoff=HandoffState(status=open_handoff.status, outbox_cursor=open_handoff.outbox_cursor)
        if open_handoff
        else None,
    )
