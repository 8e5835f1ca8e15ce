"""Head-office tables (SQLAlchemy Core). The schema itself is made by the Alembic
migrations in ``sync/server/migrations``; these definitions are what the code queries.

Each kind of record has its own table with a typed column per field
(``record_tables``, derived from the shared records). Beside them, ``records`` holds
one row per record of any kind with what syncing needs: who may see it (``owner``: a
technician, ``*`` for the shared catalogue, NULL for head office only), the job it
hangs off, the blob it references, its version, who wrote each field, whether it is
deleted, and ``seq``, its place in the one global change sequence. A pull reads an
index range of ``records`` and then the rows it names from their kinds' tables.
"""

from __future__ import annotations

import sqlalchemy as sa

from sync.server import record_tables

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

records = sa.Table(
    "records",
    metadata,
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("owner", sa.String(60), nullable=True),
    sa.Column("job_id", sa.String(36), nullable=True),
    sa.Column("blob_sha", sa.String(64), nullable=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False),
    sa.Column("writers", sa.Text, nullable=False),  # JSON {field: [client, seq]}
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.Index("records_seq", "seq", unique=True),
    sa.Index("records_owner", "owner", "seq"),
    sa.Index("records_job", "job_id"),
    sa.Index("records_blob", "blob_sha"),
)

# The fields of each kind of record, by kind (``jobs``, ``part_usage``, ...).
kinds: dict[str, sa.Table] = record_tables.define(metadata)

# What each technician receives beyond their own jobs' rows and the shared catalogue
# (both indexed by ``records.owner``): granted customers, sites, contracts and units,
# and colleagues' jobs on those units (``table_name`` = store.HISTORY_ENTRY), each at
# the number of its latest change. One row per (technician, record): a pull reads an
# index range on (technician, seq).
feed = sa.Table(
    "feed",
    metadata,
    sa.Column("technician", sa.String(60), primary_key=True),
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("record_id", sa.String(36), primary_key=True),
    sa.Column("seq", sa.BigInteger, nullable=False),
)

# Which writing transaction handed out which sequence numbers, each range with a random
# token (``sync.server.restore``): a restored head office hands the same numbers out
# again under other tokens.
timeline = sa.Table(
    "timeline",
    metadata,
    sa.Column("first_seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("last_seq", sa.BigInteger, nullable=False),
    sa.Column("token", sa.String(32), nullable=False),
)

grants = sa.Table(
    "grants",
    metadata,
    sa.Column("technician", sa.String(60), primary_key=True),
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("record_id", sa.String(36), primary_key=True),
)

# Which customers, sites, contracts and assets each job refers to: what a technician
# may read follows from the jobs they hold.
job_refs = sa.Table(
    "job_refs",
    metadata,
    sa.Column("job_id", sa.String(36), primary_key=True),
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("record_id", sa.String(36), primary_key=True),
)

assignments = sa.Table(
    "assignments",
    metadata,
    sa.Column("job_id", sa.String(36), primary_key=True),
    sa.Column("technician", sa.String(60), primary_key=True),
)

tombstones = sa.Table(
    "tombstones",
    metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("technician", sa.String(60), nullable=False),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("record_id", sa.String(36), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

aliases = sa.Table(
    "aliases",
    metadata,
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("alias_id", sa.String(36), primary_key=True),
    sa.Column("record_id", sa.String(36), nullable=False),
)

clients = sa.Table(
    "clients",
    metadata,
    sa.Column("client_id", sa.String(64), primary_key=True),
    sa.Column("technician", sa.String(60), nullable=False),
    sa.Column("last_mutation_id", sa.BigInteger, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

mutation_log = sa.Table(
    "mutation_log",
    metadata,
    sa.Column("client_id", sa.String(64), primary_key=True),
    sa.Column("mutation_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Index("mutation_log_seq", "seq"),  # shifted by the commit-ordering step
)

conflict_log = sa.Table(
    "conflict_log",
    metadata,
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

technicians = sa.Table(
    "technicians",
    metadata,
    sa.Column("name", sa.String(60), primary_key=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.String(16), nullable=False),  # technician | office
    sa.Column("created_at", sa.Float, nullable=False),
)

tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("session_id", sa.String(36), nullable=False, index=True),
    sa.Column("kind", sa.String(10), nullable=False),  # access | refresh
    sa.Column("technician", sa.String(60), nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("revoked", sa.Boolean, nullable=False),
)

login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("technician", sa.String(60), nullable=False),
    sa.Column("ip", sa.String(64), nullable=False),
    sa.Column("at", sa.Float, nullable=False),
)

blobs = sa.Table(
    "blobs",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

blob_owners = sa.Table(
    "blob_owners",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("technician", sa.String(60), primary_key=True),
)

# The row that first named each blob: who may read a blob follows the job of that row
# (``sync.server.blobs``), never a later row that names the same hash.
blob_first_refs = sa.Table(
    "blob_first_refs",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("record_id", sa.String(36), nullable=False),
    sa.Column("job_id", sa.String(36), nullable=True),
    sa.Column("created_at", sa.Float, nullable=False),
)

# A resumable upload in progress, per uploader: chunks in order, keyed by start offset.
blob_chunks = sa.Table(
    "blob_chunks",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("technician", sa.String(60), primary_key=True),
    sa.Column("start", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

# What follow-up calls found charged above a slip's total: refunded to the customer and
# counted against the technician (DOMAIN.md). One row per job (one follow-up per job).
overcharges = sa.Table(
    "overcharges",
    metadata,
    sa.Column("job_id", sa.String(36), primary_key=True),
    sa.Column("technician", sa.String(60), nullable=False),  # "" when nobody was assigned
    sa.Column("amount", sa.BigInteger, nullable=False),  # above the slip, minor units
    sa.Column("amount_charged", sa.BigInteger, nullable=False),
    sa.Column("slip_total", sa.BigInteger, nullable=False),
    sa.Column("recorded_at", sa.Float, nullable=False),
)
