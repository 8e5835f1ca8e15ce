"""The condition report of a fleet visit as data: one section per unit.

Each unit gets its readings, its checks, the flags a fleet manager must act
on, the technician's recommended actions, the hour meter and the next due
date, which comes from the agreement through ``tech_app.rules.schedule``:
the calendar date of the next visit, or the meter reading at which the
agreement's hour interval is reached, whichever comes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from reports import gather
from reports.facts import (
    PRESENTATION,
    AssetFacts,
    ChecklistRow,
    CompanyInfo,
    Party,
    SignatureFacts,
)
from reports.labels import Labels
from tech_app.asset_history import ComparedReading, compared_readings
from tech_app.blobs import BlobStore
from tech_app.errors import ValidationError
from tech_app.records import Contract
from tech_app.rules.schedule import MaintenancePlan, next_due, term_ends_on
from tech_app.store.local import LocalStore
from tech_app.vocab import JobType

# Choice answers that mean the unit failed the check (e.g. the brake test).
FAILING_CHOICES = frozenset({"fail", "failed"})
RECOMMENDATION_ITEM = "recommendation"


@dataclass(frozen=True)
class PreviousReading:
    """The unit's reading of an item on its last visit, and how far this visit's moved."""

    item_key: str
    value: str
    job_number: str
    visit_date: date
    change: Decimal | None  # None when there is nothing to compare yet
    tolerance: Decimal | None
    beyond_tolerance: bool


@dataclass(frozen=True)
class Flag:
    kind: str  # out_of_range, changed, answer_no, failed, missing
    row: ChecklistRow
    previous: PreviousReading | None = None  # for "changed": the reading it jumped from


@dataclass(frozen=True)
class NextDue:
    due_on: date | None  # None for an hours-only agreement
    months: int | None  # calendar step of the agreement
    at_hours: int | None  # hour meter reading that also makes the visit due
    after_term_end: date | None  # set when the due date falls after the agreement ends


@dataclass(frozen=True)
class UnitReport:
    position: int  # 1-based, as the unit is numbered on the report
    asset: AssetFacts
    readings: tuple[ChecklistRow, ...]
    previous: tuple[PreviousReading, ...]  # last visit's readings of this unit's items
    checks: tuple[ChecklistRow, ...]
    flags: tuple[Flag, ...]
    recommendations: str
    next_due: NextDue | None


@dataclass(frozen=True)
class ConditionData:
    job_id: str
    job_number: str
    visit_date: date
    company: CompanyInfo
    party: Party
    contract_name: str
    technician: str
    units: tuple[UnitReport, ...]
    signature: SignatureFacts | None
    labels: Labels = field(metadata=PRESENTATION)
    # An inspection round (巡检) ends in an inspection report: the same pages, its own title.
    title_key: str = field(default="condition_title", metadata=PRESENTATION)


def previous_of(compared: ComparedReading, key: str) -> PreviousReading:
    change = compared.change
    return PreviousReading(
        item_key=key,
        value=compared.previous.value,
        job_number=compared.previous.job_number,
        visit_date=compared.previous.visited_at.date(),
        change=change.change if change else None,
        tolerance=change.tolerance if change else None,
        beyond_tolerance=bool(change and change.beyond_tolerance),
    )


def flags_of(
    rows: tuple[ChecklistRow, ...], previous: tuple[PreviousReading, ...] = ()
) -> tuple[Flag, ...]:
    jumps = {p.item_key: p for p in previous if p.beyond_tolerance}
    flags = []
    for row in rows:
        if row.value is None and row.required:
            flags.append(Flag("missing", row))
        elif row.out_of_range:
            flags.append(Flag("out_of_range", row))
        elif row.kind == "yes_no" and row.value == "no":
            flags.append(Flag("answer_no", row))
        elif row.kind == "choice" and (row.value or "").lower() in FAILING_CHOICES:
            flags.append(Flag("failed", row))
        # A jump against the last visit is its own finding, even for a reading out of range.
        if row.item_key in jumps and row.value is not None:
            flags.append(Flag("changed", row, jumps[row.item_key]))
    return tuple(flags)


def due_of(contract: Contract | None, on_date: date, hour_meter: int | None) -> NextDue | None:
    if contract is None:
        return None
    try:
        plan = MaintenancePlan(contract.visits_per_year, contract.interval_hours)
    except ValidationError:
        return None  # an agreement the schedule rules cannot plan (e.g. 5 visits a year)
    due_on: date | None = None
    if plan.months_between_visits is not None:
        # The visit being reported is the last service; the schedule counts from it.
        due_on = next_due(plan, on_date).due_on
    at_hours = (
        hour_meter + plan.interval_hours
        if hour_meter is not None and plan.interval_hours is not None
        else None
    )
    ends = term_ends_on(contract.starts_on, contract.term_months)
    return NextDue(
        due_on=due_on,
        months=plan.months_between_visits,
        at_hours=at_hours,
        after_term_end=ends if due_on is not None and due_on > ends else None,
    )


def build_condition_data(
    store: LocalStore, job_id: str, lang: str = "en", *, blobs: BlobStore | None = None
) -> ConditionData:
    """Gather the condition report of a job (by number or id)."""
    labels = Labels(lang)
    job = store.find_job(job_id)
    on_date = gather.visit_date(store, job)
    rows = gather.checklist_rows(store, job.id)
    contract = store.get(Contract, job.contract_id) if job.contract_id else None
    compared = compared_readings(store, job.id)
    units = []
    for position, asset in enumerate(gather.asset_facts(store, job, on_date, rows), start=1):
        own = tuple(r for r in rows if r.asset_id == asset.asset_id)
        previous = tuple(
            previous_of(compared[(asset.asset_id, r.item_key)], r.item_key)
            for r in own
            if r.kind == "number" and (asset.asset_id, r.item_key) in compared
        )
        recommendation = next((r.value or "" for r in own if r.item_key == RECOMMENDATION_ITEM), "")
        units.append(
            UnitReport(
                position=position,
                asset=asset,
                readings=tuple(r for r in own if r.kind == "number"),
                previous=previous,
                checks=tuple(
                    r for r in own if r.kind != "number" and r.item_key != RECOMMENDATION_ITEM
                ),
                flags=flags_of(own, previous),
                recommendations=recommendation,
                next_due=due_of(contract, on_date, asset.hour_meter),
            )
        )
    return ConditionData(
        job_id=job.id,
        job_number=job.number,
        visit_date=on_date,
        company=gather.company_info(store, blobs),
        party=gather.party_of(store, job),
        contract_name=contract.name if contract else "",
        technician=gather.technician_name(store, job),
        units=tuple(units),
        signature=gather.signature_facts(store, job.id, blobs),
        labels=labels,
        title_key=("inspection_title" if job.job_type is JobType.INSPECTION else "condition_title"),
    )
