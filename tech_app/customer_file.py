"""The customer file (客户档案): who the customer is, why they bought, what was promised,
their class, the units and contracts they have, every visit with what they said of it,
and their complaints.

Built by one pure function over record rows (``tech_app.records.codec`` rows on the
laptop, the same JSON rows at head office), so the technician's laptop offline and head
office's list by class read the file the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from tech_app.errors import NotFoundError
from tech_app.records import (
    Asset,
    Complaint,
    Contract,
    Customer,
    Feedback,
    Job,
    Refund,
    Signature,
)
from tech_app.records.codec import to_row

if TYPE_CHECKING:
    from tech_app.store.local import LocalStore

Row = Mapping[str, Any]


@dataclass(frozen=True)
class UnitLine:
    category: str
    make: str
    model: str
    serial: str
    purchased_on: str | None
    purchased_at: str


@dataclass(frozen=True)
class ContractLine:
    name: str
    starts_on: str
    term_months: int
    visit_type: str
    delivered_quantity: int


@dataclass(frozen=True)
class VisitLine:
    number: str
    job_type: str
    status: str
    reported_at: str
    rating: int | None  # the stars given at signature
    problem_solved: bool | None  # the follow-up's answers
    on_time: bool | None
    attitude: int | None
    skill: int | None
    comment: str
    refunded: int  # minor units paid back for an overcharge


@dataclass(frozen=True)
class ComplaintLine:
    number: str
    complaint_type: str
    key_points: str
    plan: str
    deadline: str
    agreed: bool


@dataclass(frozen=True)
class CustomerFile:
    customer_id: str
    name: str
    phone: str
    customer_class: str
    purchase_reason: str
    promises: str
    notes: str
    units: tuple[UnitLine, ...]
    contracts: tuple[ContractLine, ...]
    visits: tuple[VisitLine, ...]
    complaints: tuple[ComplaintLine, ...]

    @property
    def satisfaction(self) -> Decimal | None:
        """The mean of every score the customer gave (stars, attitude, skill), one decimal."""
        scores = [s for v in self.visits for s in (v.rating, v.attitude, v.skill) if s is not None]
        if not scores:
            return None
        return (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def as_json(self) -> dict[str, Any]:
        document = dataclasses.asdict(self)
        satisfaction = self.satisfaction
        document["satisfaction"] = None if satisfaction is None else str(satisfaction)
        return document


def _by_job(rows: Iterable[Row]) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = {}
    for row in rows:
        found.setdefault(str(row["job_id"]), []).append(row)
    return found


def _latest(rows: list[Row], when: str) -> Row | None:
    return max(rows, key=lambda r: str(r.get(when) or ""), default=None)


def build_customer_file(
    customer: Row,
    *,
    jobs: Iterable[Row],
    assets: Iterable[Row],
    contracts: Iterable[Row],
    feedback: Iterable[Row] = (),
    signatures: Iterable[Row] = (),
    complaints: Iterable[Row] = (),
    refunds: Iterable[Row] = (),
) -> CustomerFile:
    """The file of one customer from rows of every kind (other customers' rows are skipped)."""
    cid = str(customer["id"])
    own_jobs = sorted(
        (j for j in jobs if j["customer_id"] == cid), key=lambda j: str(j["reported_at"])
    )
    numbers = {str(j["id"]): str(j["number"]) for j in own_jobs}
    said, signed = _by_job(feedback), _by_job(signatures)
    paid_back = _by_job(refunds)
    visits = []
    for job in own_jobs:
        answers = _latest(said.get(str(job["id"]), []), "recorded_at") or {}
        signature = _latest(signed.get(str(job["id"]), []), "signed_at") or {}
        visits.append(
            VisitLine(
                number=str(job["number"]),
                job_type=str(job["job_type"]),
                status=str(job["status"]),
                reported_at=str(job["reported_at"]),
                rating=signature.get("rating"),
                problem_solved=_flag(answers.get("problem_solved")),
                on_time=_flag(answers.get("on_time")),
                attitude=answers.get("attitude"),
                skill=answers.get("skill"),
                comment=str(answers.get("comment") or signature.get("comment") or ""),
                refunded=sum(int(r["amount"]) for r in paid_back.get(str(job["id"]), [])),
            )
        )
    return CustomerFile(
        customer_id=cid,
        name=str(customer["name"]),
        phone=str(customer["phone"]),
        customer_class=str(customer["customer_class"]),
        purchase_reason=str(customer.get("purchase_reason") or ""),
        promises=str(customer.get("promises") or ""),
        notes=str(customer.get("notes") or ""),
        units=tuple(
            UnitLine(
                str(a["category"]),
                str(a["make"]),
                str(a["model"]),
                str(a["serial"]),
                a.get("purchased_on"),
                str(a.get("purchased_at") or ""),
            )
            for a in assets
            if a["customer_id"] == cid
        ),
        contracts=tuple(
            ContractLine(
                str(c["name"]),
                str(c["starts_on"]),
                int(c["term_months"]),
                str(c.get("visit_type") or "maintenance"),
                int(c.get("delivered_quantity") or 0),
            )
            for c in contracts
            if c["customer_id"] == cid
        ),
        visits=tuple(visits),
        complaints=tuple(
            ComplaintLine(
                numbers[str(c["job_id"])],
                str(c["complaint_type"]),
                str(c["key_points"]),
                str(c["plan"]),
                str(c["deadline"]),
                bool(c["agreed"]),
            )
            for c in sorted(complaints, key=lambda c: str(c["recorded_at"]))
            if str(c["job_id"]) in numbers
        ),
    )


def _flag(value: object) -> bool | None:
    return None if value is None else bool(value)


def find_local_customer(store: LocalStore, key: str) -> str:
    """A customer's id on this laptop by id, phone (any separators) or exact name."""
    wanted = key.strip()
    digits = "".join(ch for ch in wanted if ch.isdigit())
    for customer in store.select(Customer):
        phone = "".join(ch for ch in customer.phone if ch.isdigit())
        if wanted in (customer.id, customer.name) or (digits and digits == phone):
            return customer.id
    raise NotFoundError("customer", wanted)


def local_customer_file(store: LocalStore, customer_id: str) -> CustomerFile:
    """The file as this laptop holds it: the customers of the technician's jobs, offline."""
    customer = store.get(Customer, customer_id)
    job_ids = [j.id for j in store.select(Job, "customer_id = ?", [customer_id])]
    marks = ",".join("?" for _ in job_ids) or "NULL"

    def rows(cls: type[object], where: str, params: list[str]) -> list[dict[str, Any]]:
        found: list[object] = store.select(cls, where, params)
        return [to_row(r) for r in found]

    return build_customer_file(
        to_row(customer),
        jobs=rows(Job, "customer_id = ?", [customer_id]),
        assets=rows(Asset, "customer_id = ?", [customer_id]),
        contracts=rows(Contract, "customer_id = ?", [customer_id]),
        feedback=rows(Feedback, f"job_id IN ({marks})", job_ids),
        signatures=rows(Signature, f"job_id IN ({marks})", job_ids),
        complaints=rows(Complaint, f"job_id IN ({marks})", job_ids),
        refunds=rows(Refund, f"job_id IN ({marks})", job_ids),
    )


__all__ = [
    "ComplaintLine",
    "ContractLine",
    "CustomerFile",
    "UnitLine",
    "VisitLine",
    "build_customer_file",
    "find_local_customer",
    "local_customer_file",
]
