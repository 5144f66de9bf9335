"""Catalogue reads shared by the API and the CLI, with a search index kept in step with the database."""

from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from bot.catalog.schema import Procedure, province_key
from bot.db.loader import current_revision, fetch_row, fetch_rows, row_to_procedure
from bot.search.resolver import ProcedureIndex


class CatalogService:
    """Caches the active procedures and their index; a cheap version query detects any change."""

    def __init__(self, province: str | None = None) -> None:
        self.province = province
        self._lock = threading.Lock()
        self._version: int | None = None
        self._procedures: list[Procedure] = []
        self._by_code: dict[str, Procedure] = {}
        self._index = ProcedureIndex([])

    @staticmethod
    def _version_of(session: Session) -> int:
        return current_revision(session)

    def refresh(self, session: Session) -> None:
        version = self._version_of(session)
        if version == self._version:
            return
        with self._lock:
            if version == self._version:
                return
            procs = [row_to_procedure(r) for r in fetch_rows(session)]
            mine = province_key(self.province or "")
            procs = [p for p in procs if p.province is None or province_key(p.province) == mine]
            self._procedures = procs
            self._by_code = {p.code: p for p in procs}
            self._index = ProcedureIndex(procs)
            self._version = version

    def procedures(self, session: Session) -> list[Procedure]:
        self.refresh(session)
        return self._procedures

    def by_code(self, session: Session) -> dict[str, Procedure]:
        """Active procedures visible in this province, by code (cached with the index)."""
        self.refresh(session)
        return self._by_code

    def index(self, session: Session) -> ProcedureIndex:
        self.refresh(session)
        return self._index

    @staticmethod
    def get(session: Session, code: str) -> Procedure | None:
        row = fetch_row(session, code)
        return row_to_procedure(row) if row is not None else None
