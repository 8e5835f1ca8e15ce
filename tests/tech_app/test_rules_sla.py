"""SLA timers and follow-up dates, checked at chosen moments (no clock, no sleeps)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tech_app.errors import ValidationError
from tech_app.rules.sla import (
    EQUIPMENT_SUPPORT_POLICY,
    INSTALLATION_FOLLOW_UP,
    JEWELLERY_CHECK_INTERVAL,
    REPAIR_FOLLOW_UP,
    STOVE_POLICY,
    Promise,
    SlaPolicy,
    SlaTimer,
    follow_up_due,
    jewellery_check_due,
    policy_named,
    sla_timers,
)
from tech_app.vocab import JobType, SlaState

CST = timezone(timedelta(hours=8))
REPORTED = datetime(2025, 3, 3, 9, 0, tzinfo=CST)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=CST)


def by_name(timers: tuple[SlaTimer, ...]) -> dict[str, SlaTimer]:
    return {timer.promise.name: timer for timer in timers}


def test_stove_job_reported_at_nine_has_the_promised_deadlines() -> None:
    timers = by_name(sla_timers(STOVE_POLICY, REPORTED, {}, now=REPORTED))
    assert timers["reply"].deadline == at(3, 11)
    assert timers["plan"].deadline == at(3, 17)
    assert timers["resolved"].deadline == at(4, 15)
    assert timers["follow_up"].deadline == at(6, 9)
    assert all(t.state is SlaState.ON_TRACK for t in timers.values())


def test_equipment_support_deadlines() -> None:
    reported = at(3, 14)
    timers = by_name(sla_timers(EQUIPMENT_SUPPORT_POLICY, reported, {}, now=reported))
    assert timers["phone_response"].deadline == at(3, 14, 30)
    assert timers["on_site"].deadline == at(3, 16)
    assert timers["repaired_or_replaced"].deadline == at(3, 22)


@pytest.mark.parametrize(
    ("now", "state", "remaining"),
    [
        (at(3, 10), SlaState.ON_TRACK, timedelta(hours=1)),
        (at(3, 10, 30), SlaState.ON_TRACK, timedelta(minutes=30)),  # exactly 25% left
        (at(3, 10, 31), SlaState.AT_RISK, timedelta(minutes=29)),
        (at(3, 11), SlaState.AT_RISK, timedelta(0)),  # at the deadline, not yet past it
        (at(3, 11, 1), SlaState.BREACHED, timedelta(minutes=-1)),
    ],
)
def test_open_reply_timer_state_moves_with_now(
    now: datetime, state: SlaState, remaining: timedelta
) -> None:
    reply = by_name(sla_timers(STOVE_POLICY, REPORTED, {}, now=now))["reply"]
    assert reply.state is state
    assert reply.remaining == remaining


def test_done_timers_are_met_or_breached_whatever_now_is() -> None:
    done = {"reply": at(3, 11), "plan": at(3, 17, 5)}
    timers = by_name(sla_timers(STOVE_POLICY, REPORTED, done, now=at(5, 9)))
    assert timers["reply"].state is SlaState.MET  # done exactly at the deadline
    assert timers["reply"].remaining == timedelta(0)
    assert timers["plan"].state is SlaState.BREACHED
    assert timers["plan"].remaining == timedelta(minutes=-5)
    assert timers["resolved"].state is SlaState.BREACHED  # not done, past 15:00 on the 4th
    assert timers["follow_up"].state is SlaState.ON_TRACK  # 24 h of 72 h left


def test_equipment_support_states_at_one_moment() -> None:
    reported = at(3, 14)
    done = {"phone_response": at(3, 14, 20)}
    timers = by_name(sla_timers(EQUIPMENT_SUPPORT_POLICY, reported, done, now=at(3, 15, 45)))
    assert timers["phone_response"].state is SlaState.MET
    assert timers["on_site"].state is SlaState.AT_RISK  # 15 min of 2 h left
    assert timers["repaired_or_replaced"].state is SlaState.ON_TRACK


def test_datetimes_in_other_zones_compare_as_instants() -> None:
    done_in_utc = {"reply": datetime(2025, 3, 3, 2, 30, tzinfo=UTC)}  # 10:30 in +08:00
    reply = by_name(sla_timers(STOVE_POLICY, REPORTED, done_in_utc, now=at(3, 12)))["reply"]
    assert reply.state is SlaState.MET
    assert reply.remaining == timedelta(minutes=30)


def test_now_before_report_is_tolerated_as_full_window() -> None:
    reply = by_name(sla_timers(STOVE_POLICY, REPORTED, {}, now=at(3, 8)))["reply"]
    assert reply.state is SlaState.ON_TRACK


@pytest.mark.parametrize(
    ("reported", "done", "now", "field"),
    [
        (datetime(2025, 3, 3, 9, 0), {}, at(3, 10), "reported_at"),
        (REPORTED, {}, datetime(2025, 3, 3, 10, 0), "now"),
        (REPORTED, {"reply": datetime(2025, 3, 3, 10, 0)}, at(3, 10), "done.reply"),
        (REPORTED, {"reply": at(3, 8)}, at(3, 10), "done.reply"),
        (REPORTED, {"lunch": at(3, 10)}, at(3, 10), "done"),
    ],
)
def test_bad_timer_input_is_refused_with_the_field_named(
    reported: datetime, done: dict[str, datetime], now: datetime, field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        sla_timers(STOVE_POLICY, reported, done, now)
    assert err.value.field == field


def test_follow_up_after_repair_is_one_week_and_after_installation_one_month() -> None:
    completed = at(3, 16)
    assert REPAIR_FOLLOW_UP.days == 7
    assert INSTALLATION_FOLLOW_UP.days == 30
    assert follow_up_due(JobType.REPAIR, completed) == at(10, 16)
    assert follow_up_due(JobType.INSTALLATION, completed) == datetime(2025, 4, 2, 16, tzinfo=CST)
    assert follow_up_due(JobType.MAINTENANCE, completed) == at(10, 16)


def test_stove_policy_follow_up_is_72_hours() -> None:
    completed = at(3, 16)
    assert follow_up_due(JobType.REPAIR, completed, STOVE_POLICY) == at(6, 16)
    # Counted like the SLA timer when the report time is known.
    assert follow_up_due(JobType.REPAIR, completed, STOVE_POLICY, reported_at=REPORTED) == at(6, 9)
    # A policy without a follow-up promise falls back to the job-type default.
    assert follow_up_due(JobType.REPAIR, completed, EQUIPMENT_SUPPORT_POLICY) == at(10, 16)


def test_bad_follow_up_input_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        follow_up_due(JobType.REPAIR, datetime(2025, 3, 3, 16, 0))
    assert err.value.field == "completed_at"
    with pytest.raises(ValidationError) as err:
        follow_up_due(JobType.FOLLOW_UP, at(3, 16))
    assert err.value.field == "job_type"
    with pytest.raises(ValidationError) as err:
        follow_up_due(JobType.REPAIR, at(3, 8), STOVE_POLICY, reported_at=REPORTED)
    assert err.value.field == "completed_at"


def test_jewellery_check_every_three_calendar_months() -> None:
    assert JEWELLERY_CHECK_INTERVAL == 3
    assert jewellery_check_due(date(2025, 1, 15)) == date(2025, 4, 15)
    assert jewellery_check_due(date(2025, 11, 30)) == date(2026, 2, 28)


def test_policies_are_found_by_the_name_stored_on_the_job() -> None:
    assert policy_named("stove") is STOVE_POLICY
    assert policy_named("equipment_support") is EQUIPMENT_SUPPORT_POLICY
    with pytest.raises(ValidationError) as err:
        policy_named("")
    assert err.value.field == "sla_policy"


def test_policy_definitions_are_checked() -> None:
    with pytest.raises(ValidationError) as err:
        Promise("reply", timedelta(0))
    assert err.value.field == "promise.within"
    with pytest.raises(ValidationError) as err:
        SlaPolicy("x", (Promise("a", timedelta(hours=1)), Promise("a", timedelta(hours=2))))
    assert err.value.field == "policy.promises"


@settings(database=None, deadline=None)
@given(
    now_offset=st.integers(min_value=0, max_value=5 * 24 * 60),
    done_offset=st.one_of(st.none(), st.integers(min_value=0, max_value=5 * 24 * 60)),
)
def test_timer_state_agrees_with_its_deadline(now_offset: int, done_offset: int | None) -> None:
    now = REPORTED + timedelta(minutes=now_offset)
    done = {} if done_offset is None else {"resolved": REPORTED + timedelta(minutes=done_offset)}
    timer = by_name(sla_timers(STOVE_POLICY, REPORTED, done, now))["resolved"]
    assert timer.deadline == REPORTED + timedelta(hours=30)
    if timer.done_at is not None:
        assert timer.state is (
            SlaState.MET if timer.done_at <= timer.deadline else SlaState.BREACHED
        )
        assert timer.remaining == timer.deadline - timer.done_at
    else:
        assert timer.remaining == timer.deadline - now
        assert (timer.state is SlaState.BREACHED) is (now > timer.deadline)
        assert timer.state is not SlaState.MET
