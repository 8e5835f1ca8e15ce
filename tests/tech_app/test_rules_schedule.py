"""Maintenance due dates: the quarterly calendar against the hour meter."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tech_app.errors import ValidationError
from tech_app.rules.schedule import (
    DEMO_FORKLIFT_PLAN,
    DEMO_NOTICE_DAYS,
    DEMO_TERM_MONTHS,
    MaintenancePlan,
    add_months,
    due_dates,
    ends_after_notice,
    next_due,
    term_ends_on,
)

LAST_SERVICE = date(2025, 1, 1)


def test_demo_plan_is_quarterly_or_every_500_hours() -> None:
    assert (DEMO_FORKLIFT_PLAN.visits_per_year, DEMO_FORKLIFT_PLAN.interval_hours) == (4, 500)
    assert DEMO_TERM_MONTHS == 12
    assert DEMO_NOTICE_DAYS == 30


def test_quarterly_plan_gives_four_visits_in_a_twelve_month_term() -> None:
    start = date(2025, 1, 1)
    expected = (date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1))
    assert due_dates(DEMO_FORKLIFT_PLAN, start, add_months(start, 12)) == expected
    # Passing the term's last day instead of its anniversary gives the same visits.
    assert due_dates(DEMO_FORKLIFT_PLAN, start, term_ends_on(start)) == expected


def test_visit_dates_do_not_drift_after_a_short_month() -> None:
    start = date(2025, 1, 31)
    assert due_dates(DEMO_FORKLIFT_PLAN, start, add_months(start, 12)) == (
        date(2025, 1, 31),
        date(2025, 4, 30),
        date(2025, 7, 31),
        date(2025, 10, 31),
    )


@settings(database=None, deadline=None)
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    visits=st.sampled_from([1, 2, 3, 4, 6, 12]),
)
def test_a_twelve_month_term_has_exactly_visits_per_year_dates(start: date, visits: int) -> None:
    plan = MaintenancePlan(visits, None)
    dates = due_dates(plan, start, add_months(start, 12))
    assert len(dates) == visits
    assert list(dates) == sorted(set(dates))
    assert dates[0] == start


def test_calendar_due_date_without_meter_readings() -> None:
    due = next_due(DEMO_FORKLIFT_PLAN, date(2025, 1, 10))
    assert due.due_on == date(2025, 4, 10)
    assert due.basis == "calendar"
    assert "2025-01-10" in due.reason


def test_slow_meter_leaves_the_calendar_date_in_charge() -> None:
    # 120 h in 30 days = 4 h/day: 500 h would take 125 days, after the quarter ends.
    due = next_due(
        DEMO_FORKLIFT_PLAN,
        LAST_SERVICE,
        hours_at_last_service=1000,
        hours_now=1120,
        hours_read_on=date(2025, 1, 31),
    )
    assert due.due_on == date(2025, 4, 1)
    assert due.basis == "calendar"


def test_fast_running_meter_moves_the_due_date_earlier() -> None:
    # 300 h in 30 days = 10 h/day: 500 h is reached after 50 days, on 2025-02-20.
    due = next_due(
        DEMO_FORKLIFT_PLAN,
        LAST_SERVICE,
        hours_at_last_service=1000,
        hours_now=1300,
        hours_read_on=date(2025, 1, 31),
    )
    assert due.due_on == date(2025, 2, 20)
    assert due.basis == "hours"
    assert "10.0 h/day" in due.reason


def test_projected_day_is_rounded_down_so_the_visit_comes_first() -> None:
    # 7 h/day: 500 h is reached during day 71.43, so the visit is on day 71.
    due = next_due(
        DEMO_FORKLIFT_PLAN,
        LAST_SERVICE,
        hours_at_last_service=0,
        hours_now=70,
        hours_read_on=date(2025, 1, 11),
    )
    assert due.due_on == date(2025, 3, 13)


def test_meter_already_past_the_interval_is_overdue() -> None:
    due = next_due(
        DEMO_FORKLIFT_PLAN,
        LAST_SERVICE,
        hours_at_last_service=0,
        hours_now=600,
        hours_read_on=date(2025, 1, 31),
    )
    assert due.due_on == date(2025, 1, 26)
    same_day = next_due(
        DEMO_FORKLIFT_PLAN,
        LAST_SERVICE,
        hours_at_last_service=0,
        hours_now=500,
        hours_read_on=LAST_SERVICE,
    )
    assert same_day.due_on == LAST_SERVICE


@settings(database=None, deadline=None)
@given(
    slow=st.integers(min_value=1, max_value=12),
    extra=st.integers(min_value=1, max_value=12),
    days=st.integers(min_value=1, max_value=60),
)
def test_faster_meter_is_never_due_later(slow: int, extra: int, days: int) -> None:
    def due_for(rate: int) -> date:
        return next_due(
            DEMO_FORKLIFT_PLAN,
            LAST_SERVICE,
            hours_at_last_service=0,
            hours_now=rate * days,
            hours_read_on=date.fromordinal(LAST_SERVICE.toordinal() + days),
        ).due_on

    calendar_due = add_months(LAST_SERVICE, 3)
    assert due_for(slow + extra) <= due_for(slow) <= calendar_due


def test_hours_only_plan() -> None:
    plan = MaintenancePlan(None, 500)
    due = next_due(
        plan, LAST_SERVICE, hours_at_last_service=0, hours_now=50, hours_read_on=date(2025, 1, 11)
    )
    assert (due.due_on, due.basis) == (date(2025, 4, 11), "hours")
    with pytest.raises(ValidationError) as err:
        next_due(plan, LAST_SERVICE)
    assert err.value.field == "hours_now"
    with pytest.raises(ValidationError) as err:
        due_dates(plan, LAST_SERVICE, date(2026, 1, 1))
    assert err.value.field == "plan.visits_per_year"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"hours_at_last_service": 100, "hours_now": 200}, "hours_read_on"),
        ({"hours_now": 200, "hours_read_on": date(2025, 2, 1)}, "hours_at_last_service"),
        (
            {"hours_at_last_service": 300, "hours_now": 200, "hours_read_on": date(2025, 2, 1)},
            "hours_now",
        ),
        (
            {"hours_at_last_service": -1, "hours_now": 200, "hours_read_on": date(2025, 2, 1)},
            "hours_at_last_service",
        ),
        (
            {"hours_at_last_service": 100, "hours_now": 200, "hours_read_on": date(2024, 12, 1)},
            "hours_read_on",
        ),
    ],
)
def test_bad_meter_readings_are_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        next_due(DEMO_FORKLIFT_PLAN, LAST_SERVICE, **kwargs)  # type: ignore[arg-type]
    assert err.value.field == field


@pytest.mark.parametrize(
    ("visits", "hours", "field"),
    [
        (None, None, "plan.visits_per_year"),
        (5, None, "plan.visits_per_year"),
        (0, None, "plan.visits_per_year"),
        (4, 0, "plan.interval_hours"),
    ],
)
def test_bad_plans_are_refused(visits: int | None, hours: int | None, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        MaintenancePlan(visits, hours)
    assert err.value.field == field


def test_until_before_start_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        due_dates(DEMO_FORKLIFT_PLAN, date(2025, 1, 1), date(2024, 1, 1))
    assert err.value.field == "until"


def test_term_and_notice() -> None:
    assert term_ends_on(date(2025, 1, 1)) == date(2025, 12, 31)
    assert ends_after_notice(date(2025, 6, 1)) == date(2025, 7, 1)


def test_add_months_is_calendar_correct() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
