"""The monthly reform report inside the staff app (role staff), with a month picker and download links."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from bot.api.deps import get_session
from bot.dossiers.records import today_vn
from bot.reports.monthly import monthly_figures
from bot.reports.period import parse_month
from bot.reports.render import chart_svg, notes, table_rows, title
from bot.staff.auth import Operator
from bot.staff.routes.reports_api import get_complaint_figures
from bot.staff.web import render

router = APIRouter(prefix="/staff", include_in_schema=False)

DB = Annotated[Session, Depends(get_session)]
KPIS = (  # the figures a reader looks for first, shown as tiles next to the chart (keys of table_rows)
    ("received_total", "Hồ sơ tiếp nhận"),
    ("resolved_total", "Đã giải quyết"),
    ("resolved_late", "Giải quyết quá hạn"),
    ("in_progress_total", "Đang giải quyết"),
    ("online_share", "Tỷ lệ trực tuyến"),
    ("complaints_received", "Phản ánh, kiến nghị"),
)


def _shift(month: str, by: int) -> str:
    year, mon = int(month[:4]), int(month[5:7]) - 1 + by
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


@router.get("/reports")
def report_page(
    request: Request,
    db: DB,
    principal: Operator,
    month: Annotated[str, Query(max_length=7)] = "",
) -> Response:
    month = month.strip() or today_vn().strftime("%Y-%m")
    try:
        period = parse_month(month, request.app.state.settings.report_period_start_day)
    except ValueError as exc:
        return render(request, "report.html", principal, 422, error=str(exc), month=month, figures=None)
    figures = monthly_figures(db, period, get_complaint_figures(request))
    month = f"{period.year:04d}-{period.month:02d}"
    rows = table_rows(figures)
    return render(
        request,
        "report.html",
        principal,
        figures=figures,
        rows=rows,
        by_key={r.key: r for r in rows},
        kpis=KPIS,
        notes=notes(figures),
        heading=title(figures),
        chart=Markup(chart_svg(figures)),
        month=month,
        error=None,
        prev_month=_shift(month, -1),
        next_month=_shift(month, 1),
        generated=dt.datetime.now(dt.timezone.utc),
    )
