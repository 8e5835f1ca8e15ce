"""Moving a job through its statuses, with the checks each step needs."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from tech_app.checklist import missing_required
from tech_app.errors import Invalid, TransitionError, ValidationError
from tech_app.records import Amendment, Job, Signature
from tech_app.records.jobs import check_transition
from tech_app.store.local import LocalStore, utc_now
from tech_app.timesheet import TimerChange, follow_status
from tech_app.vocab import JobStatus, Outcome

# The first time a job reaches these statuses is what the SLA promises measure.
_MILESTONES = {
    JobStatus.EN_ROUTE: "responded_at",
    JobStatus.ON_SITE: "on_site_at",
    JobStatus.COMPLETED: "completed_at",
}


def require_answers(store: LocalStore, job: Job, target: JobStatus = JobStatus.COMPLETED) -> None:
    """Refuse to finish a visit whose required checklist items are unanswered, naming them.

    Completion asks it, and so does the sign-off before the signature pad opens: the
    customer must not draw a signature only to hear the visit cannot be finished.
    """
    missing = missing_required(store, job.id)
    if missing:
        raise TransitionError(
            job.status,
            target,
            "required checklist items are unanswered: " + "; ".join(missing),
            code=Invalid.UNANSWERED,
            items="; ".join(missing),
            items_zh="; ".join(missing_required(store, job.id, chinese=True)),
        )


def change_status(
    store: LocalStore,
    job_id: str,
    wanted: JobStatus | str,
    *,
    outcome: Outcome | None = None,
    now: datetime | None = None,
) -> Job:
    job = store.get(Job, job_id)
    target = JobStatus(wanted)
    check_transition(job.status, target)
    if target is JobStatus.COMPLETED:
        require_answers(store, job, target)
    if target is JobStatus.SIGNED:
        if not store.select(Signature, "job_id = ?", [job_id]):
            raise TransitionError(
                job.status, target, "the customer has not signed yet", code=Invalid.NOT_SIGNED
            )
        # Imported here: signoff builds on this module (it completes and signs a job).
        from tech_app.signoff import require_consent

        require_consent(store, job_id)
    changes: dict[str, Any] = {"status": target}
    moment = now or utc_now()
    milestone = _MILESTONES.get(target)
    if milestone and getattr(job, milestone) is None:
        changes[milestone] = moment
    if outcome is not None:
        changes["outcome"] = Outcome(outcome)
    return store.save(dataclasses.replace(job, **changes))


def take_step(
    store: LocalStore,
    job_id: str,
    wanted: JobStatus | str,
    technician: str,
    *,
    now: datetime | None = None,
) -> tuple[Job, TimerChange]:
    """A status step as the technician takes it: the status, and the timers it moves
    (``timesheet.follow_status``), in one transaction. The ``TimerChange`` lets the
    front end offer to undo the timers (``timesheet.undo_timer_change``)."""
    moment = now or utc_now()
    with store.transaction():
        job = change_status(store, job_id, wanted, now=moment)
        return job, follow_status(store, job_id, job.status, technician, now=moment)


def amend(
    store: LocalStore, job_id: str, reason: str, text: str, now: datetime | None = None
) -> Amendment:
    """Record a correction to a signed job; it gets the next slip revision."""
    job = store.get(Job, job_id)
    if job.status is not JobStatus.SIGNED:
        raise ValidationError("amendment", "only a signed job is amended; edit it directly instead")
    last = store.db.execute(
        "SELECT max(revision) FROM amendments WHERE job_id = ?", [job_id]
    ).fetchone()[0]
    return store.save(
        Amendment(
            job_id=job_id,
            revision=(last or 1) + 1,
            reason=reason,
            text=text,
            created_at=now or utc_now(),
        )
    )
