"""Handoff tables: one row per request for a person, its transcript, and the desk's opening mode."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base

OPEN_STATUSES = ("queued", "claimed")
OPEN_WHERE = "status IN ('queued', 'claimed')"


class Handoff(Base):
    """At most one open handoff per channel user: a partial unique index enforces it in the database."""

    __tablename__ = "handoffs"
    __table_args__ = (
        Index(
            "uq_handoffs_open_per_user",
            "channel",
            "sender",
            unique=True,
            sqlite_where=text(OPEN_WHERE),
            postgresql_where=text(OPEN_WHERE),
        ),
        Index("ix_handoffs_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    sender: Mapped[str] = mapped_column(String(128))  # the channel's user id (not the Rasa sender id)
    status: Mapped[str] = mapped_column(String(16))  # queued | claimed | closed
    reason: Mapped[str] = mapped_column(String(32))  # asked | fallback
    summary: Mapped[str] = mapped_column(Text)  # JSON list of {role: citizen|bot, text}: the turns before
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_activity_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    claimed_by_name: Mapped[str | None] = mapped_column(String(120))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    close_reason: Mapped[str | None] = mapped_column(String(16))  # staff | expired
    unanswered: Mapped[int] = mapped_column(Integer, default=0)  # citizen messages since the last waiting note
    outbox_cursor: Mapped[int] = mapped_column(Integer, default=0)  # the user's outbox id when it opened


class HandoffMessage(Base):
    __tablename__ = "handoff_messages"
    __table_args__ = (Index("ix_handoff_messages_handoff_id", "handoff_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    handoff_id: Mapped[int] = mapped_column(ForeignKey("handoffs.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))  # citizen | staff | system
    author: Mapped[str | None] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class HandoffDesk(Base):
    """One row: auto (office hours decide), open (staff on duty now), closed (nobody, whatever the hours)."""

    __tablename__ = "handoff_desk"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mode: Mapped[str] = mapped_column(String(8))
    updated_by: Mapped[str | None] = mapped_column(String(120))
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
