"""A job's bill from its records: the one assembly of pricing inputs, for every caller.

The laptop (``tech_app.charges``) and head office (``sync.server.job_bill``) each load
the records they hold into a ``JobRecords`` and call ``bill_of``; this module decides
the visit day, the warranty decisions (with the recorded cause of the fault applied),
the free visits and the card's count, then asks ``rules.pricing.price_job``. Neither
end builds a store for the other's sake, and neither prices any other way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from tech_app.errors import ValidationError
from tech_app.records import (
    Asset,
    CompanySettings,
    Contract,
    Job,
    Part,
    PartUsage,
    ServiceCard,
    TimeEntry,
)
from tech_app.rules.pricing import (
    Bill,
    CardUse,
    Facts,
    FreeVisits,
    PartInput,
    TimeInput,
    price_job,
)
from tech_app.rules.warranty import WarrantyDecision, check_warranty, terms_named
from tech_app.vocab import JobStatus, JobType, TimeKind


@dataclass(frozen=True)
class EarlierVisit:
    """Another visit that may have used a free visit or a card visit before this one."""

    job_id: str
    job_number: str
    job_type: JobType
    day: date
    asset_ids: tuple[str, ...] = ()
    card_id: str | None = None


@dataclass(frozen=True)
class JobRecords:
    """What pricing reads about one job, as either end holds it."""

    job: Job
    settings: CompanySettings
    assets: tuple[Asset, ...] = ()
    usages: tuple[PartUsage, ...] = ()
    parts: Mapping[str, Part] = field(default_factory=dict)  # by part id
    times: tuple[TimeEntry, ...] = ()
    contract: Contract | None = None
    card: ServiceCard | None = None
    earlier: tuple[EarlierVisit, ...] = ()  # other visits to the same units or on the card
    # A fitted part's own warranty (by part usage id): computed from the unit's fitting
    # history, which each end reads its own way (tech_app.coverage.fitted_part_warranty).
    own_warranty: Mapping[str, WarrantyDecision | None] = field(default_factory=dict)


def visit_day(job: Job, times: Iterable[TimeEntry], settings: CompanySettings) -> date:
    """The day a visit is priced on (warranty is judged that day), in the company's zone:
    the first time recorded, else the planned window, else the report."""
    starts = sorted(entry.started_at for entry in times)
    first: datetime = starts[0] if starts else job.window_start or job.reported_at
    return first.astimezone(settings.zone).date()


def unit_warranty(
    asset: Asset, on_date: date, component: str | None = None, *, cause: str = ""
) -> WarrantyDecision | None:
    """The warranty decision for a unit (its main component unless one is named), with a
    recorded cause of the fault applied as an exclusion.

    None when the unit has no warranty terms or no known purchase date.
    """
    if not asset.warranty_terms or asset.purchased_on is None:
        return None
    terms = terms_named(asset.warranty_terms)
    return check_warranty(
        terms,
        component or terms.components[0].component,
        asset.purchased_on,
        max(on_date, asset.purchased_on),
        hour_meter=asset.hour_meter if any(t.hours for t in terms.components) else None,
        exclusions=(cause,) if cause else (),
    )


def _component_decisions(
    asset: Asset | None, components: Iterable[str], on_date: date, cause: str
) -> dict[str, WarrantyDecision]:
    found: dict[str, WarrantyDecision] = {}
    if asset is None:
        return found
    for component in set(components):
        if not component:
            continue
        try:
            decision = unit_warranty(asset, on_date, component, cause=cause)
        except ValidationError:  # a part outside the unit's terms has no cover of its own
            continue
        if decision is not None:
            found[component] = decision
    return found


def _before(visit: EarlierVisit, job: Job, day: date) -> bool:
    return visit.job_id != job.id and (visit.day, visit.job_number) < (day, job.number)


def _free_visits(records: JobRecords, day: date) -> tuple[FreeVisits, ...]:
    job, settings = records.job, records.settings
    found = []
    for asset in records.assets:
        entitlement = settings.entitlement(asset.warranty_terms, job.job_type)
        if entitlement is None:
            continue
        allowed = entitlement.visits_per_year
        if entitlement.within_warranty:
            decision = unit_warranty(asset, day)
            allowed = allowed if decision is not None and decision.covered else 0
        used = sum(
            1
            for visit in records.earlier
            if asset.id in visit.asset_ids
            and visit.job_type is job.job_type
            and visit.day.year == day.year
            and _before(visit, job, day)
        )
        found.append(FreeVisits(asset.id, allowed, used))
    return tuple(found)


def _card_use(records: JobRecords, day: date) -> CardUse | None:
    card = records.card
    if card is None:
        return None
    used = sum(
        1
        for visit in records.earlier
        if visit.card_id == card.id and _before(visit, records.job, day)
    )
    return CardUse(card, used, card.valid_on(day))


def facts_of(records: JobRecords, day: date) -> Facts:
    job = records.job
    main = records.assets[0] if records.assets else None
    cause = job.fault_cause
    components = [records.parts[u.part_id].component for u in records.usages]
    categories = {c.strip().lower() for c in records.settings.free_servicing_categories}
    return Facts(
        units=max(1, len(records.assets)) if records.contract is not None else 1,
        warranty=unit_warranty(main, day, cause=cause) if main is not None else None,
        component_warranty=_component_decisions(main, components, day, cause),
        contract=records.contract,
        card=_card_use(records, day),
        free_visits=_free_visits(records, day),
        free_servicing=main is not None and main.category.strip().lower() in categories,
    )


def part_inputs(records: JobRecords) -> list[PartInput]:
    lines = []
    for usage in records.usages:
        if not usage.in_effect:
            continue  # taken back before sign-off: not charged, not on the slip
        part = records.parts[usage.part_id]
        lines.append(
            PartInput(
                ref=usage.id,
                part_number=part.number,
                unit=part.unit,
                quantity=usage.quantity,
                unit_price=usage.unit_price,
                component=part.component,
                claimed=usage.coverage,
                own_warranty=records.own_warranty.get(usage.id),
            )
        )
    return lines


def bill_of(
    records: JobRecords,
    *,
    on_date: date | None = None,
    times: Sequence[TimeInput] | None = None,
) -> Bill:
    """The job's bill; ``times`` replaces the recorded minutes (an estimate's plan)."""
    day = on_date or visit_day(records.job, records.times, records.settings)
    if times is None:
        times = [
            TimeInput(entry.kind, entry.minutes, entry.out_of_scope) for entry in records.times
        ]
    return price_job(
        records.job, part_inputs(records), times, records.settings, facts_of(records, day)
    )


def planned_times(minutes: int) -> list[TimeInput]:
    return [TimeInput(TimeKind.LABOUR, minutes)] if minutes else []


def counts_as_visit(job: Job) -> bool:
    """A job that uses up a free visit or a card visit: any not cancelled."""
    return job.status is not JobStatus.CANCELLED


__all__ = [
    "EarlierVisit",
    "JobRecords",
    "bill_of",
    "counts_as_visit",
    "facts_of",
    "part_inputs",
    "planned_times",
    "unit_warranty",
    "visit_day",
]
