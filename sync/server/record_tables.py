"""One table per kind of record, a typed column per field of the shared record.

The tables are derived from the dataclasses in ``tech_app.records`` so those stay the
one definition of a record; the Alembic migrations hold frozen copies, and
``tests/sync/test_record_tables.py`` fails when a field changes without a migration.

Column types follow the field's type: text and codes → TEXT, whole numbers → BIGINT,
yes/no → BOOLEAN, money and quantities → NUMERIC (TEXT on SQLite, which has no exact
decimal), calendar days → DATE, lists → the codec's JSON text. A moment stays the ISO
text the device wrote, offset included: the slip prints the time as the technician's
clock read it, and a ``timestamptz`` would keep the instant but lose that offset (and
with it the slip's content hash).

What a row is for syncing (who sees it, its place in the change sequence, its
version, who wrote each field, deleted or not) is kept apart in ``tables.records``, one
row per record of any kind, so a pull is one index range whatever kinds it carries.

Rows cross this module as the codec's plain rows (``codec.to_row``): the column types
below convert on the way in and out, so ``data`` read back equals ``data`` written.
"""

from __future__ import annotations

import typing
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from tech_app.records.codec import RECORD_FOR_TABLE, field_kinds

# What each reference field points at. A technician's push and every office write are
# checked against it before they reach the database (``gate.check_references``); the
# foreign keys are the database's own guard behind that.
REFERENCES: dict[str, str] = {
    "customer_id": "customers",
    "site_id": "sites",
    "asset_id": "assets",
    "contract_id": "contracts",
    "card_id": "service_cards",
    "job_id": "jobs",
    "template_id": "checklist_templates",
    "part_id": "parts",
    "part_usage_id": "part_usage",
    "estimate_id": "estimates",
    "paper_photo_id": "photos",  # the photo of a slip signed on paper
    "intake_id": "jewellery_intakes",
}

# Beyond every reference field: what office lists, planning and the push's natural-key
# match filter on.
EXTRA_INDEXES: dict[str, tuple[tuple[str, ...], ...]] = {
    "jobs": (("assignee",), ("status",), ("number",), ("window_start",)),
    "parts": (("number",),),
    "checklist_templates": (("code",),),
    "van_stock": (("technician",),),
    "stock_movements": (("technician",),),
    "customers": (("phone",),),
}


class ExactDecimal(sa.types.TypeDecorator[str]):
    """Money and quantities as the codec writes them (decimal text): NUMERIC on
    PostgreSQL, which keeps the scale it is given ("12.50" stays "12.50"), TEXT on SQLite."""

    impl = sa.Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(sa.Numeric(asdecimal=True))
        return dialect.type_descriptor(sa.Text())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "postgresql":
            return value
        return Decimal(str(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else str(value)


class IsoDate(sa.types.TypeDecorator[str]):
    """A calendar day: DATE in the database, ISO text (the codec's form) in Python."""

    impl = sa.Date
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> date | None:
        return None if value is None else date.fromisoformat(str(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()  # type: ignore[no-any-return]


def column_type(kind: Any) -> sa.types.TypeEngine[Any]:
    if kind is bool:
        return sa.Boolean()
    if kind is int:
        return sa.BigInteger()
    if kind is Decimal:
        return ExactDecimal()
    if kind is date:
        return IsoDate()
    if kind is datetime or kind is str or typing.get_origin(kind) is tuple:
        return sa.Text()
    if isinstance(kind, type) and issubclass(kind, Enum):
        return sa.Text()
    raise TypeError(f"no column type for {kind!r}")


def _kind_table(metadata: sa.MetaData, name: str) -> sa.Table:
    columns: list[Any] = []
    for field, (kind, optional) in field_kinds(RECORD_FOR_TABLE[name]).items():
        args: list[Any] = []
        target = REFERENCES.get(field)
        if target is not None and target != name:
            # Deferred to the commit: rows of one push or import arrive in any order.
            args.append(
                sa.ForeignKey(
                    f"{target}.id",
                    name=f"fk_{name}_{field}",
                    deferrable=True,
                    initially="DEFERRED",
                )
            )
        columns.append(
            sa.Column(
                field,
                column_type(kind),
                *args,
                primary_key=field == "id",
                nullable=optional,
            )
        )
    indexed = [(f,) for f in field_kinds(RECORD_FOR_TABLE[name]) if f in REFERENCES]
    for fields in (*indexed, *EXTRA_INDEXES.get(name, ())):
        columns.append(sa.Index(f"ix_{name}_{'_'.join(fields)}", *fields))
    return sa.Table(name, metadata, *columns)


def define(metadata: sa.MetaData) -> dict[str, sa.Table]:
    """The table of every kind of record, added to ``metadata``."""
    return {name: _kind_table(metadata, name) for name in RECORD_FOR_TABLE}


@cache
def fields_of(table: sa.Table) -> list[str]:
    # Plain text: SQLAlchemy's names are a ``str`` subclass, which fast JSON encoders
    # refuse as keys.
    return [str.__str__(column.name) for column in table.columns]
