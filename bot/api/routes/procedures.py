"""Public read API of the procedure catalogue."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from bot.api.deps import CatalogDep, SessionDep
from bot.api.schemas import (
    CandidateOut,
    ErrorOut,
    FieldCount,
    ProcedureList,
    ProcedureOut,
    ProcedureSummary,
    ResolveOut,
)
from bot.catalog.schema import Level, OnlineLevel
from bot.identifiers import PROCEDURE_CODE_PATTERN

router = APIRouter(prefix="/procedures", tags=["procedures"])

QueryText = Annotated[str, Query(min_length=1, max_length=500, description="câu hỏi hoặc tên thủ tục")]


@router.get("", response_model=ProcedureList)
def list_procedures(
    session: SessionDep,
    catalog: CatalogDep,
    field: Annotated[str | None, Query(max_length=120)] = None,
    level: Level | None = None,
    online_level: OnlineLevel | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> ProcedureList:
    procs = catalog.procedures(session)
    if field:
        procs = [p for p in procs if p.field == field]
    if level:
        procs = [p for p in procs if level.value in p.levels]
    if online_level:
        procs = [p for p in procs if p.online_level == online_level.value]
    page = procs[offset : offset + limit]
    return ProcedureList(
        total=len(procs),
        items=[
            ProcedureSummary(code=p.code, name=p.name, field=p.field, levels=p.levels, online_level=p.online_level)
            for p in page
        ],
    )


@router.get("/fields", response_model=list[FieldCount])
def list_fields(session: SessionDep, catalog: CatalogDep) -> list[FieldCount]:
    counts: dict[str, int] = {}
    for p in catalog.procedures(session):
        counts[p.field] = counts.get(p.field, 0) + 1
    return [FieldCount(field=f, count=c) for f, c in sorted(counts.items())]


@router.get("/resolve", response_model=ResolveOut)
def resolve(
    session: SessionDep,
    catalog: CatalogDep,
    q: QueryText,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> ResolveOut:
    """Find which procedure a citizen means (diacritic-insensitive, abbreviations, typos)."""
    result = catalog.index(session).resolve(q, limit=limit)
    candidates = [CandidateOut(**c.__dict__) for c in result.candidates]
    return ResolveOut(
        query=q,
        normalized=result.normalized,
        confident=result.confident,
        best=candidates[0] if candidates else None,
        candidates=candidates,
    )


@router.get(
    "/{code}",
    response_model=ProcedureOut,
    response_model_by_alias=True,
    responses={404: {"model": ErrorOut, "description": "no active procedure with this code"}},
)
def get_procedure(
    code: Annotated[str, Path(pattern=PROCEDURE_CODE_PATTERN, description="mã TTHC, ví dụ 1.000425")],
    session: SessionDep,
    catalog: CatalogDep,
) -> ProcedureOut:
    proc = catalog.get(session, code)
    if proc is None or proc.status != "active":
        raise HTTPException(status_code=404, detail=f"Không tìm thấy thủ tục mã {code}.")
    return ProcedureOut.model_validate({**proc.model_dump(), "portal_url": proc.portal_url})
