"""The core's error codes in the user's language (Qt Linguist, context "Errors").

The core raises ``StoreError(problem, **params)``; the command line prints its
English ``str()``, the app shows these words, so a Chinese screen never shows an
English driver message.
"""

from __future__ import annotations

import errno

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from tech_app.errors import Invalid, StoreError, StoreProblem, ValidationError
from ui import labels

_STORE: dict[StoreProblem, object] = {
    StoreProblem.LOCKED: QT_TRANSLATE_NOOP(
        "Errors", "The job database is in use by another tech-app window. Close it and retry."
    ),
    StoreProblem.DISK_FULL: QT_TRANSLATE_NOOP(
        "Errors", "The disk is full. Free some space; nothing was saved."
    ),
    StoreProblem.READ_ONLY: QT_TRANSLATE_NOOP(
        "Errors",
        "tech-app cannot write to the profile folder {path} (read-only or no permission). "
        "Choose another folder or ask for its permissions to be fixed.",
    ),
    StoreProblem.NOT_A_FOLDER: QT_TRANSLATE_NOOP(
        "Errors", "{path} is a file, not a folder. Choose a folder for the profile."
    ),
    StoreProblem.NEWER_VERSION: QT_TRANSLATE_NOOP(
        "Errors",
        "{path} was written by a newer tech-app (database version {found}; this app reads "
        "up to {known}). Update tech-app to open it.",
    ),
    StoreProblem.DAMAGED: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a tech-app database or is damaged."
    ),
    StoreProblem.UNUSABLE: QT_TRANSLATE_NOOP(
        "Errors", "The job database could not be read or written: {detail}"
    ),
}


_INVALID: dict[Invalid, object] = {
    Invalid.NOT_A_NUMBER: QT_TRANSLATE_NOOP("Errors", "“{value}” is not a number"),
    Invalid.WRONG_UNIT: QT_TRANSLATE_NOOP("Errors", "“{value}”: give the number in {unit}"),
    Invalid.NOT_POSITIVE: QT_TRANSLATE_NOOP(
        "Errors", "“{value}”: must be more than zero (remove a wrong line instead)"
    ),
    Invalid.TOO_MANY_DECIMALS: QT_TRANSLATE_NOOP(
        "Errors", "“{value}” has more than {decimals} decimals"
    ),
    Invalid.TOO_LARGE: QT_TRANSLATE_NOOP("Errors", "“{value}” is more than a van can carry"),
    Invalid.NOT_YES_NO: QT_TRANSLATE_NOOP("Errors", "“{value}” is neither yes nor no"),
    Invalid.NOT_A_CHOICE: QT_TRANSLATE_NOOP("Errors", "“{value}” is not one of the choices"),
    Invalid.STEP_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "Errors", "A job that is “{current}” cannot become “{wanted}”"
    ),
    Invalid.NOT_SIGNED: QT_TRANSLATE_NOOP("Errors", "The customer has not signed yet"),
    Invalid.JOB_SIGNED: QT_TRANSLATE_NOOP(
        "Errors", "The job {number} is signed; record an amendment instead"
    ),
    Invalid.JOB_CANCELLED: QT_TRANSLATE_NOOP("Errors", "The job was cancelled"),
    Invalid.RECORDED_ONCE: QT_TRANSLATE_NOOP(
        "Errors", "This was recorded once and cannot be changed"
    ),
    Invalid.UNKNOWN_PART: QT_TRANSLATE_NOOP("Errors", "No part “{value}” in the catalogue"),
    Invalid.LINE_REMOVED: QT_TRANSLATE_NOOP("Errors", "This part line was removed already"),
    Invalid.ENDS_BEFORE_START: QT_TRANSLATE_NOOP("Errors", "The end is before the start"),
    Invalid.UNANSWERED: QT_TRANSLATE_NOOP(
        "Errors", "Required checklist items are unanswered: {items}"
    ),
    Invalid.IN_FUTURE: QT_TRANSLATE_NOOP("Errors", "This time is later than now"),
    Invalid.TIMERS_MOVED: QT_TRANSLATE_NOOP(
        "Errors", "The timers changed since; correct the time entries instead"
    ),
    Invalid.REQUIRED: QT_TRANSLATE_NOOP("Errors", "This is required"),
    Invalid.TOO_LONG: QT_TRANSLATE_NOOP("Errors", "Longer than {limit} characters"),
    Invalid.SIGNATURE_MISSING: QT_TRANSLATE_NOOP("Errors", "The customer has not signed yet"),
    Invalid.NO_SERVICE: QT_TRANSLATE_NOOP("Errors", "Tick at least one service"),
    Invalid.NOT_COUNTER_JOB: QT_TRANSLATE_NOOP(
        "Errors", "Job {number} is not a counter job: nothing is handed in on it"
    ),
    Invalid.ALREADY_HANDED_IN: QT_TRANSLATE_NOOP(
        "Errors", "Job {number} already has its registration form (counterfoil {counterfoil})"
    ),
    Invalid.NOT_HANDED_IN: QT_TRANSLATE_NOOP("Errors", "Nothing was handed in on job {number}"),
    Invalid.INTAKE_STEP_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "Errors", "A piece that is “{current}” cannot become “{wanted}”"
    ),
    Invalid.COUNTERFOIL_MISMATCH: QT_TRANSLATE_NOOP(
        "Errors", "“{value}” is not the number on this piece's counterfoil"
    ),
    Invalid.WRONG_JOB_TYPE: QT_TRANSLATE_NOOP(
        "Errors", "Job {number} is not the kind of visit this is recorded on"
    ),
    Invalid.LOAN_RETURNED: QT_TRANSLATE_NOOP("Errors", "The loaned unit is already back"),
    Invalid.FILE_EMPTY: QT_TRANSLATE_NOOP("Errors", "The file is empty"),
    Invalid.NOT_AN_IMAGE: QT_TRANSLATE_NOOP("Errors", "The file is not a PNG or JPEG image"),
    Invalid.IMAGE_DAMAGED: QT_TRANSLATE_NOOP("Errors", "The {kind} image is damaged or cut short"),
    Invalid.FILE_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Errors", "The file is {size_kb} KB; at most {limit_kb} KB"
    ),
    Invalid.IMAGE_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Errors", "The image is {width}×{height} pixels; at most {limit}×{limit}"
    ),
}
# Fields whose refusal is shown in a box rather than next to the field: named in it.
_FIELDS: dict[str, object] = {
    "part_usage.quantity": QT_TRANSLATE_NOOP("Errors", "Quantity"),
    "part_usage.part": QT_TRANSLATE_NOOP("Errors", "Part"),
    "jewellery_intake.signer_name": QT_TRANSLATE_NOOP("Errors", "Signed by"),
    "jewellery_intake.signature": QT_TRANSLATE_NOOP("Errors", "Customer signature"),
}


def invalid_text(error: ValidationError, *, with_field: bool = True) -> str:
    """A refused value in words: the coded ones translated, others by their reason."""
    if error.code is None:
        return error.reason
    text = QCoreApplication.translate("Errors", str(_INVALID[error.code])).format_map(
        _Missing(_in_language(error.params))
    )
    field = _FIELDS.get(error.field)
    if with_field and field is not None:
        return QCoreApplication.translate("Errors", "{field}: {problem}").format(
            field=QCoreApplication.translate("Errors", str(field)), problem=text
        )
    return text


def store_error_text(error: StoreError) -> str:
    template = QCoreApplication.translate("Errors", str(_STORE[error.problem]))
    return template.format_map(_Missing(error.params))


def os_error_text(error: OSError) -> str:
    """A file the app could not write (a slip, a photo): which file and why, in words."""
    where = str(error.filename or "")
    if error.errno == errno.ENOSPC:
        return QCoreApplication.translate("Errors", str(_STORE[StoreProblem.DISK_FULL]))
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return QCoreApplication.translate(
            "Errors", "tech-app may not write {path} (read-only or no permission)."
        ).format(path=where)
    if error.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST):
        return QCoreApplication.translate(
            "Errors",
            "{path} is in the way: a file where a folder should be, or the other way round.",
        ).format(path=where)
    return QCoreApplication.translate("Errors", "The file {path} could not be used.").format(
        path=where
    )


# Parameters that are vocabulary codes (job statuses) and are shown as their words.
_CODED_PARAMS = frozenset({"current", "wanted"})


def _in_language(params: dict[str, str]) -> dict[str, str]:
    """Parameters that come in the template's languages (``items`` / ``items_zh``): the
    Chinese one where the app runs in Chinese and the author gave it."""
    shown = {k: labels.word(v) if k in _CODED_PARAMS else v for k, v in params.items()}
    if QLocale().language() != QLocale.Language.Chinese:
        return shown
    return {k: params.get(f"{k}_zh") or v for k, v in shown.items()}


class _Missing(dict[str, str]):
    # A translation that names a parameter the error did not carry shows it empty,
    # rather than raising KeyError inside an error message.
    def __missing__(self, key: str) -> str:
        return ""
