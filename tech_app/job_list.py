"""The job list as the CLI and the desktop app show it: filtered, searched, paged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tech_app.store import search
from tech_app.store.local import LocalStore

# Today's and upcoming visits first, then the rest by window; jobs without a
# window (phone guidance, unscheduled) last.
_ORDER = "jobs.window_start IS NULL, jobs.window_start, jobs.number"


@dataclass(frozen=True)
class JobFilter:
    text: str = ""
    status: str | None = None
    job_type: str | None = None
    day: str | None = None  # ISO date of the window start, local to the job


_COLUMNS = """jobs.id, jobs.number, jobs.job_type AS type, jobs.status, jobs.priority,
    jobs.window_start, jobs.window_end, jobs.reported_at, jobs.sla_policy, jobs.assignee,
    customers.name AS customer, customers.phone AS phone, sites.address AS address"""
_FROM = """FROM jobs JOIN customers ON customers.id = jobs.customer_id
    JOIN sites ON sites.id = jobs.site_id"""


def _where(flt: JobFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    match = search.match_sql(flt.text)
    if match is not None:
        clauses.append(match[0])
        params.extend(match[1])
    if flt.status:
        clauses.append("jobs.status = ?")
        params.append(flt.status)
    if flt.job_type:
        clauses.append("jobs.job_type = ?")
        params.append(flt.job_type)
    if flt.day:
        clauses.append("substr(jobs.window_start, 1, 10) = ?")
        params.append(flt.day)
    return (" AND ".join(clauses) or "1"), params


def count_jobs(store: LocalStore, flt: JobFilter) -> int:
    where, params = _where(flt)
    return int(store.db.execute(f"SELECT count(*) {_FROM} WHERE {where}", params).fetchone()[0])


def page_sql(
    flt: JobFilter, *, offset: int = 0, limit: int | None = None, order_by: str = _ORDER
) -> tuple[str, list[Any]]:
    """The SQL and parameters of one page of the list, as ``list_jobs`` runs them.

    Public so the benchmarks can time exactly this query with the bare sqlite3 module.
    """
    where, params = _where(flt)
    sql = f"SELECT {_COLUMNS} {_FROM} WHERE {where} ORDER BY {order_by}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return sql, params


def list_jobs(
    store: LocalStore,
    flt: JobFilter,
    *,
    offset: int = 0,
    limit: int | None = None,
    order_by: str = _ORDER,
) -> list[dict[str, Any]]:
    """One page of job summaries; the UI fetches more pages as the user scrolls."""
    sql, params = page_sql(flt, offset=offset, limit=limit, order_by=order_by)
    cursor = store.db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
