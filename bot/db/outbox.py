"""The chat outbox: what staff (human handoff) or the system say to a channel user outside a bot reply.

`push` is what the handoff feature calls; `updates_after` is what the web widget's poll reads. Rows are
read by (channel, sender, id > cursor) on one composite index, so a poll stays cheap however big the table.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.outbox_models import ChatOutboxRow
from bot.identifiers import CHAT_CHANNELS, SENDER_PATTERN
from bot.text.clean import clean_text

ROLES = ("staff", "system")
MAX_TEXT_CHARS = 4000
MAX_BATCH = 50
_SENDER = re.compile(SENDER_PATTERN)


def push(session: Session, channel: str, sender: str, role: str, text: str, author: str | None = None) -> ChatOutboxRow:
    """Queue one message for a channel user and commit it; returns the stored row (its id is the cursor).
    `author` names a staff message's writer as the citizen sees it (bot.handoff.texts.staff_name)."""
    if channel not in CHAT_CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if not _SENDER.match(sender):
        raise ValueError("invalid sender id")
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    text = clean_text(text)
    if not text:
        raise ValueError("empty message")
    row = ChatOutboxRow(
        channel=channel,
        sender=sender,
        role=role,
        text=text[:MAX_TEXT_CHARS],
        author=clean_text(author)[:120] or None if author else None,
    )
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
