"""«Thủ tục chưa có trong danh mục»: what citizens asked for that the catalogue lacks (role staff)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from bot.api.deps import get_session
from bot.gaps.service import list_gaps
from bot.staff.auth import Operator
from bot.staff.web import render

router = APIRouter(prefix="/staff", include_in_schema=False)
DB = Annotated[Session, Depends(get_session)]


@router.get("/gaps")
def gaps_page(request: Request, principal: Operator, db: DB):
    return render(request, "gaps.html", principal, gaps=list_gaps(db))
