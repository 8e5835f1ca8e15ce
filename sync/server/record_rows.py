"""Reading head-office records as codec rows, for the office reports and planners.

Records of every kind live as JSON in one table (see ``tables``); these helpers give
the live (not deleted) rows of one kind, and the done visits of a unit, so planning,
follow-ups and the SLA overview do not each repeat the same query.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.server import tables as t
from tech_app.vocab import JobStatus

DONE_STATUSES = frozenset({JobStatus.COMPLETED.value, JobStatus.SIGNED.value})


def live_rows(conn: Connection, table: str) -> list[dict[str, Any]]:
    """Every row of one kind of record that is not deleted, in sequence order."""
    return [
        json.loads(row.data)
        for row in conn.execute(
            sa.select(t.records.c.data)
            .where(t.records.c.table_name == table, t.records.c.deleted.is_(False))
            .order_by(t.records.c.seq)
        )
    ]


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
