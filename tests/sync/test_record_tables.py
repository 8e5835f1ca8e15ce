"""Head office keeps each kind of record in its own typed table.

A database written before (every record as JSON in ``records.data``, revision 0005,
``fixtures/head_office_0005.sqlite3``: the demo seeded, a fleet visit planned,
worked, signed and synced, a job cancelled and one deleted) migrates with every
record found again, field by field, on SQLite and on PostgreSQL; a fresh database
migrated to head has exactly the tables the code queries.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

from sync.server import store
from sync.server import tables as t
from sync.server.db import make_engine, migrate, read_transaction, write_transaction
from tech_app.errors import TechAppError
from tech_app.records.codec import RECORD_FOR_TABLE, from_row, to_row
from tests.sync.test_blob_owner import empty_database as _empty_database

FIXTURE = Path(__file__).parent / "fixtures" / "head_office_0005.sqlite3"
BOOKKEEPING = ("owner", "job_id", "blob_sha", "version", "seq", "deleted", "writers")


empty_database = _empty_database  # an empty SQLite file or PostgreSQL database, each test


@pytest.fixture
def fresh(empty_database: str) -> Iterator[sa.Engine]:
    """An empty head office migrated to head, on SQLite and on PostgreSQL."""
    engine = make_engine(empty_database)
    migrate(engine)
    yield engine
    engine.dispose()


def _before() -> list[dict[str, Any]]:
    with sqlite3.connect(FIXTURE) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute("SELECT * FROM records ORDER BY seq")]


def _normal(table: str, data: dict[str, Any]) -> dict[str, Any]:
    """A row as today's codec reads it (fields added since get their defaults)."""
    row: dict[str, Any] = json.loads(
        json.dumps(to_row(from_row(RECORD_FOR_TABLE[table], data)), ensure_ascii=False)
    )
    return row


def _upgrade_to(engine: sa.Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(store.__file__).parent / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def _copy_fixture_into(engine: sa.Engine) -> None:
    """The 0005 database's rows, table by table, into a database at revision 0005."""
    source = sa.create_engine(f"sqlite:///{FIXTURE}")
    old = sa.MetaData()
    old.reflect(source)
    with source.connect() as read, engine.begin() as write:
        for table in old.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [dict(row._mapping) for row in read.execute(sa.select(table))]
            if rows:
                write.execute(
                    sa.Table(table.name, sa.MetaData(), autoload_with=write).insert(), rows
                )
    source.dispose()


def _assert_every_record_found(engine: sa.Engine) -> None:
    before = _before()
    assert len(before) > 150  # the fixture holds the demo and a synced visit
    with read_transaction(engine) as conn:
        for old in before:
            found = store.load(conn, old["table_name"], old["id"])
            assert found is not None, (old["table_name"], old["id"])
            data = json.loads(old["data"])
            assert found.data == _normal(old["table_name"], data), (old["table_name"], old["id"])
            stored = conn.execute(
                sa.select(t.records).where(
                    t.records.c.table_name == old["table_name"], t.records.c.id == old["id"]
                )
            ).one()
            for name in BOOKKEEPING:
                assert getattr(stored, name) == old[name], (old["table_name"], old["id"], name)
        counts = {
            table: conn.execute(sa.select(sa.func.count()).select_from(kind)).scalar_one()
            for table, kind in t.kinds.items()
        }
    by_table: dict[str, int] = {}
    for old in before:
        by_table[old["table_name"]] = by_table.get(old["table_name"], 0) + 1
    assert {k: v for k, v in counts.items() if v} == by_table  # nothing doubled


def test_a_head_office_of_revision_0005_keeps_every_record(
    empty_database: str, tmp_path: Path
) -> None:
    if empty_database.startswith("sqlite"):
        shutil.copy(FIXTURE, tmp_path / "migrate.sqlite3")  # the file empty_database names
        engine = make_engine(empty_database)
    else:
        engine = make_engine(empty_database)
        _upgrade_to(engine, "0005")
        _copy_fixture_into(engine)
    migrate(engine)
    _assert_every_record_found(engine)
    engine.dispose()


def test_the_migrated_schema_is_the_one_the_code_queries(fresh: sa.Engine) -> None:
    """A record field added or changed without a migration fails here."""
    engine = fresh
    ours = {"records", *t.kinds}
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        differences = [d for d in compare_metadata(context, t.metadata) if _table_of(d) in ours]
        kind_columns = {
            table: {c["name"] for c in sa.inspect(conn).get_columns(table)} for table in t.kinds
        }
    assert differences == []
    assert kind_columns == {
        table: {c.name for c in kind.columns} for table, kind in t.kinds.items()
    }


def _table_of(difference: Any) -> str | None:
    item = difference[0] if isinstance(difference, list) else difference
    for part in item[1:]:
        name = getattr(part, "name", None) if not isinstance(part, str) else None
        table = getattr(part, "table", None)
        if table is not None:
            return str(table.name)
        if isinstance(part, str):
            return part
        if name is not None:
            return str(name)
    return None


def test_typed_columns_give_back_what_was_written(fresh: sa.Engine) -> None:
    """Money keeps its scale, days stay days, moments keep the device's offset."""
    from sync.server import dispatch
    from tech_app.records import Part, VanStock

    engine = fresh
    part = Part(number="P-1", name="滤芯 filter", unit_price=1250)
    stock = VanStock(technician="liu", part_id=part.id, quantity=Decimal("2.50"))
    with write_transaction(engine) as conn:
        dispatch.put_record(conn, part)
        dispatch.put_record(conn, stock)
    kind = t.kinds["van_stock"]
    with read_transaction(engine) as conn:
        found = store.load(conn, "van_stock", stock.id)
        typed = conn.execute(sa.select(kind.c.quantity).where(kind.c.id == stock.id)).scalar_one()
        raw = conn.execute(
            sa.text("SELECT quantity FROM van_stock WHERE id = :id"), {"id": stock.id}
        ).scalar_one()
    assert found is not None and found.data == dispatch.plain_row(stock)
    assert found.data["quantity"] == typed == "2.50"
    # A number in the database on PostgreSQL, exact text on SQLite.
    postgres = engine.dialect.name == "postgresql"
    assert raw == (Decimal("2.50") if postgres else "2.50")


def test_a_row_naming_a_record_head_office_lacks_is_refused_by_name(fresh: sa.Engine) -> None:
    from sync.server import dispatch
    from tech_app.records import Site

    engine = fresh
    site = Site(customer_id=str(uuid.uuid4()), address="上海市 1 号")
    refused = pytest.raises(TechAppError, match="customer_id: head office has no customer")
    with refused, write_transaction(engine) as conn:
        dispatch.put_record(conn, site)
    with read_transaction(engine) as conn:
        assert store.load(conn, "sites", site.id) is None
        assert conn.execute(sa.select(sa.func.count()).select_from(t.records)).scalar_one() == 0
