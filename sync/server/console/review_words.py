"""The console's words for a job's review notes (``tech_app.review_notes``).

The core stores codes with arguments; this module picks the message for each code,
puts the arguments in the office's terms (money as money, "head office" for a repair
nobody held) and hands both to the page's translator, so a Chinese office reads
Chinese. A note an older version wrote as English text is shown as it was written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sync.server.console.i18n import N_
from tech_app import review_notes
from tech_app.money import format_money
from tech_app.review_notes import Note, NoteCode

Translate = Callable[..., str]

SENTENCES: dict[NoteCode, str] = {
    NoteCode.WORK_AFTER_REASSIGN: N_(
        "{technician} recorded work on job {job} after it was reassigned to {assignee}."
    ),
    NoteCode.WORK_AFTER_CANCEL: N_(
        "{technician} recorded work on job {job} after head office cancelled it."
    ),
    NoteCode.WORK_AFTER_DELETE: N_(
        "{technician} recorded work on job {job} after head office deleted it."
    ),
    NoteCode.RECURRING_FAULT: N_(
        "Recurring fault: {serial} was repaired in job {earlier_job} by {technician} on "
        "{repaired_on}, promised until {promised_until}. Policy: replace the unit."
    ),
    NoteCode.OVERCHARGE: N_(
        "Overcharge of {overcharge} against {technician}: the customer paid "
        "{amount_charged}, the slip's total is {slip_total}."
    ),
    NoteCode.SIGNED_WITHOUT_CONSENT: N_(
        "Signed for {bill_total} without the customer's consent to that amount."
    ),
    NoteCode.KEPT_ON_DEVICE: N_(
        "A laptop kept this job: head office removed it while work there was not yet synced."
    ),
    NoteCode.BOTH_CHANGED: N_(
        "Two devices changed this field; the later one to reach head office wins."
    ),
}
NAMES: dict[NoteCode, str] = {
    NoteCode.WORK_AFTER_REASSIGN: N_("Work after reassignment"),
    NoteCode.WORK_AFTER_CANCEL: N_("Work after cancellation"),
    NoteCode.WORK_AFTER_DELETE: N_("Work after deletion"),
    NoteCode.RECURRING_FAULT: N_("Recurring fault"),
    NoteCode.OVERCHARGE: N_("Overcharge"),
    NoteCode.SIGNED_WITHOUT_CONSENT: N_("Signed without consent"),
    NoteCode.KEPT_ON_DEVICE: N_("Kept on a laptop"),
    NoteCode.BOTH_CHANGED: N_("Changed on two devices"),
    NoteCode.LEGACY: N_("Review note"),
}
_MONEY = frozenset({"overcharge", "amount_charged", "slip_total", "bill_total"})
# Who, when the note names nobody: the recurring fault's earlier repair was head
# office's own, the overcharged job had no assignee.
_NOBODY: dict[NoteCode, str] = {
    NoteCode.RECURRING_FAULT: N_("head office"),
    NoteCode.OVERCHARGE: N_("no technician"),
}


@dataclass(frozen=True)
class NoteShown:
    code: str
    name: str
    text: str


def _arguments(entry: Note, translate: Translate) -> dict[str, str]:
    values = entry.values
    for key in _MONEY & values.keys():
        if values[key].lstrip("-").isdigit():  # else a hand-written note: shown as written
            values[key] = format_money(int(values[key]))
    if "technician" in values and not values["technician"] and entry.code in _NOBODY:
        values["technician"] = translate(_NOBODY[entry.code])
    return values


def note_text(entry: Note, translate: Translate) -> str:
    """The note as a sentence in the page's language."""
    if entry.code is NoteCode.LEGACY:
        return entry.values.get("text", "")
    message = translate(SENTENCES[entry.code])
    try:
        return message.format_map(_arguments(entry, translate))
    except (KeyError, IndexError, ValueError):
        # A note written through the office API without all its arguments: its name,
        # never a traceback.
        return translate(NAMES[entry.code])


def notes_shown(flagged: str, translate: Translate) -> list[NoteShown]:
    """Every review note of a job, named and worded, in the order they were added."""
    return [
        NoteShown(entry.code.value, translate(NAMES[entry.code]), note_text(entry, translate))
        for entry in review_notes.read(flagged)
    ]


def reason_text(reason: str, translate: Translate) -> str:
    """A conflict log entry's reason (a note, or an older version's English) worded."""
    return " ".join(note_text(entry, translate) for entry in review_notes.read(reason))


__all__ = ["NAMES", "SENTENCES", "NoteShown", "note_text", "notes_shown", "reason_text"]
