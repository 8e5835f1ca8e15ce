"""Head office's side of the jobs: create, schedule, assign, reassign, cancel, delete, list.

Shared by the HTTP API and the ``tech-app office`` commands. Every function takes a
connection inside ``write_transaction`` (or a read transaction for listings) and
validates through the shared records, so what head office writes is exactly what
a technician's device can store.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.server import auth, gate, store
from sync.server import tables as t
from sync.server.record_rows import data_of, joined
from tech_app.errors import NotFoundError, TechAppError, ValidationError
from tech_app.records import Job, JobAsset
from tech_app.records.codec import from_row, table_of, to_row
from tech_app.vocab import JobStatus

OFFICE = "office"


class DispatchError(TechAppError):
    """A dispatch request that cannot be done (unknown job, signed job, …)."""


def plain_row(record: object) -> dict[str, Any]:
    """A record as the JSON row head office stores."""
    return json.loads(json.dumps(to_row(record), ensure_ascii=False))  # type: ignore[no-any-return]


def put_record(conn: Connection, record: object) -> int:
    """Create or replace a head-office record (customer, site, part, job, …) through the gate.

    On a stored job the visit fields stay as the technician left them (``gate``).
    """
    table = table_of(record)
    row = plain_row(record)
    existing = store.load(conn, table, str(row["id"]))
    if table == "jobs" and existing is not None:
        row = gate.office_job_row(existing, row)
    if existing is not None and existing.data == row and not existing.deleted:
        return existing.seq
    if table == "jobs":
        return _put_job(conn, row, existing)
    seq = gate.write(conn, gate.OFFICE, table, row, existing=existing, loaded=True)
    if table == "job_assets":
        job = store.load(conn, "jobs", str(row["job_id"]))
        if job is not None and job.owner:
            store.grant_refs(conn, job.owner, job.id)
            seq = store.touch(conn, table, str(row["id"]))
        if existing is None:
            # A unit joins a repair: the same fault again inside the promise means "replace it".
            from sync.server.recurring import flag_if_recurring

            flag_if_recurring(conn, str(row["job_id"]), str(row["asset_id"]))
    return seq


def _put_job(conn: Connection, row: dict[str, Any], existing: store.Stored | None) -> int:
    # The gate refuses a signed job before anything about its visibility changes.
    changed = [k for k in row if existing is None or existing.data.get(k) != row[k]]
    gate.check_frozen("jobs", existing, existing, changed=changed)
    before = existing.owner if existing and not existing.deleted else None
    after = row.get("assignee") or None
    if before and before != after:
        _take_away(conn, before, str(row["id"]))
    if after and not store.ever_assigned(conn, str(row["id"]), after):
        conn.execute(t.assignments.insert().values(job_id=row["id"], technician=after))
    seq = gate.write(conn, gate.OFFICE, "jobs", row, existing=existing, loaded=True)
    if after:
        granted = store.grant_refs(conn, after, str(row["id"]))
        if granted or before != after:
            # Parents before children: the job follows what it refers to, and the unit
            # links and visit rows follow the job.
            seq = store.touch(conn, "jobs", str(row["id"]), owner=after)
        if before != after:
            for table, child in store.children_of(conn, str(row["id"])):
                seq = store.touch(conn, table, child, owner=after)
    return seq


def _take_away(conn: Connection, technician: str, job_id: str) -> None:
    """Tell the technician's devices the job (and its rows) left their view."""
    for table, child in reversed(store.children_of(conn, job_id)):
        store.tombstone(conn, technician, table, child)
    store.tombstone(conn, technician, "jobs", job_id)
    conn.execute(t.records.update().where(t.records.c.job_id == job_id).values(owner=None))
    store.revoke_refs(conn, technician, job_id)


def find_job(conn: Connection, key: str) -> store.Stored:
    """A job by id or number."""
    found = store.load(conn, "jobs", key)
    if found is not None:
        return found
    jobs = t.kinds["jobs"]
    numbered = conn.execute(sa.select(jobs.c.id).where(jobs.c.number == key)).first()
    if numbered is not None:
        job = store.load(conn, "jobs", numbered.id)
        assert job is not None
        return job
    raise NotFoundError("job", key)


def _job_record(job: store.Stored) -> Job:
    return from_row(Job, job.data)


def assign(conn: Connection, key: str, technician: str) -> Job:
    job_row = find_job(conn, key)
    if job_row.deleted:
        raise DispatchError(f"job {job_row.data['number']} was deleted")
    job = _job_record(job_row)
    auth.require_technician(conn, technician)
    status = JobStatus.ASSIGNED if job.status is JobStatus.NEW else job.status
    updated = dataclasses.replace(job, assignee=technician, status=status)
    put_record(conn, updated)
    return updated


def schedule(conn: Connection, key: str, start: datetime, end: datetime) -> Job:
    job = _job_record(find_job(conn, key))
    updated = dataclasses.replace(job, window_start=start, window_end=end)
    put_record(conn, updated)
    return updated


def cancel(conn: Connection, key: str) -> Job:
    job = _job_record(find_job(conn, key))
    updated = dataclasses.replace(job, status=JobStatus.CANCELLED)
    put_record(conn, updated)
    return updated


def delete(conn: Connection, key: str) -> str:
    job_row = find_job(conn, key)
    if job_row.deleted:
        return job_row.id
    gate.check_frozen("jobs", job_row, job_row, deleting=True)
    if job_row.owner:
        _take_away(conn, job_row.owner, job_row.id)
    for table, child in store.children_of(conn, job_row.id):
        child_row = store.load(conn, table, child)
        assert child_row is not None
        gate.write(
            conn, gate.OFFICE, table, child_row.data, existing=child_row, loaded=True, deleted=True
        )
    gate.write(conn, gate.OFFICE, "jobs", job_row.data, existing=job_row, loaded=True, deleted=True)
    return job_row.id


def create_job(conn: Connection, job: Job, units: Sequence[str] = ()) -> Job:
    """A new job for a stored customer at one of their sites, under a number not yet used
    (jobs are found by number on the phone, on the slip and in ``find_job``), covering
    ``units`` (asset ids), which must stand at that site."""
    found = {}
    for table, record_id in (("customers", job.customer_id), ("sites", job.site_id)):
        stored = store.load(conn, table, record_id)
        if stored is None or stored.deleted:
            raise ValidationError(f"job.{table[:-1]}_id", f"no {table[:-1]} {record_id}")
        found[table] = stored
    if found["sites"].data.get("customer_id") != job.customer_id:
        raise ValidationError("job.site_id", "is a site of another customer")
    links = []
    for position, asset_id in enumerate(units):
        asset = store.load(conn, "assets", asset_id)
        if asset is None or asset.deleted or asset.data.get("site_id") != job.site_id:
            raise ValidationError("job_asset.asset_id", f"no unit {asset_id} at the job's site")
        links.append(JobAsset(job_id=job.id, asset_id=asset_id, position=position))
    try:
        find_job(conn, job.number)
    except NotFoundError:
        put_record(conn, job)
        for link in links:  # after the job: a unit link follows its job to the assignee
            put_record(conn, link)
        return job
    raise ValidationError("job.number", f"{job.number} is already a job's number")


def resolve_flag(conn: Connection, key: str) -> Job:
    """Head office has reviewed the job: its review note is cleared (allowed on a signed
    job too, ``write_rules.REVIEW_FIELDS``); the conflict log keeps what happened."""
    job = _job_record(find_job(conn, key))
    updated = dataclasses.replace(job, flagged="")
    put_record(conn, updated)
    return updated


def list_jobs(conn: Connection, *, include_deleted: bool = True) -> list[dict[str, Any]]:
    conflict_counts: dict[Any, Any] = dict(
        conn.execute(
            sa.select(t.conflict_log.c.job_id, sa.func.count()).group_by(t.conflict_log.c.job_id)
        ).all()
    )
    named = t.kinds["customers"]
    customers = dict(conn.execute(sa.select(named.c.id, named.c.name)).all())
    jobs = []
    for row in conn.execute(joined("jobs")):
        data = data_of("jobs", row)
        if row.sync_deleted and not (include_deleted and data.get("flagged")):
            continue
        jobs.append(
            {
                "id": row.id,
                "number": data["number"],
                "assignee": data.get("assignee", ""),
                "status": "deleted" if row.sync_deleted else data["status"],
                "customer": customers.get(data["customer_id"], ""),
                "window_start": data.get("window_start"),
                "flagged": data.get("flagged", ""),
                "conflicts": int(conflict_counts.get(row.id, 0)),
            }
        )
    jobs.sort(key=lambda j: (j["window_start"] or "~", j["number"]))
    return jobs


def conflicts(conn: Connection, job_id: str | None = None) -> list[dict[str, Any]]:
    query = sa.select(t.conflict_log).order_by(t.conflict_log.c.id)
    if job_id:
        query = query.where(t.conflict_log.c.job_id == job_id)
    return [
        {
            "table": r.table_name,
            "record_id": r.record_id,
            "job_id": r.job_id,
            "field": r.field,
            "winning_value": json.loads(r.winning_value),
            "losing_value": json.loads(r.losing_value),
            "winning_client": r.winning_client,
            "losing_client": r.losing_client,
            "reason": r.reason,
        }
        for r in conn.execute(query)
    ]


def records_visible_to(conn: Connection, technician: str) -> dict[tuple[str, str], dict[str, Any]]:
    """Everything a technician should hold, as codec rows (for tests and audits)."""
    found = store.pull(conn, technician, 0, 10**9, with_history=False)
    return {(c["table"], c["id"]): c["row"] for c in found["changes"] if c["row"] is not None}
