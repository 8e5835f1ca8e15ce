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

from datetime import date

from tech_app.bill import JobRecords, bill_of, facts_of, visit_day
from tech_app.charges import job_records
from tech_app.errors import ConsentError
from tech_app.flag_codes import FlagCode, JobFlag, flag, note_flags
from tech_app.rules.consent import check_consent
from tech_app.signoff import consented_total
from tech_app.store.local import LocalStore
from tech_app.vocab import JobStatus

# The consent rule matters while the work is done and signed for; before the technician
# is on site nothing has been done to consent to, after signature it is settled.
_CONSENT_STATUSES = frozenset({JobStatus.ON_SITE, JobStatus.WAITING_PARTS, JobStatus.COMPLETED})


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
    found.extend(flag(FlagCode.WARRANTY_EXCLUDED, cause=cause) for cause in excluded)
    card = facts.card
    if card is not None and not card.covers:
        if not card.valid:
            found.append(
                flag(
                    FlagCode.CARD_NOT_VALID,
                    card=card.card.number,
                    starts_on=card.card.starts_on.isoformat(),
                    ends_on=card.card.ends_on.isoformat(),
                )
            )
        else:
            found.append(
                flag(FlagCode.CARD_EXHAUSTED, card=card.card.number, visits=card.card.visits)
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
            found.append(flag(FlagCode(problem.code), **problem.params))
    return tuple(found)


def job_flags(store: LocalStore, job_id: str, on_date: date | None = None) -> tuple[JobFlag, ...]:
    """The job's flags from this device's store."""
    return flags_of(
        job_records(store, job_id, on_date), consented_total(store, job_id), on_date=on_date
    )


__all__ = ["FlagCode", "JobFlag", "flags_of", "job_flags", "note_flags"]
