"""The one pricing function, seed by seed, with the seeds' numbers (DOMAIN.md, billing rules).

Every scenario is a row: the job, its lines and the facts that decide who pays, and the
lines and totals the customer must see, to the cent. The settings are the demo company's
values as data (¥50 call-out, ¥120/h labour, ¥100/h waiting, 13% VAT) and the fleet
agreement's terms (¥800 per truck per visit, ¥150/h outside the agreement, ¥100/h
waiting).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tech_app.errors import ValidationError
from tech_app.records import CompanySettings, Contract, Job, ServiceCard
from tech_app.rules.pricing import (
    Bill,
    CardUse,
    Facts,
    FreeVisits,
    PartInput,
    TimeInput,
    price_job,
)
from tech_app.rules.warranty import SOLAR_HEATER_TERMS, WarrantyDecision, check_warranty
from tech_app.vocab import (
    CardPlan,
    ChargeKind,
    ChargeReason,
    Coverage,
    JobType,
    TimeKind,
    VisitMode,
)

IDS = "00000000-0000-4000-8000-0000000000"
SETTINGS = CompanySettings(
    tax_rate=Decimal("0.13"),
    call_out_fee=5000,
    labour_per_hour=12000,
    waiting_per_hour=10000,
    time_zone="Asia/Shanghai",
)
CONTRACT = Contract(
    id=f"{IDS}10",
    customer_id=f"{IDS}01",
    name="叉车季度保养协议",
    visit_fee=80000,
    out_of_scope_per_hour=15000,
    waiting_per_hour=10000,
    starts_on=date(2026, 1, 1),
)
DAY = date(2026, 11, 28)


def job(job_type: JobType = JobType.REPAIR, **extra: object) -> Job:
    return Job(
        id=f"{IDS}20",
        number="SV-261128-01",
        job_type=job_type,
        customer_id=f"{IDS}01",
        site_id=f"{IDS}02",
        reported_at=datetime(2026, 11, 27, 8, tzinfo=UTC),
        **extra,  # type: ignore[arg-type]
    )


def part(
    number: str,
    quantity: str,
    price: int,
    claimed: Coverage = Coverage.CHARGED,
    component: str = "",
    unit: str = "pc",
) -> PartInput:
    return PartInput(number, number, unit, Decimal(quantity), price, component, claimed)


def heater(purchased: date, cause: str = "", component: str = "main_unit") -> WarrantyDecision:
    return check_warranty(
        SOLAR_HEATER_TERMS, component, purchased, DAY, exclusions=(cause,) if cause else ()
    )


def card(used_before: int, *, valid: bool = True, visits: int = 12) -> CardUse:
    sold = ServiceCard(
        id=f"{IDS}30",
        customer_id=f"{IDS}01",
        number="WD-2026-0388",
        plan=CardPlan.YEARLY,
        visits=visits,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )
    return CardUse(sold, used_before, valid)


L, T, W = TimeKind.LABOUR, TimeKind.TRAVEL, TimeKind.WAITING
CH, WA, CO = Coverage.CHARGED, Coverage.WARRANTY, Coverage.CONTRACT
CA, FR = Coverage.CARD, Coverage.FREE_ENTITLEMENT
R = ChargeReason


@dataclass(frozen=True)
class Case:
    name: str
    job: Job
    parts: tuple[PartInput, ...] = ()
    times: tuple[TimeInput, ...] = ()
    facts: Facts = field(default_factory=Facts)
    # (kind, coverage, reason, detail, amount, list_amount) per line, in order
    lines: tuple[tuple[ChargeKind, Coverage, ChargeReason, str, int, int], ...] = ()
    subtotal: int = 0
    tax: int = 0
    card_remaining: int | None = None


K = ChargeKind
IN_WARRANTY_HEATER = date(2025, 5, 29)  # 18 months before the visit: main unit covered
OLD_HEATER = date(2022, 10, 29)  # four years: all expired

CASES = [
    Case(
        "fleet: scheduled labour and travel paid by the visit fee, grease free, "
        "wear part charged, out-of-scope work at the hourly rate, waiting fee",
        job(JobType.MAINTENANCE, contract_id=CONTRACT.id),
        parts=(
            part("FL-GR-1KG", "2", 4500, CO, "consumable", "kg"),
            part("FL-BRK-PAD", "1", 32000, CH, "truck"),
        ),
        times=(
            TimeInput(L, 285),  # the routine work that used to add ¥712.50
            TimeInput(T, 60),
            TimeInput(L, 30, out_of_scope=True),
            TimeInput(W, 90),
        ),
        facts=Facts(units=6, contract=CONTRACT),
        lines=(
            (K.VISIT_FEE, CH, R.CONTRACT_VISIT, "", 480000, 480000),
            (K.TRAVEL, CO, R.CONTRACT_SCOPE, "", 0, 0),
            (K.LABOUR, CO, R.CONTRACT_SCOPE, "", 0, 71250),
            (K.OUT_OF_SCOPE, CH, R.OUT_OF_SCOPE, "", 7500, 7500),
            (K.WAITING, CH, R.UNIT_NOT_AVAILABLE, "", 15000, 15000),
            (K.PART, CO, R.SUPPLIED_CONSUMABLE, "", 0, 9000),
            (K.PART, CH, R.WEAR_PART, "", 32000, 32000),
        ),
        subtotal=534500,
        tax=69485,
    ),
    Case(
        "fleet: four free maintenance visits inside the warranty take two trucks' fees off",
        job(JobType.MAINTENANCE, contract_id=CONTRACT.id),
        times=(TimeInput(L, 120),),
        facts=Facts(
            units=3,
            contract=CONTRACT,
            free_visits=(
                FreeVisits(f"{IDS}41", 4, 3),  # in warranty, its 4th visit: free
                FreeVisits(f"{IDS}42", 4, 0),
                FreeVisits(f"{IDS}43", 0, 0),  # warranty over: no free visits
            ),
        ),
        lines=(
            (K.VISIT_FEE, FR, R.FREE_VISIT, "", 0, 160000),
            (K.VISIT_FEE, CH, R.CONTRACT_VISIT, "", 80000, 80000),
            (K.LABOUR, CO, R.CONTRACT_SCOPE, "", 0, 30000),
        ),
        subtotal=80000,
        tax=10400,
    ),
    Case(
        "fleet: a fifth visit inside the warranty is paid",
        job(JobType.MAINTENANCE, contract_id=CONTRACT.id),
        facts=Facts(units=1, contract=CONTRACT, free_visits=(FreeVisits(f"{IDS}41", 4, 4),)),
        lines=((K.VISIT_FEE, CH, R.CONTRACT_VISIT, "", 80000, 80000),),
        subtotal=80000,
        tax=10400,
    ),
    Case(
        "solar heater in warranty, quality fault: parts, labour and call-out free",
        job(),
        parts=(part("SH-TUBE-58", "2", 9500, WA, "collector_tubes"),),
        times=(TimeInput(L, 90),),
        facts=Facts(
            warranty=heater(IN_WARRANTY_HEATER),
            component_warranty={"collector_tubes": heater(IN_WARRANTY_HEATER)},
        ),
        lines=(
            (K.CALL_OUT, WA, R.IN_WARRANTY, "", 0, 5000),
            (K.LABOUR, WA, R.IN_WARRANTY, "", 0, 18000),
            (K.PART, WA, R.IN_WARRANTY, "", 0, 19000),
        ),
    ),
    Case(
        "solar heater in warranty, cause 'user dismantling': charged, saying why",
        job(fault_cause="user_dismantling"),
        parts=(part("SH-TUBE-58", "2", 9500, WA, "collector_tubes"),),
        times=(TimeInput(L, 90),),
        facts=Facts(
            warranty=heater(IN_WARRANTY_HEATER, "user_dismantling"),
            component_warranty={
                "collector_tubes": heater(IN_WARRANTY_HEATER, "user_dismantling", "tank")
            },
        ),
        lines=(
            (K.CALL_OUT, CH, R.EXCLUDED, "user_dismantling", 5000, 5000),
            (K.LABOUR, CH, R.EXCLUDED, "user_dismantling", 18000, 18000),
            (K.PART, CH, R.EXCLUDED, "user_dismantling", 19000, 19000),
        ),
        subtotal=42000,
        tax=5460,
    ),
    Case(
        "solar heater in warranty, abnormal water supply (force majeure): charged",
        job(fault_cause="force_majeure"),
        times=(TimeInput(L, 30),),
        facts=Facts(warranty=heater(IN_WARRANTY_HEATER, "force_majeure")),
        lines=(
            (K.CALL_OUT, CH, R.EXCLUDED, "force_majeure", 5000, 5000),
            (K.LABOUR, CH, R.EXCLUDED, "force_majeure", 6000, 6000),
        ),
        subtotal=11000,
        tax=1430,
    ),
    Case(
        "solar heater, pipes past their own 1-year period although the tank is covered",
        job(),
        parts=(part("SH-FIT-20", "1", 1800, WA, "pipes"),),
        facts=Facts(
            warranty=heater(IN_WARRANTY_HEATER),
            component_warranty={"pipes": heater(IN_WARRANTY_HEATER, component="pipes")},
        ),
        lines=(
            (K.CALL_OUT, WA, R.IN_WARRANTY, "", 0, 5000),
            (K.PART, CH, R.EXPIRED, "", 1800, 1800),
        ),
        subtotal=1800,
        tax=234,
    ),
    Case(
        "solar heater out of warranty: parts at cost plus labour, saying the warranty ended",
        job(),
        parts=(part("SH-TUBE-58", "1", 9500, CH, "collector_tubes"),),
        times=(TimeInput(L, 45),),
        facts=Facts(warranty=heater(OLD_HEATER)),
        lines=(
            (K.CALL_OUT, CH, R.EXPIRED, "", 5000, 5000),
            (K.LABOUR, CH, R.EXPIRED, "", 9000, 9000),
            (K.PART, CH, R.CHARGED, "", 9500, 9500),
        ),
        subtotal=23500,
        tax=3055,
    ),
    Case(
        "solar heater maintenance: the 1st of 2 free visits this year",
        job(JobType.MAINTENANCE),
        times=(TimeInput(L, 60),),
        facts=Facts(warranty=heater(OLD_HEATER), free_visits=(FreeVisits(f"{IDS}44", 2, 0),)),
        lines=(
            (K.CALL_OUT, FR, R.FREE_VISIT, "", 0, 5000),
            (K.LABOUR, FR, R.FREE_VISIT, "", 0, 12000),
        ),
    ),
    Case(
        "solar heater maintenance: the 2nd free visit",
        job(JobType.MAINTENANCE),
        times=(TimeInput(L, 60),),
        facts=Facts(free_visits=(FreeVisits(f"{IDS}44", 2, 1),)),
        lines=(
            (K.CALL_OUT, FR, R.FREE_VISIT, "", 0, 5000),
            (K.LABOUR, FR, R.FREE_VISIT, "", 0, 12000),
        ),
    ),
    Case(
        "solar heater maintenance: a 3rd visit in the year is charged, saying so",
        job(JobType.MAINTENANCE),
        times=(TimeInput(L, 60),),
        facts=Facts(free_visits=(FreeVisits(f"{IDS}44", 2, 2),)),
        lines=(
            (K.CALL_OUT, CH, R.FREE_VISITS_USED, "", 5000, 5000),
            (K.LABOUR, CH, R.FREE_VISITS_USED, "", 12000, 12000),
        ),
        subtotal=17000,
        tax=2210,
    ),
    Case(
        "water dispenser, visit 3 of a 12-visit yearly card: covered with its filter, 9 left",
        job(JobType.CLEANING, card_id=f"{IDS}30"),
        parts=(part("WD-FILTER", "1", 8800, CA, "consumable"),),
        times=(TimeInput(L, 20),),
        facts=Facts(card=card(2)),
        lines=(
            (K.CALL_OUT, CA, R.CARD_VISIT, "", 0, 5000),
            (K.LABOUR, CA, R.CARD_VISIT, "", 0, 4000),
            (K.PART, CA, R.CARD_VISIT, "", 0, 8800),
        ),
        card_remaining=9,
    ),
    Case(
        "water dispenser, card exhausted: charged like any visit with a clear line",
        job(JobType.CLEANING, card_id=f"{IDS}30"),
        parts=(part("WD-FILTER", "1", 8800, CA, "consumable"),),
        times=(TimeInput(L, 20),),
        facts=Facts(card=card(12)),
        lines=(
            (K.CALL_OUT, CH, R.CARD_EXHAUSTED, "", 5000, 5000),
            (K.LABOUR, CH, R.CARD_EXHAUSTED, "", 4000, 4000),
            (K.PART, CH, R.CARD_EXHAUSTED, "", 8800, 8800),
        ),
        subtotal=17800,
        tax=2314,
        card_remaining=0,
    ),
    Case(
        "water dispenser, monthly card past its month: charged as expired",
        job(JobType.CLEANING, card_id=f"{IDS}30"),
        times=(TimeInput(L, 20),),
        facts=Facts(card=card(1, valid=False, visits=2)),
        lines=(
            (K.CALL_OUT, CH, R.CARD_EXPIRED, "", 5000, 5000),
            (K.LABOUR, CH, R.CARD_EXPIRED, "", 4000, 4000),
        ),
        subtotal=9000,
        tax=1170,
        card_remaining=1,
    ),
    Case(
        "jewellery counter resize: no call-out, servicing labour free, gold at cost",
        job(visit_mode=VisitMode.COUNTER),
        parts=(part("JW-SIZE-AU", "0.5", 52000, CH, unit="g"),),
        times=(TimeInput(L, 40),),
        facts=Facts(free_servicing=True),
        lines=(
            (K.LABOUR, FR, R.FREE_SERVICING, "", 0, 8000),
            (K.PART, CH, R.CHARGED, "", 26000, 26000),
        ),
        subtotal=26000,
        tax=3380,
    ),
    Case(
        "jewellery cleaning and polishing at the counter: nothing to pay",
        job(JobType.CLEANING, visit_mode=VisitMode.COUNTER),
        times=(TimeInput(L, 15),),
        facts=Facts(free_servicing=True),
        lines=((K.LABOUR, FR, R.FREE_SERVICING, "", 0, 3000),),
    ),
    Case(
        "phone guidance (a stove battery fitted upside down): no call-out, free",
        job(JobType.GUIDANCE, visit_mode=VisitMode.PHONE),
        times=(TimeInput(L, 10),),
        lines=((K.LABOUR, FR, R.PHONE_GUIDANCE, "", 0, 2000),),
    ),
    Case(
        "an ordinary repair without warranty terms: call-out, labour by the minute, parts",
        job(),
        parts=(part("ST-IGN-01", "2", 2500),),
        times=(TimeInput(L, 7),),
        lines=(
            (K.CALL_OUT, CH, R.CHARGED, "", 5000, 5000),
            (K.LABOUR, CH, R.CHARGED, "", 1400, 1400),
            (K.PART, CH, R.CHARGED, "", 5000, 5000),
        ),
        subtotal=11400,
        tax=1482,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_seed_billing_rules(case: Case) -> None:
    bill = price_job(case.job, case.parts, case.times, SETTINGS, case.facts)
    got = [
        (line.kind, line.coverage, line.reason, line.detail, line.amount, line.list_amount)
        for line in bill.lines
    ]
    assert got == list(case.lines)
    assert (bill.subtotal, bill.tax, bill.total) == (
        case.subtotal,
        case.tax,
        case.subtotal + case.tax,
    )
    assert bill.card_remaining == case.card_remaining
    assert bill.currency == "CNY"


def test_lines_carry_quantity_unit_and_unit_price() -> None:
    bill = price_job(
        job(contract_id=CONTRACT.id, job_type=JobType.MAINTENANCE),
        [part("FL-GR-1KG", "1.5", 4500, CO, "consumable", "kg")],
        [TimeInput(L, 30, out_of_scope=True)],
        SETTINGS,
        Facts(units=6, contract=CONTRACT),
    )
    fee, work, grease = bill.lines
    assert (fee.quantity, fee.unit, fee.unit_price) == (Decimal(6), "unit", 80000)
    assert (work.quantity, work.unit, work.unit_price, work.per_hour) == (
        Decimal(30),
        "min",
        15000,
        True,
    )
    assert (grease.quantity, grease.unit, grease.unit_price, grease.part_number) == (
        Decimal("1.5"),
        "kg",
        4500,
        "FL-GR-1KG",
    )


def test_labour_rate_follows_the_job_type_from_the_settings() -> None:
    from tech_app.records import LabourRate

    settings = replace(
        SETTINGS, labour_rates=(LabourRate(job_type=JobType.INSTALLATION, per_hour=10000),)
    )
    install = price_job(job(JobType.INSTALLATION), [], [TimeInput(L, 60)], settings)
    repair = price_job(job(), [], [TimeInput(L, 60)], settings)
    assert install.lines[1].amount == 10000
    assert repair.lines[1].amount == 12000


def test_nothing_is_billed_at_a_rate_the_company_did_not_set() -> None:
    bill = price_job(job(), [], [TimeInput(L, 60)], CompanySettings())
    assert bill.total == 0
    assert [line.list_amount for line in bill.lines] == [0, 0]


def test_a_technician_may_charge_a_line_the_rules_would_cover() -> None:
    bill = price_job(
        job(),
        [part("SH-TUBE-58", "1", 9500, CH, "collector_tubes")],
        [],
        SETTINGS,
        Facts(warranty=heater(IN_WARRANTY_HEATER)),
    )
    assert bill.lines[-1].coverage is CH


@pytest.mark.parametrize(
    ("make", "field_name"),
    [
        (lambda: Facts(units=0), "units"),
        (lambda: Facts(units=2), "units"),
        (lambda: part("P", "0", 100), "part.quantity"),
        (lambda: part("P", "1", -1), "part.unit_price"),
        (lambda: TimeInput(L, -5), "time.minutes"),
        (lambda: CompanySettings(tax_rate=Decimal("1.3")), "company_settings.tax_rate"),
        (lambda: CompanySettings(time_zone="Mars/Olympus"), "company_settings.time_zone"),
        (lambda: CompanySettings(currency="yuan"), "company_settings.currency"),
    ],
)
def test_bad_input_is_refused_with_the_field_named(make: object, field_name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make()  # type: ignore[operator]
    assert caught.value.field == field_name


@given(
    minutes=st.lists(st.integers(0, 600), max_size=4),
    quantities=st.lists(st.decimals("0.001", "50", places=3), max_size=4),
    price=st.integers(0, 100_000),
    rate=st.decimals("0", "0.25", places=4),
)
def test_lines_add_up_and_tax_is_rounded_once(
    minutes: list[int], quantities: list[Decimal], price: int, rate: Decimal
) -> None:
    settings = replace(SETTINGS, tax_rate=rate, labour_per_hour=12500)
    bill: Bill = price_job(
        job(),
        [part(f"P{i}", str(q), price) for i, q in enumerate(quantities)],
        [TimeInput(L, m) for m in minutes],
        settings,
    )
    assert bill.subtotal == sum(line.amount for line in bill.lines)
    assert bill.total == bill.subtotal + bill.tax
    exact = Decimal(bill.subtotal) * rate
    assert abs(Decimal(bill.tax) - exact) <= Decimal("0.5")
    assert all(line.amount == line.list_amount for line in bill.lines)


def test_a_warranty_line_on_a_unit_without_terms_is_honoured_and_says_so() -> None:
    bill = price_job(job(), [part("ST-IGN-01", "1", 2500, WA)], [], SETTINGS)
    (_call_out, needle) = bill.lines
    assert (needle.coverage, needle.reason, needle.amount) == (
        WA,
        ChargeReason.WARRANTY_RECORDED,
        0,
    )
    excluded = price_job(
        job(fault_cause="misuse"), [part("ST-IGN-01", "1", 2500, WA)], [], SETTINGS
    )
    assert excluded.lines[-1].coverage is CH
