"""A piece left at a jewellery counter: handed in on a signed form, made ready, collected.

Small operations over the store, each one transaction, used by the app and the command
line alike. ``hand_in`` records the registration form the customer signed together with
the counterfoil number from this device's gapless series (``tech_app.receipts``);
``mark_ready`` and ``collect`` add a step each, and collecting checks the number on the
counterfoil the customer brings back: a wrong number is refused and changes nothing.

What the services cost is not decided here: ``servicing_terms`` asks the pricing
(``tech_app.charges``, the one rule) how an hour of the job's labour would be billed,
so the counterfoil promises what the slip will charge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from tech_app.blobs import BlobStore
from tech_app.charges import job_estimate
from tech_app.company import company_settings
from tech_app.errors import Invalid, ValidationError
from tech_app.numbers import fold
from tech_app.receipts import take_counterfoil_number
from tech_app.records import IntakeForm, IntakeStep, JewelleryIntake, Job
from tech_app.records.intake import check_intake_step
from tech_app.signoff import check_signature_png
from tech_app.store.local import LocalStore, utc_now
from tech_app.vocab import ChargeKind, ChargeReason, Coverage, IntakeState, JobStatus, VisitMode

# What people type between the parts of a number besides its letters and digits.
_SEPARATORS = re.compile(r"[\s\-_./·・]+")


@dataclass(frozen=True)
class IntakeStatus:
    """A job's registration form and the steps its piece took since."""

    intake: JewelleryIntake
    steps: tuple[IntakeStep, ...]  # in the order they were taken

    @property
    def state(self) -> IntakeState:
        return self.steps[-1].state if self.steps else IntakeState.HANDED_IN

    def step(self, state: IntakeState) -> IntakeStep | None:
        return next((s for s in self.steps if s.state is state), None)


@dataclass(frozen=True)
class ServicingTerms:
    """How the job's work is billed, as the pricing says: the counterfoil prints it."""

    labour_free: bool  # servicing labour is free (the company's free-servicing categories)
    call_out: bool  # a call-out fee applies (never at a counter)


def normalise_counterfoil(text: str) -> str:
    """A counterfoil number as compared: full-width forms folded (ＡＸ－３Ｆ…), letters in
    capitals, spaces and dashes dropped. ``ax 3f9a1c c000001`` is ``AX-3F9A1C-C000001``."""
    return _SEPARATORS.sub("", fold(text)).upper()


def intake_of(store: LocalStore, job_id: str) -> IntakeStatus | None:
    """The job's intake and its steps, or None when nothing was handed in."""
    found = store.select(JewelleryIntake, "job_id = ?", [job_id])
    if not found:
        return None
    order = {state: n for n, state in enumerate(IntakeState)}
    steps = sorted(
        store.select(IntakeStep, "intake_id = ?", [found[0].id]), key=lambda s: order[s.state]
    )
    return IntakeStatus(found[0], tuple(steps))


def find_by_counterfoil(store: LocalStore, typed: str) -> IntakeStatus | None:
    """The intake a counterfoil number (as typed) belongs to, on this device."""
    wanted = normalise_counterfoil(typed)
    if not wanted:
        return None
    for intake in store.select(JewelleryIntake):
        if normalise_counterfoil(intake.counterfoil_number) == wanted:
            return intake_of(store, intake.job_id)
    return None


def require_intake(store: LocalStore, job_id: str) -> IntakeStatus:
    status = intake_of(store, job_id)
    if status is None:
        number = store.get(Job, job_id).number
        raise ValidationError(
            "jewellery_intake",
            f"nothing was handed in on job {number}",
            code=Invalid.NOT_HANDED_IN,
            number=number,
        )
    return status


def _check_counter_job(store: LocalStore, job: Job) -> None:
    if job.visit_mode is not VisitMode.COUNTER:
        raise ValidationError(
            "jewellery_intake.job_id",
            f"job {job.number} is not a counter job; a piece is handed in at a counter",
            code=Invalid.NOT_COUNTER_JOB,
            number=job.number,
        )
    if job.status is JobStatus.CANCELLED:
        raise ValidationError(
            "jewellery_intake.job_id", "the job was cancelled", code=Invalid.JOB_CANCELLED
        )
    existing = intake_of(store, job.id)
    if existing is not None:
        raise ValidationError(
            "jewellery_intake.job_id",
            f"job {job.number} already has its registration form "
            f"(counterfoil {existing.intake.counterfoil_number})",
            code=Invalid.ALREADY_HANDED_IN,
            number=job.number,
            counterfoil=existing.intake.counterfoil_number,
        )


def hand_in(
    store: LocalStore,
    blobs: BlobStore,
    job_id: str,
    form: IntakeForm,
    *,
    signer_name: str,
    signature_png: bytes,
    received_by: str | None = None,
    now: datetime | None = None,
) -> JewelleryIntake:
    """Record the registration form the customer signed, with a new counterfoil number.

    Everything is checked before a number is taken, and the number is taken in the
    transaction that saves the form: a refused hand-in leaves no gap in the series.
    """
    job = store.get(Job, job_id)
    _check_counter_job(store, job)
    check_signature_png("jewellery_intake.signature", signature_png)
    staff = received_by if received_by is not None else store.setting("technician") or ""
    moment = now or utc_now()
    sha256 = blobs.put(signature_png)
    with store.transaction():
        intake = JewelleryIntake(
            job_id=job_id,
            counterfoil_number=take_counterfoil_number(store, company_settings(store)),
            product=form.product,
            material=form.material,
            stone_size=form.stone_size,
            stone_grade=form.stone_grade,
            services=form.services,
            service_note=form.service_note,
            other_problems=form.other_problems,
            received_by=staff,
            signer_name=signer_name,
            signature_sha256=sha256,
            handed_in_at=moment,
        )
        return store.save(intake)


def _step(
    store: LocalStore,
    status: IntakeStatus,
    state: IntakeState,
    staff: str | None,
    now: datetime | None,
    counterfoil_number: str = "",
) -> IntakeStep:
    check_intake_step(status.state, state)
    step = IntakeStep(
        intake_id=status.intake.id,
        job_id=status.intake.job_id,
        state=state,
        stepped_at=now or utc_now(),
        staff=staff if staff is not None else store.setting("technician") or "",
        counterfoil_number=counterfoil_number,
    )
    with store.transaction():
        return store.save(step)


def mark_ready(
    store: LocalStore, job_id: str, *, staff: str | None = None, now: datetime | None = None
) -> IntakeStep:
    """The work on the piece is done: it waits at the counter for its owner."""
    return _step(store, require_intake(store, job_id), IntakeState.READY, staff, now)


def collect(
    store: LocalStore,
    job_id: str,
    counterfoil_number: str,
    *,
    staff: str | None = None,
    now: datetime | None = None,
) -> IntakeStep:
    """Hand the piece back against its counterfoil: the number typed must be the one
    printed (compared as ``normalise_counterfoil`` reads both); a wrong one is refused
    with ``Invalid.COUNTERFOIL_MISMATCH`` and nothing is recorded."""
    status = require_intake(store, job_id)
    check_intake_step(status.state, IntakeState.COLLECTED)
    typed = counterfoil_number.strip() if isinstance(counterfoil_number, str) else ""
    where = "intake_step.counterfoil_number"
    if not typed:
        raise ValidationError(
            where, "type the number on the customer's counterfoil", code=Invalid.REQUIRED
        )
    if normalise_counterfoil(typed) != normalise_counterfoil(status.intake.counterfoil_number):
        raise ValidationError(
            where,
            f"{typed!r} is not the counterfoil number of this piece",
            code=Invalid.COUNTERFOIL_MISMATCH,
            value=typed,
        )
    return _step(store, status, IntakeState.COLLECTED, staff, now, status.intake.counterfoil_number)


def servicing_terms(store: LocalStore, job_id: str) -> ServicingTerms:
    """How the pricing would bill an hour of this job's labour and its visit: the same
    function the slip calls, so the counterfoil cannot promise what the slip charges."""
    lines = job_estimate(store, job_id, 60).lines
    labour = [line for line in lines if line.kind is ChargeKind.LABOUR]
    return ServicingTerms(
        labour_free=bool(labour)
        and all(
            line.coverage is Coverage.FREE_ENTITLEMENT
            and line.reason is ChargeReason.FREE_SERVICING
            for line in labour
        ),
        call_out=any(line.kind is ChargeKind.CALL_OUT for line in lines),
    )


__all__ = [
    "IntakeStatus",
    "ServicingTerms",
    "collect",
    "find_by_counterfoil",
    "hand_in",
    "intake_of",
    "mark_ready",
    "normalise_counterfoil",
    "require_intake",
    "servicing_terms",
]
