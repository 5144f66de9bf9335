"""procedure_fees: the area a rate applies to, its validity dates and where it was read

Revision ID: 0010_fees
Revises: 0009_gaps
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_fees"
down_revision = "0009_gaps"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("procedure_fees") as batch:
        batch.add_column(sa.Column("applies_to", sa.String(40), nullable=True))
        batch.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("valid_until", sa.Date(), nullable=True))
        batch.add_column(sa.Column("source", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("procedure_fees") as batch:
        batch.drop_column("source")
        batch.drop_column("valid_until")
        batch.drop_column("valid_from")
        batch.drop_column("applies_to")
