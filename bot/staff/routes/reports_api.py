"""GET /reports/monthly: the monthly reform report as JSON, CSV, Markdown or an HTML page with a chart.

Staff only (REPORT_GUARDS): the staff session cookie or `Authorization: Bearer <token>` from POST
/staff/api/login; anonymous callers get 401. Staff read it in the staff app at /staff/reports. Mounted by the staff
app (bot.staff.app) at /reports and, where the session cookie is sent (its path is /staff), at /staff/reports.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from bot.api.deps import SessionDep
from bot.api.schemas import ErrorOut
from bot.reports.complaints import ComplaintFiguresNotAvailable, ComplaintFiguresProvider
from bot.reports.monthly import monthly_figures
from bot.reports.period import parse_month
from bot.reports.render import to_csv, to_html, to_json, to_markdown
from bot.staff.auth import require_role

REPORT_GUARDS: list = [Depends(require_role("staff"))]


router = APIRouter(
    prefix="/reports",
    tags=["reports"],
    dependencies=REPORT_GUARDS,
    responses={
        401: {"model": ErrorOut, "description": "not logged in, or the session/token expired"},
        403: {"model": ErrorOut, "description": "the account's role may not read reports"},
    },
)


def get_complaint_figures(request: Request) -> ComplaintFiguresProvider:
    """The complaint module plugs its provider in as app.state.complaint_figures."""
    return getattr(request.app.state, "complaint_figures", None) or ComplaintFiguresNotAvailable()


MONTH_PATTERN = r"^(20\d{2}|2100)-(0[1-9]|1[0-2])$"
REPORT_FORMATS = {
    200: {
        "description": "the report in the asked format",
        "content": {"application/json": {}, "text/csv": {}, "text/html": {}, "text/markdown": {}},
    }
}


@router.get("/monthly", response_model=None, responses=REPORT_FORMATS)
def monthly_report(
    request: Request,
    session: SessionDep,
    complaints: Annotated[ComplaintFiguresProvider, Depends(get_complaint_figures)],
    month: Annotated[str, Query(max_length=7, pattern=MONTH_PATTERN, description="YYYY-MM, e.g. 2026-10")],
    format: Annotated[Literal["json", "csv", "html", "md"], Query()] = "json",  # noqa: A002 (public query name)
) -> Response:
    try:
        period = parse_month(month, request.app.state.settings.report_period_start_day)
    except ValueError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=422)
    figures = monthly_figures(session, period, complaints)
    filename = f"bao-cao-cchc-{period.year:04d}-{period.month:02d}"
    if format == "csv":
        return PlainTextResponse(
            to_csv(figures),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
        )
    if format == "html":
        return HTMLResponse(to_html(figures))
    if format == "md":
        return PlainTextResponse(to_markdown(figures), media_type="text/markdown; charset=utf-8")
    return JSONResponse(to_json(figures))
