"""Response models of the public read API (the procedure itself uses the catalogue schema)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bot.catalog.schema import Procedure


class ProcedureOut(Procedure):
    portal_url_: str = Field(alias="portal_url", serialization_alias="portal_url")


class ProcedureSummary(BaseModel):
    code: str
    name: str
    field: str
    levels: list[str]
    online_level: str


class ProcedureList(BaseModel):
    total: int
    items: list[ProcedureSummary]


class CandidateOut(BaseModel):
    code: str
    name: str
    field: str
    score: float


class ResolveOut(BaseModel):
    query: str
    normalized: str = Field(description="folded query words the search used")
    confident: bool = Field(description="true: use the first candidate; false: ask the user to choose")
    best: CandidateOut | None
    candidates: list[CandidateOut]


class FieldCount(BaseModel):
    field: str
    count: int
