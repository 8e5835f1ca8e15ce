"""The service systems' records: complaints, loans, training attendance, refunds; a
customer file's purchase reason and promises; a contract's visit type, yearly
trainings and IT spare pool.

Existing customers and contracts get each new field's default (what a device reading
the row without it assumes), so nothing about them changes.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# (table, column, type, default for existing rows; None: may be NULL)
NEW_COLUMNS: tuple[tuple[str, str, str, str | None], ...] = (
    ("customers", "purchase_reason", "text", ""),
    ("customers", "promises", "text", ""),
    ("contracts", "visit_type", "text", "maintenance"),
    ("contracts", "trainings_per_year", "int", "0"),
    ("contracts", "delivered_quantity", "int", "0"),
    ("contracts", "spare_share_percent", "int", "15"),
    ("contracts", "spare_part_id", "text", None),
    ("contracts", "spare_holder", "text", ""),
)

# (column, type, may be NULL); each table's job_id refers to jobs and is indexed
NEW_TABLES: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "complaints": (
        ("id", "text", False),
        ("job_id", "text", False),
        ("complaint_type", "text", False),
        ("key_points", "text", False),
        ("plan", "text", False),
        ("deadline", "text", False),
        ("agreed", "bool", False),
        ("agreed_by", "text", False),
        ("recorded_by", "text", False),
        ("recorded_at", "text", False),
    ),
    "loans": (
        ("id", "text", False),
        ("job_id", "text", False),
        ("unit", "text", False),
        ("serial", "text", False),
        ("lent_at", "text", False),
        ("lent_by", "text", False),
        ("returned_at", "text", True),
    ),
    "training_attendance": (
        ("id", "text", False),
        ("job_id", "text", False),
        ("attendee", "text", False),
        ("role", "text", False),
        ("recorded_at", "text", False),
    ),
    "refunds": (
        ("id", "text", False),
        ("job_id", "text", False),
        ("amount", "int", False),
        ("method", "text", False),
        ("refunded_by", "text", False),
        ("refunded_at", "text", False),
        ("note", "text", False),
    ),
}

_TYPES = {"text": sa.Text, "int": sa.BigInteger, "bool": sa.Boolean}


def upgrade() -> None:
    for table, column, kind, default in NEW_COLUMNS:
        op.add_column(
            table,
            sa.Column(
                column,
                _TYPES[kind](),
                nullable=default is None,
                server_default=None
                if default is None
                else (sa.text(default) if kind == "int" else default),
            ),
        )
    for name, columns in NEW_TABLES.items():
        op.create_table(
            name,
            *(
                sa.Column(
                    column,
                    _TYPES[kind](),
                    *(
                        [
                            sa.ForeignKey(
                                "jobs.id",
                                name=f"fk_{name}_job_id",
                                deferrable=True,
                                initially="DEFERRED",
                            )
                        ]
                        if column == "job_id"
                        else []
                    ),
                    primary_key=column == "id",
                    nullable=nullable,
                )
                for column, kind, nullable in columns
            ),
        )
        op.create_index(f"ix_{name}_job_id", name, ["job_id"])


def downgrade() -> None:
    """Only a head office that holds nothing of these yet goes back: a downgrade never
    throws a technician's complaint or a refund away."""
    bind = op.get_bind()
    for name in NEW_TABLES:
        if bind.execute(sa.text(f"SELECT COUNT(*) FROM {name}")).scalar():
            raise RuntimeError(f"head office holds {name}; restore a backup of 0006 instead")
    for table, column, kind, default in NEW_COLUMNS:
        unset = f"{column} IS NULL" if default is None else f"{column} = :default"
        value = int(default) if kind == "int" and default is not None else default
        if bind.execute(
            sa.text(f"SELECT COUNT(*) FROM {table} WHERE NOT ({unset})"), {"default": value}
        ).scalar():
            raise RuntimeError(f"head office holds {table}.{column}; restore a backup instead")
    for name in NEW_TABLES:
        op.drop_table(name)
    for table, column, _kind, _default in NEW_COLUMNS:
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
