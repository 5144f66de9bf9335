"""Shared FastAPI dependencies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from bot.answers.compose import Locale
from bot.search.catalog import CatalogService


def get_session(request: Request) -> Iterator[Session]:
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


def get_catalog(request: Request) -> CatalogService:
    return request.app.state.catalog


def get_locale(request: Request) -> Locale:
    return request.app.state.locale


SessionDep = Annotated[Session, Depends(get_session)]
CatalogDep = Annotated[CatalogService, Depends(get_catalog)]
LocaleDep = Annotated[Locale, Depends(get_locale)]
