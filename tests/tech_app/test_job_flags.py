"""The flags on the technician's screen, decided by the rules that own them (table-driven).

Each case starts from a demo job's records as the laptop reads them (``job_records``)
and changes one fact: head office's recurring-fault note, the recorded cause of the
fault, the card's earlier visits or its period, the consent and the status.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from tech_app import review_notes
from tech_app.bill import EarlierVisit, JobRecords
from tech_app.charges import job_records
from tech_app.demo import demo_id
from tech_app.job_flags import FlagCode, JobFlag, flags_of, job_flags, note_flags
from tech_app.lifecycle import change_status
from tech_app.rules.recurring import read_recurring_note, recurring_note
from tech_app.signoff import record_consent
from tech_app.store.local import LocalStore
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage, JobStatus, JobType
from tests.conftest import DEMO_DAY

HEATER_IN = demo_id("job:heater-in")
HEATER_OUT = demo_id("job:heater-out")
DISPENSER = demo_id("job:dispenser")
NOTE = review_notes.encode(
    recurring_note("SH-2024-00871", "J-2026-0007", "liu", date(2026, 3, 10), date(2026, 12, 9))
)
# What head office wrote before the notes were codes.
OLD_NOTE = (
    "recurring fault: SH-2024-00871 was repaired in job J-2026-0007 by liu on 2026-03-10, "
    "promised until 2026-12-09; policy: replace the unit"
)
REPLACE = JobFlag(
    FlagCode.REPLACE_UNIT,
    (
        ("serial", "SH-2024-00871"),
        ("earlier_job", "J-2026-0007"),
        ("promised_until", "2026-12-09"),
    ),
)


def _job(records: JobRecords, **changes: object) -> JobRecords:
    return dataclasses.replace(records, job=dataclasses.replace(records.job, **changes))


def _card_visits(records: JobRecords, count: int) -> JobRecords:
    earlier = tuple(
        EarlierVisit(
            job_id=f"earlier-{n}",
            job_number=f"J-2026-00{n:02d}",
            job_type=JobType.CLEANING,
            day=DEMO_DAY - timedelta(days=30 - n),
            card_id=records.job.card_id,
        )
        for n in range(count)
    )
    return dataclasses.replace(records, earlier=earlier)


Case = tuple[str, Callable[[JobRecords], JobRecords], int | None, date | None, tuple[JobFlag, ...]]
CASES: list[Case] = [
    ("heater", lambda r: r, None, None, ()),
    ("heater", lambda r: _job(r, flagged=NOTE), None, None, (REPLACE,)),
    # An old English note still says "replace the unit"; the rest of its text is kept.
    (
        "heater",
        lambda r: _job(r, flagged=f"{OLD_NOTE}; left for review"),
        None,
        None,
        (
            REPLACE,
            JobFlag(FlagCode.OFFICE_REVIEW, (("note", "legacy"), ("text", "left for review"))),
        ),
    ),
    # Every other note head office wrote shows as an office review, with its arguments.
    (
        "heater",
        lambda r: _job(
            r,
            flagged=review_notes.add(
                NOTE,
                review_notes.note(
                    review_notes.NoteCode.WORK_AFTER_CANCEL, technician="liu", job="J-1"
                ),
            ),
        ),
        None,
        None,
        (
            REPLACE,
            JobFlag(
                FlagCode.OFFICE_REVIEW,
                (("note", "work_after_cancel"), ("job", "J-1"), ("technician", "liu")),
            ),
        ),
    ),
    (
        "heater",
        lambda r: _job(r, fault_cause="user_dismantling"),
        None,
        None,
        (JobFlag(FlagCode.WARRANTY_EXCLUDED, (("cause", "user_dismantling"),)),),
    ),
    ("dispenser", lambda r: _card_visits(r, 2), None, None, ()),
    (
        "dispenser",
        lambda r: _card_visits(r, 12),
        None,
        None,
        (JobFlag(FlagCode.CARD_EXHAUSTED, (("card", "WD-2026-0388"), ("visits", "12"))),),
    ),
    (
        "dispenser",
        lambda r: r,
        None,
        DEMO_DAY + timedelta(days=400),
        (
            JobFlag(
                FlagCode.CARD_NOT_VALID,
                (
                    ("card", "WD-2026-0388"),
                    ("starts_on", (DEMO_DAY - timedelta(days=60)).isoformat()),
                    ("ends_on", (DEMO_DAY + timedelta(days=304)).isoformat()),
                ),
            ),
        ),
    ),
    # Charged work on site: consent missing, then past the consented estimate.
    (
        "heater_out",
        lambda r: r,
        None,
        None,
        (JobFlag(FlagCode.CONSENT_MISSING, (("bill_total", "7684"),)),),
    ),
    ("heater_out", lambda r: r, 7684, None, ()),
    (
        "heater_out",
        lambda r: r,
        5000,
        None,
        (
            JobFlag(
                FlagCode.CONSENT_EXCEEDED,
                (("bill_total", "7684"), ("consented_total", "5000"), ("allowed_total", "5000")),
            ),
        ),
    ),
    # Not there yet, or settled: no consent to ask for.
    ("heater_out", lambda r: _job(r, status=JobStatus.EN_ROUTE), None, None, ()),
    ("heater_out", lambda r: _job(r, status=JobStatus.SIGNED), None, None, ()),
    # A cancelled job flags nothing, not even head office's note.
    ("heater", lambda r: _job(r, flagged=NOTE, status=JobStatus.CANCELLED), None, None, ()),
]


@pytest.fixture
def records(demo_store: LocalStore) -> dict[str, JobRecords]:
    change_status(demo_store, HEATER_OUT, "en_route")
    change_status(demo_store, HEATER_OUT, "on_site")
    record_part_usage(demo_store, HEATER_OUT, "SH-FIT-20", 1, Coverage.CHARGED, "liu")
    return {
        "heater": job_records(demo_store, HEATER_IN),
        "heater_out": job_records(demo_store, HEATER_OUT),
        "dispenser": job_records(demo_store, DISPENSER),
    }


@pytest.mark.parametrize(("job", "change", "consented", "on_date", "expected"), CASES)
def test_flags_of(
    records: dict[str, JobRecords],
    job: str,
    change: Callable[[JobRecords], JobRecords],
    consented: int | None,
    on_date: date | None,
    expected: tuple[JobFlag, ...],
) -> None:
    assert flags_of(change(records[job]), consented, on_date=on_date) == expected


@pytest.mark.parametrize("flagged", [f"kept for review\n{NOTE}", f"kept for review; {OLD_NOTE}"])
def test_the_note_is_written_and_read_by_one_rule(flagged: str) -> None:
    note = read_recurring_note(flagged)
    assert note is not None
    assert (note.serial, note.earlier_job, note.promised_until) == (
        "SH-2024-00871",
        "J-2026-0007",
        date(2026, 12, 9),
    )
    assert read_recurring_note("consent_missing: signed for ¥10.00") is None
    # A note the office API wrote by hand without its arguments is no recurring fault.
    assert read_recurring_note('{"args":{"serial":"X"},"code":"recurring_fault"}') is None


def test_the_list_reads_only_the_note() -> None:
    assert note_flags("", "assigned") == ()
    assert note_flags(NOTE, "cancelled") == ()
    (flag,) = note_flags(NOTE, "on_site")
    assert flag.code is FlagCode.REPLACE_UNIT and flag.values["earlier_job"] == "J-2026-0007"


def test_job_flags_reads_the_store(demo_store: LocalStore) -> None:
    change_status(demo_store, HEATER_OUT, "en_route")
    change_status(demo_store, HEATER_OUT, "on_site")
    record_part_usage(demo_store, HEATER_OUT, "SH-FIT-20", 1, Coverage.CHARGED, "liu")
    assert [f.code for f in job_flags(demo_store, HEATER_OUT)] == [FlagCode.CONSENT_MISSING]
    record_consent(demo_store, HEATER_OUT, "Emily Carter", planned_minutes=None)
    assert job_flags(demo_store, HEATER_OUT) == ()
