"""What the technician must see about a job before anything else, as codes with parameters.

Issue 13: head office's "replace the unit" on a recurring fault never showed on the
laptop, and neither did the things that change what the customer pays or signs. Each
flag here is decided by the rule that owns it, never re-derived: the recurring-fault note
head office writes (``rules.recurring``), the warranty decision with the recorded cause
applied and the card's count (``bill.facts_of``, the facts pricing uses), and the consent
rule (``rules.consent.check_consent``, as ``signoff.require_consent`` asks it). The UI
words the codes (Qt Linguist); nothing here is a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tech_app import review_notes
from tech_app.bill import JobRecords, bill_of, facts_of, visit_day
from tech_app.charges import job_records
from tech_app.errors import ConsentError
from tech_app.review_notes import NoteCode
from tech_app.rules.consent import check_consent
from tech_app.rules.recurring import read_recurring_note
from tech_app.signoff import consented_total
from tech_app.store.local import LocalStore
from tech_app.vocab import JobStatus


class FlagCode(StrEnum):
    REPLACE_UNIT = "replace_unit"  # serial, earlier_job, promised_until (ISO day)
    WARRANTY_EXCLUDED = "warranty_excluded"  # cause (an Exclusion code)
    CARD_EXHAUSTED = "card_exhausted"  # card (its number), visits
    CARD_NOT_VALID = "card_not_valid"  # card, starts_on, ends_on (ISO days)
    CONSENT_MISSING = "consent_missing"  # bill_total (minor units)
    CONSENT_EXCEEDED = "consent_exceeded"  # bill_total, consented_total, allowed_total
    # Any other review note head office (or this device) put on the job: note (its
    # ``review_notes.NoteCode``) and the note's own arguments.
    OFFICE_REVIEW = "office_review"


@dataclass(frozen=True)
class JobFlag:
    code: FlagCode
    params: tuple[tuple[str, str], ...] = ()

    @property
    def values(self) -> dict[str, str]:
        return dict(self.params)


def _flag(code: FlagCode, **params: object) -> JobFlag:
    return JobFlag(code, tuple((k, str(v)) for k, v in params.items()))


# The consent rule matters while the work is done and signed for; before the technician
# is on site nothing has been done to consent to, after signature it is settled.
_CONSENT_STATUSES = frozenset({JobStatus.ON_SITE, JobStatus.WAITING_PARTS, JobStatus.COMPLETED})


def note_flags(flagged: str, status: JobStatus | str) -> tuple[JobFlag, ...]:
    """The flags head office's review notes (``Job.flagged``) carry: cheap, from the job
    row alone, so a list can show them. The recurring fault comes first, as "replace the
    unit"; every other note follows as an office review with its code and arguments."""
    if JobStatus(status) is JobStatus.CANCELLED:
        return ()
    found: list[JobFlag] = []
    recurring = read_recurring_note(flagged or "")
    if recurring is not None:
        found.append(
            _flag(
                FlagCode.REPLACE_UNIT,
                serial=recurring.serial,
                earlier_job=recurring.earlier_job,
                promised_until=recurring.promised_until.isoformat(),
            )
        )
    for entry in review_notes.read(flagged or ""):
        if entry.code is not NoteCode.RECURRING_FAULT:
            found.append(
                JobFlag(FlagCode.OFFICE_REVIEW, (("note", entry.code.value), *entry.params))
            )
    return tuple(found)


def flags_of(
    records: JobRecords,
    consented_total: int | None,
    *,
    on_date: date | None = None,
) -> tuple[JobFlag, ...]:
    """Every flag of a job from what pricing reads about it (pure)."""
    job = records.job
    if job.status is JobStatus.CANCELLED:
        return ()
    found = list(note_flags(job.flagged, job.status))
    day = on_date or visit_day(job, records.times, records.settings)
    facts = facts_of(records, day)
    decisions = [facts.warranty, *facts.component_warranty.values()]
    excluded = sorted(
        {d.code.partition(":")[2] for d in decisions if d and d.code.startswith("excluded:")}
    )
    found.extend(_flag(FlagCode.WARRANTY_EXCLUDED, cause=cause) for cause in excluded)
    card = facts.card
    if card is not None and not card.covers:
        if not card.valid:
            found.append(
                _flag(
                    FlagCode.CARD_NOT_VALID,
                    card=card.card.number,
                    starts_on=card.card.starts_on.isoformat(),
                    ends_on=card.card.ends_on.isoformat(),
                )
            )
        else:
            found.append(
                _flag(FlagCode.CARD_EXHAUSTED, card=card.card.number, visits=card.card.visits)
            )
    if job.status in _CONSENT_STATUSES:
        bill = bill_of(records, on_date=on_date)
        try:
            check_consent(
                bill.total,
                consented_total,
                records.settings.consent_margin,
                needed=bill.needs_consent,
            )
        except ConsentError as problem:
            found.append(_flag(FlagCode(problem.code), **problem.params))
    return tuple(found)


def job_flags(store: LocalStore, job_id: str, on_date: date | None = None) -> tuple[JobFlag, ...]:
    """The job's flags from this device's store."""
    return flags_of(
        job_records(store, job_id, on_date), consented_total(store, job_id), on_date=on_date
    )


__all__ = ["FlagCode", "JobFlag", "flags_of", "job_flags", "note_flags"]
