"""Login throttling: after N failures in a row for a username (or 4N from one address) further attempts are
refused for a while, the wait doubling with each further failure. Kept in the database so it holds across
processes and restarts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.core.clock import aware, now
from bot.staff.models import LoginAttempt

WINDOW = dt.timedelta(hours=1)
MAX_WAIT = 3600


def _failures_since_success(rows: list[LoginAttempt]) -> list[LoginAttempt]:
    failures: list[LoginAttempt] = []
    for row in rows:  # newest first
        if row.success:
            break
        failures.append(row)
    return failures


def wait_seconds(db: Session, username: str, ip: str, max_failures: int, base_seconds: int) -> int:
    """Seconds the caller must still wait before trying again (0 = may try)."""
    since = now() - WINDOW
    waits = [0]
    checks = ((LoginAttempt.username, username, max_failures), (LoginAttempt.ip, ip, 4 * max_failures))
    for column, value, limit in checks:
        rows = list(
            db.scalars(
                select(LoginAttempt)
                .where(column == value, LoginAttempt.at >= since)
                .order_by(LoginAttempt.at.desc(), LoginAttempt.id.desc())
                .limit(limit + 20)
            )
        )
        failures = _failures_since_success(rows)
        if len(failures) >= limit:
            wait = min(MAX_WAIT, base_seconds * 2 ** (len(failures) - limit))
            until = aware(failures[0].at) + dt.timedelta(seconds=wait)
            waits.append(max(0, int((until - now()).total_seconds()) + 1))
    return max(waits)


def record(db: Session, username: str, ip: str, success: bool) -> None:
    db.execute(delete(LoginAttempt).where(LoginAttempt.at < now() - WINDOW))
    db.add(LoginAttempt(username=username[:64], ip=ip[:64], success=success, at=now()))
    db.commit()
