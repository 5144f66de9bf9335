"""The /bot/* endpoints are for the Rasa action server only: it proves itself with a shared secret header.

`X-SCT-Bot-Key: <SCT_BOT_API_KEY>`, compared in constant time. bot.stack draws a random key per run and gives it
to the backend and the action servers; production refuses to start without one (bot.settings). With no key
configured (development, tests building their own app) the endpoints stay open and the backend says so at start.
"""

from __future__ import annotations

import hmac

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader

from bot.api.schemas import ErrorOut

BOT_KEY_HEADER = "X-SCT-Bot-Key"
MISSING = (
    "Địa chỉ này chỉ dành cho máy chủ trợ lý ảo: thiếu khóa truy cập (X-SCT-Bot-Key). "
    "/ This endpoint is for the bot's action server only: the X-SCT-Bot-Key header is missing."
)
WRONG = (
    "Khóa truy cập máy chủ trợ lý ảo (X-SCT-Bot-Key) không đúng. "
    "/ The X-SCT-Bot-Key header does not match SCT_BOT_API_KEY."
)
BOT_AUTH_RESPONSES: dict[int | str, dict] = {
    401: {"model": ErrorOut, "description": "X-SCT-Bot-Key missing (the action server's shared secret)"},
    403: {"model": ErrorOut, "description": "X-SCT-Bot-Key wrong"},
}

_header = APIKeyHeader(
    name=BOT_KEY_HEADER,
    auto_error=False,
    scheme_name="BotApiKey",
    description="the shared secret of the backend and the Rasa action server (SCT_BOT_API_KEY)",
)


def key_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def require_bot_key(request: Request, given: str | None = Security(_header)) -> None:
    secret = request.app.state.settings.bot_api_key
    expected = secret.get_secret_value() if secret is not None else ""
    if not expected:
        return  # development without a key: open (the backend warned at start)
    if not given:
        raise HTTPException(401, MISSING)
    if not key_matches(given, expected):
        raise HTTPException(403, WRONG)


BotKey = Depends(require_bot_key)
