"""The first head-office schema.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "records",
        sa.Column("table_name", sa.String(40), primary_key=True),
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("owner", sa.String(60), nullable=True),
        sa.Column("job_id", sa.String(36), nullable=True),
        sa.Column("blob_sha", sa.String(64), nullable=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("writers", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_index("records_seq", "records", ["seq"], unique=True)
    op.create_index("records_owner", "records", ["owner", "seq"])
    op.create_index("records_job", "records", ["job_id"])
    op.create_index("records_blob", "records", ["blob_sha"])
    op.create_table(
        "grants",
        sa.Column("technician", sa.String(60), primary_key=True),
        sa.Column("table_name", sa.String(40), primary_key=True),
        sa.Column("record_id", sa.String(36), primary_key=True),
    )
    op.create_table(
        "job_refs",
        sa.Column("job_id", sa.String(36), primary_key=True),
        sa.Column("table_name", sa.String(40), primary_key=True),
        sa.Column("record_id", sa.String(36), primary_key=True),
    )
    op.create_index("job_refs_record", "job_refs", ["table_name", "record_id"])
    op.create_table(
        "assignments",
        sa.Column("job_id", sa.String(36), primary_key=True),
        sa.Column("technician", sa.String(60), primary_key=True),
    )
    op.create_table(
        "tombstones",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("technician", sa.String(60), nullable=False),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("tombstones_technician", "tombstones", ["technician", "seq"])
    op.create_table(
        "aliases",
        sa.Column("table_name", sa.String(40), primary_key=True),
        sa.Column("alias_id", sa.String(36), primary_key=True),
        sa.Column("record_id", sa.String(36), nullable=False),
    )
    op.create_table(
        "clients",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("technician", sa.String(60), nullable=False),
        sa.Column("last_mutation_id", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_table(
        "mutation_log",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("mutation_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "conflict_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("job_id", sa.String(36), nullable=True),
        sa.Column("field", sa.String(60), nullable=False),
        sa.Column("winning_value", sa.Text, nullable=False),
        sa.Column("losing_value", sa.Text, nullable=False),
        sa.Column("winning_client", sa.String(64), nullable=False),
        sa.Column("losing_client", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("conflict_log_job", "conflict_log", ["job_id"])
    op.create_table(
        "technicians",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("session_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("technician", sa.String(60), nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    op.create_index("tokens_session", "tokens", ["session_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("technician", sa.String(60), nullable=False),
        sa.Column("ip", sa.String(64), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("login_failures_key", "login_failures", ["technician", "ip", "at"])
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "blob_owners",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("technician", sa.String(60), primary_key=True),
    )
    op.create_table(
        "blob_chunks",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("technician", sa.String(60), primary_key=True),
        sa.Column("start", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
