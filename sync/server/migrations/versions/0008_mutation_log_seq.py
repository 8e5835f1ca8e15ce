"""The commit-ordering step in one message: the mutation log by number, no block sequence.

A push writes its mutations' log rows with the provisional numbers of its records, and
the step that ends the transaction moves them onto the real ones with the rest, so it
finds them by number. Provisional blocks are now chosen by the PostgreSQL server
process a transaction runs on, so the ``seq_blocks`` sequence is no longer used.
Existing rows are kept as they are (their numbers are real).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("mutation_log_seq", "mutation_log", ["seq"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE IF EXISTS seq_blocks")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE IF NOT EXISTS seq_blocks")
    op.drop_index("mutation_log_seq", "mutation_log")
