"""A fleet contract owes its visits: quarterly for 6 trucks, earlier for a fast meter."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from tech_app.records import Contract
from tech_app.records.validate import new_id
from tech_app.rules.schedule import ends_after_notice
from tech_app.rules.visit_plan import UnitOnContract, contract_last_day, plan_visits

SITE = new_id()
OTHER_SITE = new_id()
CONTRACT = Contract(
    customer_id=new_id(),
    name="叉车季度保养协议",
    visits_per_year=4,
    interval_hours=500,
    visit_fee=80000,
    out_of_scope_per_hour=15000,
    waiting_per_hour=10000,
    starts_on=date(2026, 1, 1),
)
TRUCKS = [UnitOnContract(asset_id=f"truck-{n}", site_id=SITE) for n in range(1, 7)]


def test_six_truck_quarterly_contract_owes_four_visits_covering_all_six() -> None:
    visits = plan_visits(CONTRACT, TRUCKS, first=date(2026, 1, 1), last=date(2027, 6, 30))
    assert [v.due_on for v in visits] == [
        date(2026, 1, 1),
        date(2026, 4, 1),
        date(2026, 7, 1),
        date(2026, 10, 1),
    ]  # the 12-month term ends 2026-12-31: nothing is owed after it
    assert all(len(v.asset_ids) == 6 and v.site_id == SITE for v in visits)


def test_planning_again_gives_the_same_visits() -> None:
    once = plan_visits(CONTRACT, TRUCKS, first=date(2026, 1, 1), last=date(2026, 12, 31))
    again = plan_visits(
        CONTRACT, list(reversed(TRUCKS)), first=date(2026, 1, 1), last=date(2026, 12, 31)
    )
    assert once == again


def test_each_site_gets_its_own_visit() -> None:
    units = [*TRUCKS[:4], *(dataclasses.replace(t, site_id=OTHER_SITE) for t in TRUCKS[4:])]
    visits = plan_visits(CONTRACT, units, first=date(2026, 4, 1), last=date(2026, 4, 1))
    assert sorted(len(v.asset_ids) for v in visits) == [2, 4]


def test_a_fast_hour_meter_brings_that_truck_forward() -> None:
    # Serviced on 1 April at 2000 h; by 1 May it has run 300 h (10 h a day), so it
    # reaches the 500 h interval on 21 May, long before the 1 July quarter.
    fast = dataclasses.replace(
        TRUCKS[0],
        last_service_on=date(2026, 4, 1),
        hours_at_last_service=2000,
        hours_now=2300,
        hours_read_on=date(2026, 5, 1),
    )
    visits = plan_visits(
        CONTRACT, [fast, *TRUCKS[1:]], first=date(2026, 5, 1), last=date(2026, 12, 31)
    )
    early = visits[0]
    assert early.basis == "hours" and early.asset_ids == ("truck-1",)
    assert date(2026, 5, 1) < early.due_on < date(2026, 7, 1)
    july = next(v for v in visits if v.due_on == date(2026, 7, 1))
    assert "truck-1" not in july.asset_ids and len(july.asset_ids) == 5
    october = next(v for v in visits if v.due_on == date(2026, 10, 1))
    assert len(october.asset_ids) == 6


def test_ending_with_thirty_days_notice_drops_only_later_visits() -> None:
    ended = dataclasses.replace(CONTRACT, ended_on=ends_after_notice(date(2026, 5, 15), 30))
    visits = plan_visits(ended, TRUCKS, first=date(2026, 1, 1), last=date(2026, 12, 31))
    assert [v.due_on for v in visits] == [date(2026, 1, 1), date(2026, 4, 1)]


def test_an_hours_only_contract_owes_a_visit_when_the_meter_reaches_the_interval() -> None:
    hours_only = dataclasses.replace(CONTRACT, visits_per_year=None, interval_hours=500)
    read = dataclasses.replace(
        TRUCKS[0],
        last_service_on=date(2026, 4, 1),
        hours_at_last_service=2000,
        hours_now=2300,
        hours_read_on=date(2026, 5, 1),
    )
    idle = dataclasses.replace(
        TRUCKS[1],
        last_service_on=date(2026, 4, 1),
        hours_at_last_service=2000,
        hours_now=2000,
        hours_read_on=date(2026, 5, 1),
    )
    visits = plan_visits(
        hours_only, [read, idle, *TRUCKS[2:]], first=date(2026, 5, 1), last=date(2026, 12, 31)
    )
    # Only the truck whose meter moves is owed a visit; the others have no date yet.
    assert [(v.due_on, v.asset_ids, v.basis) for v in visits] == [
        (date(2026, 5, 21), ("truck-1",), "hours")
    ]


@pytest.mark.parametrize(
    "today",
    [date(2026, month, day) for month in range(1, 13) for day in (1, 15, 28)]
    + [date(2026, 12, 31), date(2027, 2, 28)],
)
def test_the_demo_agreement_has_visits_due_in_the_coming_months_whatever_today_is(
    today: date,
) -> None:
    from tech_app.demo import build_demo, demo_id
    from tech_app.records import Asset

    demo = build_demo(today)
    (contract,) = [c for c in demo.of(Contract) if c.id == demo_id("contract:fleet")]  # type: ignore[attr-defined]
    trucks = [a for a in demo.of(Asset) if a.category == "forklift"]  # type: ignore[attr-defined]
    units = [UnitOnContract(t.id, t.site_id) for t in trucks]
    coming = plan_visits(contract, units, first=today, last=today + timedelta(days=92))
    assert coming, today
    assert contract.starts_on <= today <= contract_last_day(contract)
    later = plan_visits(contract, units, first=today, last=today + timedelta(days=183))
    assert len(later) >= 2  # more than one visit ahead: planning always has something


def test_a_window_before_the_agreement_starts_owes_nothing() -> None:
    """Head office plans every contract over one window: one starting later must not
    refuse the whole planning (a demo agreement from September, planned for March)."""
    later = dataclasses.replace(CONTRACT, starts_on=date(2026, 9, 1))
    assert plan_visits(later, TRUCKS, first=date(2026, 3, 1), last=date(2026, 3, 31)) == ()
    assert plan_visits(later, TRUCKS, first=date(2026, 3, 1), last=date(2026, 9, 1))
