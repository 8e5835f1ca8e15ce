"""The charges of a job, from what was recorded on it, through the pricing rules."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from tech_app.coverage import job_assets, job_warranty
from tech_app.records import Contract, Job, Part, PartUsage, TimeEntry
from tech_app.rules.pricing import (
    DEMO_HOME_RATES,
    Charges,
    ContractTerms,
    PartCharge,
    Rates,
    TimeCharge,
    price_visit,
)
from tech_app.store.local import LocalStore, utc_now
from tech_app.vocab import Coverage, TimeKind


def _visit_terms(
    store: LocalStore, job: Job, on_date: date
) -> tuple[ContractTerms | None, int, Coverage]:
    """Contract terms (if any), units on the visit, and who pays for time and call-out."""
    if job.contract_id is not None:
        contract = store.get(Contract, job.contract_id)
        terms = ContractTerms(
            visit_fee_per_unit=contract.visit_fee,
            out_of_scope_per_hour=contract.out_of_scope_per_hour,
            waiting_per_hour=contract.waiting_per_hour,
        )
        return terms, max(1, len(job_assets(store, job.id))), Coverage.CHARGED
    decisions = [d for d in job_warranty(store, job.id, on_date).values() if d is not None]
    # In warranty, quality or installation faults are fixed free: labour and call-out too.
    in_warranty = bool(decisions) and all(d.covered for d in decisions)
    return None, 1, Coverage.WARRANTY if in_warranty else Coverage.CHARGED


def _part_charges(store: LocalStore, job_id: str) -> list[PartCharge]:
    lines = []
    for usage in store.select(PartUsage, "job_id = ?", [job_id], order_by="used_at"):
        part = store.get(Part, usage.part_id)
        lines.append(
            PartCharge(part.number, part.name, usage.quantity, usage.unit_price, usage.coverage)
        )
    return lines


def _price(
    store: LocalStore,
    job_id: str,
    minutes: dict[TimeKind, int],
    rates: Rates,
    on_date: date | None,
) -> Charges:
    job = store.get(Job, job_id)
    contract, units, time_coverage = _visit_terms(store, job, on_date or utc_now().date())
    times = [TimeCharge(kind, total, time_coverage) for kind, total in minutes.items() if total]
    return price_visit(
        rates,
        _part_charges(store, job_id),
        times,
        call_out=time_coverage if contract is None else False,
        contract=contract,
        units=units,
    )


def job_charges(
    store: LocalStore, job_id: str, rates: Rates = DEMO_HOME_RATES, on_date: date | None = None
) -> Charges:
    """The running bill: parts used and minutes recorded so far."""
    minutes = dict.fromkeys(TimeKind, 0)
    for entry in store.select(TimeEntry, "job_id = ?", [job_id]):
        minutes[entry.kind] += entry.minutes
    return _price(store, job_id, minutes, rates, on_date)


def job_estimate(
    store: LocalStore,
    job_id: str,
    planned_minutes: int,
    rates: Rates = DEMO_HOME_RATES,
    on_date: date | None = None,
) -> Charges:
    """The price shown before repair: parts already picked plus the labour planned.

    Same calculation as the bill (the rules' ``estimate`` and ``price_visit`` agree).
    """
    return _price(store, job_id, {TimeKind.LABOUR: planned_minutes}, rates, on_date)


def charges_json(charges: Charges) -> str:
    """The lines as the customer saw them, kept with the consent."""
    return json.dumps(
        {
            "lines": [asdict(line) for line in charges.lines],
            "subtotal": charges.subtotal,
            "tax": charges.tax,
            "total": charges.total,
            "tax_rate": str(charges.tax_rate),
        },
        ensure_ascii=False,
    )
