"""Sample dossiers loaded into the session database (SQLite and PostgreSQL), and helpers to find them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.base import session_factory
from bot.dossiers.models import DossierRow
from bot.dossiers.samples import build_samples, load_samples


@pytest.fixture(scope="session")
def sample_db(db_url, catalog) -> str:
    with session_factory(db_url)() as session:
        load_samples(session, catalog)
    return db_url


@pytest.fixture(scope="session")
def sample_roles(catalog) -> dict[str, str]:
    """role -> code of the first sample dossier illustrating it (tet, tet_late, late, overdue, ...)."""
    roles: dict[str, str] = {}
    for s in build_samples(catalog):
        if s.role:
            roles.setdefault(s.role, s.code)
    return roles


def phone_of(db_url: str, code: str) -> str:
    with session_factory(db_url)() as session:
        return session.scalar(select(DossierRow.applicant_phone).where(DossierRow.code == code))


def name_of(db_url: str, code: str) -> str:
    with session_factory(db_url)() as session:
        return session.scalar(select(DossierRow.applicant_name).where(DossierRow.code == code))
