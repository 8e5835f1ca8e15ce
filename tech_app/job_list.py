"""The job list as the CLI and the desktop app show it: filtered, searched, paged.

Imports neither sqlite-utils nor the records: the app reads its first page on a bare
``sqlite3`` connection (``tech_app.first_page``) through these same functions, before
the full store opens. The search SQL (``tech_app.store.search``) is imported with the
first search typed: the first page has none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tech_app.store.plain import ProfileReads

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
    jobs.flagged,
    customers.name AS customer, customers.phone AS phone, sites.address AS address"""
_FROM = """FROM jobs JOIN customers ON customers.id = jobs.customer_id
    JOIN sites ON sites.id = jobs.site_id"""


def _day_range(day: str) -> tuple[str, list[Any]]:
    """Window starts on a local day, as a range the ``jobs_window`` index can answer.

    ``window_start`` is ISO text with the job's own offset, so its first ten
    characters are the local date: ``>= day AND < next day`` selects exactly those.
    """
    try:
        after = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    except ValueError:
        return "substr(jobs.window_start, 1, 10) = ?", [day]
    return "jobs.window_start >= ? AND jobs.window_start < ?", [day, after]


def _where(flt: JobFilter, *, walk: bool = False) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.text:
        from tech_app.store import search

        match = search.match_each_sql(flt.text) if walk else search.match_sql(flt.text)
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
        clause, values = _day_range(flt.day)
        clauses.append(clause)
        params.extend(values)
    return (" AND ".join(clauses) or "1"), params


def walk_window_order(
    db: Any, flt: JobFilter, *, offset: int, limit: int | None, order_by: str
) -> bool:
    """Whether a page is cheaper read along the window index, testing each job for a match.

    Reading from the matches costs about their number (each is fetched, then all are
    sorted); walking costs the rows passed before the page is full, about
    ``(offset + limit) * jobs / matches``. The two meet near
    ``matches = sqrt(jobs * (offset + limit))``, so matches are counted only that far.
    A day filter bounds the walk to one day's jobs: always walk. ``db`` is anything
    with ``execute`` (the store's database or a bare sqlite3 connection).
    """
    if limit is None or not flt.text.strip():
        return False
    if not order_by.startswith("jobs.window_start ") or "IS NULL" in order_by:
        return False  # another order cannot follow the index
    if flt.day:
        return True
    from tech_app.store import search

    jobs = int(db.execute("SELECT ifnull(max(rowid), 0) FROM jobs").fetchone()[0])
    enough = max(1, int(math.sqrt(jobs * (offset + limit))))
    return search.count_hits(db, flt.text, enough) >= enough


def count_jobs(store: ProfileReads, flt: JobFilter) -> int:
    where, params = _where(flt)
    return int(store.db.execute(f"SELECT count(*) {_FROM} WHERE {where}", params).fetchone()[0])


def page_sql(
    flt: JobFilter,
    *,
    offset: int = 0,
    limit: int | None = None,
    order_by: str = _ORDER,
    walk: bool = False,
) -> tuple[str, list[Any]]:
    """The SQL and parameters of one page of the list, as ``list_jobs`` runs them
    (``walk`` as ``walk_window_order`` decided).

    Public so the benchmarks can time exactly this query with the bare sqlite3 module.
    """
    where, params = _where(flt, walk=walk)
    sql = f"SELECT {_COLUMNS} {_FROM} WHERE {where} ORDER BY {order_by}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return sql, params


def list_jobs(
    store: ProfileReads,
    flt: JobFilter,
    *,
    offset: int = 0,
    limit: int | None = None,
    order_by: str = _ORDER,
) -> list[dict[str, Any]]:
    """One page of job summaries; the UI fetches more pages as the user scrolls."""
    walk = walk_window_order(store.db, flt, offset=offset, limit=limit, order_by=order_by)
    sql, params = page_sql(flt, offset=offset, limit=limit, order_by=order_by, walk=walk)
    cursor = store.db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
