"""Status steps move the timers (en route → travel, on site → labour, complete → stop),
and the technician can undo that at once without losing time or doubling an entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tech_app.demo import demo_id
from tech_app.errors import Invalid, ValidationError
from tech_app.lifecycle import take_step
from tech_app.records import TimeEntry
from tech_app.store.local import LocalStore
from tech_app.timesheet import (
    STEP_TIMERS,
    follow_status,
    minutes_by_kind,
    running_timer,
    start_timer,
    stop_timer,
    undo_timer_change,
)
from tech_app.vocab import JobStatus, TimeKind

HEATER = demo_id("job:heater-in")
T0 = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def entries(store: LocalStore) -> list[TimeEntry]:
    return store.select(TimeEntry, "job_id = ?", [HEATER], order_by="started_at")


def outbox(store: LocalStore) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in store.db.execute(
            "SELECT op, record_id FROM outbox WHERE table_name = 'time_entries' "
            "ORDER BY mutation_id"
        )
    ]


@pytest.mark.parametrize(
    ("steps", "running", "minutes"),
    [
        ([JobStatus.EN_ROUTE], TimeKind.TRAVEL, {TimeKind.TRAVEL: 0, TimeKind.LABOUR: 0}),
        (
            [JobStatus.EN_ROUTE, JobStatus.ON_SITE],
            TimeKind.LABOUR,
            {TimeKind.TRAVEL: 30, TimeKind.LABOUR: 0},
        ),
        (
            [JobStatus.EN_ROUTE, JobStatus.ON_SITE, JobStatus.WAITING_PARTS],
            None,
            {TimeKind.TRAVEL: 30, TimeKind.LABOUR: 30},
        ),
        (
            [JobStatus.EN_ROUTE, JobStatus.ON_SITE, JobStatus.WAITING_PARTS, JobStatus.ON_SITE],
            TimeKind.LABOUR,
            {TimeKind.TRAVEL: 30, TimeKind.LABOUR: 30},
        ),
    ],
)
def test_each_step_moves_the_timers(
    demo_store: LocalStore,
    steps: list[JobStatus],
    running: TimeKind | None,
    minutes: dict[TimeKind, int],
) -> None:
    for n, step in enumerate(steps):
        take_step(demo_store, HEATER, step, "liu", now=at(30 * n))
    found = running_timer(demo_store, HEATER)
    assert (found.kind if found else None) is running
    totals = minutes_by_kind(demo_store, HEATER)
    assert {k: totals[k] for k in minutes} == minutes


def test_completing_stops_labour(demo_store: LocalStore) -> None:
    take_step(demo_store, HEATER, JobStatus.EN_ROUTE, "liu", now=at(0))
    take_step(demo_store, HEATER, JobStatus.ON_SITE, "liu", now=at(30))
    change = follow_status(demo_store, HEATER, JobStatus.COMPLETED, "liu", now=at(75))
    assert change.stopped is not None and change.started is None
    assert running_timer(demo_store, HEATER) is None
    assert minutes_by_kind(demo_store, HEATER)[TimeKind.LABOUR] == 45
    assert STEP_TIMERS[JobStatus.COMPLETED] is None


def test_a_timer_started_by_hand_is_kept(demo_store: LocalStore) -> None:
    take_step(demo_store, HEATER, JobStatus.EN_ROUTE, "liu", now=at(0))
    stop_timer(demo_store, HEATER, now=at(20))
    start_timer(demo_store, HEATER, TimeKind.LABOUR, "liu", now=at(25))  # started before arriving
    _job, change = take_step(demo_store, HEATER, JobStatus.ON_SITE, "liu", now=at(30))
    assert not change
    assert running_timer(demo_store, HEATER).started_at == at(25)  # type: ignore[union-attr]


def test_undo_on_site_runs_travel_again_and_empties_labour(demo_store: LocalStore) -> None:
    take_step(demo_store, HEATER, JobStatus.EN_ROUTE, "liu", now=at(0))
    _job, change = take_step(demo_store, HEATER, JobStatus.ON_SITE, "liu", now=at(30))
    assert change.stopped is not None and change.started is not None
    undo_timer_change(demo_store, change)
    travel = running_timer(demo_store, HEATER)
    assert travel is not None and travel.kind is TimeKind.TRAVEL and travel.started_at == at(0)
    assert minutes_by_kind(demo_store, HEATER)[TimeKind.LABOUR] == 0
    # Arriving for real later reuses the emptied row: no second labour entry.
    take_step(demo_store, HEATER, JobStatus.WAITING_PARTS, "liu", now=at(40))
    take_step(demo_store, HEATER, JobStatus.ON_SITE, "liu", now=at(50))
    found = entries(demo_store)
    assert [(e.kind, e.started_at) for e in found] == [
        (TimeKind.TRAVEL, at(0)),
        (TimeKind.LABOUR, at(50)),
    ]
    assert found[1].id == change.started.id
    # Every write went to the outbox: insert, then updates of the same two rows.
    rows = outbox(demo_store)
    assert {record for _op, record in rows} == {e.id for e in found}
    assert [op for op, _ in rows].count("insert") == 2


def test_undo_en_route_leaves_no_time(demo_store: LocalStore) -> None:
    _job, change = take_step(demo_store, HEATER, JobStatus.EN_ROUTE, "liu", now=at(0))
    undo_timer_change(demo_store, change)
    assert running_timer(demo_store, HEATER) is None
    assert sum(minutes_by_kind(demo_store, HEATER).values()) == 0


def test_undo_complete_runs_labour_again(demo_store: LocalStore) -> None:
    take_step(demo_store, HEATER, JobStatus.EN_ROUTE, "liu", now=at(0))
    take_step(demo_store, HEATER, JobStatus.ON_SITE, "liu", now=at(30))
    change = follow_status(demo_store, HEATER, JobStatus.COMPLETED, "liu", now=at(60))
    undo_timer_change(demo_store, change)
    labour = running_timer(demo_store, HEATER)
    assert labour is not None and labour.kind is TimeKind.LABOUR and labour.started_at == at(30)


def test_undo_after_the_timers_moved_again_is_refused(demo_store: LocalStore) -> None:
    take_step(demo_store, HEATER, JobStatus.EN_ROUTE, "liu", now=at(0))
    _job, change = take_step(demo_store, HEATER, JobStatus.ON_SITE, "liu", now=at(30))
    stop_timer(demo_store, HEATER, now=at(90))  # an hour of labour recorded since
    with pytest.raises(ValidationError) as caught:
        undo_timer_change(demo_store, change)
    assert caught.value.code is Invalid.TIMERS_MOVED
    assert minutes_by_kind(demo_store, HEATER)[TimeKind.LABOUR] == 60  # nothing lost
