"""Builds the dossier look-up from the settings: which source, which limits."""

from __future__ import annotations

from sqlalchemy.orm import sessionmaker

from bot.dossiers.lookup import DossierLookup, LookupLimits
from bot.dossiers.sources import DossierSource, LocalDossierSource, OneStopHttpSource
from bot.ratelimit import InMemoryRateLimiter, Limit, RateLimiter
from bot.search.catalog import CatalogService
from bot.settings import Settings


def build_source(settings: Settings, sessions: sessionmaker) -> DossierSource:
    """The one-stop API when configured (production insists on HTTPS and a key: it returns personal data)."""
    if settings.onestop_base_url:
        if settings.environment == "production" and not (
            settings.onestop_base_url.startswith("https://") and settings.onestop_api_key
        ):
            raise ValueError("SCT_ONESTOP_BASE_URL must be https:// and SCT_ONESTOP_API_KEY set in production")
        return OneStopHttpSource(
            settings.onestop_base_url,
            settings.onestop_api_key,
            timeout=settings.onestop_timeout,
            retries=settings.onestop_retries,
        )
    return LocalDossierSource(sessions)


def build_lookup(
    settings: Settings, sessions: sessionmaker, catalog: CatalogService, limiter: RateLimiter | None = None
) -> DossierLookup:
    window = settings.dossier_limit_window_seconds
    lock = settings.dossier_code_lock_seconds
    limits = LookupLimits(
        lookups=Limit(settings.dossier_lookups_per_window, window),
        misses=Limit(settings.dossier_misses_per_window, window),
        failed_verifications=Limit(settings.dossier_failed_verifications_per_window, window),
        client_lookups=Limit(settings.dossier_client_lookups_per_window, window),
        client_misses=Limit(settings.dossier_client_misses_per_window, window),
        client_failed_verifications=Limit(settings.dossier_client_failed_verifications, lock),
        code_failed_verifications=Limit(settings.dossier_code_failed_verifications, lock),
        code_verifications=Limit(settings.dossier_code_verifications, lock),
    )

    def procedure_name(code: str) -> str | None:
        try:
            with sessions() as session:
                proc = catalog.by_code(session).get(code)
        except Exception:  # the name is a nicety: a database hiccup must not fail the look-up
            return None
        return proc.name if proc else None

    return DossierLookup(
        build_source(settings, sessions),
        limiter or InMemoryRateLimiter(),
        limits=limits,
        procedure_name=procedure_name,
        hotline=settings.onestop_hotline,
        portal_url=settings.portal_url,
    )
