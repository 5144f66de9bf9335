"""Mount the staff app on the backend: routers, static files, the login redirect."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from bot.api.errors import http_error
from bot.staff.auth import API_PREFIX, LoginRequired, login_redirect_url
from bot.staff.routes import (
    account_pages,
    api,
    catalog_pages,
    complaint_api,
    complaint_pages,
    copilot_api,
    copilot_pages,
    gap_pages,
    handoff_api,
    handoff_pages,
    report_pages,
    reports_api,
)
from bot.staff.web import HERE, render

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


def install(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login_required(_request: Request, exc: LoginRequired) -> RedirectResponse:
        return RedirectResponse(login_redirect_url(exc.next_url), status_code=303)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        """Staff pages get a readable page; everything else keeps the backend's Vietnamese JSON answer."""
        path = request.url.path
        if path.startswith("/staff") and not path.startswith((API_PREFIX, "/staff/static")) and exc.status_code != 404:
            principal = getattr(request.state, "principal", None)
            return render(request, "error.html", principal, exc.status_code, message=str(exc.detail))
        return await http_error(request, exc)

    @app.middleware("http")
    async def _staff_headers(request: Request, call_next):
        response = await call_next(request)
        if request.url.path.startswith("/staff") and not request.url.path.startswith("/staff/static"):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.mount("/staff/static", StaticFiles(directory=str(HERE / "static")), name="staff-static")
    app.include_router(account_pages.router)
    app.include_router(catalog_pages.router)
    app.include_router(copilot_pages.router)
    app.include_router(api.router)
    app.include_router(complaint_pages.router)
    app.include_router(complaint_api.router)
    app.include_router(copilot_api.router)
    app.include_router(report_pages.router)
    app.include_router(gap_pages.router)
    app.include_router(reports_api.router)
    # the same staff-only report endpoint under /staff, where the session cookie is sent (its path is /staff)
    app.include_router(reports_api.router, prefix="/staff", include_in_schema=False)
    app.include_router(handoff_pages.router)
    app.include_router(handoff_api.router)
