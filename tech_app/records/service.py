"""What the service systems beyond repair record on a job: a complaint handled, a loaner
unit lent under an equipment-support contract, the operators who attended a training,
and head office's refund of an overcharge.

Seed 001 names six kinds of complaining customer and one way to handle each: record the
key points, state the plan and its time limit, confirm the customer agrees
(``Complaint``). Seed 003's equipment-support contract puts a replacement unit in place
when a fault cannot be repaired within 8 h (``Loan``). Seed 004's fleet agreement gives
the customer's operators a free yearly training on daily checks (``Attendance``). A
follow-up that finds the customer paid more than the slip is refunded (``Refund``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tech_app.errors import Invalid, ValidationError
from tech_app.records.intake import form_text
from tech_app.records.validate import (
    check_aware,
    check_choice,
    check_count,
    check_id,
    check_order,
    check_text,
    new_id,
)
from tech_app.vocab import ComplaintType, PaymentMethod


@dataclass(frozen=True, kw_only=True)
class Complaint:
    """A complaint or enquiry as handled on the job: the technician's until signature."""

    id: str = field(default_factory=new_id)
    job_id: str
    complaint_type: ComplaintType
    key_points: str  # 投诉要点: what the customer is unhappy about, in their words
    plan: str  # the solution stated to the customer
    deadline: datetime  # the time limit the plan was given (告诉处理时间)
    agreed: bool = False  # the customer agreed to the plan (达成共识)
    agreed_by: str = ""
    recorded_by: str = ""
    recorded_at: datetime

    def __post_init__(self) -> None:
        check_id("complaint.id", self.id)
        check_id("complaint.job_id", self.job_id)
        object.__setattr__(
            self,
            "complaint_type",
            ComplaintType(
                check_choice("complaint.complaint_type", self.complaint_type, ComplaintType)
            ),
        )
        for name, limit in (("key_points", 2000), ("plan", 2000)):
            object.__setattr__(
                self,
                name,
                form_text(
                    f"complaint.{name}", getattr(self, name), required=True, max_length=limit
                ),
            )
        check_aware("complaint.recorded_at", self.recorded_at)
        check_aware("complaint.deadline", self.deadline)
        check_order("complaint.deadline", self.recorded_at, self.deadline)
        object.__setattr__(
            self,
            "agreed_by",
            form_text("complaint.agreed_by", self.agreed_by, required=self.agreed, max_length=120),
        )
        check_text("complaint.recorded_by", self.recorded_by, required=False, max_length=60)


@dataclass(frozen=True, kw_only=True)
class Loan:
    """A replacement (loaner) unit put in place while the customer's unit is repaired.

    Lent on the job, returned later (perhaps after the job is signed): ``returned_at`` is
    the one field that changes, once.
    """

    id: str = field(default_factory=new_id)
    job_id: str
    unit: str  # what was lent: make and model
    serial: str = ""
    lent_at: datetime
    lent_by: str = ""
    returned_at: datetime | None = None

    def __post_init__(self) -> None:
        check_id("loan.id", self.id)
        check_id("loan.job_id", self.job_id)
        object.__setattr__(
            self, "unit", form_text("loan.unit", self.unit, required=True, max_length=200)
        )
        check_text("loan.serial", self.serial, required=False, max_length=60)
        check_text("loan.lent_by", self.lent_by, required=False, max_length=60)
        check_aware("loan.lent_at", self.lent_at)
        if self.returned_at is not None:
            check_aware("loan.returned_at", self.returned_at)
            if self.returned_at < self.lent_at:
                raise ValidationError(
                    "loan.returned_at",
                    "is before the unit was lent",
                    code=Invalid.ENDS_BEFORE_START,
                )


@dataclass(frozen=True, kw_only=True)
class Attendance:
    """One operator who attended a training visit; printed on its slip."""

    id: str = field(default_factory=new_id)
    job_id: str
    attendee: str
    role: str = ""  # e.g. 叉车司机
    recorded_at: datetime

    def __post_init__(self) -> None:
        check_id("attendance.id", self.id)
        check_id("attendance.job_id", self.job_id)
        object.__setattr__(
            self,
            "attendee",
            form_text("attendance.attendee", self.attendee, required=True, max_length=120),
        )
        check_text("attendance.role", self.role, required=False, max_length=60)
        check_aware("attendance.recorded_at", self.recorded_at)


@dataclass(frozen=True, kw_only=True)
class Refund:
    """Money head office paid back to the customer for an overcharge on a job."""

    id: str = field(default_factory=new_id)
    job_id: str
    amount: int  # minor units
    method: PaymentMethod
    refunded_by: str  # the office user who paid it back
    refunded_at: datetime
    note: str = ""

    def __post_init__(self) -> None:
        check_id("refund.id", self.id)
        check_id("refund.job_id", self.job_id)
        check_count("refund.amount", self.amount, minimum=1)
        object.__setattr__(
            self,
            "method",
            PaymentMethod(check_choice("refund.method", self.method, PaymentMethod)),
        )
        check_text("refund.refunded_by", self.refunded_by, max_length=60)
        check_aware("refund.refunded_at", self.refunded_at)
        check_text("refund.note", self.note, required=False, max_length=500)
