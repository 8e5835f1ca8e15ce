"""Bills and estimates as the customer and head office see them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tech_app.errors import ValidationError
from tech_app.rules.pricing import (
    DEMO_FORKLIFT_CONTRACT,
    DEMO_HOME_RATES,
    Charges,
    ContractTerms,
    PartCharge,
    Rates,
    TimeCharge,
    estimate,
    price_visit,
)
from tech_app.vocab import Coverage, TimeKind

CHARGED = Coverage.CHARGED
WARRANTY = Coverage.WARRANTY
CONTRACT = Coverage.CONTRACT


def labour(minutes: int, coverage: Coverage = CHARGED) -> TimeCharge:
    return TimeCharge(TimeKind.LABOUR, minutes, coverage)


def part(quantity: str, unit_price: int, coverage: Coverage = CHARGED) -> PartCharge:
    return PartCharge("P-1", "Valve", Decimal(quantity), unit_price, coverage)


def test_demo_numbers() -> None:
    assert DEMO_HOME_RATES.labour_per_hour == 12000
    assert DEMO_HOME_RATES.call_out_fee == 5000
    assert DEMO_HOME_RATES.travel_per_hour == 0
    assert DEMO_HOME_RATES.tax_rate == Decimal("0.13")
    contract = DEMO_FORKLIFT_CONTRACT
    assert (contract.visit_fee_per_unit, contract.out_of_scope_per_hour) == (80000, 15000)
    assert contract.waiting_per_hour == 10000


@pytest.mark.parametrize(("minutes", "fen"), [(90, 18000), (7, 1400), (1, 200), (0, 0)])
def test_labour_is_billed_by_the_minute(minutes: int, fen: int) -> None:
    charges = price_visit(DEMO_HOME_RATES, [], [labour(minutes)], call_out=False)
    assert [line.amount for line in charges.lines] == [fen]
    assert charges.subtotal == fen


def test_home_repair_bill_adds_call_out_labour_parts_and_vat() -> None:
    charges = price_visit(DEMO_HOME_RATES, [part("2", 3500)], [labour(90)])
    assert [line.amount for line in charges.lines] == [5000, 18000, 7000]
    assert charges.lines[0].description == "Call-out fee"
    assert charges.subtotal == 30000
    assert charges.tax == 3900
    assert charges.total == 33900


def test_warranty_part_is_zero_on_the_bill_but_keeps_its_list_amount() -> None:
    charges = price_visit(
        DEMO_HOME_RATES, [part("1", 45000, WARRANTY), part("1", 1200)], [], call_out=False
    )
    covered, charged = charges.lines
    assert (covered.amount, covered.list_amount, covered.coverage) == (0, 45000, WARRANTY)
    assert (charged.amount, charged.list_amount) == (1200, 1200)
    assert charges.subtotal == 1200
    assert charges.list_subtotal == 46200
    assert charges.covered_value == 45000


def test_warranty_visit_shows_call_out_and_labour_at_zero() -> None:
    charges = price_visit(
        DEMO_HOME_RATES, [part("1", 45000, WARRANTY)], [labour(60, WARRANTY)], call_out=WARRANTY
    )
    assert charges.total == 0
    assert [line.list_amount for line in charges.lines] == [5000, 12000, 45000]


def test_tax_rounds_half_up_to_the_cent() -> None:
    # ¥88.50 × 13% = ¥11.505: half-up gives ¥11.51 (banker's rounding would give ¥11.50).
    charges = price_visit(DEMO_HOME_RATES, [part("2", 1225)], [labour(7)])
    assert charges.subtotal == 8850
    assert charges.tax == 1151
    assert charges.total == 10001


def test_fractional_quantity_rounds_half_up_per_line() -> None:
    charges = price_visit(
        DEMO_HOME_RATES, [part("0.5", 3600), part("0.125", 100)], [], call_out=False
    )
    # 0.5 L of oil at ¥36.00/L = ¥18.00; 0.125 × ¥1.00 = ¥0.125 -> ¥0.13.
    assert [line.amount for line in charges.lines] == [1800, 13]


def test_waiting_fee_is_billed_by_the_minute() -> None:
    times = [TimeCharge(TimeKind.WAITING, 20, CHARGED), TimeCharge(TimeKind.WAITING, 1, CHARGED)]
    charges = price_visit(DEMO_HOME_RATES, [], times, call_out=False)
    # ¥100/h: 20 min = ¥33.333… -> ¥33.33, 1 min = ¥1.666… -> ¥1.67.
    assert [line.amount for line in charges.lines] == [3333, 167]


def test_travel_is_free_by_default_and_billed_when_a_rate_is_configured() -> None:
    travel = [TimeCharge(TimeKind.TRAVEL, 30, CHARGED)]
    assert price_visit(DEMO_HOME_RATES, [], travel, call_out=False).subtotal == 0
    with_travel = Rates(12000, 5000, 10000, travel_per_hour=6000)
    assert price_visit(with_travel, [], travel, call_out=False).subtotal == 3000


def test_contract_visit_for_six_trucks_charges_six_visit_fees_and_no_travel() -> None:
    times = [
        TimeCharge(TimeKind.TRAVEL, 45, CHARGED),
        labour(240, CONTRACT),
        labour(30, CHARGED),  # out of scope: ¥150/h
        TimeCharge(TimeKind.WAITING, 20, CHARGED),  # truck not available: ¥100/h
    ]
    parts = [part("4", 2500, CONTRACT), part("1", 9900, CHARGED)]
    charges = price_visit(
        Rates(12000, 5000, 10000, travel_per_hour=6000),
        parts,
        times,
        contract=DEMO_FORKLIFT_CONTRACT,
        units=6,
    )
    amounts = [line.amount for line in charges.lines]
    assert charges.lines[0].description.startswith("Contract visit fee 6 ×")
    assert amounts == [6 * 80000, 0, 0, 7500, 3333, 0, 9900]
    assert all("Call-out" not in line.description for line in charges.lines)
    travel = charges.lines[1]
    assert travel.coverage is CONTRACT and travel.list_amount == 4500
    assert charges.lines[2].list_amount == 60000  # covered labour valued at ¥150/h
    assert charges.subtotal == 480000 + 7500 + 3333 + 9900
    assert charges.tax == 65095  # 13% of ¥5,007.33 = ¥650.9529 -> ¥650.95
    assert charges.total == charges.subtotal + charges.tax


def test_estimate_and_bill_are_the_same_calculation() -> None:
    parts = [part("1.5", 2999), part("1", 45000, WARRANTY)]
    times = [labour(47), TimeCharge(TimeKind.WAITING, 13, CHARGED)]
    assert estimate(DEMO_HOME_RATES, parts, times) == price_visit(DEMO_HOME_RATES, parts, times)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: TimeCharge(TimeKind.LABOUR, -5, CHARGED), "time.minutes"),
        (lambda: TimeCharge("sleeping", 5, CHARGED), "time.kind"),  # type: ignore[arg-type]
        (lambda: PartCharge("P", "Valve", Decimal("-1"), 100, CHARGED), "part.quantity"),
        (lambda: PartCharge("P", "Valve", Decimal("0"), 100, CHARGED), "part.quantity"),
        (lambda: PartCharge("P", "Valve", 0.5, 100, CHARGED), "part.quantity"),  # type: ignore[arg-type]
        (lambda: PartCharge("P", "Valve", Decimal("1"), -100, CHARGED), "part.unit_price"),
        (lambda: PartCharge("P", "Valve", Decimal("1"), 100, "free"), "part.coverage"),  # type: ignore[arg-type]
        (lambda: Rates(-1, 0, 0), "rates.labour_per_hour"),
        (lambda: ContractTerms(-1, 0, 0), "contract.visit_fee_per_unit"),
        (lambda: Rates(1, 0, 0, tax_rate=Decimal("1.3")), "rates.tax_rate"),
        (lambda: price_visit(DEMO_HOME_RATES, [part("1", 1, CONTRACT)], []), "parts[0].coverage"),
        (lambda: price_visit(DEMO_HOME_RATES, [], [labour(1, CONTRACT)]), "times[0].coverage"),
        (lambda: price_visit(DEMO_HOME_RATES, [], [], units=6), "units"),
        (
            lambda: price_visit(DEMO_HOME_RATES, [], [], contract=DEMO_FORKLIFT_CONTRACT, units=0),
            "units",
        ),
    ],
)
def test_bad_input_is_refused_with_the_field_named(make: object, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        make()  # type: ignore[operator]
    assert err.value.field == field


_times = st.builds(
    TimeCharge,
    kind=st.sampled_from(TimeKind),
    minutes=st.integers(min_value=0, max_value=24 * 60),
    coverage=st.sampled_from(Coverage),
)
_parts = st.builds(
    PartCharge,
    part_number=st.just("P"),
    name=st.just("Part"),
    quantity=st.decimals(
        min_value=Decimal("0.001"), max_value=Decimal("1000"), places=3, allow_nan=False
    ),
    unit_price=st.integers(min_value=0, max_value=10_000_000),
    coverage=st.sampled_from(Coverage),
)


@settings(database=None, deadline=None)
@given(
    parts=st.lists(_parts, max_size=6),
    times=st.lists(_times, max_size=6),
    call_out=st.sampled_from([True, False, CHARGED, WARRANTY]),
    units=st.integers(min_value=1, max_value=30),
    with_contract=st.booleans(),
)
def test_bill_invariants(
    parts: list[PartCharge],
    times: list[TimeCharge],
    call_out: bool | Coverage,
    units: int,
    with_contract: bool,
) -> None:
    if not with_contract:
        units = 1
        parts = [p for p in parts if p.coverage is not CONTRACT]
        times = [t for t in times if t.coverage is not CONTRACT]
    contract = DEMO_FORKLIFT_CONTRACT if with_contract else None
    bill: Charges = price_visit(
        DEMO_HOME_RATES, parts, times, call_out=call_out, contract=contract, units=units
    )
    assert bill.total == bill.subtotal + bill.tax
    assert bill.subtotal == sum(line.amount for line in bill.lines)
    assert all(0 <= line.amount <= line.list_amount for line in bill.lines)
    assert 0 <= bill.subtotal <= bill.list_subtotal
    # 13% rounded half-up, by integer arithmetic independent of Decimal.
    assert bill.tax == (bill.subtotal * 13 + 50) // 100
    assert bill == estimate(
        DEMO_HOME_RATES, parts, times, call_out=call_out, contract=contract, units=units
    )
