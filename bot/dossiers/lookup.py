"""The dossier look-up: parse the code, rate-limit, ask the source, verify ownership, compose.

Every limit counts per sender *and* per client (the hub's tag of the network address or channel account),
so new sender ids buy nothing; wrong digits also count per dossier code across everyone, and a code with
too many of them is locked for a while (the citizen is sent to the Bộ phận Một cửa). Codes are sequential,
so confirming that one exists costs a look-up of both budgets too.
"""

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
from bot.ratelimit import Decision, Limit, RateLimiter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LookupLimits:
    lookups: Limit = Limit(10, 600)  # look-ups per sender
    misses: Limit = Limit(5, 600)  # codes that do not exist, per sender (enumeration)
    failed_verifications: Limit = Limit(3, 600)  # wrong last-4 digits per sender
    client_lookups: Limit = Limit(60, 600)  # the same per client: one address or account, whatever its senders
    client_misses: Limit = Limit(20, 600)
    client_failed_verifications: Limit = Limit(10, 3600)
    code_failed_verifications: Limit = Limit(5, 3600)  # wrong digits per dossier code, from anyone: then locked
    code_verifications: Limit = Limit(10, 3600)  # attempts per code, right or wrong, counted atomically first:
    # concurrent guesses all pass the failure check before any is counted, this bounds them


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

    def lookup(
        self, text: str, sender: str, phone_last4_text: str | None = None, client: str | None = None
    ) -> LookupResult:
        """`client`: who is behind the sender (see bot.api.routes.chat.client_tag); without it, the sender."""
        sender = sender or "anonymous"
        result = self._lookup(text, sender, phone_last4_text, f"client:{client}" if client else f"sender:{sender}")
        log.info(
            "dossier lookup sender=%s code=%s status=%s verified=%s",
            sender_tag(sender),
            result.code,
            result.status,
            result.verified,
        )
        return result

    def _budget(self, *keyed: tuple[str, Limit]) -> Decision:
        """The first refusal among (key, limit) pairs, counting nothing; else an allowed decision."""
        for key, limit in keyed:
            decision = self.limiter.check(key, limit)
            if not decision.allowed:
                return decision
        return Decision(True, 0)

    def _count(self, *keyed: tuple[str, Limit]) -> None:
        for key, limit in keyed:
            self.limiter.record(key, limit)

    def _lookup(self, text: str, sender: str, last4_text: str | None, client: str) -> LookupResult:
        limits = self.limits
        lookups = ((f"dossier-lookup:{sender}", limits.lookups), (f"dossier-lookup:{client}", limits.client_lookups))
        for key, limit in lookups:
            allowed = self.limiter.hit(key, limit)  # atomic: concurrent requests cannot all slip through
            if not allowed.allowed:
                return LookupResult("rate_limited", replies.rate_limited_text(allowed.retry_after, False))
        code = parse_code(text)
        if code is None:
            return LookupResult("invalid_code", replies.invalid_code_text(), buttons=[])
        misses = ((f"dossier-miss:{sender}", limits.misses), (f"dossier-miss:{client}", limits.client_misses))
        refused = self._budget(*misses)
        if not refused.allowed:
            return LookupResult("rate_limited", replies.rate_limited_text(refused.retry_after, False), code=code)
        wants_verification = bool(last4_text and str(last4_text).strip())
        code_fails = (f"dossier-code-fail:{code}", limits.code_failed_verifications)
        fails = (
            (f"dossier-verify-fail:{sender}", limits.failed_verifications),
            (f"dossier-verify-fail:{client}", limits.client_failed_verifications),
        )
        if wants_verification:
            locked = self.limiter.check(*code_fails)
            if not locked.allowed:
                text = replies.code_locked_text(code, locked.retry_after, self.hotline)
                return LookupResult("rate_limited", text, code=code, needs_verification=True)
            refused = self._budget(*fails)
            if not refused.allowed:
                text = replies.rate_limited_text(refused.retry_after, True)
                return LookupResult("rate_limited", text, code=code, needs_verification=True)
            attempt = self.limiter.hit(f"dossier-code-try:{code}", limits.code_verifications)
            if not attempt.allowed:
                text = replies.code_locked_text(code, attempt.retry_after, self.hotline)
                return LookupResult("rate_limited", text, code=code, needs_verification=True)
        try:
            record = self.source.get(code)
        except SourceUnavailable:
            return LookupResult("unavailable", replies.unavailable_text(code, self.hotline, self.portal_url), code=code)
        if record is None:
            self._count(*misses)
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
                self._count(code_fails, *fails)
                if not self.limiter.check(*code_fails).allowed:  # someone may be guessing: worth a look
                    log.warning("dossier %s locked after %d wrong digit attempts", code, code_fails[1].count)
                attempts_left = min(self.limiter.check(key, limit).remaining for key, limit in (code_fails, *fails))
        result = self._found(record, verified, failed, attempts_left)
        if failed and attempts_left == 0:  # say now what the next attempt would be told
            if not (locked := self.limiter.check(*code_fails)).allowed:
                result.text += "\n" + replies.code_locked_text(code, locked.retry_after, self.hotline)
            else:
                result.text += "\n" + replies.rate_limited_text(self._budget(*fails).retry_after, True)
        return result

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
