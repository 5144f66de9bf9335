"""The chat outbox: what staff (human handoff) or the system say to a channel user outside a bot reply.

`push` is what the handoff feature calls; `updates_after` is what the web widget's poll reads. Rows are
read by (channel, sender, id > cursor) on one composite index, so a poll stays cheap however big the table.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.channels.hub import CHANNELS, SENDER_PATTERN, clean_text
from bot.channels.outbox_models import ChatOutboxRow

ROLES = ("staff", "system")
MAX_TEXT_CHARS = 4000
MAX_BATCH = 50
_SENDER = re.compile(SENDER_PATTERN)


def push(session: Session, channel: str, sender: str, role: str, text: str) -> ChatOutboxRow:
    """Queue one message for a channel user and commit it; returns the stored row (its id is the cursor)."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if not _SENDER.match(sender):
        raise ValueError("invalid sender id")
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    text = clean_text(text)
    if not text:
        raise ValueError("empty message")
    row = ChatOutboxRow(channel=channel, sender=sender, role=role, text=text[:MAX_TEXT_CHARS])
    session.add(row)
    session.commit()
    return row


def updates_after(
    session: Session, channel: str, sender: str, after: int = 0, limit: int = MAX_BATCH
) -> list[ChatOutboxRow]:
    """The user's outbox messages with id > after, oldest first, at most `limit` (capped at MAX_BATCH)."""
    query = (
        select(ChatOutboxRow)
        .where(ChatOutboxRow.channel == channel, ChatOutboxRow.sender == sender, ChatOutboxRow.id > after)
        .order_by(ChatOutboxRow.id)
        .limit(max(1, min(limit, MAX_BATCH)))
    )
    return list(session.scalars(query))
