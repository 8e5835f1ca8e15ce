"""Flag a new repair of a unit whose last repair's promise still holds ("replace unit").

Runs when head office links a unit to a repair job (``dispatch.put_record`` of a
``job_assets`` row: the office form, the CSV import and the API all pass there), so
the flag is on the job before the technician pulls it. The rule itself is
``tech_app.rules.recurring``; this module gathers the unit's earlier repairs.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy.engine import Connection

from sync.server import company, dispatch, store
from sync.server.record_rows import done_visits_by_asset, live_by_id, live_rows, local_day
from tech_app import review_notes
from tech_app.records import Job
from tech_app.records.codec import from_row
from tech_app.review_notes import Note, NoteCode
from tech_app.rules.recurring import (
    PastRepair,
    promise_ends,
    recurring_fault,
    recurring_note,
)
from tech_app.vocab import JobType, Outcome

# A repair that ended in a replacement or refund leaves no repair to promise.
_REPAIRED = frozenset({None, Outcome.REPAIRED.value})


def _past_repairs(conn: Connection, asset_id: str, new_job_id: str) -> list[PastRepair]:
    months: dict[str, list[int]] = {}
    parts = live_by_id(conn, "parts")
    for usage in live_rows(conn, "part_usage"):
        if usage.get("asset_id") not in (None, asset_id) or usage.get("removed_at"):
            continue  # another unit's, or taken back before sign-off
        warranty = parts.get(str(usage["part_id"]), {}).get("warranty_months")
        if warranty:
            months.setdefault(str(usage["job_id"]), []).append(int(warranty))
    return [
        PastRepair(
            job_id=str(visit.job["id"]),
            job_number=str(visit.job["number"]),
            technician=str(visit.job.get("assignee") or ""),
            completed_at=visit.completed_at,
            part_warranty_months=tuple(months.get(str(visit.job["id"]), ())),
        )
        for visit in done_visits_by_asset(conn).get(asset_id, [])
        if visit.job["job_type"] == JobType.REPAIR.value
        and visit.job.get("outcome") in _REPAIRED
        and visit.job["id"] != new_job_id
    ]


def flag_if_recurring(conn: Connection, job_id: str, asset_id: str) -> Note | None:
    """Flag the job when the unit's last repair is still under its promise; returns the note."""
    found = store.load(conn, "jobs", job_id)
    if found is None or found.deleted or found.data["job_type"] != JobType.REPAIR.value:
        return None
    job = from_row(Job, found.data)
    if review_notes.has(job.flagged, NoteCode.RECURRING_FAULT):
        return None
    earlier = recurring_fault(_past_repairs(conn, asset_id, job_id), job.reported_at)
    if earlier is None:
        return None
    asset: dict[str, Any] = live_by_id(conn, "assets").get(asset_id, {})
    note = recurring_note(
        str(asset.get("serial", asset_id)),
        earlier.job_number,
        earlier.technician,
        local_day(earlier.completed_at, company.zone(conn)),
        promise_ends(earlier, job.reported_at.tzinfo),
    )
    dispatch.put_record(conn, dataclasses.replace(job, flagged=review_notes.add(job.flagged, note)))
    return note
