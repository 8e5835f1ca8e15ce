"""The service slip as data: a frozen record of everything the page shows.

``build_slip_data`` reads the store once; the renderers draw only this record
(pretix-style), and ``reports.integrity`` hashes it. Charges are the job's
bill on the visit date as ``tech_app.charges.job_charges`` prices it (``bill_of`` over
``job_records``), so the slip shows exactly what the app shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from reports import gather
from reports.facts import (
    OMITTED_WHEN_EMPTY,
    PRESENTATION,
    AssetFacts,
    ChecklistRow,
    CompanyInfo,
    Party,
    SignatureFacts,
    TermsFacts,
)
from reports.labels import Labels
from reports.service_facts import ServiceFacts, service_facts
from tech_app.bill import bill_of
from tech_app.blobs import BlobStore
from tech_app.charges import job_records
from tech_app.records import Amendment, Consent, Contract, Estimate, Job
from tech_app.store.local import LocalStore
from tech_app.vocab import ChargeKind


@dataclass(frozen=True)
class PartLine:
    part_number: str
    name: str
    name_zh: str
    unit: str
    quantity: Decimal
    unit_price: int
    coverage: str
    amount: int  # what the customer pays, from the pricing rules
    list_amount: int
    serial_out: str
    serial_in: str
    reason: str = "charged"  # tech_app.vocab.ChargeReason: why it is covered or charged
    detail: str = ""  # e.g. the warranty exclusion that charged it


@dataclass(frozen=True)
class TimeLine:
    kind: str  # travel, labour, out_of_scope, waiting
    minutes: int
    per_hour: int
    coverage: str
    amount: int
    list_amount: int
    reason: str = "charged"
    detail: str = ""


@dataclass(frozen=True)
class FeeLine:
    kind: str  # call_out, visit_fee
    units: int
    unit_amount: int
    coverage: str
    amount: int
    list_amount: int
    reason: str = "charged"
    detail: str = ""


@dataclass(frozen=True)
class Totals:
    subtotal: int
    tax_rate: Decimal
    tax: int
    total: int
    covered_value: int  # pre-tax value of the work given free (warranty, contract, card …)
    currency: str = "CNY"
    card_remaining: int | None = None  # visits left on the customer's card after this one


@dataclass(frozen=True)
class EstimateLine:
    kind: str  # a ChargeKind value; "" for an estimate kept before lines had codes
    description: str  # the part number of a part line, or an old estimate's own words
    amount: int
    coverage: str = ""


@dataclass(frozen=True)
class EstimateFacts:
    total: int
    created_at: datetime
    lines: tuple[EstimateLine, ...]  # as the customer saw them; () if not readable
    subtotal: int | None
    tax: int | None
    tax_rate: Decimal | None
    consented_by: str  # "" = not consented yet
    consented_at: datetime | None


@dataclass(frozen=True)
class AmendmentFacts:
    revision: int
    reason: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class SlipData:
    job_id: str
    job_number: str
    job_type: str
    reported_at: datetime
    visit_date: date
    company: CompanyInfo
    party: Party
    contract_name: str
    assets: tuple[AssetFacts, ...]
    problem: str
    findings: str
    work_done: str
    checklist: tuple[ChecklistRow, ...]
    fees: tuple[FeeLine, ...]
    times: tuple[TimeLine, ...]
    parts: tuple[PartLine, ...]
    totals: Totals
    estimate: EstimateFacts | None
    signature: SignatureFacts | None
    technician: str
    terms: tuple[TermsFacts, ...]
    amendments: tuple[AmendmentFacts, ...]
    outcome: str  # tech_app.vocab.Outcome value, "" when not chosen
    payment_method: str  # tech_app.vocab.PaymentMethod value, "" when not recorded
    receipt_number: str
    labels: Labels = field(metadata=PRESENTATION)
    revision: int = field(default=1, metadata=PRESENTATION)  # the slip revision this prints as
    # The oil test, the complaint, the loaner unit, the training's attendance (issue 15).
    service: ServiceFacts = field(default=ServiceFacts(), metadata=OMITTED_WHEN_EMPTY)


def build_slip_data(
    store: LocalStore, job_id: str, lang: str = "en", *, blobs: BlobStore | None = None
) -> SlipData:
    """Gather the slip of a job (by number or id); ``blobs`` supplies the signature image."""
    labels = Labels(lang)
    job = store.find_job(job_id)
    on_date = gather.visit_date(store, job)
    rows = gather.checklist_rows(store, job.id)
    assets = gather.asset_facts(store, job, on_date, rows)
    contract = store.get(Contract, job.contract_id) if job.contract_id else None
    fees, times, parts, totals = _price_job(store, job, on_date)
    return SlipData(
        job_id=job.id,
        job_number=job.number,
        job_type=job.job_type.value,
        reported_at=job.reported_at,
        visit_date=on_date,
        company=gather.company_info(store, blobs),
        party=gather.party_of(store, job),
        contract_name=contract.name if contract else "",
        assets=assets,
        problem=job.problem,
        findings=job.findings,
        work_done=job.work_done,
        checklist=rows,
        fees=fees,
        times=times,
        parts=parts,
        totals=totals,
        estimate=_estimate(store, job.id),
        signature=gather.signature_facts(store, job.id, blobs),
        technician=gather.technician_name(store, job),
        terms=gather.terms_facts(store, job.id),
        amendments=tuple(
            AmendmentFacts(a.revision, a.reason, a.text, a.created_at)
            for a in store.select(Amendment, "job_id = ?", [job.id], order_by="revision")
        ),
        outcome=job.outcome.value if job.outcome else "",
        payment_method=job.payment_method.value if job.payment_method else "",
        receipt_number=job.receipt_number,
        labels=labels,
        revision=_next_revision(store, job.id),
        service=service_facts(store, job.id, rows),
    )


def _next_revision(store: LocalStore, job_id: str) -> int:
    found = store.db.execute(
        "SELECT max(revision) FROM slips WHERE job_id = ?", [job_id]
    ).fetchone()[0]
    return (found or 0) + 1


def next_slip_revision(store: LocalStore, job_id: str) -> int:
    """The revision the next issued slip of this job gets (1 for the first)."""
    return _next_revision(store, store.find_job(job_id).id)


def _price_job(
    store: LocalStore, job: Job, on_date: date
) -> tuple[tuple[FeeLine, ...], tuple[TimeLine, ...], tuple[PartLine, ...], Totals]:
    """The job's bill from ``tech_app.charges``, each line printed from its own facts.

    The pricing returns typed lines (kind, quantity, unit price, coverage, reason); a
    part line names its part usage, so the slip adds the part's names and serials
    from that row and never re-derives a rate.
    """
    # The records the bill was priced from also name each line's usage and part.
    records = job_records(store, job.id, on_date)
    charges = bill_of(records, on_date=on_date)
    usages = {u.id: u for u in records.usages}
    fees, times, parts = [], [], []
    for line in charges.lines:
        if line.kind in (ChargeKind.CALL_OUT, ChargeKind.VISIT_FEE):
            fees.append(
                FeeLine(
                    kind=line.kind.value,
                    units=int(line.quantity),
                    unit_amount=line.unit_price,
                    coverage=line.coverage.value,
                    amount=line.amount,
                    list_amount=line.list_amount,
                    reason=line.reason.value,
                    detail=line.detail,
                )
            )
        elif line.kind is ChargeKind.PART:
            usage = usages[line.ref]
            part = records.parts[usage.part_id]
            parts.append(
                PartLine(
                    part_number=part.number,
                    name=part.name,
                    name_zh=part.name_zh,
                    unit=part.unit,
                    quantity=usage.quantity,
                    unit_price=line.unit_price,
                    coverage=line.coverage.value,
                    amount=line.amount,
                    list_amount=line.list_amount,
                    serial_out=usage.serial_out,
                    serial_in=usage.serial_in,
                    reason=line.reason.value,
                    detail=line.detail,
                )
            )
        else:
            times.append(
                TimeLine(
                    kind=line.kind.value,
                    minutes=int(line.quantity),
                    per_hour=line.unit_price,
                    coverage=line.coverage.value,
                    amount=line.amount,
                    list_amount=line.list_amount,
                    reason=line.reason.value,
                    detail=line.detail,
                )
            )
    totals = Totals(
        charges.subtotal,
        charges.tax_rate,
        charges.tax,
        charges.total,
        charges.covered_value,
        charges.currency,
        charges.card_remaining,
    )
    return tuple(fees), tuple(times), tuple(parts), totals


def _estimate(store: LocalStore, job_id: str) -> EstimateFacts | None:
    """The latest estimate shown to the customer and their consent to it, if any."""
    found = store.select(Estimate, "job_id = ?", [job_id], order_by="created_at DESC, rowid DESC")
    if not found:
        return None
    estimate = found[0]
    consents = store.select(
        Consent, "estimate_id = ?", [estimate.id], order_by="consented_at DESC, rowid DESC"
    )
    consent = consents[0] if consents else None
    shown = _breakdown(estimate.breakdown)
    return EstimateFacts(
        total=estimate.total,
        created_at=estimate.created_at,
        lines=shown.lines,
        subtotal=shown.subtotal,
        tax=shown.tax,
        tax_rate=shown.tax_rate,
        consented_by=consent.consented_by if consent else "",
        consented_at=consent.consented_at if consent else None,
    )


@dataclass(frozen=True)
class _Breakdown:
    lines: tuple[EstimateLine, ...] = ()
    subtotal: int | None = None
    tax: int | None = None
    tax_rate: Decimal | None = None


def _amount(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _breakdown(text: str) -> _Breakdown:
    """The lines the customer saw, as ``tech_app.charges.charges_json`` keeps them.

    Anything unreadable (an older format, free text) shows the total only
    rather than failing the whole slip.
    """
    try:
        document = json.loads(text)
        items = document["lines"]
        lines = tuple(
            EstimateLine(
                str(item.get("kind", "")),
                str(item.get("part_number") or item.get("description") or ""),
                int(item["amount"]),
                str(item.get("coverage", "")),
            )
            for item in items
        )
        rate = Decimal(str(document["tax_rate"])) if "tax_rate" in document else None
    except (TypeError, ValueError, KeyError, ArithmeticError):
        return _Breakdown()
    return _Breakdown(lines, _amount(document.get("subtotal")), _amount(document.get("tax")), rate)


__all__ = [
    "AmendmentFacts",
    "EstimateFacts",
    "EstimateLine",
    "FeeLine",
    "PartLine",
    "SlipData",
    "TimeLine",
    "Totals",
    "build_slip_data",
    "next_slip_revision",
]
