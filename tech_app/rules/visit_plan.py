"""Which maintenance visits a fleet contract owes: one visit per site per due date.

Every unit under the agreement is due on the contract's calendar (quarterly =
4 a year from the start date) unless its hour meter runs fast enough to reach
the hours interval sooner; then its next visit moves earlier. Units of one site
due on the same day share one visit, so the customer signs once for the lot.
Pure: the head office stores the result and makes planning idempotent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tech_app.errors import ValidationError
from tech_app.records import Contract
from tech_app.rules.schedule import MaintenancePlan, add_months, due_dates, next_due


@dataclass(frozen=True)
class UnitOnContract:
    """A unit the contract covers, with what is known of its last service and meter."""

    asset_id: str
    site_id: str
    last_service_on: date | None = None
    hours_at_last_service: int | None = None
    hours_now: int | None = None
    hours_read_on: date | None = None


@dataclass(frozen=True)
class PlannedVisit:
    site_id: str
    due_on: date
    asset_ids: tuple[str, ...]
    basis: str  # "calendar", or "hours" when a fast meter pulled a unit's visit forward


def contract_last_day(contract: Contract) -> date:
    """The last day visits are owed: the end of the term, or the end after notice."""
    term_end = add_months(contract.starts_on, contract.term_months) - timedelta(days=1)
    if contract.ended_on is not None:
        return min(term_end, contract.ended_on)
    return term_end


def _unit_dates(
    plan: MaintenancePlan, contract: Contract, unit: UnitOnContract, first: date, last: date
) -> list[tuple[date, str]]:
    on_calendar = plan.months_between_visits is not None
    dates = (
        [
            (day, "calendar")
            for day in due_dates(plan, contract.starts_on, last + timedelta(days=1))
            if day >= first
        ]
        if on_calendar
        else []
    )
    if plan.interval_hours is None or unit.last_service_on is None or unit.hours_now is None:
        return dates
    try:
        due = next_due(
            plan,
            unit.last_service_on,
            hours_at_last_service=unit.hours_at_last_service,
            hours_now=unit.hours_now,
            hours_read_on=unit.hours_read_on,
        )
    except ValidationError:
        if on_calendar:
            raise
        return dates  # hours only, and the meter has not moved since: nothing is owed yet
    if due.basis != "hours" or not first <= due.due_on <= last:
        return dates
    # The fast meter replaces the next calendar visit; later quarters stay as planned.
    later = [d for d in dates if d[0] > due.due_on]
    if dates and later and later[0] == dates[0]:
        later = later[1:]
    return [(due.due_on, "hours"), *later]


def plan_visits(
    contract: Contract, units: Sequence[UnitOnContract], *, first: date, last: date
) -> tuple[PlannedVisit, ...]:
    """The visits due from ``first`` to ``last`` (both included), by date then site."""
    if last < first:
        raise ValidationError("until", "ends before the planning starts")
    plan = MaintenancePlan(contract.visits_per_year, contract.interval_hours)
    last = min(last, contract_last_day(contract))
    if last < max(first, contract.starts_on):
        return ()  # the window ends before the agreement starts, or starts after it ended
    grouped: dict[tuple[date, str], list[tuple[str, str]]] = defaultdict(list)
    for unit in units:
        for day, basis in _unit_dates(plan, contract, unit, first, last):
            grouped[(day, unit.site_id)].append((unit.asset_id, basis))
    return tuple(
        PlannedVisit(
            site_id=site_id,
            due_on=day,
            asset_ids=tuple(sorted(asset for asset, _ in members)),
            basis="hours" if any(b == "hours" for _, b in members) else "calendar",
        )
        for (day, site_id), members in sorted(grouped.items())
    )


def training_days(contract: Contract, *, first: date, last: date) -> tuple[date, ...]:
    """The days a contract's free operator trainings are due, from ``first`` to ``last``.

    Seed 004 gives one a year (每年一次免费的日常检查培训); the first is due when the
    agreement starts (seed 003 trains the users right after acceptance), the next ones
    spread evenly over each contract year, on the day a calendar visit is due when the
    count matches the visits (one a year with quarterly visits: the year's first visit).
    """
    if not contract.trainings_per_year:
        return ()
    last = min(last, contract_last_day(contract))
    months = 12 // contract.trainings_per_year
    days = []
    n = 0
    while (day := add_months(contract.starts_on, months * n)) <= last:
        if day >= first:
            days.append(day)
        n += 1
    return tuple(days)
