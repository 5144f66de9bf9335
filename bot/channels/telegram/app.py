"""Build the PTB application from the settings and run it in polling or webhook mode."""

from __future__ import annotations

import logging
from urllib.parse import urlparse

import uvicorn
from telegram.ext import Application, ApplicationBuilder

from bot.channels.telegram import texts
from bot.channels.telegram.gateway import ALLOWED_UPDATES, TelegramGateway
from bot.channels.telegram.hub_client import HubClient
from bot.channels.telegram.ordering import PerChatUpdateProcessor
from bot.channels.telegram.outbox_poller import OutboxPoller
from bot.channels.telegram.payload_store import PayloadStore
from bot.channels.telegram.webhook import SECRET_PATTERN, webhook_app
from bot.settings import Settings

log = logging.getLogger("bot.channels.telegram")


class ConfigError(Exception):
    """The environment does not describe a runnable gateway (the message says which variable to set)."""


def check_config(settings: Settings) -> None:
    if settings.telegram_token is None or not settings.telegram_token.get_secret_value().strip():
        raise ConfigError("SCT_TELEGRAM_TOKEN is not set (get one from @BotFather)")
    if settings.telegram_mode not in ("polling", "webhook"):
        raise ConfigError("SCT_TELEGRAM_MODE must be 'polling' or 'webhook'")
    if settings.telegram_mode == "webhook":
        if not settings.telegram_webhook_url.startswith("https://"):
            raise ConfigError("SCT_TELEGRAM_WEBHOOK_URL must be the public https URL of the webhook")
        secret = settings.telegram_webhook_secret.get_secret_value() if settings.telegram_webhook_secret else ""
        if not SECRET_PATTERN.match(secret):
            raise ConfigError("SCT_TELEGRAM_WEBHOOK_SECRET must be 1-256 characters A-Z, a-z, 0-9, _ or -")


def build_application(settings: Settings, webhook: bool = False) -> tuple[Application, HubClient]:
    api = settings.telegram_api_base_url.rstrip("/")
    if not settings.channel_secret:
        log.warning("SCT_CHANNEL_SECRET is not set: the backend will not hand this gateway any staff reply")
    hub = HubClient(settings.backend_url, secret=settings.channel_secret)
    poller = OutboxPoller(settings.backend_url, settings.telegram_outbox_poll_seconds, secret=settings.channel_secret)

    async def start_poller(app: Application) -> None:
        poller.start(app.bot)

    async def close_hub(_app: Application) -> None:
        await poller.stop()
        await hub.aclose()

    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .concurrent_updates(PerChatUpdateProcessor(16))
        .post_init(start_poller)
        .post_shutdown(close_hub)
    )
    if webhook:
        builder = builder.updater(None)
    application = builder.build()
    welcome = texts.welcome(settings.department_name, settings.province_name)
    TelegramGateway(hub, PayloadStore(), welcome, poller).register(application)
    application.bot_data["outbox_poller"] = poller
    return application, hub


def run_polling(settings: Settings) -> None:
    application, _hub = build_application(settings)
    log.info("Telegram gateway running (polling), relaying to %s", settings.backend_url)
    application.run_polling(allowed_updates=ALLOWED_UPDATES)


async def run_webhook(settings: Settings) -> None:
    """Serve the webhook with uvicorn next to PTB in one event loop; register it with Telegram first."""
    application, _hub = build_application(settings, webhook=True)
    secret = settings.telegram_webhook_secret.get_secret_value()
    path = urlparse(settings.telegram_webhook_url).path or "/"
    server = uvicorn.Server(
        uvicorn.Config(
            webhook_app(application, secret, path),
            host=settings.telegram_webhook_host,
            port=settings.telegram_webhook_port,
            log_level="warning",
        )
    )
    async with application:
        await application.bot.set_webhook(
            url=settings.telegram_webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES
        )
        await application.start()
        application.bot_data["outbox_poller"].start(application.bot)
        log.info(
            "Telegram gateway running (webhook on %s:%s%s), relaying to %s",
            settings.telegram_webhook_host,
            settings.telegram_webhook_port,
            path,
            settings.backend_url,
        )
        try:
            await server.serve()
        finally:
            await application.bot_data["outbox_poller"].stop()
            await application.stop()
