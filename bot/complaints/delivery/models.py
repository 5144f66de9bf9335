"""One row per way a complaint's answer reaches the citizen (per answer: a replaced answer is delivered again)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base

AUTOMATIC = ("chat", "email", "sms")  # sent by the system
MANUAL = ("callback",)  # done by a staff member (a call, or an e-mail from their own mailbox)
OPEN = ("pending", "failed")  # still to do


class ComplaintDeliveryRow(Base):
    __tablename__ = "complaint_deliveries"
    __table_args__ = (Index("ix_complaint_deliveries_status", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    route: Mapped[str] = mapped_column(String(16))  # chat | email | sms | callback
    status: Mapped[str] = mapped_column(String(16))  # pending | sent | failed | done | superseded
    answer_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))  # the answer this row delivers
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(300))  # a reason without personal data
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    done_by: Mapped[str | None] = mapped_column(String(120))  # call-back: who called
    note: Mapped[str | None] = mapped_column(Text)  # call-back: what happened ("đã gọi, người dân đã nắm")
