"""FastAPI application: catalogue read API, health, OpenAPI docs at /docs."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.answers.compose import locale_from_settings
from bot.api.errors import http_error
from bot.api.routes import bot as bot_routes
from bot.api.routes import chat, procedures
from bot.api.routes import complaints as complaint_routes
from bot.api.routes import dossiers as dossier_routes
from bot.api.routes import handoff as handoff_routes
from bot.api.routes import zalo as zalo_routes
from bot.api.schemas import ERROR_RESPONSES
from bot.channels.access import ConversationKeys, check_production_secret
from bot.channels.handoff_guard import HandoffGuard
from bot.channels.hub import ChatHub
from bot.channels.rasa_client import RasaClient
from bot.complaints.delivery.service import DeliveryService
from bot.complaints.limits import ComplaintLimits
from bot.core import clock
from bot.db.base import session_factory
from bot.dossiers.service import build_lookup
from bot.handoff.hours import OfficeHours
from bot.privacy import install_log_masking
from bot.ratelimit import limiter_from_settings
from bot.reports.complaints import ComplaintStoreFigures
from bot.search.catalog import CatalogService
from bot.settings import Settings, get_settings
from bot.staff.app import install as install_staff

MAX_BODY_BYTES = 64 * 1024
log = logging.getLogger("bot.api")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    if settings.bot_api_key is None or not settings.bot_api_key.get_secret_value():
        log.warning("SCT_BOT_API_KEY is not set: /bot/* accepts any caller (development only)")
    check_production_secret(settings)  # the gateways' secret also keys the widget's conversation tokens
    install_log_masking()  # personal data (phones, emails, ID numbers, known names) never reaches the logs

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        await app.state.hub.rasa.aclose()
        app.state.rate_limiter.close()

    app = FastAPI(
        title="Trợ lý thủ tục hành chính Sở Công Thương",
        description="Danh mục thủ tục hành chính, tra cứu và nhận diện thủ tục từ câu hỏi của người dân.",
        version="0.1.0",
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
    )
    app.state.settings = settings
    app.state.sessions = session_factory(settings.database_url)
    app.state.catalog = CatalogService(province=settings.province_name)
    app.state.locale = locale_from_settings(settings)
    app.state.rate_limiter = limiter = limiter_from_settings(settings)  # Redis when SCT_REDIS_URL is set
    app.state.conversation_keys = ConversationKeys(settings.channel_secret)
    app.state.complaint_limits = ComplaintLimits.from_settings(settings, limiter)
    rasa = RasaClient(settings.rasa_url, settings.rasa_timeout, settings.rasa_token)
    app.state.hub = ChatHub(rasa, settings.max_message_chars, settings.chat_messages_per_minute, limiter)
    app.state.complaint_figures = ComplaintStoreFigures(app.state.sessions)
    app.state.delivery = DeliveryService.from_settings(settings, app.state.sessions)  # complaint answers out
    app.state.dossiers = build_lookup(settings, app.state.sessions, app.state.catalog, limiter)
    app.state.handoff_hours = OfficeHours.from_settings(settings)
    app.state.handoff_clock = clock.now  # tests replace it to choose the time of day
    app.state.hub.handoff = HandoffGuard(app.state.sessions, settings, lambda: app.state.handoff_clock())

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
        )

    @app.middleware("http")
    async def guard(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            return JSONResponse({"detail": "Nội dung gửi lên quá lớn."}, status_code=413)
        if len(request.url.query) > 4096:
            return JSONResponse({"detail": "Câu hỏi quá dài, vui lòng rút gọn (tối đa 500 ký tự)."}, status_code=414)
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    app.add_exception_handler(StarletteHTTPException, http_error)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": ".".join(str(p) for p in err.get("loc", [])), "message": err.get("msg", "")}
            for err in exc.errors()
        ]
        return JSONResponse(
            {"detail": "Yêu cầu không hợp lệ, vui lòng kiểm tra lại tham số.", "errors": problems},
            status_code=422,
        )

    @app.get("/health", tags=["health"])
    def health() -> dict:
        with app.state.sessions() as session:
            session.execute(text("SELECT 1"))
        return {"status": "ok"}

    from bot.api.routes.web import mount_web  # web chat widget: /widget, /demo, /chat/updates

    mount_web(app)
    app.include_router(procedures.router)
    app.include_router(bot_routes.router)
    app.include_router(chat.router)
    app.include_router(dossier_routes.router)
    app.include_router(complaint_routes.router)
    app.include_router(handoff_routes.router)
    install_staff(app)
    app.include_router(zalo_routes.router)
    return app
