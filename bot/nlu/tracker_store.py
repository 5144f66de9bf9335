"""Rasa's SQL tracker store, made to survive its database going away (production profile).

Rasa wraps every tracker store in a `FailSafeTrackerStore` that swallows errors: while PostgreSQL is down a
message is processed on a *fresh, empty* tracker (the conversation seems forgotten) and the result is kept in
process memory. This store:

- checks pooled connections before use (`pool_pre_ping`) and bounds the connect time, so after PostgreSQL
  restarts the next message simply works, with no Rasa restart;
- notes, per conversation, that it could not read or write the tracker, so the REST channel
  (`bot.nlu.channel.GuardedRestInput`) answers 503 instead of replies computed on an empty tracker — the chat
  hub then tells the citizen politely to try again, and the conversation resumes from PostgreSQL afterwards.

Imported by the Rasa virtualenv: depends only on rasa (SQLAlchemy 1.4) and the standard library.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, ClassVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_SECONDS = 3


class ResilientSQLTrackerStore(SQLTrackerStore):
    current: ClassVar[ResilientSQLTrackerStore | None] = None  # the store of this Rasa process, for the channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # waits for the database at start-up, creates it and the tables
        url = self.engine.url
        self.engine.dispose()
        options = create_engine_kwargs(url)
        connect_args = {**options.pop("connect_args", {}), "connect_timeout": CONNECT_TIMEOUT_SECONDS}
        self.engine = sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args, **options)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self._failed: set[str] = set()
        self._lock = threading.Lock()
        ResilientSQLTrackerStore.current = self

    # -- what the channel asks -----------------------------------------------------------------------------
    def available(self) -> bool:
        """Can the database be reached now? (one pre-pinged connection from the pool)"""
        try:
            with self.engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
        except SQLAlchemyError as exc:
            log.warning("tracker store unavailable (%s)", type(exc).__name__)
            return False
        return True

    def begin(self, sender_id: str) -> None:
        with self._lock:
            self._failed.discard(sender_id)

    def failed(self, sender_id: str) -> bool:
        """Did reading or writing this conversation fail since begin()? Clears the note."""
        with self._lock:
            if sender_id in self._failed:
                self._failed.discard(sender_id)
                return True
            return False

    def _note_failure(self, sender_id: str, what: str, exc: Exception) -> None:
        log.warning("tracker store could not %s a conversation (%s)", what, type(exc).__name__)
        with self._lock:
            self._failed.add(sender_id)

    # -- the store -------------------------------------------------------------------------------------------
    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        try:
            return await super().retrieve(sender_id)
        except SQLAlchemyError as exc:
            self._note_failure(sender_id, "read", exc)
            return None

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        try:
            return await super().retrieve_full_tracker(conversation_id)
        except SQLAlchemyError as exc:
            self._note_failure(conversation_id, "read", exc)
            return None

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Not raised: Rasa would keep the tracker in memory instead; the channel reports the failure."""
        try:
            await super().save(tracker)
        except SQLAlchemyError as exc:
            self._note_failure(tracker.sender_id, "save", exc)
