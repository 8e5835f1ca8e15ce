"""When the next maintenance visit is due: by the calendar or by the hour meter.

Fleet agreements promise a visit every quarter *or* every N operating hours,
whichever comes first, so a truck that works double shifts must be seen sooner
than the calendar alone would say.  Everything here is pure date arithmetic.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from tech_app.errors import ValidationError
from tech_app.records.validate import check_count, check_date

# Demo fleet maintenance agreement (forklift example).
DEMO_VISITS_PER_YEAR: Final = 4
DEMO_INTERVAL_HOURS: Final = 500
DEMO_TERM_MONTHS: Final = 12
DEMO_NOTICE_DAYS: Final = 30

_WHOLE_MONTH_SPLITS: Final = (1, 2, 3, 4, 6, 12)


def add_months(start: date, months: int) -> date:
    """Calendar month arithmetic, clamped to the end of a shorter month.

    2024-02-29 + 12 months is 2025-02-28 and 2025-01-31 + 1 month is
    2025-02-28: the period ends on the last day of the month that has no
    matching day, which is how Chinese civil law (民法典 art. 202) counts it.
    """
    check_date("start", start)
    check_count("months", months)
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


@dataclass(frozen=True)
class MaintenancePlan:
    """How often a unit is serviced: visits per year, every N hours, or both."""

    visits_per_year: int | None
    interval_hours: int | None

    def __post_init__(self) -> None:
        if self.visits_per_year is None and self.interval_hours is None:
            raise ValidationError(
                "plan.visits_per_year", "give visits per year or an interval in hours"
            )
        if self.visits_per_year is not None:
            check_count("plan.visits_per_year", self.visits_per_year, minimum=1)
            # Visits fall on the same day of the month; that only works for whole-month steps.
            if self.visits_per_year not in _WHOLE_MONTH_SPLITS:
                raise ValidationError(
                    "plan.visits_per_year",
                    "must split the year into whole months (1, 2, 3, 4, 6 or 12)",
                )
        if self.interval_hours is not None:
            check_count("plan.interval_hours", self.interval_hours, minimum=1)

    @property
    def months_between_visits(self) -> int | None:
        if self.visits_per_year is None:
            return None
        return 12 // self.visits_per_year


DEMO_FORKLIFT_PLAN: Final = MaintenancePlan(
    visits_per_year=DEMO_VISITS_PER_YEAR, interval_hours=DEMO_INTERVAL_HOURS
)


@dataclass(frozen=True)
class DueDate:
    """The next visit date; ``basis`` is "calendar" or "hours", ``reason`` says why in words."""

    due_on: date
    basis: str
    reason: str


def next_due(
    plan: MaintenancePlan,
    last_service_on: date,
    *,
    hours_at_last_service: int | None = None,
    hours_now: int | None = None,
    hours_read_on: date | None = None,
) -> DueDate:
    """The earlier of the calendar due date and the date the hour meter will reach its interval.

    The meter's daily rate comes from the two readings; we round the projected
    day *down* so the visit lands before the threshold, never after it.
    """
    check_date("last_service_on", last_service_on)
    calendar_due: DueDate | None = None
    months = plan.months_between_visits
    if months is not None:
        calendar_due = DueDate(
            due_on=add_months(last_service_on, months),
            basis="calendar",
            reason=(
                f"Calendar visit due {months} month{'s' if months != 1 else ''} "
                f"after the last service on {last_service_on.isoformat()}."
            ),
        )

    hours_due = _hours_due(plan, last_service_on, hours_at_last_service, hours_now, hours_read_on)
    if calendar_due is None and hours_due is None:
        raise ValidationError(
            "hours_now",
            "this plan counts operating hours only; the meter is not moving or was not read",
        )
    if hours_due is None:
        assert calendar_due is not None
        return calendar_due
    if calendar_due is None or hours_due.due_on < calendar_due.due_on:
        return hours_due
    return calendar_due


def _hours_due(
    plan: MaintenancePlan,
    last_service_on: date,
    hours_at_last_service: int | None,
    hours_now: int | None,
    hours_read_on: date | None,
) -> DueDate | None:
    readings = (hours_at_last_service, hours_now, hours_read_on)
    if all(r is None for r in readings):
        return None
    if any(r is None for r in readings):
        missing = [
            name
            for name, value in zip(
                ("hours_at_last_service", "hours_now", "hours_read_on"), readings, strict=True
            )
            if value is None
        ]
        raise ValidationError(
            missing[0],
            "give hours at last service, hours now and the reading date together",
        )
    assert hours_at_last_service is not None and hours_now is not None
    assert hours_read_on is not None
    check_count("hours_at_last_service", hours_at_last_service)
    check_count("hours_now", hours_now)
    check_date("hours_read_on", hours_read_on)
    if hours_now < hours_at_last_service:
        raise ValidationError("hours_now", "is below the reading at the last service")
    if hours_read_on < last_service_on:
        raise ValidationError("hours_read_on", "is before the last service")
    if plan.interval_hours is None:
        return None  # readings are harmless on a calendar-only plan

    interval = plan.interval_hours
    used = hours_now - hours_at_last_service
    days = (hours_read_on - last_service_on).days
    if used >= interval and days == 0:
        return DueDate(
            due_on=hours_read_on,
            basis="hours",
            reason=(
                f"Hour meter already shows {used} h since the last service (every {interval} h)."
            ),
        )
    if used == 0 or days == 0:
        return None  # no rate to project from
    # Integer floor keeps the arithmetic exact and errs on the early side.
    days_to_due = interval * days // used
    due_on = last_service_on + timedelta(days=days_to_due)
    rate = f"{used / days:.1f}"  # display only; the date above is computed exactly
    return DueDate(
        due_on=due_on,
        basis="hours",
        reason=(
            f"Hour meter runs about {rate} h/day; {interval} h since the last service "
            f"is reached around {due_on.isoformat()}."
        ),
    )


def due_dates(plan: MaintenancePlan, start: date, until: date) -> tuple[date, ...]:
    """The calendar visit dates of a term: one at the start of each period, before ``until``.

    ``until`` is exclusive, so passing the term's anniversary (or its last day)
    gives exactly ``visits_per_year`` dates for a 12-month term.  Each date is
    counted from ``start`` rather than from the previous visit, so a term that
    starts on the 31st does not drift to the 28th after February.
    """
    check_date("start", start)
    check_date("until", until)
    if until < start:
        raise ValidationError("until", "ends before it starts")
    months = plan.months_between_visits
    if months is None:
        raise ValidationError(
            "plan.visits_per_year", "an hours-only plan has no calendar visit dates"
        )
    dates: list[date] = []
    step = 0
    while (visit := add_months(start, step * months)) < until:
        dates.append(visit)
        step += 1
    return tuple(dates)


def term_ends_on(starts_on: date, term_months: int = DEMO_TERM_MONTHS) -> date:
    """The last day of an agreement's term (12 months from 2025-01-01 ends 2025-12-31)."""
    check_count("term_months", term_months, minimum=1)
    return add_months(starts_on, term_months) - timedelta(days=1)


def ends_after_notice(notice_given_on: date, notice_days: int = DEMO_NOTICE_DAYS) -> date:
    """The earliest day an agreement can end after written notice is given."""
    check_date("notice_given_on", notice_given_on)
    check_count("notice_days", notice_days)
    return notice_given_on + timedelta(days=notice_days)
