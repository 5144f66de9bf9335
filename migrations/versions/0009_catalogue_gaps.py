"""catalogue_gaps: questions about procedures the catalogue does not hold

Revision ID: 0009_gaps
Revises: 0008_catalogue
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_gaps"
down_revision = "0008_catalogue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogue_gaps",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("first_seen", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("ix_catalogue_gaps_key", "catalogue_gaps", ["key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_catalogue_gaps_key", table_name="catalogue_gaps")
    op.drop_table("catalogue_gaps")
