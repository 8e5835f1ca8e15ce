"""The job flags' codes, and the flags the job row alone carries, for the job list.

``tech_app.job_flags`` decides every flag of an open job from what pricing reads; the
list of 100,000 jobs shows head office's review notes (``note_flags``: the recurring
fault as "replace the unit", every other note as an office review), which need the job
row alone. Kept apart so the list (and the app's start-up) does
not import the pricing to say it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tech_app import review_notes
from tech_app.review_notes import NoteCode
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


def flag(code: FlagCode, **params: object) -> JobFlag:
    """A flag with its parameters as text (what the words are formatted with)."""
    return JobFlag(code, tuple((k, str(v)) for k, v in params.items()))


def note_flags(flagged: str, status: JobStatus | str) -> tuple[JobFlag, ...]:
    """The flags head office's review notes (``Job.flagged``) carry: cheap, from the job
    row alone, so a list can show them. The recurring fault comes first, as "replace the
    unit"; every other note follows as an office review with its code and arguments."""
    if not flagged or JobStatus(status) is JobStatus.CANCELLED:
        return ()
    replace: list[JobFlag] = []
    reviews: list[JobFlag] = []
    for entry in review_notes.read(flagged):
        recurring = None
        if entry.code is NoteCode.RECURRING_FAULT:
            # The recurring-fault rules (~11 ms of imports) load with the first such note,
            # not before the job list's first paint.
            from tech_app.rules.recurring import recurring_of

            recurring = recurring_of(entry)
        if recurring is not None:
            if not replace:  # the first one, as read_recurring_note finds it
                replace.append(
                    flag(
                        FlagCode.REPLACE_UNIT,
                        serial=recurring.serial,
                        earlier_job=recurring.earlier_job,
                        promised_until=recurring.promised_until.isoformat(),
                    )
                )
        elif entry.code is not NoteCode.RECURRING_FAULT:
            reviews.append(
                JobFlag(FlagCode.OFFICE_REVIEW, (("note", entry.code.value), *entry.params))
            )
    return (*replace, *reviews)


__all__ = ["FlagCode", "JobFlag", "flag", "note_flags"]
