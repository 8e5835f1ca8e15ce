"""Travel, labour and waiting time: running timers, the timers a status step moves, and
manual corrections.

Time entries are the technician's until signature (not insert-only, see
``tech_app.write_rules``) but the device never deletes a row: a row may have reached head
office already. So undoing a timer that a status step started turns it into an empty
entry (it ends where it starts, zero minutes, priced as nothing), and the next timer
started on the job takes that row over instead of adding one: an undo leaves no
duplicate and loses no recorded time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Final

from tech_app.errors import Invalid, ValidationError
from tech_app.records import TimeEntry
from tech_app.store.local import LocalStore, utc_now
from tech_app.vocab import JobStatus, TimeKind


def running_timer(store: LocalStore, job_id: str) -> TimeEntry | None:
    found = store.select(TimeEntry, "job_id = ? AND ended_at IS NULL", [job_id])
    return found[0] if found else None


def start_timer(
    store: LocalStore,
    job_id: str,
    kind: TimeKind | str,
    technician: str,
    now: datetime | None = None,
    *,
    out_of_scope: bool = False,
) -> TimeEntry:
    """Start a timer; a running one stops first, because one person does one thing at a time.

    ``out_of_scope`` marks work on a contract visit that lies outside the agreement: it is
    billed at the contract's hourly rate, while in-scope work is paid by the visit fee.
    """
    moment = now or utc_now()
    with store.transaction():
        # Looked for before the running timer stops: one stopped the instant it started
        # is the time just recorded, not an undone start.
        empty = _empty_entry(store, job_id)
        stop_timer(store, job_id, now=moment)
        fresh = TimeEntry(
            job_id=job_id,
            kind=TimeKind(kind),
            started_at=moment,
            technician=technician,
            out_of_scope=out_of_scope,
        )
        if empty is not None:  # an undone start: its row is reused, not left beside a new one
            fresh = dataclasses.replace(fresh, id=empty.id)
        return store.save(fresh)


def _empty_entry(store: LocalStore, job_id: str) -> TimeEntry | None:
    found = store.select(TimeEntry, "job_id = ? AND ended_at = started_at", [job_id])
    return found[0] if found else None


def stop_timer(store: LocalStore, job_id: str, now: datetime | None = None) -> TimeEntry | None:
    running = running_timer(store, job_id)
    if running is None:
        return None
    return store.save(dataclasses.replace(running, ended_at=now or utc_now()))


def correct_entry(
    store: LocalStore,
    entry_id: str,
    started_at: datetime,
    ended_at: datetime,
    *,
    out_of_scope: bool | None = None,
) -> TimeEntry:
    """Correct an entry's times and, with ``out_of_scope``, whether it was work outside
    the agreement (a contract visit's labour is covered by the visit fee unless so)."""
    entry = store.get(TimeEntry, entry_id)
    if ended_at < started_at:
        raise ValidationError(
            "time_entry.ended_at", "ends before it starts", code=Invalid.ENDS_BEFORE_START
        )
    scope = entry.out_of_scope if out_of_scope is None else out_of_scope
    return store.save(
        dataclasses.replace(entry, started_at=started_at, ended_at=ended_at, out_of_scope=scope)
    )


def minutes_by_kind(store: LocalStore, job_id: str) -> dict[TimeKind, int]:
    totals = dict.fromkeys(TimeKind, 0)
    for entry in store.select(TimeEntry, "job_id = ?", [job_id]):
        totals[entry.kind] += entry.minutes
    return totals


# What each status step does to the job's timers: start that kind (stopping the one
# running), or None to stop the running one. Steps not listed leave the timers alone.
# Waiting for parts pauses labour; the waiting timer is the contract's "unit not made
# available" time, which the technician starts by hand.
STEP_TIMERS: Final[Mapping[JobStatus, TimeKind | None]] = MappingProxyType(
    {
        JobStatus.EN_ROUTE: TimeKind.TRAVEL,
        JobStatus.ON_SITE: TimeKind.LABOUR,
        JobStatus.WAITING_PARTS: None,
        JobStatus.COMPLETED: None,
        JobStatus.CANCELLED: None,
    }
)


@dataclasses.dataclass(frozen=True)
class TimerChange:
    """What a status step did to the timers, as needed to undo it.

    ``stopped`` is the entry the step stopped, as it was while running; ``started``
    the entry it started. Both None: the step changed nothing (the right timer was
    running already, or the step moves no timer).
    """

    job_id: str
    stopped: TimeEntry | None = None
    started: TimeEntry | None = None

    def __bool__(self) -> bool:
        return self.stopped is not None or self.started is not None


def follow_status(
    store: LocalStore,
    job_id: str,
    status: JobStatus | str,
    technician: str,
    now: datetime | None = None,
) -> TimerChange:
    """Move the timers as the status step ``status`` asks (``STEP_TIMERS``)."""
    step = JobStatus(status)
    if step not in STEP_TIMERS:
        return TimerChange(job_id)
    wanted = STEP_TIMERS[step]
    running = running_timer(store, job_id)
    if running is not None and running.kind is wanted:
        return TimerChange(job_id)  # started by hand already: its start stands
    if running is None and wanted is None:
        return TimerChange(job_id)
    moment = now or utc_now()
    with store.transaction():
        if wanted is None:
            stop_timer(store, job_id, now=moment)
            return TimerChange(job_id, stopped=running)
        started = start_timer(store, job_id, wanted, technician, now=moment)
        return TimerChange(job_id, stopped=running, started=started)


def undo_timer_change(store: LocalStore, change: TimerChange) -> None:
    """Put the timers back as they were before ``change``: the stopped entry runs again
    from its own start, the started one is emptied (zero minutes, reused by the next start).

    Refused (``Invalid.TIMERS_MOVED``) when the timers changed since, so an undo never
    leaves two timers running or empties time recorded after the step.
    """
    running = running_timer(store, change.job_id)
    expected = change.started.id if change.started is not None else None
    if (running.id if running else None) != expected:
        raise ValidationError(
            "time_entry",
            "the timers changed since; correct the entries instead",
            code=Invalid.TIMERS_MOVED,
        )
    with store.transaction():
        if change.started is not None:
            current = store.get(TimeEntry, change.started.id)
            store.save(dataclasses.replace(current, ended_at=current.started_at))
        if change.stopped is not None:
            current = store.get(TimeEntry, change.stopped.id)
            store.save(dataclasses.replace(current, ended_at=None))
