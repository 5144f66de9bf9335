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


class FieldProblem(BaseModel):
    field: str
    message: str


class ErrorOut(BaseModel):
    """Every error answer of the API: a Vietnamese sentence saying what to do, and the fields at fault (422)."""

    detail: str
    errors: list[FieldProblem] = Field(default_factory=list, description="only for 422: one entry per bad field")


# documented on every operation: an unreadable body (400), the size guard (413, 414), validation (422)
ERROR_RESPONSES: dict[int | str, dict] = {
    400: {"model": ErrorOut, "description": "body that is not JSON or not UTF-8"},
    413: {"model": ErrorOut, "description": "request body over 64 KiB"},
    414: {"model": ErrorOut, "description": "query string over 4 096 characters"},
    422: {"model": ErrorOut, "description": "invalid parameters or body"},
}
