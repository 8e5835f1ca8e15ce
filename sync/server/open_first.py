"""A new laptop's first look: the technician's open jobs before three years of history.

A first sync pulls every record in sequence order, so today's jobs would arrive last.
Before it, a device with nothing yet asks for ``open_jobs`` once: the jobs the
technician still has to do (not signed, not cancelled), earliest window first, with
what opening one needs — their customers, sites, units and contracts, their own rows,
and the shared catalogue. The device stores them without moving its cursor; the
ordinary pull then sends everything, these rows included, as if nothing had come
before (an upsert of the same version changes nothing).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.server import store
from sync.server import tables as t
from sync.server.db import meta_value
from sync.server.record_rows import fields_by_key
from tech_app.vocab import JobStatus

# Enough for any technician's open work; more come with the ordinary pull.
OPEN_JOBS = 200
_FINISHED = (JobStatus.SIGNED.value, JobStatus.CANCELLED.value)
# Parents before what refers to them, as the device's tables expect.
_ORDER = (
    *sorted(store.SHARED),
    "customers",
    "sites",
    "contracts",
    "service_cards",
    "assets",
    "jobs",
    "job_assets",
)


def open_jobs(conn: Connection, technician: str, limit: int = OPEN_JOBS) -> dict[str, Any]:
    """The technician's open jobs and what they need, as one pull page (cursor 0)."""
    r, jobs = t.records.c, t.kinds["jobs"]
    job_ids = list(
        conn.execute(
            sa.select(jobs.c.id)
            .select_from(jobs.join(t.records, sa.and_(r.table_name == "jobs", r.id == jobs.c.id)))
            .where(r.owner == technician, r.deleted.is_(False), jobs.c.status.notin_(_FINISHED))
            .order_by(jobs.c.window_start.is_(None), jobs.c.window_start, jobs.c.number)
            .limit(limit)
        ).scalars()
    )
    keys: list[tuple[str, str]] = []
    if job_ids:
        keys += [
            (row.table_name, row.record_id)
            for row in conn.execute(
                sa.select(t.job_refs.c.table_name, t.job_refs.c.record_id)
                .where(t.job_refs.c.job_id.in_(job_ids))
                .distinct()
            )
        ]
        keys += [("jobs", job_id) for job_id in job_ids]
        keys += [
            (row.table_name, row.id)
            for row in conn.execute(
                sa.select(r.table_name, r.id).where(
                    r.job_id.in_(job_ids),
                    r.table_name != "jobs",
                    r.owner == technician,
                    r.deleted.is_(False),
                )
            )
        ]
        keys += [
            (row.table_name, row.id)
            for row in conn.execute(
                sa.select(r.table_name, r.id).where(r.owner == store.EVERYONE, r.deleted.is_(False))
            )
        ]
    changes = _changes(conn, sorted(set(keys), key=_parents_first))
    return {"epoch": meta_value(conn, "epoch"), "cursor": 0, "has_more": False, "changes": changes}


def _parents_first(key: tuple[str, str]) -> tuple[int, str, str]:
    table, record_id = key
    rank = _ORDER.index(table) if table in _ORDER else len(_ORDER)
    return rank, table, record_id


def _changes(conn: Connection, keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
    if not keys:
        return []
    r = t.records.c
    bookkeeping = {
        (row.table_name, row.id): row
        for row in conn.execute(
            sa.select(r.table_name, r.id, r.version, r.seq, r.deleted, r.updated_at).where(
                store.any_of(r.table_name, r.id, keys), r.deleted.is_(False)
            )
        )
    }
    fields = fields_by_key(conn, keys)
    # The same change a pull sends; a row purged meanwhile has nothing to send.
    return [
        store.change_of(bookkeeping[key].seq, bookkeeping[key], fields)
        for key in keys
        if key in bookkeeping and key in fields
    ]
