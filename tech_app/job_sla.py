"""SLA timers of a job: one countdown per promise, and the most urgent one.

Which job milestone keeps which promise is a service rule: a reply is kept when
the technician responds (sets off), "on site" when they arrive, "resolved" when
the job is completed. The app's job list and job view and head office's SLA
overview all read a job's timers from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from tech_app.errors import ValidationError
from tech_app.rules.sla import SlaTimer, policy_named, sla_timers
from tech_app.vocab import SlaState

_MILESTONE_OF_PROMISE = {
    "reply": "responded_at",
    "phone_response": "responded_at",
    "plan": "on_site_at",
    "on_site": "on_site_at",
    "resolved": "completed_at",
    "repaired_or_replaced": "completed_at",
}
# A follow-up call is head office's promise, kept after the visit: the list of a
# technician's jobs does not count it, the job view still shows its countdown.
_AFTER_VISIT = frozenset({"follow_up"})
_CLOSED = frozenset({"cancelled"})
_URGENCY = [SlaState.BREACHED, SlaState.AT_RISK, SlaState.ON_TRACK, SlaState.MET]


@dataclass(frozen=True)
class SlaSummary:
    """The most urgent timer of a job: what the list's SLA column shows."""

    state: SlaState
    timer: SlaTimer


def _moment(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


# A replacement unit in place keeps the promise "repaired or replaced" (seed 003: 在8小时内
# 无法修理时我们更换替待设备), whichever comes first.
_KEPT_BY_REPLACEMENT = frozenset({"repaired_or_replaced"})


def job_timers(
    job: Mapping[str, object], now: datetime, *, replaced_at: datetime | None = None
) -> tuple[SlaTimer, ...]:
    """Every promise of the job's SLA policy (none when it has no policy or is cancelled).

    ``job`` is a row or ``dataclasses.asdict(Job)``: it needs ``sla_policy``,
    ``reported_at``, ``status`` and whichever milestone fields it has. ``replaced_at``
    is when a loaner unit was first in place (``tech_app.service_visits.replaced_at``).
    """
    policy_name = str(job.get("sla_policy") or "")
    reported = _moment(job.get("reported_at"))
    if not policy_name or reported is None or str(job.get("status")) in _CLOSED:
        return ()
    try:
        policy = policy_named(policy_name)
    except ValidationError:  # a policy this app version does not know: show no timers
        return ()
    done: dict[str, datetime] = {}
    for promise in policy.promises:
        moment = _moment(job.get(_MILESTONE_OF_PROMISE.get(promise.name, "")))
        if promise.name in _KEPT_BY_REPLACEMENT and replaced_at is not None:
            moment = replaced_at if moment is None else min(moment, replaced_at)
        if moment is not None and moment >= reported:
            done[promise.name] = moment
    return sla_timers(policy, reported, done, now)


def replacements(loans: Iterable[Mapping[str, object]]) -> dict[str, datetime]:
    """When a loaner unit was first in place, per job, from loan rows (or ``asdict(Loan)``)."""
    first: dict[str, datetime] = {}
    for loan in loans:
        lent = _moment(loan.get("lent_at"))
        job_id = str(loan.get("job_id"))
        if lent is not None and (job_id not in first or lent < first[job_id]):
            first[job_id] = lent
    return first


def summary(
    job: Mapping[str, object], now: datetime, *, replaced_at: datetime | None = None
) -> SlaSummary | None:
    timers = [
        t
        for t in job_timers(job, now, replaced_at=replaced_at)
        if t.promise.name not in _AFTER_VISIT
    ]
    if not timers:
        return None
    worst = min(timers, key=lambda t: (_URGENCY.index(t.state), t.remaining))
    return SlaSummary(worst.state, worst)
