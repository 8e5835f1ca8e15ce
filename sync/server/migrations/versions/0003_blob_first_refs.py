"""The row that first named each blob, which decides who may read it.

Backfilled from the records that name a blob: the lowest ``seq`` per hash wins. A
row's ``seq`` moves when it is written or re-sent, so on an existing database this
is the oldest row as it stands now, which is the best record of "first" it holds.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blob_first_refs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("job_id", sa.String(36), nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    # records.seq is unique, so exactly one row per hash has its lowest seq.
    op.execute(
        """
        INSERT INTO blob_first_refs (sha256, table_name, record_id, job_id, created_at)
        SELECT r.blob_sha, r.table_name, r.id, r.job_id, r.updated_at
        FROM records r
        WHERE r.blob_sha IS NOT NULL
          AND r.seq = (SELECT MIN(f.seq) FROM records f WHERE f.blob_sha = r.blob_sha)
        """
    )


def downgrade() -> None:
    op.drop_table("blob_first_refs")
