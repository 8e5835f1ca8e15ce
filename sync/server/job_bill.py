"""What a job's slip charged, priced at head office by the very code the app prices with.

The slip's total is not stored as a number: the app computes it from the parts,
times and contract through ``tech_app.charges.job_charges``. To compare a customer's
"I paid ¥X" with it, head office loads the job's rows into a scratch in-memory
profile (the same way a pull applies them) and asks the same function, so both ends
can never disagree about what was charged.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.engine import Connection

from sync.server import store
from sync.server.record_rows import live_rows, local_day, moment
from tech_app.charges import job_charges
from tech_app.store.local import open_store
from tech_app.store.remote import apply_pull_page


def _visit_day(job: dict[str, Any], times: list[dict[str, Any]]) -> date:
    """The day the visit is priced on (warranty is judged that day): the first time
    recorded, else the planned window, else the report — as the slip counts it."""
    starts = sorted(m for m in (moment(e.get("started_at")) for e in times) if m is not None)
    first = starts[0] if starts else moment(job.get("window_start")) or moment(job["reported_at"])
    assert first is not None
    return local_day(first)


def slip_total(conn: Connection, job_id: str) -> int:
    """The total (minor units, tax included) the job's slip shows."""
    job = store.load(conn, "jobs", job_id)
    if job is None:
        raise ValueError(f"no job {job_id}")
    changes: list[dict[str, Any]] = []

    def add(table: str, row: dict[str, Any]) -> None:
        changes.append({"seq": len(changes) + 1, "table": table, "id": row["id"], "row": row})

    for table in ("parts", "checklist_templates"):
        for row in live_rows(conn, table):
            add(table, store.wire_row(row, 1, 0.0))
    for table, record_id in store.job_refs(conn, job_id):
        found = store.load(conn, table, record_id)
        if found is not None:
            add(table, store.wire_row(found.data, found.version, 0.0))
    add("jobs", store.wire_row(job.data, job.version, 0.0))
    times = []
    for table, record_id in store.children_of(conn, job_id):
        found = store.load(conn, table, record_id)
        if found is None or found.deleted:
            continue
        add(table, store.wire_row(found.data, found.version, 0.0))
        if table == "time_entries":
            times.append(found.data)
    scratch = open_store(None)
    try:
        apply_pull_page(scratch, changes, len(changes))
        return job_charges(scratch, job_id, on_date=_visit_day(job.data, times)).total
    finally:
        scratch.close()
