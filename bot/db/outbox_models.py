"""Messages waiting for a channel user that did not come from the bot: staff replies (human handoff) and
system notices. The web widget polls them through GET /chat/updates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base


class ChatOutboxRow(Base):
    __tablename__ = "chat_outbox"
    __table_args__ = (Index("ix_chat_outbox_channel_sender_id", "channel", "sender", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    sender: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))  # staff | system
    author: Mapped[str | None] = mapped_column(String(120))  # staff: the name the citizen sees, never a login
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
