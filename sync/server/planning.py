"""Contracts generate their visits: head office turns the visit plan into jobs.

``tech_app.rules.visit_plan`` says which visits a contract owes (one per site per due
date, all the units due that day); this module stores them as jobs with one
``job_assets`` row (and checklist) per unit, through ``dispatch.put_record``, so they
join the change sequence and reach the technician's devices like any dispatched job.

Planning is idempotent: a planned visit's id is derived from (contract, site, due
day), and its ``reported_at`` is the start of that day, so a job is recognised as
"the planned visit of that day" by recomputing its id. Planning again adds nothing;
a visit that has not started yet follows the plan (units that moved to an earlier
hour-meter visit leave it, newly due units join it, a visit after the contract's end
is cancelled); a visit under way or done is never touched.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any

from sqlalchemy.engine import Connection

from sync.server import auth, company, dispatch, gate, store
from sync.server.record_rows import (
    UnitVisit,
    done_visits_by_asset,
    live_by_id,
    live_rows,
    local_day,
    moment,
)
from tech_app.errors import NotFoundError, ValidationError
from tech_app.records import Contract, Job, JobAsset
from tech_app.records.codec import from_row
from tech_app.rules.schedule import ends_after_notice
from tech_app.rules.visit_plan import PlannedVisit, UnitOnContract, plan_visits, training_days
from tech_app.vocab import JobStatus, JobType

_NS = uuid.UUID("5d0f3b6e-8a41-4c9e-b1f2-3e7a9c6d2b10")
# A planned visit may still change with the plan until the technician sets off.
NOT_STARTED = frozenset({JobStatus.NEW, JobStatus.ASSIGNED})
VISIT_DAY_STARTS = time(8, 30)
VISIT_DAY_ENDS = time(17, 30)


def visit_id(contract_id: str, site_id: str, due_on: date) -> str:
    return str(uuid.uuid5(_NS, f"visit|{contract_id}|{site_id}|{due_on.isoformat()}"))


def training_id(contract_id: str, due_on: date) -> str:
    return str(uuid.uuid5(_NS, f"training|{contract_id}|{due_on.isoformat()}"))


def _job_asset_id(job_id: str, asset_id: str) -> str:
    return str(uuid.uuid5(_NS, f"job-asset|{job_id}|{asset_id}"))


@dataclass(frozen=True)
class PlanResult:
    created: tuple[str, ...] = ()  # job numbers
    changed: tuple[str, ...] = ()  # not-started visits whose units followed the plan
    cancelled: tuple[str, ...] = ()  # not-started visits the plan no longer owes
    visits: tuple[dict[str, Any], ...] = ()  # every visit owed in the horizon

    def as_json(self) -> dict[str, Any]:
        return {
            "created": list(self.created),
            "changed": list(self.changed),
            "cancelled": list(self.cancelled),
            "visits": list(self.visits),
        }


def _unit(
    asset: dict[str, Any], contract_id: str, history: list[UnitVisit], zone: tzinfo
) -> UnitOnContract:
    """The unit with its last service under the contract and a later meter reading, if any.

    The hour meter is read on every visit (``job_assets.hour_meter``); a reading taken
    after the last service (say on a breakdown call) shows how fast the meter runs.
    """
    services = [
        v for v in history if v.job.get("contract_id") == contract_id and v.hour_meter is not None
    ]
    if not services:
        return UnitOnContract(asset_id=str(asset["id"]), site_id=str(asset["site_id"]))
    last = services[-1]
    later = [v for v in history if v.completed_at > last.completed_at and v.hour_meter is not None]
    reading = later[-1] if later else None
    return UnitOnContract(
        asset_id=str(asset["id"]),
        site_id=str(asset["site_id"]),
        last_service_on=local_day(last.completed_at, zone),
        hours_at_last_service=last.hour_meter,
        hours_now=reading.hour_meter if reading else None,
        hours_read_on=local_day(reading.completed_at, zone) if reading else None,
    )


@dataclass(frozen=True)
class _Snapshot:
    """What planning reads, loaded once for all contracts (each contract's visits are its own,
    so visits written for one contract never change what the next one plans)."""

    jobs: dict[str, dict[str, Any]]
    links: list[dict[str, Any]]
    assets: list[dict[str, Any]]
    templates: list[dict[str, Any]]
    history: dict[str, list[UnitVisit]]
    zone: tzinfo  # the company's: planned visits are on its calendar days

    def links_of(self) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for link in self.links:
            found[str(link["job_id"])].append(link)
        return found


def _snapshot(conn: Connection) -> _Snapshot:
    return _Snapshot(
        jobs=live_by_id(conn, "jobs"),
        links=live_rows(conn, "job_assets"),
        assets=live_rows(conn, "assets"),
        templates=live_rows(conn, "checklist_templates"),
        history=done_visits_by_asset(conn),
        zone=company.zone(conn),
    )


def _templates(
    known: _Snapshot, contract_id: str, assets: dict[str, dict[str, Any]]
) -> dict[str, str | None]:
    """The checklist template per unit, at the newest revision of its code.

    A unit keeps the checklist of its last visit (one under the contract first); a unit
    never checked gets the one the contract's visits use most, else the one units of
    its category get most.
    """
    latest: dict[str, tuple[int, str]] = {}
    code_of: dict[str, str] = {}
    for template in known.templates:
        code_of[str(template["id"])] = template["code"]
        newest_so_far = latest.get(template["code"])
        if newest_so_far is None or template["revision"] > newest_so_far[0]:
            latest[template["code"]] = (template["revision"], str(template["id"]))
    jobs = known.jobs
    category_of = {str(a["id"]): str(a["category"]).strip().lower() for a in known.assets}
    last_any: dict[str, str] = {}
    last_contract: dict[str, str] = {}
    on_contract: Counter[str] = Counter()
    by_category: Counter[tuple[str, str]] = Counter()
    for link in known.links:  # in sequence order: later wins
        template_id, job = link.get("template_id"), jobs.get(str(link["job_id"]))
        if template_id not in code_of or job is None:
            continue
        newest = latest[code_of[template_id]][1]
        asset_id = str(link["asset_id"])
        last_any[asset_id] = newest
        by_category[(category_of.get(asset_id, ""), newest)] += 1
        if job.get("contract_id") == contract_id:
            last_contract[asset_id] = newest
            on_contract[newest] += 1
    chosen: dict[str, str | None] = {}
    for asset_id, asset in assets.items():
        category = str(asset["category"]).strip().lower()
        usual = [(n, t) for (c, t), n in by_category.items() if c == category]
        chosen[asset_id] = (
            last_contract.get(asset_id)
            or last_any.get(asset_id)
            or (on_contract.most_common(1)[0][0] if on_contract else None)
            or (max(usual)[1] if usual else None)
        )
    return chosen


def _visit_job(
    contract: Contract, visit: PlannedVisit, assignee: str, units: int, zone: tzinfo
) -> Job:
    job_id = visit_id(contract.id, visit.site_id, visit.due_on)
    reason = "hour meter" if visit.basis == "hours" else "calendar"
    return Job(
        id=job_id,
        number=f"PV-{visit.due_on:%y%m%d}-{job_id[:6].upper()}",
        job_type=contract.visit_type,
        customer_id=contract.customer_id,
        site_id=visit.site_id,
        problem=f"{contract.name}: scheduled {contract.visit_type.value} of {units} unit(s), "
        f"due by {reason}",
        reported_at=datetime.combine(visit.due_on, time(0), zone),
        window_start=datetime.combine(visit.due_on, VISIT_DAY_STARTS, zone),
        window_end=datetime.combine(visit.due_on, VISIT_DAY_ENDS, zone),
        assignee=assignee,
        status=JobStatus.ASSIGNED if assignee else JobStatus.NEW,
        contract_id=contract.id,
    )


def _training_job(
    contract: Contract,
    day: date,
    assets: dict[str, dict[str, Any]],
    owed: tuple[PlannedVisit, ...],
    assignee: str,
    zone: tzinfo,
) -> Job | None:
    """The yearly operator training, at the site of that day's visit (else the first site
    with units): the technician is there anyway, and the operators train on their trucks."""
    same_day = [v.site_id for v in owed if v.due_on == day]
    sites = same_day or sorted({str(a["site_id"]) for a in assets.values()})
    if not sites:
        return None
    job_id = training_id(contract.id, day)
    return Job(
        id=job_id,
        number=f"TR-{day:%y%m%d}-{job_id[:6].upper()}",
        job_type=JobType.TRAINING,
        customer_id=contract.customer_id,
        site_id=sites[0],
        problem=f"{contract.name}: yearly operator training on daily checks (free)",
        reported_at=datetime.combine(day, time(0), zone),
        window_start=datetime.combine(day, VISIT_DAY_STARTS, zone),
        window_end=datetime.combine(day, VISIT_DAY_ENDS, zone),
        assignee=assignee,
        status=JobStatus.ASSIGNED if assignee else JobStatus.NEW,
        contract_id=contract.id,
    )


def _is_planned(contract: Contract, job: dict[str, Any], zone: tzinfo) -> date | None:
    """The due day of a job that planning made for this contract, else None."""
    if job.get("contract_id") != contract.id:  # first: planning asks this of every job
        return None
    reported = moment(job.get("reported_at"))
    if reported is None:
        return None
    day = local_day(reported, zone)
    planned = (visit_id(contract.id, str(job["site_id"]), day), training_id(contract.id, day))
    return day if job["id"] in planned else None


def _remove_unit(conn: Connection, job: dict[str, Any], link: dict[str, Any]) -> None:
    owner = job.get("assignee") or ""
    if owner:
        store.tombstone(conn, owner, "job_assets", str(link["id"]))
    gate.write(conn, gate.OFFICE, "job_assets", link, deleted=True)


def plan_contract(
    conn: Connection,
    contract: Contract,
    first: date,
    until: date,
    assignee: str = "",
    known: _Snapshot | None = None,
) -> PlanResult:
    """Store the visits one contract owes from ``first`` to ``until`` (both included)."""
    known = known or _snapshot(conn)
    assets = {
        str(asset["id"]): asset
        for asset in known.assets
        if asset["customer_id"] == contract.customer_id
    }
    units = [
        _unit(asset, contract.id, known.history.get(key, []), known.zone)
        for key, asset in assets.items()
    ]
    owed = plan_visits(contract, units, first=first, last=until)
    template_of = _templates(known, contract.id, assets)
    jobs, links = known.jobs, known.links_of()
    created, changed, cancelled, shown = [], [], [], []
    owed_ids = set()
    for visit in owed:
        job = _visit_job(contract, visit, assignee, len(visit.asset_ids), known.zone)
        owed_ids.add(job.id)
        existing = jobs.get(job.id)
        if existing is None:
            dispatch.put_record(conn, job)
            created.append(job.number)
        elif JobStatus(existing["status"]) in NOT_STARTED:
            planned, job = job, from_row(Job, existing)
            have = {str(link["asset_id"]): link for link in links[job.id]}
            gone = [link for asset, link in have.items() if asset not in visit.asset_ids]
            for link in gone:
                _remove_unit(conn, existing, link)
            if gone or set(visit.asset_ids) - set(have):
                changed.append(job.number)
                job = dataclasses.replace(job, problem=planned.problem)  # the new unit count
                dispatch.put_record(conn, job)
        else:
            job = from_row(Job, existing)
        if existing is None or JobStatus(existing["status"]) in NOT_STARTED:
            for position, asset_id in enumerate(visit.asset_ids):
                dispatch.put_record(
                    conn,
                    JobAsset(
                        id=_job_asset_id(job.id, asset_id),
                        job_id=job.id,
                        asset_id=asset_id,
                        template_id=template_of.get(asset_id),
                        position=position,
                    ),
                )
        shown.append(
            {
                "job_id": job.id,
                "number": job.number,
                "site_id": visit.site_id,
                "due_on": visit.due_on.isoformat(),
                "basis": visit.basis,
                "asset_ids": list(visit.asset_ids),
                "status": job.status.value,
            }
        )
    for training_day in training_days(contract, first=first, last=until):
        training = _training_job(contract, training_day, assets, owed, assignee, known.zone)
        if training is None:
            continue
        owed_ids.add(training.id)
        if training.id not in jobs:
            dispatch.put_record(conn, training)
            created.append(training.number)
        shown.append(
            {
                "job_id": training.id,
                "number": training.number,
                "site_id": training.site_id,
                "due_on": training_day.isoformat(),
                "basis": "training",
                "asset_ids": [],
                "status": jobs.get(training.id, {}).get("status", training.status.value),
            }
        )
    for job_id, row in jobs.items():
        day = _is_planned(contract, row, known.zone)
        if day is None or not first <= day <= until or job_id in owed_ids:
            continue
        if JobStatus(row["status"]) in NOT_STARTED:
            dispatch.cancel(conn, job_id)
            cancelled.append(str(row["number"]))
    return PlanResult(tuple(created), tuple(changed), tuple(cancelled), tuple(shown))


def plan_all(conn: Connection, first: date, until: date, assignee: str = "") -> PlanResult:
    """Plan every contract; ``assignee`` (optional) gets the visits created now."""
    if assignee:
        auth.require_technician(conn, assignee)
    if until < first:
        raise ValidationError("until", f"{until.isoformat()} is before {first.isoformat()}")
    total = PlanResult()
    known = _snapshot(conn)
    for row in live_rows(conn, "contracts"):
        part = plan_contract(conn, from_row(Contract, row), first, until, assignee, known)
        total = PlanResult(
            total.created + part.created,
            total.changed + part.changed,
            total.cancelled + part.cancelled,
            total.visits + part.visits,
        )
    return total


def find_contract(conn: Connection, key: str) -> Contract:
    """A contract by id or by its exact name."""
    found = store.load(conn, "contracts", key)
    if found is not None and not found.deleted:
        return from_row(Contract, found.data)
    for row in live_rows(conn, "contracts"):
        if row["name"] == key:
            return from_row(Contract, row)
    raise NotFoundError("contract", key)


def end_contract(conn: Connection, key: str, notice_given_on: date) -> tuple[Contract, PlanResult]:
    """End a contract with its notice period: later planned visits not started are cancelled.

    Visits on or before the last day stay, and so does every visit already under way
    or done: the work was owed and may have been done.
    """
    contract = find_contract(conn, key)
    ends_on = ends_after_notice(notice_given_on, contract.notice_days)
    if ends_on < contract.starts_on:
        raise ValidationError(
            "notice_given_on", f"the contract starts on {contract.starts_on.isoformat()}"
        )
    ended = dataclasses.replace(contract, ended_on=ends_on)
    dispatch.put_record(conn, ended)
    cancelled = []
    for job_id, row in live_by_id(conn, "jobs").items():
        day = _is_planned(ended, row, company.zone(conn))
        if day is not None and day > ends_on and JobStatus(row["status"]) in NOT_STARTED:
            dispatch.cancel(conn, job_id)
            cancelled.append(str(row["number"]))
    return ended, PlanResult(cancelled=tuple(cancelled))
