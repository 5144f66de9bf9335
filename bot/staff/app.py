"""Mount the staff app on the backend: routers, static files, the login redirect."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from bot.staff.auth import LoginRequired, login_redirect_url
from bot.staff.routes import account_pages, api, catalog_pages, copilot_pages
from bot.staff.web import HERE


def install(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login_required(_request: Request, exc: LoginRequired) -> RedirectResponse:
        return RedirectResponse(login_redirect_url(exc.next_url), status_code=303)

    app.mount("/staff/static", StaticFiles(directory=str(HERE / "static")), name="staff-static")
    app.include_router(account_pages.router)
    app.include_router(catalog_pages.router)
    app.include_router(copilot_pages.router)
    app.include_router(api.router)
