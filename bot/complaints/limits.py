"""The limits of the complaint endpoints on the shared limiter: new complaints and look-ups per sender; wrong
contacts given to see a status per sender and client, and per complaint code (then it is locked for a while)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.ratelimit import Limit, Quota, RateLimiter
from bot.settings import Settings


@dataclass(frozen=True)
class ComplaintLimits:
    create: Quota
    lookup: Quota
    failed_contact: Quota  # keyed by sender and by client
    code_failed_contact: Quota  # keyed by complaint code, whoever asks
    code_attempts: Quota  # any outcome, counted atomically before the check: bounds concurrent guesses

    @classmethod
    def from_settings(cls, settings: Settings, limiter: RateLimiter) -> ComplaintLimits:
        return cls(
            create=Quota(
                limiter,
                Limit(settings.complaint_create_limit, settings.complaint_create_window_seconds),
                "complaint-create",
            ),
            lookup=Quota(
                limiter,
                Limit(settings.complaint_lookup_limit, settings.complaint_lookup_window_seconds),
                "complaint-lookup",
            ),
            failed_contact=Quota(
                limiter,
                Limit(settings.complaint_failed_contact_limit, settings.complaint_lookup_window_seconds),
                "complaint-contact-fail",
            ),
            code_failed_contact=Quota(
                limiter,
                Limit(settings.complaint_code_failed_contact_limit, settings.complaint_code_lock_seconds),
                "complaint-code-fail",
            ),
            code_attempts=Quota(
                limiter,
                Limit(2 * settings.complaint_code_failed_contact_limit, settings.complaint_code_lock_seconds),
                "complaint-code-try",
            ),
        )
