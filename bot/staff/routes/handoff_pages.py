"""The handoff queue page (roles staff and admin); the page's script uses /staff/api/handoffs."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.staff.auth import Operator
from bot.staff.web import render

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("/handoff")
def handoff_page(request: Request, principal: Operator) -> Response:
    return render(request, "handoff.html", principal)
