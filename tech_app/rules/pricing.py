"""What the customer pays for a visit: one pure function from typed facts to typed lines.

``price_job`` is the only place a rate, a coverage or a tax is decided. The app's
running bill and estimate, the slip, head office's follow-up overcharge check and the
consent check all call it (through ``tech_app.bill``), so they cannot disagree.

Lines carry codes, never words: a ``ChargeKind`` (call-out, visit fee, labour, …), a
quantity and unit, the unit price, who pays (``Coverage``) and why (``ChargeReason``
with an optional detail such as the warranty exclusion). The slip catalogue and the
app's translation layer put them in the reader's language.

Money is integer minor units (fen) computed in ``Decimal``. Each amount is rounded
once, half-up to the cent: a line's value from its quantity and price, and the tax
from the sum of the rounded lines, so the printed lines add up to the printed subtotal
and the total is subtotal plus tax exactly. Covered lines are billed at zero but keep
their ``list_amount``: head office reports what free work would have cost.

An estimate before repair and the bill after it are this same calculation on
different inputs (planned minutes and parts vs. recorded ones).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from tech_app.errors import ValidationError
from tech_app.money import to_minor
from tech_app.records import CompanySettings, Contract, Job, ServiceCard
from tech_app.rules.warranty import WarrantyDecision
from tech_app.vocab import (
    ChargeKind,
    ChargeReason,
    Coverage,
    JobType,
    TimeKind,
    VisitMode,
)

_MINOR_PER_MAJOR: Final = Decimal(100)
_MINUTES_PER_HOUR: Final = Decimal(60)
# Under a contract, parts of this component are supplied by the service company.
CONSUMABLE: Final = "consumable"


@dataclass(frozen=True)
class PartInput:
    """A part used (or planned) on the job, as pricing needs it.

    ``claimed`` is the coverage the line was recorded with (the technician may charge a
    line the rules would cover); a warranty claim is checked against the decision for
    the part's component, so a recorded exclusion or an expired period charges it.
    ``own_warranty`` is the decision for a part fitted earlier and carrying its own period.
    """

    ref: str  # the part usage id (or a planned line's key)
    part_number: str
    unit: str
    quantity: Decimal
    unit_price: int
    component: str
    claimed: Coverage
    own_warranty: WarrantyDecision | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.quantity, Decimal) or not self.quantity.is_finite():
            raise ValidationError("part.quantity", f"{self.quantity!r} is not a number")
        if self.quantity <= 0:
            raise ValidationError("part.quantity", "must be more than zero")
        _check_minor("part.unit_price", self.unit_price)
        object.__setattr__(self, "claimed", Coverage(self.claimed))


@dataclass(frozen=True)
class TimeInput:
    """Minutes of one kind of time; ``out_of_scope`` marks contract work outside the agreement."""

    kind: TimeKind
    minutes: int
    out_of_scope: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", TimeKind(self.kind))
        _check_minor("time.minutes", self.minutes)


@dataclass(frozen=True)
class CardUse:
    """The job's prepaid card and how many of its visits earlier jobs used."""

    card: ServiceCard
    used_before: int
    valid: bool  # the visit day lies within the card's period

    @property
    def covers(self) -> bool:
        return self.valid and self.used_before < self.card.visits


@dataclass(frozen=True)
class FreeVisits:
    """A unit's free visits of this job's type this year, and how many earlier visits used."""

    asset_id: str
    allowed: int  # 0 when the unit has none (or they apply only inside an ended warranty)
    used_before: int

    @property
    def free(self) -> bool:
        return self.used_before < self.allowed


@dataclass(frozen=True)
class Facts:
    """Everything about the job besides its lines that decides who pays."""

    units: int = 1
    warranty: WarrantyDecision | None = None  # the unit's main decision, cause applied
    component_warranty: Mapping[str, WarrantyDecision] = field(default_factory=dict)
    contract: Contract | None = None
    card: CardUse | None = None
    free_visits: tuple[FreeVisits, ...] = ()
    free_servicing: bool = False  # the unit's category is serviced free (jewellery)

    def __post_init__(self) -> None:
        if isinstance(self.units, bool) or not isinstance(self.units, int) or self.units < 1:
            raise ValidationError("units", "must be a whole number, 1 or more")
        if self.contract is None and self.units != 1:
            raise ValidationError("units", "only a contract visit is priced per unit")


@dataclass(frozen=True)
class ChargeLine:
    kind: ChargeKind
    quantity: Decimal  # units, visits, minutes or the part's unit
    unit: str  # "visit", "unit", "min", or the part's unit ("pc", "kg", "g")
    unit_price: int  # minor units per unit; per hour for time lines (``per_hour``)
    amount: int  # what the customer pays for this line
    list_amount: int  # what it would cost uncovered
    coverage: Coverage
    reason: ChargeReason
    detail: str = ""  # a code refining the reason: the exclusion, e.g. "user_dismantling"
    ref: str = ""  # the part usage or the time kind the line prices
    part_number: str = ""

    @property
    def per_hour(self) -> bool:
        return self.unit == "min"


@dataclass(frozen=True)
class Bill:
    lines: tuple[ChargeLine, ...]
    subtotal: int
    tax_rate: Decimal
    tax: int
    total: int
    currency: str
    card_remaining: int | None = None  # visits left on the card after this visit

    @property
    def list_subtotal(self) -> int:
        """The pre-tax value of everything done, covered or not."""
        return sum(line.list_amount for line in self.lines)

    @property
    def covered_value(self) -> int:
        """The pre-tax value given away under warranty, contract, card or a free entitlement."""
        return self.list_subtotal - self.subtotal

    @property
    def needs_consent(self) -> bool:
        """Anything to pay beyond what an agreement already fixed: a charged line other
        than a contract's visit fee (which the customer agreed to in the contract)."""
        return any(
            line.amount > 0 and line.reason is not ChargeReason.CONTRACT_VISIT
            for line in self.lines
        )


def _check_minor(field_name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field_name, f"{value!r} is not a whole number")
    if value < 0:
        raise ValidationError(field_name, "must not be negative")
    return value


@dataclass(frozen=True)
class _Cover:
    coverage: Coverage
    reason: ChargeReason
    detail: str = ""


_CHARGED: Final = _Cover(Coverage.CHARGED, ChargeReason.CHARGED)


def _warranty_cover(decision: WarrantyDecision | None) -> _Cover:
    """Covered when the decision says so, else charged saying why (expired, excluded …)."""
    if decision is None:
        return _Cover(Coverage.CHARGED, ChargeReason.NO_WARRANTY)
    if decision.covered:
        return _Cover(Coverage.WARRANTY, ChargeReason.IN_WARRANTY)
    kind, _, detail = decision.code.partition(":")
    return _Cover(Coverage.CHARGED, ChargeReason(kind), detail)


def _card_cover(card: CardUse) -> _Cover:
    if card.covers:
        return _Cover(Coverage.CARD, ChargeReason.CARD_VISIT)
    reason = ChargeReason.CARD_EXPIRED if not card.valid else ChargeReason.CARD_EXHAUSTED
    return _Cover(Coverage.CHARGED, reason)


# Visits the company never bills for their call-out and time: the lubricant seeds' free
# oil testing (免费为客户提供油品检测服务), a fleet agreement's free yearly operator
# training, and handling a complaint. Parts sold on them are charged as ever.
FREE_JOB_TYPES: Final = MappingProxyType(
    {
        JobType.OIL_TESTING: ChargeReason.FREE_OIL_TEST,
        JobType.TRAINING: ChargeReason.FREE_TRAINING,
        JobType.COMPLAINT: ChargeReason.COMPLAINT_HANDLING,
    }
)


def _visit_cover(job: Job, facts: Facts) -> _Cover:
    """Who pays for the call-out and the time of a visit without a contract."""
    if job.visit_mode is VisitMode.PHONE:
        return _Cover(Coverage.FREE_ENTITLEMENT, ChargeReason.PHONE_GUIDANCE)
    if job.job_type in FREE_JOB_TYPES:
        return _Cover(Coverage.FREE_ENTITLEMENT, FREE_JOB_TYPES[job.job_type])
    if facts.card is not None:
        return _card_cover(facts.card)
    entitled = [f for f in facts.free_visits if f.allowed]
    if entitled:
        if all(f.free for f in entitled):
            return _Cover(Coverage.FREE_ENTITLEMENT, ChargeReason.FREE_VISIT)
        if job.job_type is JobType.MAINTENANCE:
            return _Cover(Coverage.CHARGED, ChargeReason.FREE_VISITS_USED)
    if job.job_type is JobType.REPAIR and (facts.warranty is not None or job.fault_cause):
        # In warranty a quality or installation fault is fixed free, call-out and labour
        # too; a recorded exclusion or an ended period charges them, saying why.
        return _warranty_cover(facts.warranty)
    return _CHARGED


def _line(
    kind: ChargeKind,
    quantity: Decimal,
    unit: str,
    unit_price: int,
    value: int,
    cover: _Cover,
    *,
    ref: str = "",
    part_number: str = "",
) -> ChargeLine:
    return ChargeLine(
        kind=kind,
        quantity=quantity,
        unit=unit,
        unit_price=unit_price,
        amount=value if cover.coverage is Coverage.CHARGED else 0,
        list_amount=value,
        coverage=cover.coverage,
        reason=cover.reason,
        detail=cover.detail,
        ref=ref,
        part_number=part_number,
    )


def _time_value(minutes: int, per_hour: int) -> int:
    # Billed by the minute: 7 min at ¥120/h is exactly ¥14.00, no rounding up to the hour.
    return to_minor(Decimal(per_hour) * minutes / _MINUTES_PER_HOUR / _MINOR_PER_MAJOR)


def _fee_lines(
    job: Job, facts: Facts, settings: CompanySettings, cover: _Cover
) -> list[ChargeLine]:
    contract = facts.contract
    if contract is not None and job.job_type in FREE_JOB_TYPES:
        return []  # the agreement's free training (or a complaint) owes no visit fee
    if contract is not None:
        # The fee per unit per visit replaces the call-out and pays for the in-scope
        # work and travel; a unit's free visit inside its warranty takes its fee off.
        free = sum(1 for f in facts.free_visits if f.allowed and f.free)
        lines = []
        if free:
            lines.append(
                _line(
                    ChargeKind.VISIT_FEE,
                    Decimal(free),
                    "unit",
                    contract.visit_fee,
                    contract.visit_fee * free,
                    _Cover(Coverage.FREE_ENTITLEMENT, ChargeReason.FREE_VISIT),
                )
            )
        if facts.units - free:
            paid = facts.units - free
            lines.append(
                _line(
                    ChargeKind.VISIT_FEE,
                    Decimal(paid),
                    "unit",
                    contract.visit_fee,
                    contract.visit_fee * paid,
                    _Cover(Coverage.CHARGED, ChargeReason.CONTRACT_VISIT),
                )
            )
        return lines
    if job.visit_mode is not VisitMode.ON_SITE:
        return []  # a counter job or a call has no call-out at all
    fee = settings.call_out_fee
    return [_line(ChargeKind.CALL_OUT, Decimal(1), "visit", fee, fee, cover)]


def _time_lines(
    job: Job, times: Iterable[TimeInput], facts: Facts, settings: CompanySettings, cover: _Cover
) -> list[ChargeLine]:
    # One line per kind (and scope), in a fixed order, whatever order the entries came in.
    minutes: dict[tuple[TimeKind, bool], int] = {}
    for entry in times:
        scope = entry.out_of_scope and facts.contract is not None
        minutes[(entry.kind, scope)] = minutes.get((entry.kind, scope), 0) + entry.minutes
    contract = facts.contract
    lines = []
    for kind in TimeKind:
        for out_of_scope in (False, True):
            total = minutes.get((kind, out_of_scope), 0)
            if not total:
                continue
            line_kind = ChargeKind(kind.value)
            if contract is not None:
                if kind is TimeKind.WAITING:
                    per_hour = contract.waiting_per_hour
                    line_cover = _Cover(Coverage.CHARGED, ChargeReason.UNIT_NOT_AVAILABLE)
                elif out_of_scope:
                    per_hour = contract.out_of_scope_per_hour
                    line_kind = ChargeKind.OUT_OF_SCOPE
                    line_cover = _Cover(Coverage.CHARGED, ChargeReason.OUT_OF_SCOPE)
                else:  # scheduled work and travel: the visit fee pays for them
                    per_hour = (
                        contract.out_of_scope_per_hour
                        if kind is TimeKind.LABOUR
                        else settings.travel_per_hour
                    )
                    line_cover = _Cover(Coverage.CONTRACT, ChargeReason.CONTRACT_SCOPE)
            else:
                per_hour = {
                    TimeKind.LABOUR: settings.labour_rate(job.job_type),
                    TimeKind.TRAVEL: settings.travel_per_hour,
                    TimeKind.WAITING: settings.waiting_per_hour,
                }[kind]
                line_cover = cover
                if (
                    kind is TimeKind.LABOUR
                    and facts.free_servicing
                    and cover.coverage is Coverage.CHARGED
                ):
                    line_cover = _Cover(Coverage.FREE_ENTITLEMENT, ChargeReason.FREE_SERVICING)
            lines.append(
                _line(
                    line_kind,
                    Decimal(total),
                    "min",
                    per_hour,
                    _time_value(total, per_hour),
                    line_cover,
                    ref=kind.value,
                )
            )
    return lines


def _part_cover(job: Job, part: PartInput, facts: Facts) -> _Cover:
    if part.claimed is Coverage.CHARGED:
        # The technician charged it; the rules never cover what they chose to charge.
        if facts.contract is not None and part.component != CONSUMABLE:
            return _Cover(Coverage.CHARGED, ChargeReason.WEAR_PART)
        return _CHARGED
    if part.own_warranty is not None and part.own_warranty.covered and not job.fault_cause:
        return _Cover(Coverage.WARRANTY, ChargeReason.IN_WARRANTY)
    if facts.contract is not None and part.claimed is not Coverage.WARRANTY:
        if part.component == CONSUMABLE:
            return _Cover(Coverage.CONTRACT, ChargeReason.SUPPLIED_CONSUMABLE)
        return _Cover(Coverage.CHARGED, ChargeReason.WEAR_PART)
    if part.claimed is Coverage.CARD:
        # A card visit includes the consumables its cleaning uses (the filter); an
        # exhausted or expired card charges them with the visit, saying why.
        if part.component == CONSUMABLE and facts.card is not None:
            return _card_cover(facts.card)
        return _CHARGED
    if part.claimed is Coverage.WARRANTY:
        decision = facts.component_warranty.get(part.component, facts.warranty)
        if part.own_warranty is not None and job.fault_cause:
            decision = facts.warranty  # the recorded cause excludes the part's own cover too
        if decision is None and not job.fault_cause:
            return _Cover(Coverage.WARRANTY, ChargeReason.WARRANTY_RECORDED)
        return _warranty_cover(decision)
    return _CHARGED


def _part_lines(job: Job, parts: Iterable[PartInput], facts: Facts) -> list[ChargeLine]:
    return [
        _line(
            ChargeKind.PART,
            part.quantity,
            part.unit,
            part.unit_price,
            to_minor(Decimal(part.unit_price) * part.quantity / _MINOR_PER_MAJOR),
            _part_cover(job, part, facts),
            ref=part.ref,
            part_number=part.part_number,
        )
        for part in parts
    ]


def price_job(
    job: Job,
    parts: Iterable[PartInput],
    times: Iterable[TimeInput],
    settings: CompanySettings,
    facts: Facts | None = None,
) -> Bill:
    """The bill of a job from its lines, the facts that decide who pays, and the settings.

    Contract visit: the fee per unit per visit (a unit's free visit inside its warranty
    takes its fee off), in-scope labour and travel covered, work marked out of scope at
    the contract's hourly rate, waiting (unit not available) at its waiting fee,
    supplied consumables free, wear parts charged. Otherwise: no call-out at a counter
    or on the phone; a call is free; a valid card with visits left covers the visit and
    an exhausted or expired one charges it saying so; a free visit of the year covers
    it; a repair in warranty is free unless a recorded cause excludes it; a category
    serviced free (jewellery) pays materials only.
    """
    facts = facts or Facts()
    parts = tuple(parts)
    times = tuple(times)
    cover = _visit_cover(job, facts)
    lines = [
        *_fee_lines(job, facts, settings, cover),
        *_time_lines(job, times, facts, settings, cover),
        *_part_lines(job, parts, facts),
    ]
    subtotal = sum(line.amount for line in lines)
    tax = to_minor(Decimal(subtotal) * settings.tax_rate / _MINOR_PER_MAJOR)
    card_remaining = None
    if facts.card is not None:
        used = facts.card.used_before + (1 if cover.coverage is Coverage.CARD else 0)
        card_remaining = max(0, facts.card.card.visits - used)
    return Bill(
        lines=tuple(lines),
        subtotal=subtotal,
        tax_rate=settings.tax_rate,
        tax=tax,
        total=subtotal + tax,
        currency=settings.currency,
        card_remaining=card_remaining,
    )


__all__ = [
    "CONSUMABLE",
    "Bill",
    "CardUse",
    "ChargeLine",
    "Facts",
    "FreeVisits",
    "PartInput",
    "TimeInput",
    "price_job",
]
