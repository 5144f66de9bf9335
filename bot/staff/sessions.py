"""Server-side sessions: a random token in an HttpOnly cookie (or a bearer header), its hash in the database."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.core.clock import aware, now
from bot.staff.models import StaffSession, StaffUser

COOKIE_NAME = "sct_staff"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class NewSession:
    token: str
    csrf_token: str
    expires_at: dt.datetime


def open_session(db: Session, user: StaffUser, minutes: int) -> NewSession:
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    started = now()
    expires = started + dt.timedelta(minutes=minutes)
    db.execute(delete(StaffSession).where(StaffSession.expires_at < started))  # housekeeping
    db.add(
        StaffSession(
            token_hash=_digest(token), csrf_token=csrf, user_id=user.id, created_at=started, expires_at=expires
        )
    )
    user.last_login_at = started
    db.commit()
    return NewSession(token, csrf, expires)


def find_session(db: Session, token: str | None) -> tuple[StaffSession, StaffUser] | None:
    """The live session and its active user, or None (unknown, expired, or user deactivated)."""
    if not token or len(token) > 200:
        return None
    row = db.execute(
        select(StaffSession, StaffUser)
        .join(StaffUser, StaffUser.id == StaffSession.user_id)
        .where(StaffSession.token_hash == _digest(token))
    ).first()
    if row is None:
        return None
    session, user = row
    if aware(session.expires_at) <= now() or not user.active:
        return None
    return session, user


def close_session(db: Session, token: str | None) -> None:
    if token:
        db.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(token)))
        db.commit()


def close_user_sessions(db: Session, user_id: int) -> None:
    db.execute(delete(StaffSession).where(StaffSession.user_id == user_id))
