"""Zalo OA webhook: checks the event signature and its freshness (no replays), answers 200 at once, handles the
event in the background."""

from __future__ import annotations

import json

from fastapi import APIRouter, BackgroundTasks, FastAPI, Request
from fastapi.responses import JSONResponse

from bot.channels.zalo.channel import ZaloChannel
from bot.channels.zalo.client import ZaloOaClient
from bot.channels.zalo.replay import ReplayGuard
from bot.channels.zalo.signature import HEADER, signature_is_valid
from bot.settings import Settings

router = APIRouter(prefix="/zalo", tags=["zalo"])

NOT_CONFIGURED = (
    "Kênh Zalo OA chưa được cấu hình. Quản trị viên cần đặt SCT_ZALO_APP_ID, SCT_ZALO_OA_SECRET_KEY "
    "và SCT_ZALO_ACCESS_TOKEN rồi khởi động lại hệ thống."
)


def zalo_configured(settings: Settings) -> bool:
    return bool(settings.zalo_app_id and settings.zalo_oa_secret_key and settings.zalo_access_token)


def replay_guard(app: FastAPI) -> ReplayGuard:
    guard = getattr(app.state, "zalo_replay_guard", None)
    if guard is None:
        guard = app.state.zalo_replay_guard = ReplayGuard(
            app.state.rate_limiter, app.state.settings.zalo_event_max_age_seconds
        )
    return guard


def zalo_channel(app: FastAPI) -> ZaloChannel:
    channel = getattr(app.state, "zalo_channel", None)
    if channel is None:
        s: Settings = app.state.settings
        client = ZaloOaClient(s.zalo_api_base_url, s.zalo_access_token.get_secret_value(), s.zalo_api_timeout)
        channel = app.state.zalo_channel = ZaloChannel(app.state.hub, client)
    return channel


@router.post(
    "/webhook",
    summary="Zalo OA events (user_send_text and media)",
    responses={
        403: {"description": "wrong event signature, or an event older than SCT_ZALO_EVENT_MAX_AGE_SECONDS"},
        404: {"description": "no Zalo Official Account is configured on this system"},
    },
)
async def webhook(request: Request, background: BackgroundTasks) -> JSONResponse:
    settings: Settings = request.app.state.settings
    if not zalo_configured(settings):
        return JSONResponse({"detail": NOT_CONFIGURED}, status_code=404)  # no OA here: the endpoint does not exist
    raw = await request.body()
    try:
        event = json.loads(raw)
    except ValueError:
        event = None
    if not isinstance(event, dict):
        return JSONResponse({"detail": "Nội dung sự kiện không hợp lệ."}, status_code=400)
    app_id = str(event.get("app_id") or "")
    timestamp = str(event.get("timestamp") or "")
    signature = request.headers.get(HEADER) or ""
    valid = app_id == settings.zalo_app_id and signature_is_valid(
        signature, app_id, raw, timestamp, settings.zalo_oa_secret_key.get_secret_value()
    )
    if not valid:
        return JSONResponse({"detail": "Chữ ký sự kiện không hợp lệ."}, status_code=403)
    guard = replay_guard(request.app)
    if not guard.fresh(timestamp):
        return JSONResponse({"detail": "Sự kiện đã quá hạn hoặc có thời điểm không hợp lệ."}, status_code=403)
    if not await guard.first_time(signature):  # a re-delivery or a replay: acknowledged, not processed again
        return JSONResponse({"status": "duplicate"})
    background.add_task(zalo_channel(request.app).handle, event)
    return JSONResponse({"status": "accepted"})
