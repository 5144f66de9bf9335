"""The chat endpoint every channel uses: the web widget directly, the Telegram and Zalo gateways server-side."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel, Field

from bot.api.schemas import ErrorOut
from bot.channels.access import ConversationKeys, gateway_secret_ok, gateway_secret_required
from bot.channels.hub import ChatHub
from bot.identifiers import SENDER_PATTERN, ChatChannel

router = APIRouter(prefix="/chat", tags=["chat"])
GATEWAY_ONLY = (
    "Tin nhắn kênh Telegram/Zalo chỉ được nhận qua cổng kết nối của Sở. "
    "Nếu bạn gửi từ trang web, vui lòng dùng kênh «web»."
)


class ChatIn(BaseModel):
    channel: ChatChannel = "web"
    sender: str = Field(pattern=SENDER_PATTERN, description="the channel's user or session id")
    text: str = Field(default="", max_length=20000, description="the user's message or a button payload")
    message_id: str | None = Field(default=None, max_length=128, description="channel message id, for de-dup")
    metadata: dict[str, Any] = Field(default_factory=dict)


class ButtonOut(BaseModel):
    title: str
    payload: str


class MessageOut(BaseModel):
    text: str
    buttons: list[ButtonOut]
    custom: dict[str, Any] | None = None


class ChatOut(BaseModel):
    status: str = Field(
        description="ok | unavailable (Rasa down) | rejected (empty/too long) | duplicate | handoff (held for staff)"
    )
    messages: list[MessageOut]


def _check_gateway(channel: str, secret: str | None, request: Request) -> None:
    """Only the server-side gateways may speak for a Telegram or Zalo user (else anyone could continue a
    stranger's conversation by sending their numeric chat id)."""
    settings = request.app.state.settings
    if channel != "web" and gateway_secret_required(settings) and not gateway_secret_ok(settings, secret):
        raise HTTPException(403, GATEWAY_ONLY)


def client_tag(request: Request, channel: str, sender: str) -> str:
    """Who is behind a message, for limits a caller cannot dodge by changing the sender id: the network address
    for the web (X-Forwarded-For from the proxy in front, see docs/security.md), the account for the gateways."""
    keys: ConversationKeys = request.app.state.conversation_keys
    if channel != "web":
        return keys.client_tag(f"{channel}:{sender}")
    return keys.client_tag(f"ip:{request.client.host if request.client else 'unknown'}")


class SessionOut(BaseModel):
    sender: str = Field(description="the new conversation's sender id: use it in /chat/messages")
    token: str = Field(description="send it as X-SCT-Conversation-Token to GET /chat/updates")


@router.post("/sessions", response_model=SessionOut)
def new_session(request: Request) -> SessionOut:
    """Open a web conversation: the widget calls this once, then keeps the sender id and token."""
    sender, token = request.app.state.conversation_keys.new_conversation()
    return SessionOut(sender=sender, token=token)


@router.post(
    "/messages",
    response_model=ChatOut,
    responses={403: {"model": ErrorOut, "description": "telegram/zalo without the gateways' secret"}},
)
async def post_message(
    body: ChatIn,
    request: Request,
    x_sct_channel_secret: str | None = Header(default=None, description="the gateways' secret (telegram, zalo)"),
) -> ChatOut:
    _check_gateway(body.channel, x_sct_channel_secret, request)
    hub: ChatHub = request.app.state.hub
    metadata = {k: v for k, v in body.metadata.items() if isinstance(v, str | int | float | bool)}
    metadata["client"] = client_tag(request, body.channel, body.sender)  # set here, never by the caller
    reply = await hub.handle(body.channel, body.sender, body.text, body.message_id, metadata)
    return ChatOut(
        status=reply.status,
        messages=[
            MessageOut(
                text=m.text,
                buttons=[ButtonOut(title=b.title, payload=b.payload) for b in m.buttons],
                custom=m.custom,
            )
            for m in reply.messages
        ],
    )
