"""Reading head-office records as codec rows, for the office reports and planners.

These helpers give the live (not deleted) rows of one kind from its table (see
``tables``), and the done visits of a unit, so planning, follow-ups and the SLA
overview do not each repeat the same query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.server import tables as t
from sync.server.record_tables import fields_of
from tech_app.vocab import JobStatus

DONE_STATUSES = frozenset({JobStatus.COMPLETED.value, JobStatus.SIGNED.value})


# The bookkeeping columns read with a record's fields, named apart from them.
_BOOKKEEPING = ("owner", "job_id", "version", "seq", "deleted", "writers", "updated_at")


@cache
def joined(table: str) -> sa.Select[Any]:
    """A select of one kind's rows: every field by its own name, and the bookkeeping as
    ``sync_owner``, ``sync_seq``, … (``record_rows`` narrows it with ``where``)."""
    kind = t.kinds[table]
    r = t.records.c
    return sa.select(
        *(r[name].label(f"sync_{name}") for name in _BOOKKEEPING), *kind.c
    ).select_from(t.records.join(kind, sa.and_(r.table_name == table, r.id == kind.c.id)))


def data_of(table: str, row: Any) -> dict[str, Any]:
    """The codec row of a record from a row of ``joined`` (or of its kind's table)."""
    mapping = row._mapping
    return {name: mapping[name] for name in fields_of(t.kinds[table])}


@cache
def _rows_by_id(table: str) -> sa.Select[Any]:
    # One statement per kind, its ids bound at run time: building ``in_`` from a list
    # coerces every id into the expression again, a millisecond a pull page.
    kind = t.kinds[table]
    return sa.select(*kind.c).where(kind.c.id.in_(sa.bindparam("ids", expanding=True)))


def fields_by_key(
    conn: Connection, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """The codec rows of the given records, one statement per kind among them."""
    by_table: dict[str, set[str]] = {}
    for table, record_id in keys:
        by_table.setdefault(table, set()).add(record_id)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for table, ids in by_table.items():
        names = fields_of(t.kinds[table])  # the select's columns, in its order
        at = names.index("id")
        for row in conn.execute(_rows_by_id(table), {"ids": sorted(ids)}):
            found[(table, row[at])] = dict(zip(names, row, strict=True))
    return found


def live_rows(conn: Connection, table: str, *where: Any) -> list[dict[str, Any]]:
    """Every row of one kind of record that is not deleted, in sequence order; ``where``
    narrows by the kind's columns (``t.kinds[table].c``) or the bookkeeping
    (``t.records.c``)."""
    query = joined(table).where(t.records.c.deleted.is_(False), *where)
    return [data_of(table, row) for row in conn.execute(query.order_by(t.records.c.seq))]


def live_by_id(conn: Connection, table: str) -> dict[str, dict[str, Any]]:
    return {str(row["id"]): row for row in live_rows(conn, table)}


def moment(value: object) -> datetime | None:
    """A stored date-time (ISO text) as an aware datetime; None when absent."""
    if value is None or value == "":
        return None
    return datetime.fromisoformat(str(value))


def local_day(value: datetime, zone: tzinfo) -> date:
    """The calendar day in the company's time zone (``company.zone``): visits and reports
    count in it."""
    return value.astimezone(zone).date()


@dataclass(frozen=True)
class UnitVisit:
    """A done job that covered one unit: when, by whom, and the hour meter read on it."""

    job: dict[str, Any]
    asset_id: str
    completed_at: datetime
    hour_meter: int | None


def done_visits_by_asset(conn: Connection) -> dict[str, list[UnitVisit]]:
    """Completed or signed jobs per unit, oldest first."""
    jobs = {
        job_id: job
        for job_id, job in live_by_id(conn, "jobs").items()
        if job["status"] in DONE_STATUSES and job.get("completed_at")
    }
    visits: dict[str, list[UnitVisit]] = defaultdict(list)
    for link in live_rows(conn, "job_assets"):
        job = jobs.get(str(link["job_id"]))
        if job is None:
            continue
        completed = moment(job["completed_at"])
        assert completed is not None
        visits[str(link["asset_id"])].append(
            UnitVisit(job, str(link["asset_id"]), completed, link.get("hour_meter"))
        )
    for found in visits.values():
        found.sort(key=lambda v: v.completed_at)
    return visits
