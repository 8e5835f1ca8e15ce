"""A unit's service history as the technician sees it on site, offline.

"Service follows the unit": before touching a truck the technician sees its
previous visits, the parts replaced on them and the readings taken, and every
new reading is compared with the last one. The history comes from the local
store only; head office sends the last visits of the units on the technician's
jobs as read-only context (``sync.server.history``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Final

from tech_app.checklist import JobChecklists, job_checklists
from tech_app.records import ChecklistAnswer, ChecklistItem, Job, Part, PartUsage
from tech_app.records.codec import from_row
from tech_app.records.history import AssetVisit
from tech_app.store.local import LocalStore
from tech_app.vocab import ItemKind, JobStatus

# How many earlier visits of a unit the job view shows and head office sends.
HISTORY_VISITS: Final = 5
# A visit counts as history once the work is done; a cancelled job never happened.
_DONE = (JobStatus.COMPLETED.value, JobStatus.SIGNED.value)


@dataclass(frozen=True)
class ReadingChange:
    """A number reading against the same reading on the previous visit."""

    previous: Decimal
    current: Decimal
    tolerance: Decimal | None  # the template's allowed change; None = no limit

    @property
    def change(self) -> Decimal:
        return self.current - self.previous

    @property
    def beyond_tolerance(self) -> bool:
        return self.tolerance is not None and abs(self.change) > self.tolerance


@dataclass(frozen=True)
class PastReading:
    item_key: str
    value: str
    job_number: str
    visited_at: datetime


@dataclass(frozen=True)
class ReplacedPart:
    part_number: str
    part_name: str
    part_name_zh: str
    quantity: Decimal
    serial_out: str
    serial_in: str


@dataclass(frozen=True)
class PastVisit:
    job_id: str
    job_number: str
    job_type: str
    visited_at: datetime
    technician: str
    hour_meter: int | None
    work_done: str
    readings: tuple[PastReading, ...]
    parts: tuple[ReplacedPart, ...]


def _number(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def reading_change(
    item: ChecklistItem, previous: str | None, current: str | None
) -> ReadingChange | None:
    """Compare a number item's reading with the previous visit's; None when there is nothing
    to compare (not a number item, or either reading missing or not a number)."""
    if item.kind is not ItemKind.NUMBER:
        return None
    before, now = _number(previous), _number(current)
    if before is None or now is None:
        return None
    return ReadingChange(previous=before, current=now, tolerance=item.tolerance)


def visit_time(job: Job) -> datetime:
    """When the visit happened: its completion, else arrival on site, else the report."""
    return visit_moment(job.completed_at, job.on_site_at, job.reported_at)


def visit_moment(
    completed_at: datetime | None, on_site_at: datetime | None, reported_at: datetime
) -> datetime:
    """``visit_time`` from the job's three moments alone (head office reads just those)."""
    return completed_at or on_site_at or reported_at


def _earlier_jobs(store: LocalStore, asset_id: str, current_job_id: str | None) -> list[Job]:
    ids = [
        row[0]
        for row in store.db.execute(
            "SELECT j.id FROM jobs j JOIN job_assets ja ON ja.job_id = j.id "
            f"WHERE ja.asset_id = ? AND j.id != ? AND j.status IN ({', '.join('?' for _ in _DONE)})",
            [asset_id, current_job_id or "", *_DONE],
        ).fetchall()
    ]
    jobs = [store.get(Job, job_id) for job_id in ids]
    if current_job_id is not None:
        current = store.get(Job, current_job_id)
        if current.status.value in _DONE:  # a finished visit's history is what came before it
            jobs = [j for j in jobs if visit_time(j) < visit_time(current)]
    return sorted(jobs, key=visit_time, reverse=True)


# Rows of one unit on a job; lines without a unit belong to it when the job had only one.
_OF_UNIT = (
    "job_id = ? AND (asset_id = ? OR (asset_id IS NULL "
    "AND (SELECT count(*) FROM job_assets WHERE job_id = ?) = 1))"
)


def _visit(store: LocalStore, job: Job, asset_id: str) -> PastVisit:
    params = [job.id, asset_id, job.id]
    at = visit_time(job)
    answers = store.select(ChecklistAnswer, _OF_UNIT, params)
    usages = sorted(
        store.select(PartUsage, _OF_UNIT + " AND removed_at IS NULL", params),
        key=lambda u: u.used_at,  # as moments: stored texts may carry different offsets
    )
    parts = []
    for usage in usages:
        part = store.get(Part, usage.part_id)
        parts.append(
            ReplacedPart(
                part.number,
                part.name,
                part.name_zh,
                usage.quantity,
                usage.serial_out,
                usage.serial_in,
            )
        )
    meter = store.db.execute(
        "SELECT hour_meter FROM job_assets WHERE job_id = ? AND asset_id = ?", [job.id, asset_id]
    ).fetchone()
    return PastVisit(
        job_id=job.id,
        job_number=job.number,
        job_type=job.job_type.value,
        visited_at=at,
        technician=job.assignee,
        hour_meter=meter[0] if meter else None,
        work_done=job.work_done,
        readings=tuple(
            PastReading(a.item_key, a.value, job.number, at)
            for a in sorted(answers, key=lambda a: a.item_key)
        ),
        parts=tuple(parts),
    )


def summaries_of(store: LocalStore, asset_id: str) -> list[AssetVisit]:
    """Head office's summaries of the unit's visits by other technicians."""
    cursor = store.db.execute("SELECT * FROM asset_visits WHERE asset_id = ?", [asset_id])
    names = [c[0] for c in cursor.description]
    return [from_row(AssetVisit, dict(zip(names, row, strict=True))) for row in cursor]


def _from_summary(visit: AssetVisit) -> PastVisit:
    return PastVisit(
        job_id=visit.visit_job_id,
        job_number=visit.job_number,
        job_type=visit.job_type,
        visited_at=visit.visited_at,
        technician=visit.technician,
        hour_meter=visit.hour_meter,
        work_done=visit.work_done,
        readings=tuple(
            PastReading(r.item_key, r.value, visit.job_number, visit.visited_at)
            for r in visit.readings
        ),
        parts=tuple(
            ReplacedPart(
                p.part_number, p.part_name, p.part_name_zh, p.quantity, p.serial_out, p.serial_in
            )
            for p in visit.parts
        ),
    )


def previous_visits(
    store: LocalStore,
    asset_id: str,
    *,
    current_job_id: str | None = None,
    limit: int = HISTORY_VISITS,
) -> list[PastVisit]:
    """The unit's finished visits other than the current job, newest first.

    The technician's own jobs come from the local records; other technicians'
    visits from head office's summaries (a job held both ways counts once).
    """
    visits = [
        _visit(store, job, asset_id) for job in _earlier_jobs(store, asset_id, current_job_id)
    ]
    held = {v.job_id for v in visits} | {current_job_id}
    before: datetime | None = None
    if current_job_id is not None:
        current = store.get(Job, current_job_id)
        if current.status.value in _DONE:
            before = visit_time(current)
    visits += [
        _from_summary(summary)
        for summary in summaries_of(store, asset_id)
        if summary.visit_job_id not in held and (before is None or summary.visited_at < before)
    ]
    return sorted(visits, key=lambda v: v.visited_at, reverse=True)[:limit]


def last_readings(
    store: LocalStore, asset_id: str, *, current_job_id: str | None = None
) -> dict[str, PastReading]:
    """Per checklist item, the newest reading of the unit on an earlier visit."""
    found: dict[str, PastReading] = {}
    for visit in previous_visits(store, asset_id, current_job_id=current_job_id):
        for reading in visit.readings:
            found.setdefault(reading.item_key, reading)
    return found


@dataclass(frozen=True)
class ComparedReading:
    """An item of this visit beside the unit's previous reading of it."""

    previous: PastReading
    change: ReadingChange | None  # None until a number is read now (or for non-numbers)


def compared_readings(store: LocalStore, job_id: str) -> dict[tuple[str, str], ComparedReading]:
    """For each (unit, item) of the job's checklists that the unit had read before: the
    previous reading and, once answered now, its change against the template's tolerance."""
    return readings_compared(store, job_checklists(store, job_id))


def readings_compared(
    store: LocalStore, read: JobChecklists
) -> dict[tuple[str, str], ComparedReading]:
    """``compared_readings`` over the checklists and answers already read."""
    job_id, answers = read.job_id, read.answers
    compared: dict[tuple[str, str], ComparedReading] = {}
    for part in read.parts:
        if part.asset_id is None:
            continue
        previous = last_readings(store, part.asset_id, current_job_id=job_id)
        for item in part.template.items:
            before = previous.get(item.key)
            if before is None:
                continue
            answer = answers.get((part.asset_id, item.key))
            compared[(part.asset_id, item.key)] = ComparedReading(
                before, reading_change(item, before.value, answer.value if answer else None)
            )
    return compared
