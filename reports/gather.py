"""Reading the facts both documents print from the local store.

Everything here only reads; the warranty decisions come from
``tech_app.rules.warranty`` on the visit date, so a slip printed a year later
still says what was true on the day of the visit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Final

from reports.facts import (
    AssetFacts,
    ChecklistRow,
    CompanyInfo,
    Party,
    SignatureFacts,
    TermComponent,
    TermsFacts,
    WarrantyStatus,
)
from tech_app.bill import visit_day
from tech_app.blobs import BlobStore
from tech_app.checklist import HOUR_METER_ITEM, answers_of, checklists_of
from tech_app.company import company_settings
from tech_app.errors import NotFoundError, ValidationError
from tech_app.records import (
    Asset,
    Customer,
    Job,
    JobAsset,
    Signature,
    Site,
    TimeEntry,
)
from tech_app.rules.warranty import (
    EXCLUSION_TEXT,
    WarrantyTerms,
    check_warranty,
    terms_named,
)
from tech_app.store.local import LocalStore

TECHNICIAN_NAME_SETTING: Final = "technician_name"

# Early demo data named the terms "solar_heater"; the rules call them
# "solar_water_heater". Both spellings resolve to the same terms.
_TERMS_ALIASES: Final = {"solar_heater": "solar_water_heater"}


def company_info(store: LocalStore, blobs: BlobStore | None) -> CompanyInfo:
    """The header: the company settings head office sent (``tech_app.company``)."""
    settings = company_settings(store)
    logo_sha256 = settings.logo_sha256
    logo = (
        blobs.get(logo_sha256)
        if blobs is not None and logo_sha256 and blobs.has(logo_sha256)
        else None
    )
    return CompanyInfo(
        name=settings.company_name,
        hotline=settings.phone,
        address=settings.address,
        logo_sha256=logo_sha256,
        logo=logo,
        tax_id=settings.tax_id,
    )


def party_of(store: LocalStore, job: Job) -> Party:
    customer = store.get(Customer, job.customer_id)
    site = store.get(Site, job.site_id)
    return Party(
        customer_name=customer.name,
        customer_phone=customer.phone,
        site_address=site.address,
        contact_name=site.contact_name,
        contact_phone=site.contact_phone,
    )


def technician_name(store: LocalStore, job: Job) -> str:
    return store.setting(TECHNICIAN_NAME_SETTING) or job.assignee


def visit_date(store: LocalStore, job: Job) -> date:
    """The day of the visit in the company's time zone, as the bill counts it."""
    entries = store.select(TimeEntry, "job_id = ?", [job.id])
    return visit_day(job, entries, company_settings(store))


def linked_assets(store: LocalStore, job_id: str) -> list[tuple[JobAsset, Asset]]:
    links = store.select(JobAsset, "job_id = ?", [job_id], order_by="position")
    return [(link, store.get(Asset, link.asset_id)) for link in links]


def checklist_rows(store: LocalStore, job_id: str) -> tuple[ChecklistRow, ...]:
    """Answered items, and required items still unanswered, in template order per unit."""
    answers = answers_of(store, job_id)
    rows: list[ChecklistRow] = []
    for part in checklists_of(store, job_id):
        for item in part.template.items:
            answer = answers.get((part.asset_id, item.key))
            if answer is None and not item.required:
                continue
            rows.append(
                ChecklistRow(
                    asset_id=part.asset_id,
                    item_key=item.key,
                    label=item.label,
                    label_zh=item.label_zh,
                    kind=item.kind.value,
                    value=None if answer is None else answer.value,
                    unit=item.unit,
                    minimum=item.minimum,
                    maximum=item.maximum,
                    out_of_range=bool(answer and answer.out_of_range),
                    required=item.required,
                    choice_label=item.choice_label(answer.value) if answer else "",
                    choice_label_zh=item.choice_label(answer.value, True) if answer else "",
                )
            )
    return tuple(rows)


def _answer(rows: Sequence[ChecklistRow], asset_id: str, key: str) -> str | None:
    return next((r.value for r in rows if r.asset_id == asset_id and r.item_key == key), None)


def _meter(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(Decimal(value))
    except (InvalidOperation, ValueError):
        return None


def hour_meter_of(link: JobAsset, asset: Asset, rows: Sequence[ChecklistRow]) -> int | None:
    """This visit's reading if one was taken, else the last known meter."""
    read = _meter(_answer(rows, asset.id, HOUR_METER_ITEM))
    if read is not None:
        return read
    return link.hour_meter if link.hour_meter is not None else asset.hour_meter


def terms_of(asset: Asset) -> WarrantyTerms | None:
    if not asset.warranty_terms:
        return None
    return terms_named(_TERMS_ALIASES.get(asset.warranty_terms, asset.warranty_terms))


def _warranty(
    asset: Asset, on_date: date, hour_meter: int | None, cause: str = ""
) -> tuple[WarrantyStatus, ...]:
    """Every component of the unit's terms on the visit date, with the job's recorded
    cause of the fault applied as the bill applies it (``tech_app.bill``), so a line
    charged for "user dismantling" sits beside a decision saying so."""
    try:
        terms = terms_of(asset)
    except ValidationError as exc:
        return (WarrantyStatus("", False, "unknown", exc.reason, None),)
    if terms is None:
        return (
            WarrantyStatus("", False, "none", "No warranty terms recorded for this unit.", None),
        )
    if asset.purchased_on is None:
        return (WarrantyStatus("", False, "unknown", "The purchase date is not recorded.", None),)
    decisions = []
    for term in terms.components:
        try:
            found = check_warranty(
                terms,
                term.component,
                asset.purchased_on,
                max(on_date, asset.purchased_on),
                hour_meter=hour_meter,
                exclusions=(cause,) if cause else (),
            )
        except ValidationError as exc:
            decisions.append(WarrantyStatus(term.component, False, "unknown", exc.reason, None))
            continue
        decisions.append(
            WarrantyStatus(
                term.component, found.covered, found.code, found.reason, found.expires_on
            )
        )
    return tuple(decisions)


def asset_facts(
    store: LocalStore, job: Job, on_date: date, rows: Sequence[ChecklistRow]
) -> tuple[AssetFacts, ...]:
    facts = []
    for link, asset in linked_assets(store, job.id):
        meter = hour_meter_of(link, asset, rows)
        facts.append(
            AssetFacts(
                asset_id=asset.id,
                category=asset.category,
                make=asset.make,
                model=asset.model,
                serial=asset.serial,
                purchased_on=asset.purchased_on,
                purchased_at=asset.purchased_at,
                hour_meter=meter,
                warranty_terms=asset.warranty_terms,
                warranty=_warranty(asset, on_date, meter, job.fault_cause),
            )
        )
    return tuple(facts)


def terms_facts(store: LocalStore, job_id: str) -> tuple[TermsFacts, ...]:
    """Each distinct set of warranty terms among the job's units, in unit order."""
    seen: dict[str, TermsFacts] = {}
    for _link, asset in linked_assets(store, job_id):
        try:
            terms = terms_of(asset)
        except ValidationError:
            continue
        if terms is None or terms.name in seen:
            continue
        seen[terms.name] = TermsFacts(
            name=terms.name,
            components=tuple(
                TermComponent(t.component, t.months, t.hours) for t in terms.components
            ),
            exclusions=tuple(e.value for e in EXCLUSION_TEXT),
            free_visits_per_year=terms.free_visits_per_year,
            lifetime_repair=terms.lifetime_repair,
        )
    return tuple(seen.values())


def signature_facts(
    store: LocalStore, job_id: str, blobs: BlobStore | None
) -> SignatureFacts | None:
    """The latest signature; its image only if the blob is on this device."""
    found = store.select(Signature, "job_id = ?", [job_id], order_by="signed_at DESC, rowid DESC")
    if not found:
        return None
    signature = found[0]
    image = None
    if blobs is not None and not signature.on_paper:
        try:
            image = blobs.get(signature.image_sha256)
        except NotFoundError:
            image = None  # still downloading: the page says so, the hash is unaffected
    return SignatureFacts(
        signer_name=signature.signer_name,
        signed_at=signature.signed_at,
        image_sha256=signature.image_sha256,
        rating=signature.rating,
        comment=signature.comment,
        image=image,
        on_paper=signature.on_paper,
    )
