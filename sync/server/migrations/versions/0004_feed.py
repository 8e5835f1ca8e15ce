"""Per-technician feed, and provisional sequence blocks for parallel writers.

``feed`` lists, per technician, the rows they receive other than their own jobs'
rows and the shared catalogue (which ``records.owner`` already indexes): the
customers, sites, contracts and units their jobs grant, and colleagues' visits to
those units (history summaries). A pull becomes index ranges on (technician, seq)
instead of a scan of every granted or job-related record.

Backfilled with the numbers the rows have now, so a device's cursor keeps its
meaning: everything it would have pulled after its cursor is in the feed after it.

On PostgreSQL, ``seq_blocks`` hands out the provisional number blocks of writing
transactions (``sync.server.db``).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

HISTORY_ENTRY = "history_of_job"  # sync.server.store.HISTORY_ENTRY
SOURCES = "('jobs', 'job_assets', 'checklist_answers', 'part_usage')"


def upgrade() -> None:
    op.create_table(
        "feed",
        sa.Column("technician", sa.String(60), primary_key=True),
        sa.Column("table_name", sa.String(40), primary_key=True),
        sa.Column("record_id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_index("feed_technician_seq", "feed", ["technician", "seq"])
    op.create_index("feed_seq", "feed", ["seq"])  # the commit-ordering step renumbers by it
    op.create_index("grants_record", "grants", ["table_name", "record_id"])
    op.execute(
        """
        INSERT INTO feed (technician, table_name, record_id, seq)
        SELECT g.technician, g.table_name, g.record_id, r.seq
        FROM grants g
        JOIN records r ON r.table_name = g.table_name AND r.id = g.record_id
        """
    )
    # Colleagues' visits to granted units: one entry per (technician, job), at the
    # newest change of the rows its summary is built from.
    op.execute(
        f"""
        INSERT INTO feed (technician, table_name, record_id, seq)
        SELECT g.technician, '{HISTORY_ENTRY}', jr.job_id, MAX(r.seq)
        FROM grants g
        JOIN job_refs jr ON jr.table_name = 'assets' AND jr.record_id = g.record_id
        JOIN records r ON r.job_id = jr.job_id
        JOIN records j ON j.table_name = 'jobs' AND j.id = jr.job_id
        WHERE g.table_name = 'assets'
          AND r.table_name IN {SOURCES}
          AND r.deleted = {_false()}
          AND (j.owner IS NULL OR j.owner <> g.technician)
        GROUP BY g.technician, jr.job_id
        """
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE seq_blocks")


def _false() -> str:
    return "false" if op.get_bind().dialect.name == "postgresql" else "0"


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE seq_blocks")
    op.drop_index("grants_record", "grants")
    op.drop_index("feed_seq", "feed")
    op.drop_table("feed")
