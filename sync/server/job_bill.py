"""What a job's slip charged, priced at head office by the very function the app prices with.

The slip's total is not stored as a number: it follows from the parts, times, contract,
card, warranty and the company's settings through ``tech_app.bill.bill_of``. Head office
reads the job's records from its own rows into the same typed ``JobRecords`` the laptop
builds from its store, so both ends ask one pure function and cannot disagree. No local
store or scratch database is involved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.server import company, store
from sync.server import tables as t
from tech_app.bill import EarlierVisit, JobRecords, bill_of, counts_as_visit, visit_day
from tech_app.coverage import InstalledPart, fitted_part_warranty
from tech_app.records import (
    Asset,
    CompanySettings,
    Contract,
    Job,
    JobAsset,
    Part,
    PartUsage,
    ServiceCard,
    TimeEntry,
)
from tech_app.records.codec import from_row
from tech_app.rules.pricing import Bill


def _load(conn: Connection, table: str, record_id: str) -> dict[str, Any] | None:
    found = store.load(conn, table, record_id)
    return None if found is None or found.deleted else found.data


def _children(conn: Connection, job_id: str, table: str) -> list[dict[str, Any]]:
    rows = []
    for child_table, record_id in store.children_of(conn, job_id):
        if child_table == table:
            data = _load(conn, table, record_id)
            if data is not None:
                rows.append(data)
    return rows


def _sharing(conn: Connection, job: Job, asset_ids: set[str]) -> list[str]:
    """The other jobs on the same units or the same card, found through ``job_refs``
    (indexed by record), so pricing one job never reads every job head office holds."""
    r = t.job_refs.c
    wanted = []
    if asset_ids:
        wanted.append(sa.and_(r.table_name == "assets", r.record_id.in_(sorted(asset_ids))))
    if job.card_id is not None:
        wanted.append(sa.and_(r.table_name == "service_cards", r.record_id == job.card_id))
    if not wanted:
        return []
    rows = conn.execute(
        sa.select(r.job_id).where(sa.or_(*wanted), r.job_id != job.id).distinct()
    ).all()
    return sorted(row.job_id for row in rows)


def _earlier(
    conn: Connection, job: Job, others: list[str], settings: CompanySettings
) -> list[EarlierVisit]:
    """Every other visit to the same units or on the same card, as head office holds them."""
    found = []
    for job_id in others:
        row = _load(conn, "jobs", job_id)
        if row is None:
            continue
        other = from_row(Job, row)
        if not counts_as_visit(other):
            continue
        linked = [str(link["asset_id"]) for link in _children(conn, job_id, "job_assets")]
        times = [from_row(TimeEntry, e) for e in _children(conn, job_id, "time_entries")]
        found.append(
            EarlierVisit(
                job_id=other.id,
                job_number=other.number,
                job_type=other.job_type,
                day=visit_day(other, times, settings),
                asset_ids=tuple(linked),
                card_id=other.card_id,
            )
        )
    return found


def _part(conn: Connection, parts: dict[str, Part], part_id: str) -> Part | None:
    if part_id not in parts:
        row = _load(conn, "parts", part_id)
        if row is None:
            return None
        parts[part_id] = from_row(Part, row)
    return parts[part_id]


def _fittings(
    conn: Connection, others: list[str], asset_id: str, parts: dict[str, Part]
) -> list[InstalledPart]:
    """Parts fitted to the unit on its other jobs with their serial, newest first."""
    fitted = []
    for job_id in others:
        for row in _children(conn, job_id, "part_usage"):
            if row.get("asset_id") != asset_id or not row.get("serial_in"):
                continue
            usage = from_row(PartUsage, row)
            if not usage.in_effect:
                continue
            part = _part(conn, parts, usage.part_id)
            if part is not None:
                fitted.append(
                    InstalledPart(part, usage.serial_in, usage.used_at.date(), usage.job_id)
                )
    return sorted(fitted, key=lambda f: f.installed_on, reverse=True)


def job_records(conn: Connection, job_id: str, on_date: date | None = None) -> JobRecords:
    """The job's records as pricing reads them, from head office's rows."""
    data = _load(conn, "jobs", job_id)
    if data is None:
        raise ValueError(f"no job {job_id}")
    job = from_row(Job, data)
    settings = company.current(conn)
    links = sorted(
        (from_row(JobAsset, row) for row in _children(conn, job_id, "job_assets")),
        key=lambda link: link.position,
    )
    assets = tuple(
        from_row(Asset, found)
        for found in (_load(conn, "assets", link.asset_id) for link in links)
        if found is not None
    )
    usages = tuple(
        sorted(
            (from_row(PartUsage, row) for row in _children(conn, job_id, "part_usage")),
            key=lambda u: u.used_at,
        )
    )
    catalogue: dict[str, Part] = {}
    for usage in usages:
        if _part(conn, catalogue, usage.part_id) is None:
            raise ValueError(f"job {job.number}: head office has no part {usage.part_id}")
    times = tuple(
        sorted(
            (from_row(TimeEntry, row) for row in _children(conn, job_id, "time_entries")),
            key=lambda t: t.started_at,
        )
    )
    day = on_date or visit_day(job, times, settings)
    others = _sharing(conn, job, {a.id for a in assets})
    own = {}
    for usage in usages:
        asset_id = usage.asset_id or (assets[0].id if assets else None)
        if asset_id is not None:
            own[usage.id] = fitted_part_warranty(
                _fittings(conn, others, asset_id, catalogue),
                catalogue[usage.part_id],
                day,
                serial_out=usage.serial_out,
            )
    contract = _load(conn, "contracts", job.contract_id) if job.contract_id else None
    card = _load(conn, "service_cards", job.card_id) if job.card_id else None
    return JobRecords(
        job=job,
        settings=settings,
        assets=assets,
        usages=usages,
        parts={u.part_id: catalogue[u.part_id] for u in usages},
        times=times,
        contract=from_row(Contract, contract) if contract else None,
        card=from_row(ServiceCard, card) if card else None,
        earlier=tuple(_earlier(conn, job, others, settings)),
        own_warranty=own,
    )


def job_bill(conn: Connection, job_id: str) -> Bill:
    return bill_of(job_records(conn, job_id))


def slip_total(conn: Connection, job_id: str) -> int:
    """The total (minor units, tax included) the job's slip shows."""
    return job_bill(conn, job_id).total
