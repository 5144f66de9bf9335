"""Who is calling and may they: the reusable dependencies every staff route uses.

    from bot.staff.auth import Principal, require_role

    @router.post("/staff/api/complaints/{id}/answer")
    def answer(principal: Annotated[Principal, Depends(require_role("staff"))]): ...

A caller is identified by the session cookie (pages and the JSON API from the pages) or by
`Authorization: Bearer <token>` (the token from POST /staff/api/login). Admin may do everything. Unsafe
methods authenticated by the cookie must carry the session's CSRF token: form field `csrf_token` or header
`X-CSRF-Token`; bearer calls need none (a browser never adds that header by itself).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from bot.api.deps import get_session
from bot.handoff.texts import staff_name
from bot.staff.models import ROLES
from bot.staff.sessions import COOKIE_NAME, find_session

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
API_PREFIX = "/staff/api"
OTHER_API_PREFIXES = ("/reports",)  # role-protected JSON/file endpoints outside /staff: 401, not a login redirect

ROLE_LABELS = {"admin": "Quản trị", "editor": "Biên tập danh mục", "staff": "Tổng đài viên"}


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    full_name: str | None
    role: str
    csrf_token: str
    via: str  # cookie | bearer

    @property
    def display_name(self) -> str:
        """For staff pages: the full name, else the login."""
        return self.full_name or self.username

    @property
    def public_name(self) -> str:
        """For citizens: the full name, else the team ('Bộ phận Một cửa'); never the login."""
        return staff_name(self.full_name)

    def can(self, *roles: str) -> bool:
        return self.role == "admin" or self.role in roles


class LoginRequired(Exception):
    """Raised for a page request without a live session; answered with a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


def is_api(request: Request) -> bool:
    return request.url.path.startswith((API_PREFIX, *OTHER_API_PREFIXES))


def _token(request: Request) -> tuple[str | None, str]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), "bearer"
    return request.cookies.get(COOKIE_NAME), "cookie"


def optional_principal(request: Request, db: Annotated[Session, Depends(get_session)]) -> Principal | None:
    token, via = _token(request)
    found = find_session(db, token)
    if found is None:
        return None
    session, user = found
    return Principal(user.id, user.username, user.full_name, user.role, session.csrf_token, via)


def _unauthenticated(request: Request) -> Exception:
    if is_api(request):
        return HTTPException(
            status_code=401,
            detail="Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return LoginRequired(target if request.method in SAFE_METHODS else "/staff")


async def _check_csrf(request: Request, principal: Principal) -> None:
    if request.method in SAFE_METHODS or principal.via == "bearer":
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()  # Starlette caches it, so Form() parameters still work
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, principal.csrf_token):
        raise HTTPException(
            status_code=403,
            detail="Phiên làm việc của biểu mẫu đã hết hiệu lực. Vui lòng tải lại trang và thử lại.",
        )


def require_role(*roles: str):
    """Dependency: a live session whose role is one of `roles` (admin always passes); returns the Principal."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {unknown}")

    async def dependency(
        request: Request, principal: Annotated[Principal | None, Depends(optional_principal)]
    ) -> Principal:
        if principal is None:
            raise _unauthenticated(request)
        await _check_csrf(request, principal)
        if roles and not principal.can(*roles):
            raise HTTPException(status_code=403, detail="Tài khoản của anh/chị không có quyền dùng chức năng này.")
        request.state.principal = principal
        return principal

    dependency.__name__ = f"require_role_{'_'.join(roles) or 'any'}"
    return dependency


def login_redirect_url(next_url: str) -> str:
    return f"/staff/login?next={quote(next_url, safe='/')}"


AnyStaff = Annotated[Principal, Depends(require_role())]
AdminOnly = Annotated[Principal, Depends(require_role("admin"))]
Editor = Annotated[Principal, Depends(require_role("editor"))]
Operator = Annotated[Principal, Depends(require_role("staff"))]
