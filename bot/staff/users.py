"""Staff accounts: create, change role, deactivate, reset password (audited)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.staff import audit
from bot.staff.models import ROLES, StaffUser
from bot.staff.passwords import hash_password, password_problem
from bot.staff.sessions import close_user_sessions

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,63}$"


class UserError(ValueError):
    """A refused account change, with a Vietnamese message for the form."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def normalize_username(username: str) -> str:
    return (username or "").strip().lower()


def _public(user: StaffUser) -> dict:
    return {"username": user.username, "full_name": user.full_name, "role": user.role, "active": user.active}


def list_users(db: Session) -> list[StaffUser]:
    return list(db.scalars(select(StaffUser).order_by(StaffUser.username)))


def by_username(db: Session, username: str) -> StaffUser | None:
    return db.scalar(select(StaffUser).where(StaffUser.username == normalize_username(username)))


def create_user(
    db: Session,
    username: str,
    password: str,
    role: str,
    full_name: str | None = None,
    *,
    actor: tuple[int | None, str] = (None, "cli"),
) -> StaffUser:
    username = normalize_username(username)
    if not re.match(USERNAME_PATTERN, username):
        raise UserError("Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang.", "username")
    if role not in ROLES:
        raise UserError("Vai trò không hợp lệ: chọn Quản trị, Biên tập danh mục hoặc Tổng đài viên.", "role")
    problem = password_problem(password)
    if problem:
        raise UserError(problem, "password")
    if by_username(db, username) is not None:
        raise UserError("Tên đăng nhập này đã có, vui lòng chọn tên khác.", "username")
    full_name = " ".join((full_name or "").split())[:120] or None  # citizens may see it: "Cán bộ <name>"
    user = StaffUser(
        username=username, full_name=full_name, password_hash=hash_password(password), role=role, active=True
    )
    db.add(user)
    db.flush()
    audit.record(
        db,
        user_id=actor[0],
        username=actor[1],
        action="user.create",
        target_type="user",
        target_id=username,
        summary=f"Tạo tài khoản {username} ({role})",
        after=_public(user),
    )
    db.commit()
    return user


def update_user(
    db: Session,
    user: StaffUser,
    *,
    actor: tuple[int | None, str],
    role: str | None = None,
    active: bool | None = None,
    password: str | None = None,
    full_name: str | None = None,
) -> StaffUser:
    before = _public(user)
    if role is not None:
        if role not in ROLES:
            raise UserError("Vai trò không hợp lệ.", "role")
        if user.id == actor[0] and role != "admin":
            raise UserError("Không thể tự bỏ quyền quản trị của chính mình.", "role")
        user.role = role
    if active is not None:
        if user.id == actor[0] and not active:
            raise UserError("Không thể tự khóa tài khoản của chính mình.", "active")
        user.active = active
    if full_name is not None:
        user.full_name = " ".join(full_name.split())[:120] or None
    changed_password = False
    if password:
        problem = password_problem(password)
        if problem:
            raise UserError(problem, "password")
        user.password_hash = hash_password(password)
        changed_password = True
    if changed_password or active is False or (role is not None and role != before["role"]):
        close_user_sessions(db, user.id)  # rights changed: log the user out everywhere
    after = _public(user)
    summary = ", ".join(
        [f"{k}: {before[k]} → {after[k]}" for k in after if before[k] != after[k]]
        + (["đặt lại mật khẩu"] if changed_password else [])
    )
    audit.record(
        db,
        user_id=actor[0],
        username=actor[1],
        action="user.update",
        target_type="user",
        target_id=user.username,
        summary=summary or "không thay đổi",
        before=before,
        after=after,
    )
    db.commit()
    return user
