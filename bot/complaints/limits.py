"""The limits of the complaint endpoints (new complaints, look-ups by code), per sender, on the shared limiter."""

from __future__ import annotations

from dataclasses import dataclass

from bot.ratelimit import Limit, Quota, RateLimiter
from bot.settings import Settings


@dataclass(frozen=True)
class ComplaintLimits:
    create: Quota
    lookup: Quota

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
        )
