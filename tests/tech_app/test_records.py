"""Bad values are refused at the boundary, with the field named."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from tech_app.errors import ValidationError
from tech_app.money import format_money, parse_money
from tech_app.records import (
    Asset,
    ChecklistItem,
    ChecklistTemplate,
    Contract,
    Customer,
    Job,
    PartUsage,
    Signature,
    TimeEntry,
)
from tech_app.records.checklists import check_answer
from tech_app.records.codec import from_row, to_row
from tech_app.records.validate import new_id
from tech_app.vocab import ItemKind

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def refused(field: str) -> pytest.RaisesExc[ValidationError]:
    return pytest.raises(ValidationError, match="^" + re.escape(field) + ":")


def test_phone_with_letters_is_refused_naming_the_field() -> None:
    with refused("customer.phone") as caught:
        Customer(name="王建国", phone="138-call-me")
    assert "digits" in caught.value.reason


def test_empty_customer_name_is_refused() -> None:
    with refused("customer.name"):
        Customer(name="   ", phone="138 0013 5521")


@pytest.mark.parametrize("typed", ["12.345", "-3", "abc", "1e999999"])
def test_price_with_more_than_two_decimals_or_not_money_is_refused(typed: str) -> None:
    with refused("part.unit_price") as caught:
        parse_money("part.unit_price", typed)
    assert caught.value.field == "part.unit_price"


def test_money_is_parsed_to_minor_units_and_formatted_back() -> None:
    assert parse_money("price", "¥1,200.50") == 120050
    assert parse_money("price", "0.1") == 10
    assert format_money(120050) == "¥1,200.50"


def test_float_money_is_refused_because_it_cannot_hold_cents_exactly() -> None:
    with refused("price"):
        parse_money("price", 0.1)  # type: ignore[arg-type]


def usage(**changes: object) -> PartUsage:
    fields: dict[str, object] = dict(
        job_id=new_id(),
        part_id=new_id(),
        quantity=Decimal(1),
        unit_price=100,
        coverage="charged",
        technician="liu",
        used_at=NOW,
    )
    fields.update(changes)
    return PartUsage(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("quantity", ["-1", "0", "many", Decimal("0.0001")])
def test_part_quantity_must_be_a_positive_number(quantity: object) -> None:
    with refused("part_usage.quantity"):
        usage(quantity=quantity)


def test_unknown_coverage_is_refused_listing_the_choices() -> None:
    with refused("part_usage.coverage") as caught:
        usage(coverage="free")
    assert "warranty, contract, charged" in caught.value.reason


def test_time_entry_ending_before_it_starts_is_refused() -> None:
    with refused("time_entry.ended_at") as caught:
        TimeEntry(
            job_id=new_id(), kind="labour", started_at=NOW, ended_at=NOW - timedelta(minutes=5)
        )
    assert "before it starts" in caught.value.reason


def test_naive_times_are_refused_because_laptop_clocks_and_zones_differ() -> None:
    with refused("time_entry.started_at"):
        TimeEntry(job_id=new_id(), kind="labour", started_at=datetime(2026, 11, 28, 9))


def test_job_window_must_not_end_before_it_starts() -> None:
    with refused("job.window"):
        Job(
            number="SV-1",
            job_type="repair",
            customer_id=new_id(),
            site_id=new_id(),
            reported_at=NOW,
            window_start=NOW,
            window_end=NOW - timedelta(hours=1),
        )


def test_unknown_job_type_is_refused() -> None:
    with refused("job.job_type"):
        Job(
            number="SV-1", job_type="magic", customer_id=new_id(), site_id=new_id(), reported_at=NOW
        )


def test_rating_outside_one_to_five_is_refused() -> None:
    with refused("signature.rating"):
        Signature(
            job_id=new_id(), signer_name="王建国", signed_at=NOW, image_sha256="a" * 64, rating=6
        )


def test_contract_needs_a_visit_rhythm() -> None:
    with refused("contract.visits_per_year"):
        Contract(
            customer_id=new_id(),
            name="x",
            visits_per_year=None,
            interval_hours=None,
            starts_on=date(2026, 1, 1),
        )


def test_negative_hour_meter_is_refused() -> None:
    with refused("asset.hour_meter"):
        Asset(
            customer_id=new_id(),
            site_id=new_id(),
            category="forklift",
            make="Heli",
            model="CPCD30",
            serial="HL-1",
            hour_meter=-5,
        )


NUMBER = ChecklistItem(
    key="pressure",
    label="Pressure",
    kind=ItemKind.NUMBER,
    unit="MPa",
    minimum=Decimal("0.1"),
    maximum=Decimal("0.6"),
    required=True,
)


def test_reading_that_is_not_a_number_is_refused_naming_the_item() -> None:
    with refused("checklist.pressure") as caught:
        check_answer(NUMBER, "high")
    assert "not a number" in caught.value.reason


def test_out_of_range_reading_is_kept_and_flagged() -> None:
    assert check_answer(NUMBER, "0.8").out_of_range
    assert check_answer(NUMBER, "0.05").out_of_range
    assert not check_answer(NUMBER, "0.3").out_of_range
    assert check_answer(NUMBER, "0.8").value == "0.8"


def test_yes_no_accepts_chinese_and_refuses_other_words() -> None:
    item = ChecklistItem(key="leak", label="Leak", kind=ItemKind.YES_NO)
    assert check_answer(item, "是").value == "yes"
    assert check_answer(item, False).value == "no"
    with refused("checklist.leak"):
        check_answer(item, "maybe")


def test_choice_must_be_one_of_the_template_choices() -> None:
    item = ChecklistItem(key="brake", label="Brake", kind=ItemKind.CHOICE, choices=("pass", "fail"))
    with refused("checklist.brake"):
        check_answer(item, "ok")


def test_template_refuses_duplicate_item_keys() -> None:
    item = ChecklistItem(key="a", label="A", kind=ItemKind.TEXT)
    with refused("checklist_template.items"):
        ChecklistTemplate(code="t", title="T", items=(item, item))


def test_records_round_trip_through_rows_unchanged() -> None:
    template = ChecklistTemplate(code="t", title="T", title_zh="检查", items=(NUMBER,))
    assert from_row(ChecklistTemplate, to_row(template)) == template
    entry = usage(quantity=Decimal("0.5"), serial_in="SN-新-1")
    assert from_row(PartUsage, to_row(entry)) == entry
