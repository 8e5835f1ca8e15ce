"""A part fitted with its serial carries its own warranty from the day it was fitted."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from tech_app.coverage import default_coverage, installed_part_warranty, installed_parts
from tech_app.demo import demo_id
from tech_app.errors import ValidationError
from tech_app.records import Job, Part, PartUsage
from tech_app.rules.warranty import part_warranty
from tech_app.store.local import LocalStore
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage
from tests.tech_app.fleet_history import FLEET_JOB, TRUCKS, add_previous_visit

FITTED = datetime(2026, 8, 20, 2, 0, tzinfo=UTC)  # brake pad: 12 months of its own


def fit_brake_pad(store: LocalStore) -> Job:
    previous = add_previous_visit(store)
    record_part_usage(
        store,
        previous.id,
        "FL-BRK-PAD",
        1,
        Coverage.CHARGED,
        "liu",
        asset_id=TRUCKS[0],
        serial_out="PAD-2023-001",
        serial_in="PAD-2026-417",
        now=FITTED,
    )
    return previous


def test_a_usage_line_keeps_both_serials(demo_store: LocalStore) -> None:
    previous = fit_brake_pad(demo_store)
    line = demo_store.select(PartUsage, "job_id = ?", [previous.id])[0]
    assert (line.serial_out, line.serial_in) == ("PAD-2023-001", "PAD-2026-417")
    fitted = installed_parts(demo_store, TRUCKS[0])
    assert [(f.part.number, f.serial, f.installed_on) for f in fitted] == [
        ("FL-BRK-PAD", "PAD-2026-417", date(2026, 8, 20))
    ]


def test_part_warranty_runs_from_the_install_date() -> None:
    inside = part_warranty("FL-BRK-PAD", 12, date(2026, 8, 20), date(2027, 8, 20))
    outside = part_warranty("FL-BRK-PAD", 12, date(2026, 8, 20), date(2027, 8, 21))
    assert inside.covered and inside.expires_on == date(2027, 8, 20)
    assert not outside.covered and outside.code == "expired"
    assert "fitted 2026-08-20" in outside.reason


def test_a_later_job_covers_the_fitted_part_by_its_own_warranty(demo_store: LocalStore) -> None:
    fit_brake_pad(demo_store)
    pad = demo_store.get(Part, demo_id("part:FL-BRK-PAD"))
    # The trucks were bought in March 2023: their own 12-month warranty is long over, and
    # the fleet contract makes wear parts chargeable; the pad fitted in August is covered.
    today = date(2026, 11, 29)
    coverage = default_coverage(
        demo_store, FLEET_JOB, TRUCKS[0], pad, today, serial_out="PAD-2026-417"
    )
    assert coverage is Coverage.WARRANTY
    decision = installed_part_warranty(
        demo_store, FLEET_JOB, TRUCKS[0], pad, today, serial_out="PAD-2026-417"
    )
    assert decision is not None and decision.expires_on == date(2027, 8, 20)
    # Without a serial the last fitting of the same part on the unit is found.
    assert default_coverage(demo_store, FLEET_JOB, TRUCKS[0], pad, today) is Coverage.WARRANTY
    # Another truck never had the pad fitted: charged under the contract.
    assert default_coverage(demo_store, FLEET_JOB, TRUCKS[1], pad, today) is Coverage.CHARGED


def test_the_fitted_part_is_charged_after_its_own_period(demo_store: LocalStore) -> None:
    fit_brake_pad(demo_store)
    pad = demo_store.get(Part, demo_id("part:FL-BRK-PAD"))
    later = date(2027, 9, 1)
    assert (
        default_coverage(demo_store, FLEET_JOB, TRUCKS[0], pad, later, serial_out="PAD-2026-417")
        is Coverage.CHARGED
    )


def test_a_serial_that_was_never_fitted_gets_no_own_warranty(demo_store: LocalStore) -> None:
    fit_brake_pad(demo_store)
    pad = demo_store.get(Part, demo_id("part:FL-BRK-PAD"))
    today = date(2026, 11, 29)
    assert (
        installed_part_warranty(
            demo_store, FLEET_JOB, TRUCKS[0], pad, today, serial_out="PAD-UNKNOWN"
        )
        is None
    )


def test_a_part_without_its_own_period_falls_back_to_the_unit(demo_store: LocalStore) -> None:
    fit_brake_pad(demo_store)
    pad = demo_store.get(Part, demo_id("part:FL-BRK-PAD"))
    demo_store.save(dataclasses.replace(pad, warranty_months=None))
    pad = demo_store.get(Part, pad.id)
    today = date(2026, 11, 29)
    assert installed_part_warranty(demo_store, FLEET_JOB, TRUCKS[0], pad, today) is None


def test_a_serial_longer_than_allowed_is_refused_naming_the_field(demo_store: LocalStore) -> None:
    with pytest.raises(ValidationError) as caught:
        record_part_usage(
            demo_store, FLEET_JOB, "FL-BRK-PAD", 1, Coverage.CHARGED, "liu", serial_in="X" * 61
        )
    assert caught.value.field == "part_usage.serial_in"
    assert demo_store.select(PartUsage, "job_id = ?", [FLEET_JOB]) == []
