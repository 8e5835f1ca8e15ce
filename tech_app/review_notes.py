"""Head office's review notes on a job (``Job.flagged``) as codes with arguments.

Several writers flag a job for office review — work recorded after the job was
reassigned, cancelled or deleted (the write gate), a recurring fault (``rules.recurring``),
an overcharge found in a follow-up call, a signature without consent, work a laptop
kept after head office removed the job. They used to write English sentences, which a
Chinese office then read in English. Now each writer adds a ``Note`` (a code and its
arguments) and each front end words it in its own catalogue: the console's, the app's.

The notes live in the existing ``flagged`` text, so neither the record, the local
schema nor head office's tables change: one note per line, each line a compact JSON
object ``{"code": …, "args": {…}}`` (JSON does the escaping, so an argument may hold
any text, a newline included). Text written by an older version is no JSON; it reads
back as a ``LEGACY`` note carrying the text verbatim, so nothing it said is lost —
except the two sentences a rule still needs to recognise (the recurring fault, which
the laptop's banner reads, and the laptop's own "kept" note, which the sync problems
list reads), which read back as their codes. The empty string means "not flagged", as
before, so the office's "resolve" still clears every note at once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class NoteCode(StrEnum):
    """Why head office must review a job; the comment names each code's arguments."""

    WORK_AFTER_REASSIGN = "work_after_reassign"  # technician, job (number), assignee
    WORK_AFTER_CANCEL = "work_after_cancel"  # technician, job
    WORK_AFTER_DELETE = "work_after_delete"  # technician, job
    # serial, earlier_job, technician (of the earlier repair, "" for head office),
    # repaired_on, promised_until (ISO days)
    RECURRING_FAULT = "recurring_fault"
    # technician ("" when none), overcharge, amount_charged, slip_total (minor units)
    OVERCHARGE = "overcharge"
    # rule (a ConsentError code), bill_total (minor units)
    SIGNED_WITHOUT_CONSENT = "signed_without_consent"
    KEPT_ON_DEVICE = "kept_on_device"  # no arguments: written by the laptop itself
    # Not a review flag: the conflict log's reason when two devices changed one field and
    # the later push won (no arguments; the log row names the field and both values).
    BOTH_CHANGED = "both_changed"
    LEGACY = "legacy"  # text: what an older version wrote, verbatim


@dataclass(frozen=True)
class Note:
    code: NoteCode
    params: tuple[tuple[str, str], ...] = ()  # sorted by name, values as text

    @property
    def values(self) -> dict[str, str]:
        return dict(self.params)


def note(code: NoteCode, **params: object) -> Note:
    """A note with its arguments as text (money in minor units, days ISO)."""
    return Note(code, tuple(sorted((k, str(v)) for k, v in params.items())))


def encode(entry: Note) -> str:
    """One note as its line of ``flagged``."""
    if entry.code is NoteCode.LEGACY:
        # Old text stays as written, on one line: a newline would make it two notes.
        return entry.values.get("text", "").replace("\n", " ")
    return json.dumps(
        {"code": entry.code.value, "args": entry.values},
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )


def add(flagged: str, entry: Note) -> str:
    """``flagged`` with the note added; unchanged when it already holds that note, so a
    writer that runs again (a replayed push, a second link of the unit) flags once."""
    if entry in read(flagged):
        return flagged
    line = encode(entry)
    return f"{flagged}\n{line}" if flagged else line


def read(flagged: str) -> tuple[Note, ...]:
    """Every note in ``flagged``, in the order they were added."""
    found: list[Note] = []
    # Only "\n" separates notes: JSON escapes it, while ``splitlines`` would also cut at
    # characters JSON leaves as they are (U+0085, U+2028) inside an argument.
    for line in (flagged or "").split("\n"):
        if line.strip():
            found.extend(_read_line(line))
    return tuple(found)


def has(flagged: str, code: NoteCode) -> bool:
    return any(n.code is code for n in read(flagged))


def _read_line(line: str) -> list[Note]:
    parsed = _coded(line)
    if parsed is not None:
        return [parsed]
    return _read_legacy(line)


def _coded(line: str) -> Note | None:
    if not line.startswith("{"):
        return None
    try:
        data = json.loads(line)
        code = NoteCode(data["code"])
        args = data.get("args", {})
    except (ValueError, KeyError, TypeError):
        return None  # not one of ours (or from a newer version): kept as text
    if code is NoteCode.LEGACY or not isinstance(args, dict):
        return None
    return note(code, **{str(k): v for k, v in args.items()})


# What versions before these codes wrote (``rules.recurring`` and ``store.remote``),
# recognised so that old data keeps its meaning; everything else stays verbatim.
LEGACY_RECURRING: Final = re.compile(
    r"recurring fault: (?P<serial>.*?) was repaired in job (?P<earlier_job>\S+) by "
    r"(?P<technician>.*?) on (?P<repaired_on>\d{4}-\d{2}-\d{2}), promised until "
    r"(?P<promised_until>\d{4}-\d{2}-\d{2})(?:; policy: replace the unit)?"
)
LEGACY_KEPT: Final = (
    "kept on this device: head office removed it while work here was not yet synced"
)
# Older writers joined their sentences with this.
_LEGACY_JOIN: Final = "; "


def _read_legacy(line: str) -> list[Note]:
    found: list[Note] = []
    rest = line
    match = LEGACY_RECURRING.search(rest)
    if match is not None:
        technician = match["technician"]
        found.append(
            note(
                NoteCode.RECURRING_FAULT,
                serial=match["serial"],
                earlier_job=match["earlier_job"],
                technician="" if technician == "head office" else technician,
                repaired_on=match["repaired_on"],
                promised_until=match["promised_until"],
            )
        )
        rest = rest[: match.start()] + _LEGACY_JOIN + rest[match.end() :]
    if LEGACY_KEPT in rest:
        found.append(note(NoteCode.KEPT_ON_DEVICE))
        rest = rest.replace(LEGACY_KEPT, _LEGACY_JOIN)
    if found:
        rest = _squeeze(rest)
    if rest.strip():
        found.append(note(NoteCode.LEGACY, text=rest))
    return found


def _squeeze(text: str) -> str:
    """The sentences left once recognised ones are taken out, joined as they were."""
    parts = [p.strip() for p in text.split(_LEGACY_JOIN.strip())]
    return _LEGACY_JOIN.join(p for p in parts if p)


__all__ = ["Note", "NoteCode", "add", "encode", "has", "note", "read"]
