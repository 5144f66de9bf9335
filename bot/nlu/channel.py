"""Rasa's REST channel (`/webhooks/rest/webhook`), answering 503 when a message could not be processed properly.

Rasa's own REST channel answers 200 with whatever was collected even when processing failed, and cannot tell
that its tracker store was down (see bot.nlu.tracker_store). This one answers 503 `{"error": ...}` when

- the tracker store cannot be reached before the message is processed,
- reading or saving this conversation's tracker failed while it was processed (its replies were computed on
  an empty tracker, or are not stored), or
- processing raised (e.g. the lock store is down).

The chat hub turns a 503 into its polite "please send it again in a few minutes". Used by the production
profile (credentials.production.yml); same URL and body as the built-in channel.
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.nlu.tracker_store import ResilientSQLTrackerStore

log = logging.getLogger(__name__)


def _unavailable(reason: str) -> HTTPResponse:
    return response.json({"error": "unavailable", "reason": reason}, status=503)


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            sender_id = await self._extract_sender(request)
            store = ResilientSQLTrackerStore.current
            if store is not None:
                if not store.available():
                    return _unavailable("tracker store")
                store.begin(sender_id)
            collector = CollectingOutputChannel()
            message = UserMessage(
                self._extract_message(request),
                collector,
                sender_id,
                input_channel=self._extract_input_channel(request),
                metadata=self.get_metadata(request),
            )
            try:
                await on_new_message(message)
            except CancelledError:
                log.error("message processing timed out")
                return _unavailable("timeout")
            except Exception as exc:  # noqa: BLE001 (the hub answers the citizen politely)
                log.error("message processing failed (%s)", type(exc).__name__)
                return _unavailable("processing")
            if store is not None and store.failed(sender_id):
                return _unavailable("tracker store")
            return response.json(collector.messages)

        return webhook
