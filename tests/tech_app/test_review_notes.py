"""Review notes are codes with arguments inside ``Job.flagged``; old English text stays."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from tech_app import review_notes
from tech_app.demo import demo_id
from tech_app.records import Job
from tech_app.review_notes import Note, NoteCode, add, note, read
from tech_app.store import remote
from tech_app.store.local import LocalStore

LATE = note(NoteCode.WORK_AFTER_REASSIGN, technician="liu", job="J-7", assignee="wang")
LATE_TEXT = "liu recorded work on job J-7 after it was reassigned to wang"
OVER = note(
    NoteCode.OVERCHARGE, technician="liu", overcharge=5000, amount_charged=9000, slip_total=4000
)


def test_notes_are_added_once_and_read_back_in_order() -> None:
    flagged = add(add("", LATE), OVER)
    assert read(flagged) == (LATE, OVER)
    # A writer that runs again (a replayed push) changes nothing.
    assert add(flagged, LATE) == flagged
    assert add(flagged, OVER) == flagged
    # The same code with other arguments is another note.
    other = note(NoteCode.WORK_AFTER_REASSIGN, technician="zhao", job="J-7", assignee="wang")
    assert read(add(flagged, other)) == (LATE, OVER, other)


def test_arguments_are_text_and_survive_any_characters() -> None:
    odd = note(NoteCode.WORK_AFTER_CANCEL, technician='li "a"\nb; c', job="{J}\\1")
    assert read(add(add("", odd), LATE)) == (odd, LATE)
    assert OVER.values["overcharge"] == "5000"


def test_text_from_older_versions_reads_back_verbatim() -> None:
    old = f"{LATE_TEXT}; overcharge of ¥50.00"
    assert read(old) == (note(NoteCode.LEGACY, text=old),)
    # A new note is added beside it, the old text kept as it was.
    flagged = add(old, LATE)
    assert flagged.startswith(old)
    assert read(flagged) == (note(NoteCode.LEGACY, text=old), LATE)


def test_the_old_recurring_and_kept_sentences_keep_their_meaning() -> None:
    old = (
        "liu recorded work on job J-7 after head office cancelled it; recurring fault: "
        "SH-1 was repaired in job J-2 by head office on 2026-03-10, promised until "
        "2026-06-08; policy: replace the unit; " + review_notes.LEGACY_KEPT
    )
    assert read(old) == (
        note(
            NoteCode.RECURRING_FAULT,
            serial="SH-1",
            earlier_job="J-2",
            technician="",
            repaired_on="2026-03-10",
            promised_until="2026-06-08",
        ),
        note(NoteCode.KEPT_ON_DEVICE),
        note(NoteCode.LEGACY, text="liu recorded work on job J-7 after head office cancelled it"),
    )
    assert review_notes.has(old, NoteCode.RECURRING_FAULT)


def test_a_line_that_is_not_one_of_ours_is_kept_as_text() -> None:
    for line in ('{"code": "from_a_newer_version"}', "{not json", '{"code":"legacy"}', "[1]"):
        assert read(line) == (note(NoteCode.LEGACY, text=line),)
    assert read("") == () and read("\n\n") == ()


_codes = st.sampled_from([c for c in NoteCode if c is not NoteCode.LEGACY])
_notes = st.builds(
    lambda code, args: note(code, **args),
    _codes,
    st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=20), max_size=4),
)


@given(st.lists(_notes, max_size=5))
def test_any_notes_round_trip(notes: list[Note]) -> None:
    flagged = ""
    for entry in notes:
        flagged = add(flagged, entry)
    assert read(flagged) == tuple(dict.fromkeys(notes))


def test_the_sync_problems_list_finds_kept_jobs_old_and_new(demo_store: LocalStore) -> None:
    heater, stove = demo_id("job:heater-in"), demo_id("job:stove")
    old = f"{LATE_TEXT}; {review_notes.LEGACY_KEPT}"  # what an older version wrote
    for job_id, flagged in ((heater, add("", remote.KEPT_FLAG)), (stove, old)):
        job = demo_store.get(Job, job_id)
        demo_store.save(dataclasses.replace(job, flagged=flagged))
    numbers = sorted(demo_store.get(Job, j).number for j in (heater, stove))
    assert remote.kept_jobs(demo_store) == numbers
