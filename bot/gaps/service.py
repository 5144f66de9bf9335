"""Recording and listing what citizens asked for that the catalogue lacks."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.gaps.models import CatalogueGap
from bot.privacy.masking import mask_personal_data
from bot.text.normalize import fold

log = logging.getLogger(__name__)
MAX_TEXT = 300


def _key(masked: str) -> str:
    return " ".join(fold(masked).split())[:200]


def record_gap(session: Session, text: str) -> None:
    """Count one more question for this phrase (masked before it is stored). Never fails the answer."""
    masked = mask_personal_data(" ".join(text.split()))[:MAX_TEXT]
    key = _key(masked)
    if not key:
        return
    now = dt.datetime.now(dt.UTC)
    try:
        row = session.scalar(select(CatalogueGap).where(CatalogueGap.key == key))
        if row is None:
            session.add(CatalogueGap(key=key, text=masked, count=1, first_seen=now, last_seen=now))
        else:
            row.count += 1
            row.text = masked
            row.last_seen = now
        session.commit()
    except SQLAlchemyError:  # a race on a new key, or the database away: the citizen's answer matters more
        session.rollback()
        log.warning("catalogue gap not recorded")


def list_gaps(session: Session, limit: int = 200) -> list[CatalogueGap]:
    query = select(CatalogueGap).order_by(CatalogueGap.count.desc(), CatalogueGap.last_seen.desc()).limit(limit)
    return list(session.scalars(query))
