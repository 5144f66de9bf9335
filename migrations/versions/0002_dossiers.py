"""dossiers and their status history

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("procedure_code", sa.String(length=16), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("applicant_phone", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("processing_days", sa.Integer(), nullable=True),
        sa.Column("processing_working_days", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("result_date", sa.Date(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_dossiers_code"), "dossiers", ["code"], unique=True)
    op.create_index(op.f("ix_dossiers_procedure_code"), "dossiers", ["procedure_code"], unique=False)
    op.create_index(op.f("ix_dossiers_channel"), "dossiers", ["channel"], unique=False)
    op.create_index(op.f("ix_dossiers_received_at"), "dossiers", ["received_at"], unique=False)
    op.create_index(op.f("ix_dossiers_status"), "dossiers", ["status"], unique=False)
    op.create_index(op.f("ix_dossiers_finished_at"), "dossiers", ["finished_at"], unique=False)
    op.create_index(op.f("ix_dossiers_is_sample"), "dossiers", ["is_sample"], unique=False)
    op.create_table(
        "dossier_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_dossier_events_dossier_id"), "dossier_events", ["dossier_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_dossier_events_dossier_id"), table_name="dossier_events")
    op.drop_table("dossier_events")
    for col in ("is_sample", "finished_at", "status", "received_at", "channel", "procedure_code", "code"):
        op.drop_index(op.f(f"ix_dossiers_{col}"), table_name="dossiers")
    op.drop_table("dossiers")
