"""A real SMTP server in-process (aiosmtpd) that keeps what it receives and checks a login."""

from __future__ import annotations

import email
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import Message
from email.policy import default

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.servers import free_port, throwaway_certificate


def self_signed(directory) -> tuple[ssl.SSLContext, ssl.SSLContext]:  # noqa: ANN001
    """(server, client) TLS contexts for 127.0.0.1 from a throw-away certificate made by the openssl command."""
    cert, key = throwaway_certificate(directory)
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert, key)
    return server, ssl.create_default_context(cafile=str(cert))


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: Message
    login: str | None

    @property
    def body(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()


class _Handler:
    def __init__(self, box: LocalSmtp) -> None:
        self.box = box

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=default)
        data = session.auth_data  # what _check returned for a successful AUTH: the login
        login = data.decode() if isinstance(data, bytes) else data
        with self.box.lock:
            self.box.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message, login))
        return "250 Message accepted for delivery"


class LocalSmtp:
    """SMTP with AUTH LOGIN/PLAIN for `username`/`password`; with `tls`, STARTTLS is required before anything
    (as a real mail server does), else plain (the client uses SCT_SMTP_SECURITY=none)."""

    def __init__(self, username: str, password: str, tls: ssl.SSLContext | None = None) -> None:
        self.username, self.password = username, password
        self.received: list[Received] = []
        self.lock = threading.Lock()
        self.port = free_port()
        tls_options = {"tls_context": tls, "require_starttls": True} if tls else {"auth_require_tls": False}
        self.controller = Controller(
            _Handler(self),
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self._check,
            auth_required=True,
            **tls_options,
        )

    def _check(self, server, session, envelope, mechanism, auth_data) -> AuthResult:  # noqa: ANN001
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == self.username
            and auth_data.password.decode() == self.password
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)

    def start(self) -> LocalSmtp:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def wait_for(self, to: str, timeout: float = 20) -> Received:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                found = [r for r in self.received if to in r.rcpt_tos]
            if found:
                return found[-1]
            time.sleep(0.05)
        raise AssertionError(f"no e-mail received within {timeout} s")
