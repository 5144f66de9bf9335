"""Template rendering for the staff pages (Jinja2, autoescaped)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from bot.answers.compose import vnd
from bot.catalog.schema import Channel, Field_, Level, OnlineLevel
from bot.staff.audit import ACTION_LABELS
from bot.staff.auth import ROLE_LABELS, Principal
from bot.staff.clock import aware

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

LOCAL_TZ = dt.timezone(dt.timedelta(hours=7))  # Giờ Việt Nam


def _when(value: dt.datetime | None) -> str:
    return aware(value).astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M") if value else ""


def _date(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


templates.env.filters["when"] = _when
templates.env.filters["vdate"] = _date
templates.env.filters["vnd"] = lambda v: vnd(int(v)) if v not in (None, "") else ""
templates.env.globals.update(
    ROLE_LABELS=ROLE_LABELS,
    ACTION_LABELS=ACTION_LABELS,
    FIELDS=[f.value for f in Field_],
    LEVELS=[lv.value for lv in Level],
    CHANNELS=[c.value for c in Channel],
    ONLINE_LEVELS=[o.value for o in OnlineLevel],
    ONLINE_LABELS={"toàn trình": "Toàn trình", "một phần": "Một phần", "không": "Không", "unknown": "Chưa rõ"},
    FEE_LABELS={"known": "Có thu phí", "none": "Không thu phí", "unknown": "Nguồn chưa công bố"},
    STATUS_LABELS={"active": "Đang áp dụng", "retired": "Ngừng áp dụng"},
)


def render(request: Request, name: str, principal: Principal | None, status_code: int = 200, **context):
    context.update(request=request, me=principal, path=request.url.path)
    return templates.TemplateResponse(request, name, context, status_code=status_code)
