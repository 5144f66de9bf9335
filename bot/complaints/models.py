"""Tables of complaints and petitions (phản ánh, kiến nghị): the record, its status history, the yearly sequence."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base


class ComplaintRow(Base):
    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True, index=True)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True, index=True)
    sender: Mapped[str] = mapped_column(String(200), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    procedure_code: Mapped[str | None] = mapped_column(String(32))
    dossier_code: Mapped[str | None] = mapped_column(String(64))
    applicant_name: Mapped[str] = mapped_column(String(120))
    contact: Mapped[str] = mapped_column(String(254))
    contact_kind: Mapped[str] = mapped_column(String(8))  # phone | email
    consent_given: Mapped[bool] = mapped_column(Boolean)
    consent_version: Mapped[str] = mapped_column(String(40))
    consent_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), index=True)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(120))
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    history: Mapped[list[ComplaintStatusRow]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="ComplaintStatusRow.id"
    )

    __table_args__ = (UniqueConstraint("year", "sequence", name="uq_complaints_year_sequence"),)


class ComplaintStatusRow(Base):
    """Append-only: one row per status change (the first one is the reception)."""

    __tablename__ = "complaint_status_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    complaint: Mapped[ComplaintRow] = relationship(back_populates="history")


class ComplaintSequenceRow(Base):
    """Last sequence number issued per year; incremented with an atomic upsert inside the creating transaction."""

    __tablename__ = "complaint_sequences"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
