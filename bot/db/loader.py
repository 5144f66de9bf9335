"""Idempotent load of catalogue procedures into the database, and the way back (row -> Procedure)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload

from bot.catalog.schema import Procedure
from bot.db.models import AliasRow, CatalogRevision, DocumentRow, FeeRow, LegalBasisRow, ProcedureRow

FEE_COLUMNS = ("kind", "amount_vnd", "per", "text", "legal_basis", "applies_to", "valid_from", "valid_until", "source")


@dataclass
class LoadResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def content_hash(proc: Procedure) -> str:
    payload = json.dumps(proc.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _fill(row: ProcedureRow, proc: Procedure, digest: str) -> None:
    row.code = proc.code
    row.name = proc.name
    row.field = proc.field
    row.levels = list(proc.levels)
    row.agency = proc.agency
    row.applicant_types = list(proc.applicant_types)
    row.conditions = proc.conditions
    row.processing_time = proc.processing_time.model_dump(mode="json")
    row.fee_status = proc.fees.status
    row.fee_note = proc.fees.note
    row.online_level = proc.online_level
    row.online_level_note = proc.online_level_note
    row.channels = list(proc.channels)
    row.where_to_submit = proc.where_to_submit
    row.staff_notes = proc.staff_notes
    row.first_issue_note = proc.first_issue_note
    row.steps = proc.steps
    row.result = proc.result
    row.source = proc.source.model_dump(mode="json")
    row.other_sources = [extra.model_dump(mode="json") for extra in proc.other_sources]
    row.last_reviewed = proc.last_reviewed
    row.province = proc.province
    row.status = proc.status
    row.content_hash = digest
    row.documents = [
        DocumentRow(position=i, case=group.case, **item.model_dump())
        for i, (group, item) in enumerate((g, it) for g in proc.documents for it in g.items)
    ]
    row.fees = [FeeRow(position=i, **fee.model_dump()) for i, fee in enumerate(proc.fees.items)]
    row.legal_bases = [LegalBasisRow(position=i, **doc.model_dump()) for i, doc in enumerate(proc.legal_basis)]
    row.aliases = [AliasRow(alias=a) for a in proc.aliases]


def upsert_procedure(session: Session, proc: Procedure) -> str:
    """Insert or update one procedure; returns 'inserted', 'updated' or 'unchanged'."""
    digest = content_hash(proc)
    row = session.scalar(select(ProcedureRow).where(ProcedureRow.code == proc.code))
    if row is None:
        row = ProcedureRow()
        _fill(row, proc, digest)
        session.add(row)
        return "inserted"
    if row.content_hash == digest:
        return "unchanged"
    _fill(row, proc, digest)
    return "updated"


def bump_revision(session: Session) -> int:
    """Mark the catalogue as changed (same transaction as the change)."""
    state = session.get(CatalogRevision, 1)
    if state is None:
        state = CatalogRevision(id=1, revision=0)
        session.add(state)
    state.revision = (state.revision or 0) + 1
    return state.revision


def current_revision(session: Session) -> int:
    state = session.get(CatalogRevision, 1)
    return state.revision if state else 0


LOAD_LOCK = 72817002  # PostgreSQL advisory lock id: several backends starting at once load one at a time


def load_procedures(session: Session, procs: list[Procedure]) -> LoadResult:
    result = LoadResult()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": LOAD_LOCK})
    for proc in procs:
        outcome = upsert_procedure(session, proc)
        setattr(result, outcome, getattr(result, outcome) + 1)
    if result.inserted or result.updated:
        bump_revision(session)
    session.commit()
    return result


def _with_children():
    return (
        selectinload(ProcedureRow.documents),
        selectinload(ProcedureRow.fees),
        selectinload(ProcedureRow.legal_bases),
        selectinload(ProcedureRow.aliases),
    )


def fetch_rows(session: Session, *, include_retired: bool = False) -> list[ProcedureRow]:
    stmt = select(ProcedureRow).options(*_with_children()).order_by(ProcedureRow.code)
    if not include_retired:
        stmt = stmt.where(ProcedureRow.status == "active")
    return list(session.scalars(stmt))


def fetch_row(session: Session, code: str) -> ProcedureRow | None:
    stmt = select(ProcedureRow).options(*_with_children()).where(ProcedureRow.code == code)
    return session.scalar(stmt)


def row_to_procedure(row: ProcedureRow) -> Procedure:
    groups: list[dict] = []
    for doc in row.documents:
        item = {k: getattr(doc, k) for k in ("name", "original", "copies", "form", "notes")}
        if groups and groups[-1]["case"] == doc.case:
            groups[-1]["items"].append(item)
        else:
            groups.append({"case": doc.case, "items": [item]})
    return Procedure.model_validate(
        {
            "code": row.code,
            "name": row.name,
            "field": row.field,
            "levels": row.levels,
            "agency": row.agency,
            "applicant_types": row.applicant_types,
            "conditions": row.conditions,
            "documents": groups,
            "processing_time": row.processing_time,
            "fees": {
                "status": row.fee_status,
                "note": row.fee_note,
                "items": [{k: getattr(f, k) for k in FEE_COLUMNS if getattr(f, k) is not None} for f in row.fees],
            },
            "online_level": row.online_level,
            "online_level_note": row.online_level_note,
            "channels": row.channels,
            "where_to_submit": row.where_to_submit,
            "staff_notes": row.staff_notes,
            "first_issue_note": row.first_issue_note,
            "steps": row.steps,
            "result": row.result,
            "legal_basis": [{"number": b.number, "title": b.title, "date": b.date} for b in row.legal_bases],
            "source": row.source,
            "other_sources": row.other_sources or [],
            "last_reviewed": row.last_reviewed,
            "province": row.province,
            "aliases": [a.alias for a in row.aliases],
            "status": row.status,
        }
    )
