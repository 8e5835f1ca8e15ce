"""Which rows may change once written, and who owns which job fields.

The laptop's store (``tech_app.store.local``) and head office's write gate
(``sync.server.gate``) both decide with these tables, so a signed job is frozen
the same way on both ends and neither can be talked into an edit the other refuses.
"""

from __future__ import annotations

from enum import StrEnum

from tech_app.vocab import JobStatus

# Evidence: once recorded, never edited in place. A correction is a new row.
# Part lines are not here: until signature they are the technician's draft of what
# was fitted (a wrong line is corrected or removed, its stock follows as a new
# ``correction`` movement), and signing freezes them like every row of the job.
INSERT_ONLY_TABLES = frozenset(
    {
        "photos",
        "signatures",
        "slips",
        "amendments",
        "estimates",
        "consents",
        "stock_movements",
        # The jewellery registration form is recorded when the customer signs it, and
        # each later step of the piece (ready, collected) once.
        "jewellery_intakes",
        "intake_steps",
        # Who attended a training, and a refund head office paid.
        "training_attendance",
        "refunds",
    }
)
# What may still be added to a signed job: reprints and amendments of the slip, head
# office's follow-up (the call and what the customer said on it), and the steps of a
# piece left at a jewellery counter (the slip may be signed before it is collected).
# A refund of an overcharge follows the follow-up call; a loaner unit comes back after the
# customer signed for the repair.
ADDED_AFTER_SIGNATURE = frozenset(
    {"slips", "amendments", "feedback", "follow_ups", "intake_steps", "refunds"}
)
# ...and of those, what may still change: the follow-up is done later, its answer
# recorded; a loan is returned (``tech_app.service_visits.return_loan``).
CHANGED_AFTER_SIGNATURE = frozenset({"feedback", "follow_ups", "loans"})
# Rows recorded once except for the fields named: a loaner unit's return is added later,
# what was lent and when stays as recorded.
CHANGEABLE_FIELDS: dict[str, frozenset[str]] = {"loans": frozenset({"returned_at"})}

# Visit data on a job row: the technician's. Everything else on a job (schedule, window,
# assignee, priority, cancellation, customer and site, type, problem, number, contract,
# card, visit mode, SLA policy) is head office's; ``flagged`` is written by head
# office's own rules.
TECHNICIAN_JOB_FIELDS = frozenset(
    {
        "status",
        "findings",
        "work_done",
        "outcome",
        "fault_cause",  # the cause the technician found decides a warranty exclusion
        "payment_method",
        "receipt_number",  # from the device's own gapless sequence
        "responded_at",
        "on_site_at",
        "completed_at",
    }
)
# Head office's review marks on a job (work kept for review, an overcharge, a recurring
# fault): not part of what the customer signed, so they may be set on a signed job.
REVIEW_FIELDS = frozenset({"flagged"})
# The statuses head office sets; the rest are steps of the visit, set on the laptop.
OFFICE_STATUSES = frozenset({JobStatus.NEW, JobStatus.ASSIGNED, JobStatus.CANCELLED})
# A job in one of these has not been started: head office may still move it between them.
NOT_STARTED = frozenset({JobStatus.NEW, JobStatus.ASSIGNED, JobStatus.CANCELLED})


class Refusal(StrEnum):
    """Why a write to a row is refused (a code; words are the front end's)."""

    SIGNED = "signed"  # the job is signed: amend it instead
    INSERT_ONLY = "insert_only"  # evidence rows are never edited in place


def refusal(table: str, *, job_signed: bool, exists: bool) -> Refusal | None:
    """The reason a write to ``table`` is refused, or None when it may go ahead.

    ``job_signed`` is the state of the job the row belongs to (for a job row, of the
    job itself as stored before this write); ``exists`` whether the row is stored already.
    """
    if exists and table in INSERT_ONLY_TABLES:
        return Refusal.INSERT_ONLY
    if not job_signed:
        return None
    if table in CHANGED_AFTER_SIGNATURE or (table in ADDED_AFTER_SIGNATURE and not exists):
        return None
    return Refusal.SIGNED
