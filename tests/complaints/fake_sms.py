"""A fake SMS gateway speaking the contract of bot/complaints/delivery/sms.py: a real local HTTP server."""

from __future__ import annotations

import threading

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.servers import ThreadedServer


class FakeSmsGateway:
    def __init__(self, key: str) -> None:
        self.key = key
        self.sent: list[dict] = []
        self.fail = False
        self._lock = threading.Lock()
        self.server = ThreadedServer(Starlette(routes=[Route("/sms", self._send, methods=["POST"])]))

    @property
    def url(self) -> str:
        return self.server.url + "/sms"

    def start(self) -> FakeSmsGateway:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    async def _send(self, request: Request) -> JSONResponse:
        if request.headers.get("authorization") != f"Bearer {self.key}":
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        if self.fail:
            return JSONResponse({"error": "provider down"}, status_code=502)
        body = await request.json()
        with self._lock:
            self.sent.append(body)
            return JSONResponse({"id": f"sms-{len(self.sent)}"})
