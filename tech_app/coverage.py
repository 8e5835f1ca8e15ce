"""Who pays: the warranty status of a job's units and the coverage a part line starts with."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from tech_app.asset_history import summaries_of
from tech_app.bill import unit_warranty
from tech_app.errors import ValidationError
from tech_app.records import Asset, Job, JobAsset, Part, PartUsage
from tech_app.rules.pricing import CONSUMABLE
from tech_app.rules.warranty import WarrantyDecision, part_warranty
from tech_app.store.local import LocalStore, utc_now
from tech_app.vocab import Coverage


def asset_warranty(
    asset: Asset, on_date: date, component: str | None = None
) -> WarrantyDecision | None:
    """The warranty decision for a unit (its main component unless one is named).

    None when the unit has no warranty terms or no known purchase date.
    """
    return unit_warranty(asset, on_date, component)


def job_assets(store: LocalStore, job_id: str) -> list[Asset]:
    links = store.select(JobAsset, "job_id = ?", [job_id], order_by="position")
    return [store.get(Asset, link.asset_id) for link in links]


def job_warranty(
    store: LocalStore, job_id: str, on_date: date | None = None
) -> dict[str, WarrantyDecision | None]:
    day = on_date or utc_now().date()
    return {asset.id: asset_warranty(asset, day) for asset in job_assets(store, job_id)}


@dataclass(frozen=True)
class InstalledPart:
    """A part fitted to a unit with its serial recorded: it carries its own warranty."""

    part: Part
    serial: str
    installed_on: date
    job_id: str


def installed_parts(
    store: LocalStore, asset_id: str, *, current_job_id: str | None = None
) -> list[InstalledPart]:
    """Parts fitted to the unit on other jobs (serial recorded), newest first.

    Fittings on this technician's jobs come from their usage lines; fittings by
    colleagues from head office's summaries of the unit's earlier visits.
    """
    # Through the unit's job links (indexed), not part_usage.asset_id (which is not): a
    # line names a unit of its own job.
    usages = store.select(
        PartUsage,
        "job_id IN (SELECT job_id FROM job_assets WHERE asset_id = ?) "
        "AND asset_id = ? AND serial_in != '' AND job_id != ?",
        [asset_id, asset_id, current_job_id or ""],
    )
    usages = [u for u in usages if u.in_effect]
    fitted = [
        InstalledPart(store.get(Part, u.part_id), u.serial_in, u.used_at.date(), u.job_id)
        for u in usages
    ]
    held = {u.job_id for u in usages} | {current_job_id}
    for visit in summaries_of(store, asset_id):
        if visit.visit_job_id in held:
            continue
        for line in visit.parts:
            parts = store.select(Part, "number = ?", [line.part_number])
            if line.serial_in and parts:
                fitted.append(
                    InstalledPart(
                        parts[0], line.serial_in, visit.visited_at.date(), visit.visit_job_id
                    )
                )
    return sorted(fitted, key=lambda f: f.installed_on, reverse=True)


def fitted_part_warranty(
    fitted: list[InstalledPart], part: Part, on_date: date, *, serial_out: str = ""
) -> WarrantyDecision | None:
    """The own warranty of the part being taken out, counted from the day it was fitted.

    ``fitted`` is the unit's fitting history, newest first, as either end holds it. The
    part is found by the serial being removed; without one, it is the last fitting of
    the same part on the unit. None when no such fitting is recorded or the part has no
    period of its own.
    """
    serial = serial_out.strip()
    found = next(
        (f for f in fitted if (f.serial == serial if serial else f.part.id == part.id)), None
    )
    if found is None or found.part.warranty_months is None or found.installed_on > on_date:
        return None
    return part_warranty(found.part.number, found.part.warranty_months, found.installed_on, on_date)


def installed_part_warranty(
    store: LocalStore,
    job_id: str,
    asset_id: str,
    part: Part,
    on_date: date,
    *,
    serial_out: str = "",
) -> WarrantyDecision | None:
    """``fitted_part_warranty`` over the fittings this device knows of."""
    fitted = installed_parts(store, asset_id, current_job_id=job_id)
    return fitted_part_warranty(fitted, part, on_date, serial_out=serial_out)


def default_coverage(
    store: LocalStore,
    job_id: str,
    asset_id: str | None,
    part: Part,
    on_date: date | None = None,
    *,
    serial_out: str = "",
) -> Coverage:
    """The coverage a new part line starts with; the technician may override it.

    A replacement for a part fitted earlier and still inside its own period is
    warranty work, whatever the unit's terms or the contract say. Under a
    maintenance contract the company supplies consumables (grease, oil) and the
    customer buys wear parts. Otherwise the part's own component decides against
    the unit's warranty.
    """
    day = on_date or utc_now().date()
    assets = job_assets(store, job_id)
    asset = next((a for a in assets if a.id == asset_id), assets[0] if assets else None)
    if asset is not None:
        own = installed_part_warranty(store, job_id, asset.id, part, day, serial_out=serial_out)
        if own is not None and own.covered:
            return Coverage.WARRANTY
    job = store.get(Job, job_id)
    if job.contract_id is not None:
        return Coverage.CONTRACT if part.component == CONSUMABLE else Coverage.CHARGED
    if job.card_id is not None and part.component == CONSUMABLE:
        return Coverage.CARD  # a card's cleaning visit includes its consumables (the filter)
    if asset is None:
        return Coverage.CHARGED
    try:
        decision = asset_warranty(asset, day, part.component or None)
    except ValidationError:  # a part outside the unit's terms is simply not covered
        decision = None
    return Coverage.WARRANTY if decision is not None and decision.covered else Coverage.CHARGED


def record_fault_cause(store: LocalStore, job_id: str, cause: str) -> Job:
    """Record what caused the fault: "" for a quality or installation fault, else the
    warranty exclusion (``vocab.Exclusion``) that makes covered-looking lines charged."""
    job = store.get(Job, job_id)
    return store.save(dataclasses.replace(job, fault_cause=cause))
