"""procedures.staff_notes (research notes, never shown to citizens) and first_issue_note

Revision ID: 0008_catalogue
Revises: 0008_staff
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_catalogue"
down_revision = "0008_staff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("procedures") as batch:
        batch.add_column(sa.Column("staff_notes", sa.Text(), nullable=True))
        batch.add_column(sa.Column("first_issue_note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("procedures") as batch:
        batch.drop_column("first_issue_note")
        batch.drop_column("staff_notes")
