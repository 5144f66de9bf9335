"""complaint answer deliveries (chat, e-mail, SMS, call-back tasks); chat_outbox.author (the name citizens see)

Revision ID: 0008_staff
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_staff"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaint_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("complaint_id", sa.Integer(), sa.ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False),
        sa.Column("route", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answer_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.String(length=120), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_complaint_deliveries_complaint_id", "complaint_deliveries", ["complaint_id"])
    op.create_index("ix_complaint_deliveries_status", "complaint_deliveries", ["status"])
    with op.batch_alter_table("chat_outbox") as batch:
        batch.add_column(sa.Column("author", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chat_outbox") as batch:
        batch.drop_column("author")
    op.drop_index("ix_complaint_deliveries_status", table_name="complaint_deliveries")
    op.drop_index("ix_complaint_deliveries_complaint_id", table_name="complaint_deliveries")
    op.drop_table("complaint_deliveries")
