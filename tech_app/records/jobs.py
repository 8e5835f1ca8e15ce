"""The job and its status machine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tech_app.errors import Invalid, TransitionError, ValidationError
from tech_app.records.validate import (
    check_aware,
    check_choice,
    check_count,
    check_id,
    check_order,
    check_text,
    new_id,
)
from tech_app.vocab import Exclusion, JobStatus, JobType, Outcome, PaymentMethod, VisitMode

S = JobStatus
# Forward steps a visit takes. waiting_parts returns to on_site (or en_route for
# a second trip); completed may reopen to on_site until the customer signs.
TRANSITIONS: dict[JobStatus, frozenset[JobStatus]] = {
    S.NEW: frozenset({S.ASSIGNED, S.CANCELLED}),
    S.ASSIGNED: frozenset({S.EN_ROUTE, S.NEW, S.CANCELLED}),
    S.EN_ROUTE: frozenset({S.ON_SITE, S.ASSIGNED, S.CANCELLED}),
    S.ON_SITE: frozenset({S.WAITING_PARTS, S.COMPLETED, S.CANCELLED}),
    S.WAITING_PARTS: frozenset({S.ON_SITE, S.EN_ROUTE, S.CANCELLED}),
    S.COMPLETED: frozenset({S.SIGNED, S.ON_SITE, S.CANCELLED}),
    S.SIGNED: frozenset(),
    S.CANCELLED: frozenset(),
}


def check_transition(current: JobStatus, wanted: JobStatus) -> None:
    if wanted in TRANSITIONS[current]:
        return
    if current is S.SIGNED:
        raise TransitionError(
            current,
            wanted,
            "the job is signed; record an amendment instead",
            code=Invalid.JOB_SIGNED,
        )
    if current is S.CANCELLED:
        raise TransitionError(current, wanted, "the job was cancelled", code=Invalid.JOB_CANCELLED)
    raise TransitionError(current, wanted)


def next_steps(current: JobStatus) -> tuple[JobStatus, ...]:
    """The statuses a technician can move to next, in the order of a visit."""
    order = list(JobStatus)
    return tuple(sorted(TRANSITIONS[current], key=order.index))


@dataclass(frozen=True, kw_only=True)
class Job:
    id: str = field(default_factory=new_id)
    number: str
    job_type: JobType
    customer_id: str
    site_id: str
    problem: str = ""
    reported_at: datetime
    window_start: datetime | None = None
    window_end: datetime | None = None
    assignee: str = ""
    status: JobStatus = JobStatus.NEW
    sla_policy: str = ""  # name of an SlaPolicy in tech_app.rules.sla
    contract_id: str | None = None
    outcome: Outcome | None = None
    findings: str = ""
    work_done: str = ""
    priority: int = 3
    flagged: str = ""  # why head office must review this job, if it must
    # When the visit's milestones happened; the SLA timers are kept or broken by these.
    responded_at: datetime | None = None
    on_site_at: datetime | None = None
    completed_at: datetime | None = None
    # Money facts: where the work happens (no call-out at a counter or on the phone), the
    # prepaid card the visit is done on, and the cause of the fault the technician
    # recorded (a warranty exclusion such as the user's own dismantling, or "").
    visit_mode: VisitMode = VisitMode.ON_SITE
    card_id: str | None = None
    fault_cause: str = ""
    # Set when the customer signs a bill with something to pay: how they pay and the
    # receipt number from this device's gapless sequence (tech_app.receipts).
    payment_method: PaymentMethod | None = None
    receipt_number: str = ""

    def __post_init__(self) -> None:
        check_id("job.id", self.id)
        object.__setattr__(
            self,
            "visit_mode",
            VisitMode(check_choice("job.visit_mode", self.visit_mode, VisitMode)),
        )
        if self.card_id is not None:
            check_id("job.card_id", self.card_id)
        if self.fault_cause:
            check_choice("job.fault_cause", self.fault_cause, Exclusion)
        if self.payment_method is not None:
            object.__setattr__(
                self,
                "payment_method",
                PaymentMethod(
                    check_choice("job.payment_method", self.payment_method, PaymentMethod)
                ),
            )
        check_text("job.receipt_number", self.receipt_number, required=False, max_length=40)
        check_text("job.number", self.number, max_length=40)
        object.__setattr__(
            self, "job_type", JobType(check_choice("job.job_type", self.job_type, JobType))
        )
        object.__setattr__(
            self, "status", JobStatus(check_choice("job.status", self.status, JobStatus))
        )
        if self.outcome is not None:
            object.__setattr__(
                self, "outcome", Outcome(check_choice("job.outcome", self.outcome, Outcome))
            )
        check_id("job.customer_id", self.customer_id)
        check_id("job.site_id", self.site_id)
        if self.contract_id is not None:
            check_id("job.contract_id", self.contract_id)
        # The technician's name; head office keeps names in 60 characters.
        check_text("job.assignee", self.assignee, required=False, max_length=60)
        check_text("job.problem", self.problem, required=False, max_length=4000)
        check_text("job.findings", self.findings, required=False, max_length=4000)
        check_text("job.work_done", self.work_done, required=False, max_length=4000)
        check_aware("job.reported_at", self.reported_at)
        if (self.window_start is None) != (self.window_end is None):
            raise ValidationError("job.window_end", "a time window needs both a start and an end")
        if self.window_start is not None and self.window_end is not None:
            check_aware("job.window_start", self.window_start)
            check_aware("job.window_end", self.window_end)
            check_order("job.window", self.window_start, self.window_end)
        for name in ("responded_at", "on_site_at", "completed_at"):
            if getattr(self, name) is not None:
                check_aware(f"job.{name}", getattr(self, name))
        check_count("job.priority", self.priority, minimum=1)
        if self.priority > 5:
            raise ValidationError("job.priority", "must be between 1 and 5")


@dataclass(frozen=True, kw_only=True)
class JobAsset:
    """A unit the job covers, and the checklist it gets (one per asset on a fleet visit)."""

    id: str = field(default_factory=new_id)
    job_id: str
    asset_id: str
    template_id: str | None = None
    position: int = 0
    hour_meter: int | None = None  # read on this visit

    def __post_init__(self) -> None:
        check_id("job_asset.id", self.id)
        check_id("job_asset.job_id", self.job_id)
        check_id("job_asset.asset_id", self.asset_id)
        if self.template_id is not None:
            check_id("job_asset.template_id", self.template_id)
        check_count("job_asset.position", self.position)
        if self.hour_meter is not None:
            check_count("job_asset.hour_meter", self.hour_meter)


@dataclass(frozen=True, kw_only=True)
class Amendment:
    """A change after signature: never an edit in place, always a new slip revision."""

    id: str = field(default_factory=new_id)
    job_id: str
    revision: int
    reason: str
    text: str
    created_at: datetime

    def __post_init__(self) -> None:
        check_id("amendment.id", self.id)
        check_id("amendment.job_id", self.job_id)
        check_count("amendment.revision", self.revision, minimum=1)
        check_text("amendment.reason", self.reason, max_length=500)
        check_text("amendment.text", self.text, max_length=4000)
        check_aware("amendment.created_at", self.created_at)
