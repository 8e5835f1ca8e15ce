"""The same unit failing again while its last repair's promise holds: "replace the unit"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tech_app.errors import ValidationError
from tech_app.rules.recurring import (
    PROMISE_WITHOUT_PARTS,
    PastRepair,
    promise_ends,
    recurring_fault,
)

CHINA = timezone(timedelta(hours=8))
# Ignition needle (12 months of its own) fitted on 10 March 2026 at 15:00.
NEEDLE = PastRepair("job-1", "SV-1", "liu", datetime(2026, 3, 10, 15, tzinfo=CHINA), (12,))
ADJUSTED = PastRepair("job-2", "SV-2", "tom", datetime(2026, 3, 10, 15, tzinfo=CHINA))


def test_a_repair_is_promised_as_long_as_its_longest_part_warranty() -> None:
    assert promise_ends(NEEDLE) == date(2027, 3, 9)
    with_valve = PastRepair("j", "SV-3", "liu", NEEDLE.completed_at, (6, 12, 36))
    assert promise_ends(with_valve) == date(2029, 3, 9)


def test_a_repair_without_a_guaranteed_part_is_promised_three_months() -> None:
    assert timedelta(days=90) == PROMISE_WITHOUT_PARTS
    assert promise_ends(ADJUSTED) == date(2026, 6, 7)


def test_the_same_unit_again_inside_the_promise_is_recurring() -> None:
    again = datetime(2026, 5, 2, 9, tzinfo=CHINA)
    assert recurring_fault([NEEDLE], again) == NEEDLE
    assert recurring_fault([ADJUSTED], datetime(2026, 6, 7, 23, tzinfo=CHINA)) == ADJUSTED


def test_after_the_promise_or_before_the_repair_it_is_not() -> None:
    assert recurring_fault([ADJUSTED], datetime(2026, 6, 8, 0, 5, tzinfo=CHINA)) is None
    assert recurring_fault([NEEDLE], datetime(2027, 3, 10, 9, tzinfo=CHINA)) is None
    assert recurring_fault([NEEDLE], datetime(2026, 3, 10, 14, tzinfo=CHINA)) is None
    assert recurring_fault([], datetime(2026, 5, 2, tzinfo=CHINA)) is None


def test_days_count_in_the_customers_zone() -> None:
    # Finished at 07:30 on 8 June in China, which is still 7 June in UTC: counted in
    # the customer's zone, the part-less promise runs to 5 September, not the 4th.
    late = PastRepair("j", "SV-4", "liu", datetime(2026, 6, 7, 23, 30, tzinfo=UTC))
    assert promise_ends(late) == date(2026, 9, 4)
    assert promise_ends(late, CHINA) == date(2026, 9, 5)
    assert recurring_fault([late], datetime(2026, 9, 5, 10, tzinfo=CHINA)) == late


def test_the_latest_holding_repair_is_named() -> None:
    later = PastRepair("job-9", "SV-9", "tom", datetime(2026, 4, 1, 10, tzinfo=CHINA))
    assert recurring_fault([NEEDLE, later], datetime(2026, 5, 2, tzinfo=CHINA)) == later


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValidationError, match="completed_at"):
        PastRepair("j", "SV", "liu", datetime(2026, 3, 10, 15), ())  # naive
    with pytest.raises(ValidationError, match="part_warranty_months"):
        PastRepair("j", "SV", "liu", NEEDLE.completed_at, (-1,))
    with pytest.raises(ValidationError, match="reported_at"):
        recurring_fault([NEEDLE], datetime(2026, 5, 2))
