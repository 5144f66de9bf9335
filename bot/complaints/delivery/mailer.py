"""Sending e-mail through the Sở's SMTP server (standard library smtplib; STARTTLS, SSL or a local relay).

The password comes only from the environment (SCT_SMTP_PASSWORD). Addresses are never logged: failures are logged
by kind, and smtplib's own debug output stays off.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr

from bot.settings import Settings

SECURITY = ("starttls", "ssl", "none")


class MailError(Exception):
    """The message was not accepted; the reason names no address."""


class SmtpMailer:
    def __init__(self, settings: Settings, context: ssl.SSLContext | None = None) -> None:
        if settings.smtp_security not in SECURITY:
            raise ValueError(f"SCT_SMTP_SECURITY must be one of {', '.join(SECURITY)}")
        self.host, self.port, self.security = settings.smtp_host, settings.smtp_port, settings.smtp_security
        self.username = settings.smtp_username
        self._password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
        self.sender = settings.smtp_from
        self.timeout = settings.smtp_timeout
        self.context = context or ssl.create_default_context()

    def message(self, to: str, subject: str, body: str, reference: str) -> EmailMessage:
        msg = EmailMessage()
        name, address = parseaddr(self.sender)
        msg["From"] = formataddr((name, address)) if name else address
        msg["To"] = to
        msg["Subject"] = subject
        msg["Message-ID"] = make_msgid(idstring=reference.replace("-", ""), domain=address.rpartition("@")[2] or None)
        msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies back to this address
        msg.set_content(body, charset="utf-8")
        return msg

    def send(self, to: str, subject: str, body: str, reference: str) -> None:
        """Blocking: call it from a worker thread. Raises MailError."""
        msg = self.message(to, subject, body, reference)
        try:
            if self.security == "ssl":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=self.context
                )
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                client.set_debuglevel(0)
                if self.security == "starttls":
                    client.starttls(context=self.context)
                if self.username:
                    client.login(self.username, self._password)
                client.send_message(msg)
        except smtplib.SMTPRecipientsRefused as exc:
            raise MailError("recipient refused") from exc
        except smtplib.SMTPAuthenticationError as exc:
            raise MailError("authentication failed (check SCT_SMTP_USERNAME / SCT_SMTP_PASSWORD)") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise MailError(type(exc).__name__) from exc
