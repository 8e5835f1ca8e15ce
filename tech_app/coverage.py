"""Who pays: the warranty status of a job's units and the coverage a part line starts with."""

from __future__ import annotations

from datetime import date

from tech_app.errors import ValidationError
from tech_app.records import Asset, Job, JobAsset, Part
from tech_app.rules.warranty import WarrantyDecision, check_warranty, terms_named
from tech_app.store.local import LocalStore, utc_now
from tech_app.vocab import Coverage


def asset_warranty(
    asset: Asset, on_date: date, component: str | None = None
) -> WarrantyDecision | None:
    """The warranty decision for a unit (its main component unless one is named).

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
    )


def job_assets(store: LocalStore, job_id: str) -> list[Asset]:
    links = store.select(JobAsset, "job_id = ?", [job_id], order_by="position")
    return [store.get(Asset, link.asset_id) for link in links]


def job_warranty(
    store: LocalStore, job_id: str, on_date: date | None = None
) -> dict[str, WarrantyDecision | None]:
    day = on_date or utc_now().date()
    return {asset.id: asset_warranty(asset, day) for asset in job_assets(store, job_id)}


def default_coverage(
    store: LocalStore, job_id: str, asset_id: str | None, part: Part, on_date: date | None = None
) -> Coverage:
    """The coverage a new part line starts with; the technician may override it.

    Under a maintenance contract the company supplies consumables (grease, oil)
    and the customer buys wear parts. Otherwise the part's own component decides
    against the unit's warranty.
    """
    job = store.get(Job, job_id)
    if job.contract_id is not None:
        return Coverage.CONTRACT if part.component == "consumable" else Coverage.CHARGED
    assets = job_assets(store, job_id)
    asset = next((a for a in assets if a.id == asset_id), assets[0] if assets else None)
    if asset is None:
        return Coverage.CHARGED
    try:
        decision = asset_warranty(asset, on_date or utc_now().date(), part.component or None)
    except ValidationError:  # a part outside the unit's terms is simply not covered
        decision = None
    return Coverage.WARRANTY if decision is not None and decision.covered else Coverage.CHARGED
