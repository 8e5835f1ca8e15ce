"""The small operations of the service systems on the laptop: a complaint handled, a
loaner unit lent and returned, who attended a training, and the contract's spare pool.

Each writes through ``LocalStore.save`` (outbox included) and returns the record it
wrote; the rules (which visit takes which record, the 15 % pool, when a loan keeps the
8 h promise) live here and in ``tech_app.rules``, never in the screens.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from tech_app.errors import Invalid, ValidationError
from tech_app.records import Attendance, Complaint, Contract, Job, Loan
from tech_app.store.local import LocalStore, utc_now
from tech_app.van import stock_of
from tech_app.vocab import ComplaintType, JobStatus, JobType


def _require_type(job: Job, wanted: JobType, field: str) -> None:
    if job.job_type is not wanted:
        raise ValidationError(
            field,
            f"job {job.number} is a {job.job_type.value} visit, not {wanted.value}",
            code=Invalid.WRONG_JOB_TYPE,
            number=job.number,
            job_type=wanted.value,
        )
    if job.status is JobStatus.CANCELLED:
        raise ValidationError(field, "the job was cancelled", code=Invalid.JOB_CANCELLED)


# -- complaints and enquiries ------------------------------------------------------------
def complaint_of(store: LocalStore, job_id: str) -> Complaint | None:
    found = store.select(Complaint, "job_id = ?", [job_id], order_by="recorded_at DESC")
    return found[0] if found else None


def record_complaint(
    store: LocalStore,
    job_id: str,
    *,
    complaint_type: ComplaintType | str,
    key_points: str,
    plan: str,
    deadline: datetime,
    agreed: bool = False,
    agreed_by: str = "",
    recorded_by: str = "",
    now: datetime | None = None,
) -> Complaint:
    """Record (or correct, until signature) the complaint handled on a complaint visit.

    One complaint per visit: saving again keeps its id and when it was first recorded.
    """
    job = store.find_job(job_id)
    _require_type(job, JobType.COMPLAINT, "complaint.job_id")
    existing = complaint_of(store, job.id)
    complaint = Complaint(
        job_id=job.id,
        complaint_type=ComplaintType(complaint_type),
        key_points=key_points,
        plan=plan,
        deadline=deadline,
        agreed=agreed,
        agreed_by=agreed_by,
        recorded_by=recorded_by,
        recorded_at=now or utc_now(),
    )
    if existing is not None:
        complaint = replace(
            complaint,
            id=existing.id,
            recorded_at=existing.recorded_at,
            recorded_by=existing.recorded_by or recorded_by,
        )
    return store.save(complaint)


# -- loaner units (equipment support: a replacement if not repaired within 8 h) ----------
def loans_of(store: LocalStore, job_id: str) -> list[Loan]:
    return store.select(Loan, "job_id = ?", [job_id], order_by="lent_at")


def lend_unit(
    store: LocalStore,
    job_id: str,
    unit: str,
    *,
    serial: str = "",
    lent_by: str = "",
    now: datetime | None = None,
) -> Loan:
    """Put a replacement unit in place at the customer's while theirs is repaired."""
    job = store.find_job(job_id)
    if job.status is JobStatus.CANCELLED:
        raise ValidationError("loan.job_id", "the job was cancelled", code=Invalid.JOB_CANCELLED)
    return store.save(
        Loan(job_id=job.id, unit=unit, serial=serial, lent_by=lent_by, lent_at=now or utc_now())
    )


def return_unit(store: LocalStore, loan_id: str, *, now: datetime | None = None) -> Loan:
    """The loaner comes back (the customer's own unit is repaired); recorded once."""
    loan = store.get(Loan, loan_id)
    if loan.returned_at is not None:
        raise ValidationError(
            "loan.returned_at", "the unit is already back", code=Invalid.LOAN_RETURNED
        )
    return store.save(replace(loan, returned_at=max(now or utc_now(), loan.lent_at)))


def replaced_at(store: LocalStore, job_id: str) -> datetime | None:
    """When a replacement unit was first in place on the job: it keeps the 8 h promise
    (``tech_app.job_sla``: repaired *or replaced*)."""
    return min((loan.lent_at for loan in loans_of(store, job_id)), default=None)


# -- operator training ---------------------------------------------------------------------
def attendance_of(store: LocalStore, job_id: str) -> list[Attendance]:
    return store.select(Attendance, "job_id = ?", [job_id], order_by="recorded_at, rowid")


def add_attendee(
    store: LocalStore, job_id: str, attendee: str, *, role: str = "", now: datetime | None = None
) -> Attendance:
    """One operator present at a training visit (printed on its slip)."""
    job = store.find_job(job_id)
    _require_type(job, JobType.TRAINING, "attendance.job_id")
    return store.save(
        Attendance(job_id=job.id, attendee=attendee, role=role, recorded_at=now or utc_now())
    )


# -- the spare pool of an equipment-support contract ------------------------------------
@dataclass(frozen=True)
class SparePool:
    """What the contract promises to keep (a share of the units delivered) and what its
    holder's stock has of the spare now."""

    target: int
    held: Decimal
    part_id: str | None
    holder: str

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(self.target) - self.held, Decimal(0))


def spare_pool_target(delivered: int, share_percent: int) -> int:
    """Seed 003: 采购量的15%的设备备件 — 15 % of 20 printers is 3 (a part unit rounds up:
    the promise is at least the share)."""
    return math.ceil(delivered * share_percent / 100)


def spare_pool(contract: Contract, held: Decimal) -> SparePool:
    return SparePool(
        target=spare_pool_target(contract.delivered_quantity, contract.spare_share_percent),
        held=held,
        part_id=contract.spare_part_id,
        holder=contract.spare_holder,
    )


def local_spare_pool(store: LocalStore, contract: Contract) -> SparePool | None:
    """The pool as this laptop's ledger has it; None for a contract without one."""
    if not contract.delivered_quantity or contract.spare_part_id is None:
        return None
    held = (
        stock_of(store, contract.spare_holder, contract.spare_part_id).quantity
        if contract.spare_holder
        else Decimal(0)
    )
    return spare_pool(contract, held)
