"""A real local HTTP server speaking the one-stop contract (bot/dossiers/ONESTOP_CONTRACT.md), with knobs to
be slow, to fail a few times, to refuse a key or to send nonsense. Stands in for a provincial system."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Behaviour:
    records: dict[str, dict] = field(default_factory=dict)  # code -> contract JSON
    api_key: str = "secret-key"
    delay: float = 0.0
    fail_first: int = 0  # answer 503 to this many requests first
    malformed: bool = False
    hits: int = 0


class FakeOneStop:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args) -> None:  # keep test output quiet
                return

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                b = fake.behaviour
                b.hits += 1
                if b.delay:
                    time.sleep(b.delay)
                if b.fail_first > 0:
                    b.fail_first -= 1
                    return self._send(503, {"error": "unavailable"})
                if self.headers.get("Authorization") != f"Bearer {b.api_key}":
                    return self._send(401, {"error": "unauthorized"})
                prefix = "/api/v1/dossiers/"
                if not self.path.startswith(prefix):
                    return self._send(404, {"error": "not_found"})
                if b.malformed:
                    return self._send(200, {"code": self.path[len(prefix) :], "status": "dang_xu_ly"})
                record = b.records.get(self.path[len(prefix) :])
                return self._send(200, record) if record else self._send(404, {"error": "not_found"})

            def _send(self, status: int, payload: dict) -> None:
                body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeOneStop:
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()
