"""The job flags' codes, and the flags the job row alone carries, for the job list.

``tech_app.job_flags`` decides every flag of an open job from what pricing reads; the
list of 100,000 jobs shows only head office's recurring-fault note (``note_flags``),
which needs the job row alone. Kept apart so the list (and the app's start-up) does
not import the pricing to say it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tech_app.rules.recurring import read_recurring_note
from tech_app.vocab import JobStatus


class FlagCode(StrEnum):
    REPLACE_UNIT = "replace_unit"  # serial, earlier_job, promised_until (ISO day)
    WARRANTY_EXCLUDED = "warranty_excluded"  # cause (an Exclusion code)
    CARD_EXHAUSTED = "card_exhausted"  # card (its number), visits
    CARD_NOT_VALID = "card_not_valid"  # card, starts_on, ends_on (ISO days)
    CONSENT_MISSING = "consent_missing"  # bill_total (minor units)
    CONSENT_EXCEEDED = "consent_exceeded"  # bill_total, consented_total, allowed_total


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
    row alone, so a list can show them."""
    if JobStatus(status) is JobStatus.CANCELLED:
        return ()
    note = read_recurring_note(flagged or "")
    if note is None:
        return ()
    return (
        flag(
            FlagCode.REPLACE_UNIT,
            serial=note.serial,
            earlier_job=note.earlier_job,
            promised_until=note.promised_until.isoformat(),
        ),
    )


__all__ = ["FlagCode", "JobFlag", "flag", "note_flags"]
