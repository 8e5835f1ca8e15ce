"""What the customer pays for a visit, line by line, in integer minor units.

Amounts are computed in Decimal and rounded half-up to the cent once per line
(and once for the tax), so the printed lines always add up to the printed
subtotal.  Lines covered by warranty or a contract are billed at zero but keep
their ``list_amount``: head office reports what free work would have cost.

An estimate before repair and the bill after it are the same calculation on
different inputs (planned parts and minutes vs. used ones); sharing one
function is what guarantees the customer sees no surprise between the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, TypeVar

from tech_app.errors import ValidationError
from tech_app.money import format_money, to_minor
from tech_app.vocab import Coverage, TimeKind

DEMO_LABOUR_PER_HOUR: Final = 12000  # ¥120.00/h, billed by the minute
DEMO_CALL_OUT_FEE: Final = 5000  # ¥50.00
DEMO_WAITING_PER_HOUR: Final = 10000  # ¥100.00/h; same as the fleet agreement's waiting fee
DEMO_TRAVEL_PER_HOUR: Final = 0  # travel is free unless a rate is configured
DEMO_VAT_RATE: Final = Decimal("0.13")

DEMO_CONTRACT_VISIT_FEE: Final = 80000  # ¥800.00 per truck per visit
DEMO_CONTRACT_OUT_OF_SCOPE_PER_HOUR: Final = 15000  # ¥150.00/h
DEMO_CONTRACT_WAITING_PER_HOUR: Final = 10000  # ¥100.00/h when the truck is not available

_MINOR_PER_MAJOR: Final = Decimal(100)
_MINUTES_PER_HOUR: Final = Decimal(60)


def _check_minor(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"{value!r} is not a whole number of minor units (fen)")
    if value < 0:
        raise ValidationError(field, "must not be negative")
    return value


def _check_decimal(field: str, value: object) -> Decimal:
    # Floats would bring binary rounding errors into money; refuse them outright.
    if isinstance(value, bool | float):
        raise ValidationError(field, "give it as Decimal or int, not a float")
    if isinstance(value, int):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValidationError(field, f"{value!r} is not a number")
    return value


_E = TypeVar("_E", Coverage, TimeKind)


def _check_enum(field: str, value: str, kind: type[_E]) -> _E:
    try:
        return kind(value)
    except ValueError:
        names = ", ".join(member.value for member in kind)
        raise ValidationError(field, f"{value!r} is not one of: {names}") from None


@dataclass(frozen=True)
class Rates:
    """A price list for ordinary (non-contract) visits, all in minor units."""

    labour_per_hour: int
    call_out_fee: int
    waiting_per_hour: int
    travel_per_hour: int = DEMO_TRAVEL_PER_HOUR
    tax_rate: Decimal = DEMO_VAT_RATE

    def __post_init__(self) -> None:
        for name in ("labour_per_hour", "call_out_fee", "waiting_per_hour", "travel_per_hour"):
            _check_minor(f"rates.{name}", getattr(self, name))
        rate = _check_decimal("rates.tax_rate", self.tax_rate)
        if not Decimal(0) <= rate < Decimal(1):
            raise ValidationError("rates.tax_rate", "must be a fraction from 0 to under 1")
        object.__setattr__(self, "tax_rate", rate)


DEMO_HOME_RATES: Final = Rates(
    labour_per_hour=DEMO_LABOUR_PER_HOUR,
    call_out_fee=DEMO_CALL_OUT_FEE,
    waiting_per_hour=DEMO_WAITING_PER_HOUR,
    travel_per_hour=DEMO_TRAVEL_PER_HOUR,
    tax_rate=DEMO_VAT_RATE,
)


@dataclass(frozen=True)
class ContractTerms:
    """The money side of a fleet maintenance agreement (no travel fee by design)."""

    visit_fee_per_unit: int
    out_of_scope_per_hour: int
    waiting_per_hour: int

    def __post_init__(self) -> None:
        for name in ("visit_fee_per_unit", "out_of_scope_per_hour", "waiting_per_hour"):
            _check_minor(f"contract.{name}", getattr(self, name))


DEMO_FORKLIFT_CONTRACT: Final = ContractTerms(
    visit_fee_per_unit=DEMO_CONTRACT_VISIT_FEE,
    out_of_scope_per_hour=DEMO_CONTRACT_OUT_OF_SCOPE_PER_HOUR,
    waiting_per_hour=DEMO_CONTRACT_WAITING_PER_HOUR,
)


@dataclass(frozen=True)
class PartCharge:
    """A part used (or planned); quantity may be fractional, e.g. 0.5 L of oil."""

    part_number: str
    name: str
    quantity: Decimal
    unit_price: int  # minor units per unit
    coverage: Coverage

    def __post_init__(self) -> None:
        quantity = _check_decimal("part.quantity", self.quantity)
        if quantity <= 0:
            raise ValidationError("part.quantity", "must be more than zero")
        object.__setattr__(self, "quantity", quantity)
        _check_minor("part.unit_price", self.unit_price)
        object.__setattr__(self, "coverage", _check_enum("part.coverage", self.coverage, Coverage))


@dataclass(frozen=True)
class TimeCharge:
    """Minutes of one kind of time (travel, labour, waiting) and who pays for them."""

    kind: TimeKind
    minutes: int
    coverage: Coverage

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", _check_enum("time.kind", self.kind, TimeKind))
        if isinstance(self.minutes, bool) or not isinstance(self.minutes, int):
            raise ValidationError("time.minutes", f"{self.minutes!r} is not a whole number")
        if self.minutes < 0:
            raise ValidationError("time.minutes", "must not be negative")
        object.__setattr__(self, "coverage", _check_enum("time.coverage", self.coverage, Coverage))


@dataclass(frozen=True)
class ChargeLine:
    description: str
    amount: int  # what the customer pays for this line, minor units
    list_amount: int  # what it would cost uncovered; for head office reports
    coverage: Coverage


@dataclass(frozen=True)
class Charges:
    lines: tuple[ChargeLine, ...]
    subtotal: int
    tax: int
    total: int
    tax_rate: Decimal

    @property
    def list_subtotal(self) -> int:
        """The pre-tax value of everything done, covered or not."""
        return sum(line.list_amount for line in self.lines)

    @property
    def covered_value(self) -> int:
        """The pre-tax value given away under warranty or contract."""
        return self.list_subtotal - self.subtotal


def _line(description: str, list_amount: int, coverage: Coverage) -> ChargeLine:
    amount = list_amount if coverage is Coverage.CHARGED else 0
    return ChargeLine(description, amount, list_amount, coverage)


def _time_value(minutes: int, per_hour: int) -> int:
    # Billed by the minute: 7 min at ¥120/h is exactly ¥14.00, with no rounding up to the hour.
    return to_minor(Decimal(per_hour) * minutes / _MINUTES_PER_HOUR / _MINOR_PER_MAJOR)


_TIME_LABEL: Final = {
    TimeKind.LABOUR: "Labour",
    TimeKind.TRAVEL: "Travel",
    TimeKind.WAITING: "Waiting",
}


def _charges(
    rates: Rates,
    parts: Iterable[PartCharge],
    times: Iterable[TimeCharge],
    *,
    call_out: bool | Coverage,
    contract: ContractTerms | None,
    units: int,
) -> Charges:
    parts = tuple(parts)
    times = tuple(times)
    if isinstance(units, bool) or not isinstance(units, int) or units < 1:
        raise ValidationError("units", "must be a whole number, 1 or more")
    if contract is None and units != 1:
        raise ValidationError("units", "only a contract visit is priced per unit")
    if contract is None:
        covered: list[tuple[str, Coverage]] = [
            *((f"parts[{i}].coverage", p.coverage) for i, p in enumerate(parts)),
            *((f"times[{i}].coverage", t.coverage) for i, t in enumerate(times)),
        ]
        for field, coverage in covered:
            if coverage is Coverage.CONTRACT:
                raise ValidationError(field, "contract coverage needs the contract terms")

    lines: list[ChargeLine] = []
    if contract is not None:
        # The per-unit visit fee replaces the call-out fee and pays for the covered work.
        lines.append(
            _line(
                f"Contract visit fee {units} × {format_money(contract.visit_fee_per_unit)}",
                contract.visit_fee_per_unit * units,
                Coverage.CHARGED,
            )
        )
    elif call_out is not False:
        coverage = (
            Coverage.CHARGED if call_out is True else _check_enum("call_out", call_out, Coverage)
        )
        if coverage is Coverage.CONTRACT:
            raise ValidationError("call_out", "contract coverage needs the contract terms")
        lines.append(_line("Call-out fee", rates.call_out_fee, coverage))

    for time in times:
        coverage = time.coverage
        if time.kind is TimeKind.LABOUR:
            per_hour = contract.out_of_scope_per_hour if contract else rates.labour_per_hour
        elif time.kind is TimeKind.WAITING:
            per_hour = contract.waiting_per_hour if contract else rates.waiting_per_hour
        else:
            per_hour = rates.travel_per_hour
            if contract is not None:
                coverage = Coverage.CONTRACT  # agreements carry no travel fee
        label = _TIME_LABEL[time.kind]
        lines.append(
            _line(
                f"{label} {time.minutes} min @ {format_money(per_hour)}/h",
                _time_value(time.minutes, per_hour),
                coverage,
            )
        )

    for part in parts:
        value = to_minor(Decimal(part.unit_price) * part.quantity / _MINOR_PER_MAJOR)
        quantity = format(part.quantity.normalize(), "f")
        lines.append(
            _line(
                f"{part.part_number} {part.name} × {quantity} @ {format_money(part.unit_price)}",
                value,
                part.coverage,
            )
        )

    subtotal = sum(line.amount for line in lines)
    tax = to_minor(Decimal(subtotal) * rates.tax_rate / _MINOR_PER_MAJOR)
    return Charges(
        lines=tuple(lines),
        subtotal=subtotal,
        tax=tax,
        total=subtotal + tax,
        tax_rate=rates.tax_rate,
    )


def price_visit(
    rates: Rates,
    parts: Iterable[PartCharge],
    times: Iterable[TimeCharge],
    *,
    call_out: bool | Coverage = True,
    contract: ContractTerms | None = None,
    units: int = 1,
) -> Charges:
    """The bill for a visit from the parts and minutes actually used.

    ``call_out``: True charges the call-out fee, False leaves it off, and a
    Coverage (e.g. WARRANTY) shows it at zero while keeping its list value.
    With a ``contract`` the call-out is replaced by ``units`` × the visit fee,
    labour is at the out-of-scope rate, waiting at the contract's waiting fee,
    and travel is never charged.
    """
    return _charges(rates, parts, times, call_out=call_out, contract=contract, units=units)


def estimate(
    rates: Rates,
    parts: Iterable[PartCharge],
    times: Iterable[TimeCharge],
    *,
    call_out: bool | Coverage = True,
    contract: ContractTerms | None = None,
    units: int = 1,
) -> Charges:
    """The price quoted before repair from planned parts and minutes; same math as the bill."""
    return _charges(rates, parts, times, call_out=call_out, contract=contract, units=units)
