"""A fault that comes back: the same unit needs a repair again while the last repair's
promise still holds.

The stove brand promises "same fault again after repair → the unit is replaced, no
questions asked" (DOMAIN.md). A repair's promise lasts as long as what it fitted is
guaranteed: the longest own warranty of the parts replaced (each part carries its
period, see ``warranty.part_warranty``). A repair that fitted no part with a warranty
still promises the fix for ``PROMISE_WITHOUT_PARTS``.

Whether two reports are "the same fault" is for the office to confirm: at dispatch
the new job has only the customer's words, so every new repair of a unit inside the
promise is flagged with the earlier repair, and the office decides on a replacement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from tech_app import review_notes
from tech_app.records.validate import check_aware, check_count
from tech_app.review_notes import Note, NoteCode, note
from tech_app.rules.schedule import add_months

# No seed gives a period for a repair that fitted no guaranteed part; three months is
# this company's setting (change it here).
PROMISE_WITHOUT_PARTS: Final = timedelta(days=90)


@dataclass(frozen=True)
class PastRepair:
    """A completed repair of the unit, with the warranty months of the parts it fitted."""

    job_id: str
    job_number: str
    technician: str
    completed_at: datetime
    part_warranty_months: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        check_aware("repair.completed_at", self.completed_at)
        for months in self.part_warranty_months:
            check_count("repair.part_warranty_months", months)


def promise_ends(repair: PastRepair, zone: tzinfo | None = None) -> date:
    """The last day the repair is promised to hold (included), counted in ``zone``."""
    start = (repair.completed_at.astimezone(zone) if zone else repair.completed_at).date()
    months = max(repair.part_warranty_months, default=0)
    if months:
        return add_months(start, months) - timedelta(days=1)
    return start + PROMISE_WITHOUT_PARTS - timedelta(days=1)


def recurring_fault(repairs: Sequence[PastRepair], reported_at: datetime) -> PastRepair | None:
    """The latest earlier repair whose promise still held when the new fault was reported.

    Days are counted in the zone ``reported_at`` carries, so a repair finished late in
    the evening counts on the customer's day.
    """
    check_aware("reported_at", reported_at)
    zone = reported_at.tzinfo
    holding = [
        r
        for r in repairs
        if r.completed_at <= reported_at and reported_at.date() <= promise_ends(r, zone)
    ]
    return max(holding, key=lambda r: r.completed_at, default=None)


# The note head office puts in ``Job.flagged``: a code with its arguments
# (``tech_app.review_notes``), written and read here, so both ends word it themselves.
@dataclass(frozen=True)
class RecurringNote:
    """What the note says: the unit, the earlier repair and how long its promise holds."""

    serial: str
    earlier_job: str
    repaired_on: date
    promised_until: date


def recurring_note(
    serial: str, earlier_job: str, technician: str, repaired_on: date, until: date
) -> Note:
    """The review note; ``technician`` is who did the earlier repair ("" for head office)."""
    return note(
        NoteCode.RECURRING_FAULT,
        serial=serial,
        earlier_job=earlier_job,
        technician=technician,
        repaired_on=repaired_on.isoformat(),
        promised_until=until.isoformat(),
    )


def read_recurring_note(flagged: str) -> RecurringNote | None:
    """The recurring-fault note among a job's review notes (old English ones too), None
    without one."""
    for found in review_notes.read(flagged):
        recurring = recurring_of(found)
        if recurring is not None:
            return recurring
    return None


def recurring_of(entry: Note) -> RecurringNote | None:
    """What one review note says as a recurring fault, None for any other note."""
    if entry.code is not NoteCode.RECURRING_FAULT:
        return None
    values = entry.values
    try:
        return RecurringNote(
            serial=values["serial"],
            earlier_job=values["earlier_job"],
            repaired_on=date.fromisoformat(values["repaired_on"]),
            promised_until=date.fromisoformat(values["promised_until"]),
        )
    except (KeyError, ValueError):
        return None  # a note the office API wrote by hand, missing its arguments
