"""The webhook endpoint Telegram posts updates to, checking Telegram's secret token header itself."""

from __future__ import annotations

import hmac
import json
import logging
import re

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

log = logging.getLogger("bot.channels.telegram.webhook")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts for setWebhook's secret_token
MAX_UPDATE_BYTES = 1024 * 1024


def secret_matches(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def webhook_app(application: Application, secret: str, path: str) -> Starlette:
    """A small ASGI app: POST `path` with the right secret header queues the update; anything else is refused."""

    async def receive(request: Request) -> Response:
        if not secret_matches(request.headers.get(SECRET_HEADER), secret):
            log.warning("webhook call refused: wrong or missing secret token")
            return JSONResponse({"detail": "forbidden"}, status_code=403)
        body = await request.body()
        if len(body) > MAX_UPDATE_BYTES:
            return JSONResponse({"detail": "too large"}, status_code=413)
        try:
            update = Update.de_json(json.loads(body), application.bot)
        except Exception:  # malformed JSON or not an update: Telegram never sends that, nothing to retry
            log.warning("webhook call with an invalid update ignored")
            return JSONResponse({"detail": "invalid update"}, status_code=400)
        await application.update_queue.put(update)
        return Response(status_code=200)

    async def health(_request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(routes=[Route(path, receive, methods=["POST"]), Route("/health", health, methods=["GET"])])
