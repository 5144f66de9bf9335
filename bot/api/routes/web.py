"""The web chat widget's static files (/widget/...) and a demo website of the Sở embedding it (/demo)."""

from __future__ import annotations

import html
import os
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from bot.api.routes.chat_updates import router as updates_router
from bot.complaints.consent import consent_text

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
WIDGET_DIR = WEB_DIR / "widget"
DEMO_DIR = WEB_DIR / "demo"
ASSET_MAX_AGE = 3600  # no hashed file names: clients pick up a new widget within an hour (ETag revalidation)
CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
# The demo page loads its own scripts/styles and the widget from this origin; nothing inline, no framing.
DEMO_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

router = APIRouter(tags=["web widget"])


class AssetFiles(StaticFiles):
    """Static files with explicit content types, a cache lifetime, and loadable from any site that embeds them."""

    def file_response(self, full_path: os.PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200):
        response = super().file_response(full_path, stat_result, scope, status_code)
        content_type = CONTENT_TYPES.get(Path(full_path).suffix)
        if content_type:
            response.headers["Content-Type"] = content_type
        response.headers["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}"
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response


@lru_cache(maxsize=4)
def _demo_page(department: str, province: str) -> str:
    template = (DEMO_DIR / "index.html").read_text(encoding="utf-8")
    return template.replace("{{DEPARTMENT}}", html.escape(department)).replace("{{PROVINCE}}", html.escape(province))


@router.get("/demo", response_class=HTMLResponse, summary="Demo website of the Sở with the chat widget")
def demo_page(request: Request) -> Response:
    settings = request.app.state.settings
    page = _demo_page(f"{settings.department_name} {settings.province_name}", settings.province_name)
    return HTMLResponse(
        page,
        headers={
            "Content-Security-Policy": DEMO_CSP,
            "Cache-Control": "no-cache",
            "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
        },
    )


@router.get("/chinh-sach-du-lieu", response_class=HTMLResponse, summary="The full personal-data notice of complaints")
def consent_page(request: Request) -> Response:
    settings = request.app.state.settings
    notice = consent_text(settings.department_name, settings.province_name)
    body = "".join(f"<p>{html.escape(line)}</p>" for line in notice.text.splitlines())
    page = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" '
        'content="width=device-width, initial-scale=1"><title>Bảo vệ dữ liệu cá nhân khi gửi phản ánh</title></head>'
        f"<body><h1>Bảo vệ dữ liệu cá nhân khi gửi phản ánh, kiến nghị</h1>{body}"
        f"<p><small>Phiên bản {html.escape(notice.version)}</small></p></body></html>"
    )
    return HTMLResponse(page, headers={"Cache-Control": "no-cache", "Content-Security-Policy": "default-src 'none'"})


def mount_web(app: FastAPI) -> None:
    """Serve the widget at /widget/widget.js (+ widget.css), its poll GET /chat/updates and the demo site at /demo."""
    app.include_router(updates_router)
    app.mount("/widget", AssetFiles(directory=WIDGET_DIR), name="widget")
    app.mount("/demo/assets", AssetFiles(directory=DEMO_DIR / "assets"), name="demo-assets")
    app.include_router(router)
