"""Overcharges found by follow-up calls, kept against the job and its technician.

Revision ID: 0002
Revises: 0001
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
        "overcharges",
        sa.Column("job_id", sa.String(36), primary_key=True),
        sa.Column("technician", sa.String(60), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("amount_charged", sa.BigInteger, nullable=False),
        sa.Column("slip_total", sa.BigInteger, nullable=False),
        sa.Column("recorded_at", sa.Float, nullable=False),
    )
    op.create_index("overcharges_technician", "overcharges", ["technician"])


def downgrade() -> None:
    op.drop_table("overcharges")
