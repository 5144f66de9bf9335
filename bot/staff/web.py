"""Template rendering for the staff pages (Jinja2, autoescaped)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from bot.answers.compose import Locale, fee_state_label, vnd
from bot.catalog.province import load_profile
from bot.catalog.schema import Channel, Field_, Level, OnlineLevel
from bot.core.clock import aware
from bot.identifiers import VIETNAM_TZ
from bot.staff.audit import ACTION_LABELS
from bot.staff.auth import ROLE_LABELS, Principal

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


def _when(value: dt.datetime | None) -> str:
    return aware(value).astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M") if value else ""


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


def _fee_state(fee) -> str | None:  # noqa: ANN001 (a catalogue Fee)
    """Why a fee row is not told to citizens today in the configured province (None: it is)."""
    from bot.settings import Settings

    try:
        profile = load_profile(Settings().province)
    except FileNotFoundError:
        profile = None
    return fee_state_label(fee, Locale(province=profile))


templates.env.globals.update(
    FEE_STATE=_fee_state,
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
