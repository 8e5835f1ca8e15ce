"""Travel, labour and waiting time: running timers and manual corrections."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from tech_app.errors import Invalid, ValidationError
from tech_app.records import TimeEntry
from tech_app.store.local import LocalStore, utc_now
from tech_app.vocab import TimeKind


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
        stop_timer(store, job_id, now=moment)
        return store.save(
            TimeEntry(
                job_id=job_id,
                kind=TimeKind(kind),
                started_at=moment,
                technician=technician,
                out_of_scope=out_of_scope,
            )
        )


def stop_timer(store: LocalStore, job_id: str, now: datetime | None = None) -> TimeEntry | None:
    running = running_timer(store, job_id)
    if running is None:
        return None
    return store.save(dataclasses.replace(running, ended_at=now or utc_now()))


def correct_entry(
    store: LocalStore, entry_id: str, started_at: datetime, ended_at: datetime
) -> TimeEntry:
    entry = store.get(TimeEntry, entry_id)
    if ended_at < started_at:
        raise ValidationError(
            "time_entry.ended_at", "ends before it starts", code=Invalid.ENDS_BEFORE_START
        )
    return store.save(dataclasses.replace(entry, started_at=started_at, ended_at=ended_at))


def minutes_by_kind(store: LocalStore, job_id: str) -> dict[TimeKind, int]:
    totals = dict.fromkeys(TimeKind, 0)
    for entry in store.select(TimeEntry, "job_id = ?", [job_id]):
        totals[entry.kind] += entry.minutes
    return totals
