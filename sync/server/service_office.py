"""Head office's side of the service systems: refunds of overcharges, the technicians'
rating report, customer files and the list by class, complaints, and the spare pools of
equipment-support contracts.

Everything reads through ``record_rows`` / ``store`` and writes through the gate
(``dispatch.put_record``, ``van_stock.record_movement``), like every office change.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.engine import Connection

from sync.server import company, dispatch, van_stock
from sync.server.cards import find_customer
from sync.server.follow_ups import overcharges_by_job
from sync.server.planning import find_contract
from sync.server.record_rows import live_by_id, live_rows, moment
from sync.server.sla_overview import sla_overview
from tech_app.customer_file import CustomerFile, build_customer_file
from tech_app.errors import ValidationError
from tech_app.money import format_money
from tech_app.records import Refund
from tech_app.service_visits import SparePool, spare_pool
from tech_app.vocab import PaymentMethod, SlaState, StockMove

UNASSIGNED = "(unassigned)"


# -- refunds ---------------------------------------------------------------------------
def refunded_by_job(conn: Connection) -> dict[str, int]:
    paid: dict[str, int] = defaultdict(int)
    for row in live_rows(conn, "refunds"):
        paid[str(row["job_id"])] += int(row["amount"])
    return dict(paid)


def record_refund(
    conn: Connection,
    key: str,
    amount: int,
    method: PaymentMethod | str,
    refunded_by: str,
    at: datetime,
    note: str = "",
) -> dict[str, Any]:
    """Pay back (part of) the overcharge a follow-up found on a job; never more than it."""
    job = dispatch.find_job(conn, key)
    over = overcharges_by_job(conn).get(job.id, 0)
    if not over:
        raise dispatch.DispatchError(f"job {job.data['number']} has no overcharge to refund")
    left = over - refunded_by_job(conn).get(job.id, 0)
    if amount > left:
        raise ValidationError(
            "amount",
            f"{format_money(amount)} is more than the {format_money(left)} left to refund "
            f"of the {format_money(over)} overcharge",
        )
    refund = Refund(
        job_id=job.id,
        amount=amount,
        method=PaymentMethod(method),
        refunded_by=refunded_by,
        refunded_at=at,
        note=note,
    )
    dispatch.put_record(conn, refund)
    return {
        "refund_id": refund.id,
        "job_number": job.data["number"],
        "technician": job.data.get("assignee") or None,
        "amount": amount,
        "method": refund.method.value,
        "refunded_by": refunded_by,
        "refunded_at": at.isoformat(),
        "overcharge": over,
        "left_to_refund": left - amount,
    }


# -- the technicians' rating report ----------------------------------------------------
RATING_COLUMNS = (
    "technician",
    "jobs_done",
    "follow_ups_answered",
    "problem_solved",
    "on_time",
    "attitude_average",
    "skill_average",
    "overcharges",
    "overcharged_amount",
    "refunded_amount",
    "sla_met",
    "sla_breached",
    "sla_at_risk",
)


def _average(values: list[int]) -> str | None:
    if not values:
        return None
    return str((Decimal(sum(values)) / len(values)).quantize(Decimal("0.01")))


def technician_ratings(
    conn: Connection, first: date, last: date, now: datetime
) -> list[dict[str, Any]]:
    """Per technician, the visits completed in the period (company days, both included):
    what the customers said on the follow-up, the overcharges against them and what was
    refunded, and how their SLA promises went (jobs reported in the period)."""
    if last < first:
        raise ValidationError("to", f"{last.isoformat()} is before {first.isoformat()}")
    zone = company.zone(conn)
    start = datetime.combine(first, time(0), zone)
    end = datetime.combine(last + timedelta(days=1), time(0), zone)
    feedback = defaultdict(list)
    for row in live_rows(conn, "feedback"):
        feedback[str(row["job_id"])].append(row)
    over, refunded = overcharges_by_job(conn), refunded_by_job(conn)
    table: dict[str, dict[str, Any]] = {}

    def of(name: str) -> dict[str, Any]:
        return table.setdefault(
            name,
            {
                "technician": name,
                "jobs_done": 0,
                "follow_ups_answered": 0,
                "problem_solved": 0,
                "on_time": 0,
                "_attitude": [],
                "_skill": [],
                "overcharges": 0,
                "overcharged_amount": 0,
                "refunded_amount": 0,
                "sla_met": 0,
                "sla_breached": 0,
                "sla_at_risk": 0,
            },
        )

    for job in live_rows(conn, "jobs"):
        completed = moment(job.get("completed_at"))
        if completed is None or not start <= completed < end:
            continue
        entry = of(str(job.get("assignee") or UNASSIGNED))
        entry["jobs_done"] += 1
        for answers in feedback.get(str(job["id"]), []):
            if answers.get("attitude") is None and answers.get("problem_solved") is None:
                continue  # a signature-time rating only; the follow-up asks the questions
            entry["follow_ups_answered"] += 1
            entry["problem_solved"] += bool(answers.get("problem_solved"))
            entry["on_time"] += bool(answers.get("on_time"))
            if answers.get("attitude") is not None:
                entry["_attitude"].append(int(answers["attitude"]))
            if answers.get("skill") is not None:
                entry["_skill"].append(int(answers["skill"]))
        if over.get(str(job["id"])):
            entry["overcharges"] += 1
            entry["overcharged_amount"] += over[str(job["id"])]
            entry["refunded_amount"] += refunded.get(str(job["id"]), 0)
    for row in sla_overview(conn, first, last, now)["by_technician"]:
        entry = of(str(row["technician"]))
        entry["sla_met"] += row[SlaState.MET.value]
        entry["sla_breached"] += row[SlaState.BREACHED.value]
        entry["sla_at_risk"] += row[SlaState.AT_RISK.value]
    out = []
    for name in sorted(table):
        entry = table[name]
        entry["attitude_average"] = _average(entry.pop("_attitude"))
        entry["skill_average"] = _average(entry.pop("_skill"))
        out.append({k: entry[k] for k in RATING_COLUMNS})
    return out


def ratings_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RATING_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row[k] is None else row[k] for k in RATING_COLUMNS})
    return out.getvalue()


# -- customer files ------------------------------------------------------------------------
def _file_of(customer: dict[str, Any], known: dict[str, list[dict[str, Any]]]) -> CustomerFile:
    return build_customer_file(
        customer,
        jobs=known["jobs"],
        assets=known["assets"],
        contracts=known["contracts"],
        feedback=known["feedback"],
        signatures=known["signatures"],
        complaints=known["complaints"],
        refunds=known["refunds"],
    )


def _known(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    tables = ("jobs", "assets", "contracts", "feedback", "signatures", "complaints", "refunds")
    return {name: live_rows(conn, name) for name in tables}


def customer_file(conn: Connection, key: str) -> CustomerFile:
    """One customer's file, by id, phone or exact name."""
    customer = find_customer(conn, key)
    return _file_of(live_by_id(conn, "customers")[customer.id], _known(conn))


def update_customer_file(
    conn: Connection,
    key: str,
    *,
    purchase_reason: str | None = None,
    promises: str | None = None,
    customer_class: str | None = None,
) -> CustomerFile:
    """Write what the office learnt into the file (through the gate); the customer's laptops
    receive it on their next sync."""
    customer = find_customer(conn, key)
    changes = {
        name: value
        for name, value in (
            ("purchase_reason", purchase_reason),
            ("promises", promises),
            ("customer_class", customer_class),
        )
        if value is not None
    }
    if changes:
        dispatch.put_record(conn, dataclasses.replace(customer, **changes))
    return customer_file(conn, customer.id)


def customers_by_class(conn: Connection, customer_class: str | None = None) -> list[dict[str, Any]]:
    """Every customer (or those of one class), A first, with what their file adds up to."""
    if customer_class is not None and customer_class not in ("A", "B", "C"):
        raise ValidationError("class", f"{customer_class!r} is not one of: A, B, C")
    known = _known(conn)
    out = []
    for customer in live_rows(conn, "customers"):
        if customer_class and customer["customer_class"] != customer_class:
            continue
        found = _file_of(customer, known)
        satisfaction = found.satisfaction
        out.append(
            {
                "id": found.customer_id,
                "name": found.name,
                "phone": found.phone,
                "class": found.customer_class,
                "units": len(found.units),
                "contracts": len(found.contracts),
                "visits": len(found.visits),
                "complaints": len(found.complaints),
                "satisfaction": None if satisfaction is None else str(satisfaction),
            }
        )
    out.sort(key=lambda c: (c["class"], c["name"]))
    return out


# -- complaints ------------------------------------------------------------------------------
def list_complaints(conn: Connection) -> list[dict[str, Any]]:
    """Every complaint recorded, newest first, with its job and customer."""
    jobs, customers = live_by_id(conn, "jobs"), live_by_id(conn, "customers")
    out = []
    for row in live_rows(conn, "complaints"):
        job = jobs.get(str(row["job_id"]))
        if job is None:
            continue
        out.append(
            {
                "job_number": job["number"],
                "customer": customers.get(str(job["customer_id"]), {}).get("name", ""),
                "technician": job.get("assignee") or None,
                "complaint_type": row["complaint_type"],
                "key_points": row["key_points"],
                "plan": row["plan"],
                "deadline": row["deadline"],
                "agreed": bool(row["agreed"]),
                "agreed_by": row["agreed_by"],
                "recorded_at": row["recorded_at"],
            }
        )
    out.sort(key=lambda c: str(c["recorded_at"]), reverse=True)
    return out


# -- spare pools -------------------------------------------------------------------------------
def pool_of(conn: Connection, key: str) -> tuple[str, SparePool]:
    """A contract's spare pool (its name and the pool) as head office's ledger has it."""
    contract = find_contract(conn, key)
    if not contract.delivered_quantity or contract.spare_part_id is None:
        raise ValidationError("contract", f"{contract.name} keeps no spare pool")
    held = Decimal(0)
    if contract.spare_holder:
        held = van_stock.on_hand(conn, contract.spare_holder).get(
            contract.spare_part_id, Decimal(0)
        )
    return contract.name, spare_pool(contract, held)


def replenish_pool(
    conn: Connection, key: str, *, by: str, at: datetime
) -> tuple[str, SparePool, Decimal]:
    """Restock the holder's ledger up to the pool's target; returns what was added."""
    name, pool = pool_of(conn, key)
    if not pool.holder:
        raise ValidationError("contract", f"{name} names no holder for its spare pool")
    added = pool.shortfall
    if added:
        assert pool.part_id is not None
        held = van_stock.record_movement(
            conn,
            pool.holder,
            pool.part_id,
            added,
            StockMove.RESTOCK,
            by=by,
            at=at,
            note=f"spare pool of {name}",
        )
        pool = SparePool(pool.target, held, pool.part_id, pool.holder)
    return name, pool, added


def pool_json(name: str, pool: SparePool) -> dict[str, Any]:
    return {
        "contract": name,
        "target": pool.target,
        "held": str(pool.held),
        "shortfall": str(pool.shortfall),
        "holder": pool.holder,
    }


__all__ = [
    "RATING_COLUMNS",
    "customer_file",
    "customers_by_class",
    "list_complaints",
    "pool_json",
    "pool_of",
    "ratings_csv",
    "record_refund",
    "replenish_pool",
    "technician_ratings",
]
