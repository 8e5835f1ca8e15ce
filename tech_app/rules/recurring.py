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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from tech_app.records.validate import check_aware, check_count
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


# The note head office puts in ``Job.flagged`` (office-facing English, like every review
# note); written and read here, so the laptop can show the flag in its own words.
RECURRING_NOTE: Final = "recurring fault"
_NOTE = re.compile(
    re.escape(RECURRING_NOTE) + r": (?P<serial>.*?) was repaired in job (?P<job>\S+) by .*? on "
    r"(?P<on>\d{4}-\d{2}-\d{2}), promised until (?P<until>\d{4}-\d{2}-\d{2})"
)


@dataclass(frozen=True)
class RecurringNote:
    """What the note says: the unit, the earlier repair and how long its promise holds."""

    serial: str
    earlier_job: str
    repaired_on: date
    promised_until: date


def recurring_note(
    serial: str, earlier_job: str, technician: str, repaired_on: date, until: date
) -> str:
    return (
        f"{RECURRING_NOTE}: {serial} was repaired in job {earlier_job} by {technician} on "
        f"{repaired_on.isoformat()}, promised until {until.isoformat()}; policy: replace the unit"
    )


def read_recurring_note(flagged: str) -> RecurringNote | None:
    """The recurring-fault note among a job's review notes, None without one."""
    found = _NOTE.search(flagged)
    if found is None:
        return None
    return RecurringNote(
        serial=found["serial"],
        earlier_job=found["job"],
        repaired_on=date.fromisoformat(found["on"]),
        promised_until=date.fromisoformat(found["until"]),
    )
