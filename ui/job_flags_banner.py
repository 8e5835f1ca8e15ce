"""The job's flags as chips above its tabs: the core's codes (``tech_app.job_flags``) in words.

Words live here, in Qt Linguist's context "Flags"; ``flag_text`` is also what the job
list's tooltip says. The banner only paints what the core decided.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tech_app.flag_codes import FlagCode, JobFlag
from tech_app.review_notes import NoteCode
from ui import labels

_CONTEXT = "Flags"
_WORDS: dict[FlagCode, str] = {
    FlagCode.REPLACE_UNIT: QT_TRANSLATE_NOOP(
        "Flags",
        "Recurring fault: replace the unit. {serial} was repaired in job {earlier_job}, "
        "promised until {promised_until}.",
    ),
    FlagCode.WARRANTY_EXCLUDED: QT_TRANSLATE_NOOP(
        "Flags", "Warranty exclusion: {cause}. Covered work is charged."
    ),
    FlagCode.CARD_EXHAUSTED: QT_TRANSLATE_NOOP(
        "Flags", "Card {card}: all {visits} visits used. This visit is charged."
    ),
    FlagCode.CARD_NOT_VALID: QT_TRANSLATE_NOOP(
        "Flags", "Card {card} is valid from {starts_on} to {ends_on} only. This visit is charged."
    ),
    FlagCode.CONSENT_MISSING: QT_TRANSLATE_NOOP(
        "Flags", "No consent yet: the customer must agree to {bill_total} before the repair."
    ),
    FlagCode.CONSENT_EXCEEDED: QT_TRANSLATE_NOOP(
        "Flags", "The bill {bill_total} is past the consented {consented_total}: ask again."
    ),
}
_SHORT: dict[FlagCode, str] = {
    FlagCode.REPLACE_UNIT: QT_TRANSLATE_NOOP("Flags", "Replace unit"),
    FlagCode.WARRANTY_EXCLUDED: QT_TRANSLATE_NOOP("Flags", "Warranty exclusion"),
    FlagCode.CARD_EXHAUSTED: QT_TRANSLATE_NOOP("Flags", "Card used up"),
    FlagCode.CARD_NOT_VALID: QT_TRANSLATE_NOOP("Flags", "Card not valid"),
    FlagCode.CONSENT_MISSING: QT_TRANSLATE_NOOP("Flags", "Consent missing"),
    FlagCode.CONSENT_EXCEEDED: QT_TRANSLATE_NOOP("Flags", "Consent exceeded"),
}
# Head office's review notes (``FlagCode.OFFICE_REVIEW``), by the note's own code.
_REVIEW_WORDS: dict[NoteCode, str] = {
    NoteCode.WORK_AFTER_REASSIGN: QT_TRANSLATE_NOOP(
        "Flags",
        "Office review: {technician} recorded work on job {job} after it was reassigned "
        "to {assignee}.",
    ),
    NoteCode.WORK_AFTER_CANCEL: QT_TRANSLATE_NOOP(
        "Flags",
        "Office review: {technician} recorded work on job {job} after head office cancelled it.",
    ),
    NoteCode.WORK_AFTER_DELETE: QT_TRANSLATE_NOOP(
        "Flags",
        "Office review: {technician} recorded work on job {job} after head office deleted it.",
    ),
    NoteCode.OVERCHARGE: QT_TRANSLATE_NOOP(
        "Flags",
        "Office review: overcharge of {overcharge}. The customer paid {amount_charged}, "
        "the slip's total is {slip_total}.",
    ),
    NoteCode.SIGNED_WITHOUT_CONSENT: QT_TRANSLATE_NOOP(
        "Flags",
        "Office review: signed for {bill_total} without the customer's consent to that amount.",
    ),
    NoteCode.KEPT_ON_DEVICE: QT_TRANSLATE_NOOP(
        "Flags",
        "Kept on this laptop: head office removed the job while work here was not yet synced.",
    ),
    NoteCode.LEGACY: QT_TRANSLATE_NOOP("Flags", "Office review: {text}"),
}
_REVIEW_SHORT: dict[NoteCode, str] = {
    NoteCode.WORK_AFTER_REASSIGN: QT_TRANSLATE_NOOP("Flags", "Work after reassignment"),
    NoteCode.WORK_AFTER_CANCEL: QT_TRANSLATE_NOOP("Flags", "Work after cancellation"),
    NoteCode.WORK_AFTER_DELETE: QT_TRANSLATE_NOOP("Flags", "Work after deletion"),
    NoteCode.OVERCHARGE: QT_TRANSLATE_NOOP("Flags", "Overcharge"),
    NoteCode.SIGNED_WITHOUT_CONSENT: QT_TRANSLATE_NOOP("Flags", "Signed without consent"),
    NoteCode.KEPT_ON_DEVICE: QT_TRANSLATE_NOOP("Flags", "Kept on this laptop"),
    NoteCode.LEGACY: QT_TRANSLATE_NOOP("Flags", "Office review"),
}
_MONEY = frozenset(
    {"bill_total", "consented_total", "allowed_total", "overcharge", "amount_charged", "slip_total"}
)
_CODES = frozenset({"cause"})  # vocabulary codes, shown as their words


def _shown(flag: JobFlag) -> dict[str, str]:
    values = flag.values
    for key in _MONEY & values.keys():
        if values[key].lstrip("-").isdigit():  # else a hand-written note: shown as written
            values[key] = labels.money(int(values[key]))
    for key in _CODES & values.keys():
        values[key] = labels.word(values[key])
    return values


def _review_code(flag: JobFlag) -> NoteCode | None:
    if flag.code is not FlagCode.OFFICE_REVIEW:
        return None
    code = NoteCode(flag.values["note"])
    # A recurring fault is REPLACE_UNIT; one office review cannot carry it (a note
    # without its arguments is read as no recurring fault), so it is worded as a note.
    return code if code in _REVIEW_WORDS else NoteCode.LEGACY


def flag_text(flag: JobFlag) -> str:
    """The flag as a sentence in the user's language."""
    review = _review_code(flag)
    message = _WORDS[flag.code] if review is None else _REVIEW_WORDS[review]
    values = _shown(flag)
    if review is NoteCode.LEGACY:
        values.setdefault("text", "")
    try:
        return QCoreApplication.translate(_CONTEXT, message).format_map(values)
    except (KeyError, IndexError, ValueError):
        return flag_name(flag)  # a hand-written note without its arguments: its name


def flag_name(flag: JobFlag) -> str:
    """The flag in two or three words, for a list column."""
    review = _review_code(flag)
    short = _SHORT[flag.code] if review is None else _REVIEW_SHORT[review]
    return QCoreApplication.translate(_CONTEXT, short)


CHIP_STYLE = (
    "QLabel { background: #fff3e0; color: #8a3b00; border: 1px solid #e65100;"
    " border-radius: 4px; padding: 3px 6px; font-weight: bold; }"
)
REPLACE_STYLE = (
    "QLabel { background: #ffebee; color: #b71c1c; border: 1px solid #c62828;"
    " border-radius: 4px; padding: 3px 6px; font-weight: bold; }"
)


class FlagBanner(QWidget):
    """One chip per flag, one under another (they are sentences), hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("job_flags")
        self._flags: tuple[JobFlag, ...] = ()
        self.chips: list[QLabel] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(3)
        self.hide()

    @property
    def flags(self) -> tuple[JobFlag, ...]:
        return self._flags

    def show_flags(self, flags: tuple[JobFlag, ...]) -> None:
        if flags == self._flags and len(self.chips) == len(flags):
            return
        self._flags = flags
        for chip in self.chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        for index, flag in enumerate(flags):
            chip = QLabel(self)
            chip.setObjectName(f"flag_{flag.code.value}")
            chip.setWordWrap(True)
            chip.setStyleSheet(REPLACE_STYLE if flag.code is FlagCode.REPLACE_UNIT else CHIP_STYLE)
            self._layout.insertWidget(index, chip)
            self.chips.append(chip)
        self.retranslate()
        self.setVisible(bool(flags))

    def retranslate(self) -> None:
        for chip, flag in zip(self.chips, self._flags, strict=True):
            chip.setText(flag_text(flag))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
