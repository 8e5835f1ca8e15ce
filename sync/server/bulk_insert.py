"""Many rows into one table in one statement.

A push inserts its mutations' rows in batches (bookkeeping, typed fields, the mutation
log). Through SQLAlchemy's ``executemany`` psycopg sends one bind-and-execute per row in
its pipeline, and that per-row work cost more Python than the rows themselves. On
PostgreSQL the rows travel instead as one JSON array in one parameter, unpacked by
``json_populate_recordset`` into the table's own column types: one short statement
whose text psycopg parses once (it re-parses statements of more than 50 parameters on
every call, so a multi-row ``VALUES`` list would not do), and the encoding is orjson's.
Values are the codec's plain JSON values, which PostgreSQL's input functions read as
their columns' types (decimal text as NUMERIC with its scale, ISO text as DATE).

SQLite keeps ``executemany``: its driver loops in C.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection


def insert_rows(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys, each a column of ``table``)."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), list(rows))
        return
    columns = tuple(name for name in rows[0] if name in table.c)
    conn.exec_driver_sql(_statement(table.name, columns), (orjson.dumps(rows).decode(),))


@functools.cache
def _statement(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{name}"' for name in columns)
    return (
        f'INSERT INTO "{table}" ({names}) SELECT {names} '
        f'FROM json_populate_recordset(NULL::"{table}", %s::json)'
    )
