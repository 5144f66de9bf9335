"""`python -m bot.channels.telegram`: run the Telegram gateway configured from SCT_* environment variables."""

from __future__ import annotations

import asyncio
import logging
import sys

from bot.channels.telegram.app import ConfigError, check_config, run_polling, run_webhook
from bot.privacy import configure_process_logging
from bot.settings import Settings


def main() -> int:
    configure_process_logging()
    settings = Settings()
    try:
        check_config(settings)
    except ConfigError as exc:
        print(f"Telegram gateway not started: {exc}", file=sys.stderr)
        return 2
    if settings.telegram_mode == "webhook":
        asyncio.run(run_webhook(settings))
    else:
        run_polling(settings)
    logging.getLogger("bot.channels.telegram").info("Telegram gateway stopped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
