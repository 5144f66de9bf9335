"""Tables of dossiers (hồ sơ) and their status history, as kept by the local one-stop store."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base


class DossierRow(Base):
    __tablename__ = "dossiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    procedure_code: Mapped[str] = mapped_column(String(16), index=True)  # catalogue code, no FK on purpose
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_phone: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(16), index=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    processing_days: Mapped[int | None] = mapped_column(Integer)
    processing_working_days: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    result_date: Mapped[dt.date | None] = mapped_column(Date)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    events: Mapped[list[DossierEventRow]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="DossierEventRow.at"
    )


class DossierEventRow(Base):
    __tablename__ = "dossier_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)

    dossier: Mapped[DossierRow] = relationship(back_populates="events")
