"""Login, logout, home, and the admin's user management pages."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from bot.api.deps import get_session
from bot.staff import throttle
from bot.staff.auth import AdminOnly, AnyStaff, Principal, optional_principal
from bot.staff.passwords import verify_password
from bot.staff.sessions import COOKIE_NAME, close_session, open_session
from bot.staff.users import UserError, by_username, create_user, list_users, update_user
from bot.staff.web import render

router = APIRouter(prefix="/staff", include_in_schema=False)

DB = Annotated[Session, Depends(get_session)]
LOGIN_CSRF_COOKIE = "sct_login_csrf"
BAD_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng kiểm tra và thử lại."


def home_for(principal: Principal) -> str:
    return {"editor": "/staff/catalog"}.get(principal.role, "/staff/copilot")


def _safe_next(value: str | None) -> str | None:
    if value and value.startswith("/staff") and not value.startswith("//") and "\\" not in value:
        return value[:500]
    return None


def _secure(request: Request) -> bool:
    return request.app.state.settings.environment == "production"


def _login_page(
    request: Request, next_url: str, error: str | None = None, status_code: int = 200, username: str = ""
) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request, "login.html", None, status_code, next_url=next_url, error=error, login_csrf=token, username=username
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/staff/login",
        max_age=3600,
    )
    return response


@router.get("/login")
def login_form(
    request: Request, principal: Annotated[Principal | None, Depends(optional_principal)], next: str | None = None
) -> Response:
    if principal is not None:
        return RedirectResponse(_safe_next(next) or home_for(principal), status_code=303)
    return _login_page(request, _safe_next(next) or "")


@router.post("/login")
def login(
    request: Request,
    db: DB,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=1000)] = "",
    login_csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    settings = request.app.state.settings
    expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not expected or not secrets.compare_digest(expected, login_csrf):
        return _login_page(
            request, _safe_next(next) or "", "Trang đăng nhập đã hết hiệu lực. Vui lòng đăng nhập lại.", 403
        )
    name = username.strip().lower()[:64]
    ip = request.client.host if request.client else "?"
    wait = throttle.wait_seconds(db, name, ip, settings.staff_login_max_failures, settings.staff_login_lockout_seconds)
    if wait:
        minutes = max(1, round(wait / 60))
        return _login_page(
            request,
            _safe_next(next) or "",
            f"Đăng nhập tạm bị khóa do nhập sai nhiều lần. Vui lòng thử lại sau khoảng {minutes} phút "
            "hoặc liên hệ quản trị viên.",
            429,
            username=name,
        )
    user = by_username(db, name) if name else None
    ok = verify_password(user.password_hash if user is not None and user.active else None, password)
    throttle.record(db, name or "?", ip, ok)
    if not ok or user is None:
        return _login_page(request, _safe_next(next) or "", BAD_LOGIN, 401, username=name)
    new = open_session(db, user, settings.staff_session_minutes)
    principal = Principal(user.id, user.username, user.full_name, user.role, new.csrf_token, "cookie")
    response = RedirectResponse(_safe_next(next) or home_for(principal), status_code=303)
    response.set_cookie(
        COOKIE_NAME,
        new.token,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/staff",
        max_age=settings.staff_session_minutes * 60,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/staff/login")
    return response


@router.post("/logout")
def logout(request: Request, db: DB, _principal: AnyStaff) -> Response:
    close_session(db, request.cookies.get(COOKIE_NAME))
    response = RedirectResponse("/staff/login", status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/staff")
    return response


@router.get("")
def home(principal: AnyStaff) -> Response:
    return RedirectResponse(home_for(principal), status_code=303)


@router.get("/users")
def users_page(request: Request, db: DB, principal: AdminOnly, saved: str | None = None) -> Response:
    return render(
        request, "users.html", principal, users=list_users(db), errors={}, values={}, saved=(saved or "")[:64]
    )


@router.post("/users")
def users_create(
    request: Request,
    db: DB,
    principal: AdminOnly,
    username: Annotated[str, Form(max_length=200)] = "",
    full_name: Annotated[str, Form(max_length=200)] = "",
    role: Annotated[str, Form(max_length=16)] = "staff",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    try:
        user = create_user(db, username, password, role, full_name, actor=(principal.user_id, principal.username))
    except UserError as exc:
        db.rollback()
        values = {"username": username, "full_name": full_name, "role": role}
        return render(
            request,
            "users.html",
            principal,
            422,
            users=list_users(db),
            errors={exc.field or "_form": str(exc)},
            values=values,
            saved="",
        )
    return RedirectResponse(f"/staff/users?saved={user.username}", status_code=303)


@router.post("/users/{username}")
def users_update(
    request: Request,
    db: DB,
    principal: AdminOnly,
    username: str,
    role: Annotated[str | None, Form(max_length=16)] = None,
    active: Annotated[str | None, Form(max_length=8)] = None,
    password: Annotated[str | None, Form(max_length=1000)] = None,
    full_name: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    user = by_username(db, username)
    if user is None:
        return render(request, "error.html", principal, 404, message="Không tìm thấy tài khoản này.")
    try:
        update_user(
            db,
            user,
            actor=(principal.user_id, principal.username),
            role=role or None,
            active=None if active is None else active == "1",
            password=password or None,
            full_name=full_name,
        )
    except UserError as exc:
        db.rollback()
        return render(
            request,
            "users.html",
            principal,
            422,
            users=list_users(db),
            errors={f"{user.username}:{exc.field}": str(exc), "_form": str(exc)},
            values={},
            saved="",
        )
    return RedirectResponse(f"/staff/users?saved={user.username}", status_code=303)
