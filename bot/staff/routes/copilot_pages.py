"""Hotline copilot page and the complaint form it opens (role staff)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from bot.staff.auth import Operator
from bot.staff.web import render

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("/copilot")
def copilot_page(request: Request, principal: Operator) -> Response:
    return render(request, "copilot.html", principal)


@router.get("/copilot/complaint")
def complaint_form(
    request: Request,
    principal: Operator,
    content: Annotated[str, Query(max_length=5000)] = "",
    procedure_code: Annotated[str, Query(max_length=16)] = "",
    procedure_name: Annotated[str, Query(max_length=500)] = "",
) -> Response:
    """Pre-filled from the call; submitted by the page's script to POST /bot/complaints (the complaints API)."""
    return render(request, "complaint_form.html", principal, content=content, procedure_code=procedure_code,
                  procedure_name=procedure_name)
