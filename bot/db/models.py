"""Tables of the procedure catalogue."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base


class ProcedureRow(Base):
    __tablename__ = "procedures"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    name: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(120), index=True)
    levels: Mapped[list[str]] = mapped_column(JSON)
    agency: Mapped[str | None] = mapped_column(Text)
    applicant_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    conditions: Mapped[str | None] = mapped_column(Text)
    processing_time: Mapped[dict] = mapped_column(JSON)
    fee_status: Mapped[str] = mapped_column(String(16))
    fee_note: Mapped[str | None] = mapped_column(Text)
    online_level: Mapped[str] = mapped_column(String(16), index=True)
    online_level_note: Mapped[str | None] = mapped_column(Text)
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    where_to_submit: Mapped[str | None] = mapped_column(Text)
    staff_notes: Mapped[str | None] = mapped_column(Text)
    first_issue_note: Mapped[str | None] = mapped_column(Text)
    steps: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    source: Mapped[dict] = mapped_column(JSON)
    other_sources: Mapped[list] = mapped_column(JSON, default=list)
    last_reviewed: Mapped[dt.date] = mapped_column(Date)
    province: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    documents: Mapped[list[DocumentRow]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="DocumentRow.position"
    )
    fees: Mapped[list[FeeRow]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="FeeRow.position"
    )
    legal_bases: Mapped[list[LegalBasisRow]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="LegalBasisRow.position"
    )
    # in the order written (ids follow the list): PostgreSQL returns unordered rows in any order
    aliases: Mapped[list[AliasRow]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="AliasRow.id"
    )


class DocumentRow(Base):
    __tablename__ = "procedure_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    case: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    original: Mapped[int | None] = mapped_column(Integer)
    copies: Mapped[int | None] = mapped_column(Integer)
    form: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    procedure: Mapped[ProcedureRow] = relationship(back_populates="documents")


class FeeRow(Base):
    __tablename__ = "procedure_fees"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(200))
    amount_vnd: Mapped[int | None] = mapped_column(Integer)
    per: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    applies_to: Mapped[str | None] = mapped_column(String(40))  # centrally_run_city | province; null = everywhere
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)  # where the rate was read: for staff

    procedure: Mapped[ProcedureRow] = relationship(back_populates="fees")


class LegalBasisRow(Base):
    __tablename__ = "procedure_legal_bases"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(40))

    procedure: Mapped[ProcedureRow] = relationship(back_populates="legal_bases")


class AliasRow(Base):
    __tablename__ = "procedure_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)

    procedure: Mapped[ProcedureRow] = relationship(back_populates="aliases")


class CatalogRevision(Base):
    """One row; bumped on every catalogue change so readers can refresh their caches cheaply."""

    __tablename__ = "catalog_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
