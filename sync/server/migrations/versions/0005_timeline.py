"""The timeline: which write transaction handed out which sequence numbers.

Each writing transaction that takes numbers records its range with a random token;
a pull answers its cursor with the token of the range that holds it, and the device
sends that token back with the cursor. Restored from a backup, head office hands out
the lost numbers again under new tokens, so a device that only pulled after the backup
is noticed even once head office has counted past its cursor (``sync.server.restore``).

Existing numbers get one range with its own token; devices hold no token for them yet
and are not checked until their next pull gives them one.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timeline",
        sa.Column("first_seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.Column("token", sa.String(32), nullable=False),
    )
    bind = op.get_bind()
    counter = bind.execute(sa.text("SELECT value FROM counters WHERE name = 'seq'")).scalar()
    if counter:
        bind.execute(
            sa.text("INSERT INTO timeline (first_seq, last_seq, token) VALUES (1, :last, :token)"),
            {"last": int(counter), "token": secrets.token_hex(8)},
        )


def downgrade() -> None:
    op.drop_table("timeline")
