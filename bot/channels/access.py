"""Who may act for a channel user: the gateways (their shared secret) and the web widget (a token per conversation).

Telegram chat ids and Zalo user ids are easy to learn, so only a server-side gateway holding
`SCT_CHANNEL_SECRET` may post or poll for those channels. A web conversation is opened by the backend
(`POST /chat/sessions`): it draws the sender id and hands the widget a token, an HMAC of that id, which the
widget shows when it polls staff replies. Tokens need no storage and hold across backend instances that share
the secret; without a secret (development) they are keyed per process. The same key tags client addresses
for rate limits without storing the addresses themselves.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from bot.settings import Settings

CHANNEL_SECRET_HEADER = "X-SCT-Channel-Secret"
CONVERSATION_TOKEN_HEADER = "X-SCT-Conversation-Token"
MIN_PRODUCTION_SECRET = 16


def gateway_secret_ok(settings: Settings, presented: str | None) -> bool:
    """Whether a request holds the gateways' secret; never true when none is configured."""
    expected = settings.channel_secret
    return bool(expected) and hmac.compare_digest((presented or "").encode(), expected.encode())


def gateway_secret_required(settings: Settings) -> bool:
    """Posting for Telegram/Zalo without the secret stays open only in development with no secret set."""
    return bool(settings.channel_secret) or settings.environment == "production"


def check_production_secret(settings: Settings) -> None:
    if settings.environment == "production" and len(settings.channel_secret) < MIN_PRODUCTION_SECRET:
        raise RuntimeError(
            "SCT_CHANNEL_SECRET must be set in production (at least 16 characters, the same value for every backend "
            'and the Telegram gateway), e.g. python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )


class ConversationKeys:
    """Issues and checks web conversation tokens; tags client addresses (keyed, so not reversible)."""

    def __init__(self, secret: str = "") -> None:
        master = secret.encode() if secret else secrets.token_bytes(32)
        self._token_key = hmac.new(master, b"sct:web-conversation", hashlib.sha256).digest()
        self._client_key = hmac.new(master, b"sct:client-address", hashlib.sha256).digest()

    def new_conversation(self) -> tuple[str, str]:
        """A fresh web sender id and its token."""
        sender = "w-" + secrets.token_urlsafe(18)
        return sender, self.token(sender)

    def token(self, sender: str) -> str:
        digest = hmac.new(self._token_key, sender.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def token_ok(self, sender: str, presented: str | None) -> bool:
        return bool(presented) and hmac.compare_digest(self.token(sender).encode(), (presented or "").encode())

    def client_tag(self, address: str) -> str:
        """A short stable tag of a network address, for per-client limits."""
        return hmac.new(self._client_key, address.encode(), hashlib.sha256).hexdigest()[:16]
