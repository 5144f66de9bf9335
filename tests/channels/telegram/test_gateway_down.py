"""When the backend or Rasa is down, the real gateway answers with a polite retry message and keeps running."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bot.api.main import create_app
from bot.channels import messages
from bot.channels.telegram import texts
from bot.settings import Settings
from tests.channels.telegram import updates
from tests.channels.telegram.conftest import start_gateway, stop_gateway
from tests.servers import ThreadedServer, free_port


def test_backend_unreachable_gives_a_polite_retry_message(fake_api):
    gateway = start_gateway(fake_api, "333:dead-backend-SECRETVALUE", f"http://127.0.0.1:{free_port()}")
    try:
        chat = 6001
        fake_api.inject(gateway.token, updates.text(chat, "xin chào"))
        fake_api.inject(gateway.token, updates.text(chat, "lệ phí bao nhiêu"))
        replies = fake_api.wait_for(gateway.token, "sendMessage", chat, count=2)
        assert [r.params["text"] for r in replies] == [texts.BACKEND_DOWN] * 2
        assert gateway.alive()
    finally:
        stop_gateway(gateway)


def test_rasa_unreachable_relays_the_hubs_polite_retry_message(fake_api):
    db = Path(tempfile.mkdtemp(prefix="sct-tg-down-")) / "bot.db"
    settings = Settings(
        database_url=f"sqlite:///{db}", environment="test", rasa_url=f"http://127.0.0.1:{free_port()}", rasa_timeout=3
    )
    backend = ThreadedServer(create_app(settings)).start()
    gateway = start_gateway(fake_api, "444:rasa-down-SECRETVALUE", backend.url)
    try:
        chat = 6002
        fake_api.inject(gateway.token, updates.text(chat, "xin giấy phép bán lẻ rượu"))
        [reply] = fake_api.wait_for(gateway.token, "sendMessage", chat)
        assert reply.params["text"] == messages.RASA_DOWN
        assert gateway.alive()
    finally:
        stop_gateway(gateway)
        backend.stop()
