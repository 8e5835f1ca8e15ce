"""The charges of a job on the laptop: its records read from the local store, priced once.

``job_records`` loads what ``tech_app.bill`` needs; ``job_charges`` (the running bill)
and ``job_estimate`` (the price shown before repair) are the same calculation.
"""

from __future__ import annotations

import json
from datetime import date

from tech_app.asset_history import summaries_of
from tech_app.bill import (
    EarlierVisit,
    JobRecords,
    bill_of,
    counts_as_visit,
    planned_times,
    visit_day,
)
from tech_app.company import company_settings
from tech_app.coverage import InstalledPart, fitted_part_warranty, installed_parts, job_assets
from tech_app.records import Contract, Job, JobAsset, Part, PartUsage, ServiceCard, TimeEntry
from tech_app.records.settings import CompanySettings
from tech_app.rules.pricing import Bill, ChargeLine
from tech_app.store.local import LocalStore
from tech_app.vocab import JobType


def _earlier_visits(
    store: LocalStore, job: Job, asset_ids: list[str], settings: CompanySettings
) -> list[EarlierVisit]:
    """This device's other jobs on the same units or card, and head office's summaries of
    colleagues' visits to the units (enough to count a year's free visits)."""
    found: dict[str, EarlierVisit] = {}
    marks = ",".join("?" * len(asset_ids))
    where = (
        [f"id IN (SELECT job_id FROM job_assets WHERE asset_id IN ({marks}))"] if asset_ids else []
    )
    params: list[object] = [*asset_ids]
    if job.card_id is not None:
        where.append("card_id = ?")
        params.append(job.card_id)
    if where:
        for other in store.select(Job, f"({' OR '.join(where)}) AND id != ?", [*params, job.id]):
            if not counts_as_visit(other):
                continue
            times = store.select(TimeEntry, "job_id = ?", [other.id])
            links = store.select(JobAsset, "job_id = ?", [other.id])
            found[other.id] = EarlierVisit(
                job_id=other.id,
                job_number=other.number,
                job_type=other.job_type,
                day=visit_day(other, times, settings),
                asset_ids=tuple(link.asset_id for link in links),
                card_id=other.card_id,
            )
    for asset_id in asset_ids:
        for summary in summaries_of(store, asset_id):
            if summary.visit_job_id in found or summary.visit_job_id == job.id:
                continue
            try:
                job_type = JobType(summary.job_type)
            except ValueError:
                continue
            found[summary.visit_job_id] = EarlierVisit(
                job_id=summary.visit_job_id,
                job_number=summary.job_number,
                job_type=job_type,
                day=summary.visited_at.astimezone(settings.zone).date(),
                asset_ids=(asset_id,),
            )
    return list(found.values())


def _parts_of(store: LocalStore, part_ids: set[str]) -> dict[str, Part]:
    """The catalogue parts of the job's lines, by id, in one read."""
    if not part_ids:
        return {}
    marks = ",".join("?" * len(part_ids))
    found = {p.id: p for p in store.select(Part, f"id IN ({marks})", sorted(part_ids))}
    missing = part_ids - found.keys()
    if missing:  # as store.get would say it
        store.get(Part, sorted(missing)[0])
    return found


def job_records(store: LocalStore, job_id: str, on_date: date | None = None) -> JobRecords:
    """Everything pricing reads about the job, from this device's store."""
    job = store.get(Job, job_id)
    settings = company_settings(store)
    times = tuple(store.select(TimeEntry, "job_id = ?", [job_id], order_by="started_at"))
    day = on_date or visit_day(job, times, settings)
    assets = tuple(job_assets(store, job_id))
    usages = tuple(store.select(PartUsage, "job_id = ?", [job_id], order_by="used_at"))
    parts = _parts_of(store, {u.part_id for u in usages})
    own = {}
    fitted: dict[str, list[InstalledPart]] = {}  # the unit's fitting history, read once
    for usage in usages:
        asset_id = usage.asset_id or (assets[0].id if assets else None)
        if asset_id is None:
            continue
        if asset_id not in fitted:
            fitted[asset_id] = installed_parts(store, asset_id, current_job_id=job_id)
        own[usage.id] = fitted_part_warranty(
            fitted[asset_id], parts[usage.part_id], day, serial_out=usage.serial_out
        )
    return JobRecords(
        job=job,
        settings=settings,
        assets=assets,
        usages=usages,
        parts=parts,
        times=times,
        contract=store.get(Contract, job.contract_id) if job.contract_id else None,
        card=store.get(ServiceCard, job.card_id) if job.card_id else None,
        earlier=tuple(_earlier_visits(store, job, [a.id for a in assets], settings)),
        own_warranty=own,
    )


def job_charges(store: LocalStore, job_id: str, on_date: date | None = None) -> Bill:
    """The running bill: parts used and minutes recorded so far."""
    return bill_of(job_records(store, job_id, on_date), on_date=on_date)


def job_estimate(
    store: LocalStore, job_id: str, planned_minutes: int, on_date: date | None = None
) -> Bill:
    """The price shown before repair: parts already picked plus the labour planned."""
    return bill_of(
        job_records(store, job_id, on_date),
        on_date=on_date,
        times=planned_times(planned_minutes),
    )


def job_bills(
    store: LocalStore, job_id: str, planned_minutes: int, on_date: date | None = None
) -> tuple[Bill, Bill]:
    """The estimate and the running bill side by side (the charges tab), from one read
    of the job's records."""
    records = job_records(store, job_id, on_date)
    return (
        bill_of(records, on_date=on_date, times=planned_times(planned_minutes)),
        bill_of(records, on_date=on_date),
    )


def _line_json(line: ChargeLine) -> dict[str, object]:
    return {
        "kind": line.kind.value,
        "quantity": str(line.quantity),
        "unit": line.unit,
        "unit_price": line.unit_price,
        "amount": line.amount,
        "list_amount": line.list_amount,
        "coverage": line.coverage.value,
        "reason": line.reason.value,
        "detail": line.detail,
        "part_number": line.part_number,
    }


def charges_json(charges: Bill) -> str:
    """The lines as the customer saw them (codes, not words), kept with the consent."""
    return json.dumps(
        {
            "lines": [_line_json(line) for line in charges.lines],
            "subtotal": charges.subtotal,
            "tax": charges.tax,
            "total": charges.total,
            "tax_rate": str(charges.tax_rate),
            "currency": charges.currency,
        },
        ensure_ascii=False,
    )
