"""What a job's overview shows, gathered once: the view paints it and asks for nothing else.

Opening a job used to have the view assemble its first screen from six core modules,
each reading the job, its units and its bill again (the bill was priced three times
for one open). ``job_overview`` reads the records pricing needs once
(``charges.job_records``), decides from them the units' warranty, the flags and the SLA
timers, and returns one frozen ``JobOverview``, as the slip has its ``SlipData``. The
tabs behind the overview (checklist, parts, time, charges, history) read their own
records when they are first shown.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from tech_app.bill import unit_warranty
from tech_app.charges import job_records
from tech_app.coverage import job_assets
from tech_app.errors import TechAppError
from tech_app.job_flags import JobFlag, flags_of, note_flags
from tech_app.job_sla import job_timers
from tech_app.records import Asset, Contract, Customer, Job, Site
from tech_app.records.jobs import next_steps
from tech_app.rules.sla import SlaTimer
from tech_app.rules.warranty import WarrantyDecision
from tech_app.service_visits import replaced_at
from tech_app.signoff import consented_total
from tech_app.store.local import LocalStore
from tech_app.vocab import JobStatus


@dataclass(frozen=True)
class UnitOverview:
    """One unit on the job and its warranty today (None: no terms or no purchase date)."""

    asset: Asset
    warranty: WarrantyDecision | None


@dataclass(frozen=True)
class JobOverview:
    """Everything the job's first screen shows, decided by the rules that own each part."""

    job: Job
    customer: Customer
    site: Site
    contract: Contract | None
    units: tuple[UnitOverview, ...]
    timers: tuple[SlaTimer, ...]
    flags: tuple[JobFlag, ...]
    next_steps: tuple[JobStatus, ...]
    # False when the bill cannot be priced (the flags are then head office's note alone).
    priced: bool = True


def job_overview(store: LocalStore, job_id: str, today: date, now: datetime) -> JobOverview:
    """The overview of one job on this device: a handful of reads, the bill priced once.

    ``today`` is the day warranty and pricing are judged on (the technician's today),
    ``now`` the moment the SLA countdowns run to.
    """
    try:
        records = job_records(store, job_id, today)
    except TechAppError:
        # A bill that cannot be priced (a record pricing refuses) must not hide the job.
        job = store.get(Job, job_id)
        assets: tuple[Asset, ...] = tuple(job_assets(store, job_id))
        contract = store.get(Contract, job.contract_id) if job.contract_id else None
        flags, priced = note_flags(job.flagged, job.status), False
    else:
        job, assets, contract = records.job, records.assets, records.contract
        try:
            flags = flags_of(records, consented_total(store, job_id), on_date=today)
            priced = True
        except TechAppError:
            flags, priced = note_flags(job.flagged, job.status), False
    return JobOverview(
        job=job,
        customer=store.get(Customer, job.customer_id),
        site=store.get(Site, job.site_id),
        contract=contract,
        units=tuple(UnitOverview(asset, unit_warranty(asset, today)) for asset in assets),
        timers=sla_timers_of(store, job, now),
        flags=flags,
        next_steps=next_steps(job.status),
        priced=priced,
    )


def sla_timers_of(store: LocalStore, job: Job, now: datetime) -> tuple[SlaTimer, ...]:
    """The job's SLA countdowns at ``now``; a loaner in place keeps the 8 h promise."""
    return job_timers(dataclasses.asdict(job), now, replaced_at=replaced_at(store, job.id))


__all__ = ["JobOverview", "UnitOverview", "job_overview", "sla_timers_of"]
