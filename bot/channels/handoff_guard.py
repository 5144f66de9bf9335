"""The hub's handoff check: while a person handles the conversation, the citizen's messages skip Rasa."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import anyio
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from bot.channels.hub import BotMessage, HubReply
from bot.handoff import service

log = logging.getLogger("bot.handoff")


class HandoffGuard:
    def __init__(self, sessions: sessionmaker, settings, clock: Callable[[], dt.datetime]) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock

    async def hold(self, channel: str, sender: str, text: str) -> HubReply | None:
        """None: no open handoff, Rasa answers. Otherwise the message is in the transcript (maybe with a note)."""
        try:
            return await anyio.to_thread.run_sync(self._hold, channel, sender, text)
        except SQLAlchemyError as exc:  # the bot keeps answering when the handoff tables cannot be read
            log.warning("handoff check failed for a %s user (%s): relayed to the bot", channel, type(exc).__name__)
            return None

    def _hold(self, channel: str, sender: str, text: str) -> HubReply | None:
        s = self.settings
        now = service.utc(self.clock())
        with self.sessions() as db:
            handoff = service.active(db, channel, sender)
            if handoff is None:
                return None
            if service.is_stale(handoff, now, s.handoff_wait_minutes, s.handoff_idle_minutes):
                service.expire(db, handoff, now)
                return None
            note = service.hold_citizen_message(db, handoff, text, now, s.handoff_waiting_note_every)
        return HubReply([BotMessage(note)] if note else [], status="handoff")
