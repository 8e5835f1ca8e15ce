"""Service-level promises as timers that run from the moment a fault is reported.

Timers only ever look at the datetimes they are given (never the system
clock), so the same job shows the same state on the technician's laptop, in
tests and at head office.  Naive datetimes are refused: a laptop that crossed
a time zone would otherwise move every deadline by hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Final

from tech_app.errors import ValidationError
from tech_app.records.validate import check_aware
from tech_app.rules.schedule import add_months
from tech_app.vocab import JobType, SlaState

# Less than this share of the window left (and not done) is shown as at risk.
AT_RISK_SHARE: Final = 0.25

FOLLOW_UP: Final = "follow_up"  # promise name that follow_up_due() looks for in a policy

REPAIR_FOLLOW_UP: Final = timedelta(weeks=1)
INSTALLATION_FOLLOW_UP: Final = timedelta(days=30)  # "one month", as the documents count it
JEWELLERY_CHECK_INTERVAL: Final = 3  # calendar months between check reminders


@dataclass(frozen=True)
class Promise:
    name: str
    within: timedelta

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValidationError("promise.name", "is required")
        if not isinstance(self.within, timedelta) or self.within <= timedelta(0):
            raise ValidationError("promise.within", "must be a positive length of time")


@dataclass(frozen=True)
class SlaPolicy:
    name: str
    promises: tuple[Promise, ...]

    def __post_init__(self) -> None:
        names = [promise.name for promise in self.promises]
        if len(names) != len(set(names)):
            raise ValidationError("policy.promises", f"{self.name}: promise names must differ")

    def promise(self, name: str) -> Promise | None:
        return next((p for p in self.promises if p.name == name), None)


STOVE_POLICY: Final = SlaPolicy(
    "stove",
    (
        Promise("reply", timedelta(hours=2)),
        Promise("plan", timedelta(hours=8)),
        Promise("resolved", timedelta(hours=30)),
        Promise(FOLLOW_UP, timedelta(hours=72)),
    ),
)

EQUIPMENT_SUPPORT_POLICY: Final = SlaPolicy(
    "equipment_support",
    (
        Promise("phone_response", timedelta(minutes=30)),
        Promise("on_site", timedelta(hours=2)),
        # Done when the unit is repaired, or a replacement unit is in place if it is not.
        Promise("repaired_or_replaced", timedelta(hours=8)),
    ),
)

# Jobs store the *name* of their policy; this is where the name is looked up.
SLA_POLICIES: Final[Mapping[str, SlaPolicy]] = MappingProxyType(
    {policy.name: policy for policy in (STOVE_POLICY, EQUIPMENT_SUPPORT_POLICY)}
)


def policy_named(name: str) -> SlaPolicy:
    try:
        return SLA_POLICIES[name]
    except KeyError:
        raise ValidationError(
            "sla_policy", f"{name!r} is not one of: {', '.join(SLA_POLICIES)}"
        ) from None


@dataclass(frozen=True)
class SlaTimer:
    """One promise's clock.

    ``remaining`` is deadline minus ``now`` while open (negative once overdue),
    and deadline minus ``done_at`` once done (the margin; negative if late).
    """

    promise: Promise
    deadline: datetime
    done_at: datetime | None
    state: SlaState
    remaining: timedelta


def _state(
    promise: Promise, deadline: datetime, done_at: datetime | None, now: datetime
) -> tuple[SlaState, timedelta]:
    if done_at is not None:
        margin = deadline - done_at
        return (SlaState.MET if done_at <= deadline else SlaState.BREACHED), margin
    remaining = deadline - now
    if remaining < timedelta(0):
        return SlaState.BREACHED, remaining
    if remaining < promise.within * AT_RISK_SHARE:
        return SlaState.AT_RISK, remaining
    return SlaState.ON_TRACK, remaining


def sla_timers(
    policy: SlaPolicy,
    reported_at: datetime,
    done: Mapping[str, datetime],
    now: datetime,
) -> tuple[SlaTimer, ...]:
    """Every promise of ``policy`` as a timer, in the policy's order.

    ``done`` maps promise names to when each was kept.  A ``now`` earlier than
    ``reported_at`` is tolerated (offline devices' clocks differ; the timer
    just shows the whole window left), but a promise done before the report
    is a data error and is refused.
    """
    check_aware("reported_at", reported_at)
    check_aware("now", now)
    for name, when in done.items():
        if policy.promise(name) is None:
            known = ", ".join(p.name for p in policy.promises)
            raise ValidationError("done", f"{name!r} is not a promise of {policy.name} ({known})")
        check_aware(f"done.{name}", when)
        if when < reported_at:
            raise ValidationError(f"done.{name}", "is before the fault was reported")

    timers: list[SlaTimer] = []
    for promise in policy.promises:
        deadline = reported_at + promise.within
        done_at = done.get(promise.name)
        state, remaining = _state(promise, deadline, done_at, now)
        timers.append(SlaTimer(promise, deadline, done_at, state, remaining))
    return tuple(timers)


def follow_up_due(
    job_type: JobType,
    completed_at: datetime,
    policy: SlaPolicy | None = None,
    *,
    reported_at: datetime | None = None,
) -> datetime:
    """When the customer should get the follow-up call for a finished job.

    A policy with a "follow_up" promise wins (stove: 72 h); like every SLA
    timer it counts from ``reported_at`` when that is given, else from
    completion.  Otherwise installations get one month (30 days) to show
    problems, and repairs and every other visit one week.
    """
    check_aware("completed_at", completed_at)
    try:
        job_type = JobType(job_type)
    except ValueError:
        raise ValidationError("job_type", f"{job_type!r} is not a job type") from None
    if job_type is JobType.FOLLOW_UP:
        raise ValidationError("job_type", "a follow-up does not need its own follow-up")
    promise = policy.promise(FOLLOW_UP) if policy is not None else None
    if promise is not None:
        start = completed_at
        if reported_at is not None:
            start = check_aware("reported_at", reported_at)
            if completed_at < reported_at:
                raise ValidationError("completed_at", "is before the fault was reported")
        return start + promise.within
    if job_type is JobType.INSTALLATION:
        return completed_at + INSTALLATION_FOLLOW_UP
    return completed_at + REPAIR_FOLLOW_UP


def jewellery_check_due(last_check_on: date) -> date:
    """The next check reminder for a piece of jewellery (every 3 calendar months)."""
    if not isinstance(last_check_on, date) or isinstance(last_check_on, datetime):
        raise ValidationError("last_check_on", f"{last_check_on!r} is not a date")
    return add_months(last_check_on, JEWELLERY_CHECK_INTERVAL)
