"""The dossier look-up: parse the code, rate-limit the sender, ask the source, verify ownership, compose."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from bot.dossiers import replies
from bot.dossiers.calendar import WorkingCalendar, default_calendar
from bot.dossiers.codes import parse_code
from bot.dossiers.masking import clean_last4, phone_last4
from bot.dossiers.records import DossierRecord, today_vn
from bot.dossiers.sources import DossierSource, SourceUnavailable
from bot.dossiers.timeliness import Timeliness, timeliness_of
from bot.ratelimit import Limit, RateLimiter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LookupLimits:
    lookups: Limit = Limit(10, 600)  # look-ups per sender
    misses: Limit = Limit(5, 600)  # codes that do not exist, per sender (enumeration)
    failed_verifications: Limit = Limit(3, 600)  # wrong last-4 digits per sender


@dataclass
class LookupResult:
    status: str  # found | not_found | invalid_code | rate_limited | unavailable | verification_failed
    text: str
    code: str | None = None
    verified: bool = False
    needs_verification: bool = False
    timeliness: str | None = None
    buttons: list[dict] = field(default_factory=list)
    complaint_prefill: dict | None = None


def sender_tag(sender: str) -> str:
    """A short stable tag for logs: sender ids can be phone-derived (Zalo, Telegram), so never log them raw."""
    return hashlib.sha256(sender.encode("utf-8", "replace")).hexdigest()[:10]


class DossierLookup:
    def __init__(
        self,
        source: DossierSource,
        limiter: RateLimiter,
        *,
        limits: LookupLimits | None = None,
        procedure_name: Callable[[str], str | None] = lambda _code: None,
        hotline: str = "",
        portal_url: str = "https://dichvucong.gov.vn",
        calendar: WorkingCalendar | None = None,
        today: Callable[[], dt.date] = today_vn,
    ) -> None:
        self.source = source
        self.limiter = limiter
        self.limits = limits or LookupLimits()
        self.procedure_name = procedure_name
        self.hotline = hotline
        self.portal_url = portal_url
        self.calendar = calendar or default_calendar()
        self.today = today

    def lookup(self, text: str, sender: str, phone_last4_text: str | None = None) -> LookupResult:
        result = self._lookup(text, sender or "anonymous", phone_last4_text)
        log.info(
            "dossier lookup sender=%s code=%s status=%s verified=%s",
            sender_tag(sender or "anonymous"),
            result.code,
            result.status,
            result.verified,
        )
        return result

    def _lookup(self, text: str, sender: str, last4_text: str | None) -> LookupResult:
        limits = self.limits
        allowed = self.limiter.hit(f"dossier-lookup:{sender}", limits.lookups)
        if not allowed.allowed:
            return LookupResult("rate_limited", replies.rate_limited_text(allowed.retry_after, False))
        code = parse_code(text)
        if code is None:
            return LookupResult("invalid_code", replies.invalid_code_text(), buttons=[])
        misses = self.limiter.check(f"dossier-miss:{sender}", limits.misses)
        if not misses.allowed:
            return LookupResult("rate_limited", replies.rate_limited_text(misses.retry_after, False), code=code)
        wants_verification = bool(last4_text and str(last4_text).strip())
        fail_key = f"dossier-verify-fail:{sender}"
        if wants_verification:
            fails = self.limiter.check(fail_key, limits.failed_verifications)
            if not fails.allowed:
                text = replies.rate_limited_text(fails.retry_after, True)
                return LookupResult("rate_limited", text, code=code, needs_verification=True)
        try:
            record = self.source.get(code)
        except SourceUnavailable:
            return LookupResult("unavailable", replies.unavailable_text(code, self.hotline, self.portal_url), code=code)
        if record is None:
            self.limiter.hit(f"dossier-miss:{sender}", limits.misses)
            return LookupResult("not_found", replies.not_found_text(code, self.hotline), code=code)
        if not record.procedure_name:
            record = _with_name(record, self.procedure_name(record.procedure_code))
        verified = False
        failed = False
        attempts_left = None
        if wants_verification:
            typed = clean_last4(str(last4_text))
            stored = phone_last4(record.applicant_phone)
            if typed is not None and stored is not None and typed == stored:
                verified = True
            else:
                failed = True
                attempts_left = self.limiter.hit(fail_key, limits.failed_verifications).remaining
        return self._found(record, verified, failed, attempts_left)

    def _found(self, record: DossierRecord, verified: bool, failed: bool, attempts_left: int | None) -> LookupResult:
        today = self.today()
        timeliness = timeliness_of(record, today)
        text = replies.found_text(
            record,
            timeliness,
            verified=verified,
            verification_failed=failed,
            attempts_left=attempts_left,
            today=today,
            calendar=self.calendar,
        )
        late = timeliness in (Timeliness.late, Timeliness.overdue)
        return LookupResult(
            status="verification_failed" if failed else "found",
            text=text,
            code=record.code,
            verified=verified,
            needs_verification=not verified,
            timeliness=timeliness.value if timeliness else None,
            buttons=[replies.complaint_button(record.code)] if late else [],
            complaint_prefill=replies.complaint_prefill(record, timeliness, verified) if late else None,
        )


def _with_name(record: DossierRecord, name: str | None) -> DossierRecord:
    return replace(record, procedure_name=name) if name else record
