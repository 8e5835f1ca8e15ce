"""The typed errors the core raises; front ends turn them into messages.

Every expected failure is a ``TechAppError`` so the CLI and the desktop app can
show one clear line instead of a traceback.
"""

from __future__ import annotations

from enum import StrEnum


class TechAppError(Exception):
    """Base of every error a user is expected to see as a message."""


class Invalid(StrEnum):
    """Codes of refused input that the app words itself (``ui/error_words.py``).

    A ValidationError carrying one also carries the parameters its words need; one
    without a code is shown by its English ``reason`` (command line, logs, head office).
    """

    NOT_A_NUMBER = "not_a_number"  # value
    WRONG_UNIT = "wrong_unit"  # value, unit
    NOT_POSITIVE = "not_positive"  # value
    TOO_MANY_DECIMALS = "too_many_decimals"  # value, decimals
    TOO_LARGE = "too_large"  # value
    NOT_YES_NO = "not_yes_no"  # value
    NOT_A_CHOICE = "not_a_choice"  # value, choices (keys, comma separated)
    STEP_NOT_ALLOWED = "step_not_allowed"  # current, wanted: job status codes
    NOT_SIGNED = "not_signed"
    JOB_SIGNED = "job_signed"  # number (may be empty)
    JOB_CANCELLED = "job_cancelled"
    RECORDED_ONCE = "recorded_once"
    UNKNOWN_PART = "unknown_part"  # value
    LINE_REMOVED = "line_removed"
    ENDS_BEFORE_START = "ends_before_start"
    UNANSWERED = "unanswered"  # items, items_zh: the template's labels in each language
    IN_FUTURE = "in_future"  # a moment later than now (the paper signed "tomorrow")
    TIMERS_MOVED = "timers_moved"  # an undo of a timer change after the timers changed again
    REQUIRED = "required"
    TOO_LONG = "too_long"  # limit
    SIGNATURE_MISSING = "signature_missing"  # the pad is empty or the image is no PNG
    # Jewellery intake (tech_app.intake).
    NO_SERVICE = "no_service"  # the form asks for no service
    NOT_COUNTER_JOB = "not_counter_job"  # number: an intake belongs to a counter job
    ALREADY_HANDED_IN = "already_handed_in"  # number, counterfoil
    NOT_HANDED_IN = "not_handed_in"  # number: no intake form on the job
    INTAKE_STEP_NOT_ALLOWED = "intake_step_not_allowed"  # current, wanted: IntakeState codes
    COUNTERFOIL_MISMATCH = "counterfoil_mismatch"  # value: what was typed
    # The service systems (tech_app.service_visits).
    WRONG_JOB_TYPE = "wrong_job_type"  # number, job_type: the record needs another kind of visit
    LOAN_RETURNED = "loan_returned"  # the loaner unit is already back
    # Images (tech_app.images): a visit photo, the company logo.
    FILE_EMPTY = "file_empty"
    NOT_AN_IMAGE = "not_an_image"  # neither PNG nor JPEG
    IMAGE_DAMAGED = "image_damaged"  # kind (PNG or JPEG): damaged or cut short
    FILE_TOO_LARGE = "file_too_large"  # size_kb, limit_kb
    IMAGE_TOO_LARGE = "image_too_large"  # width, height, limit (pixels a side)


class ValidationError(TechAppError):
    """A value was refused. ``field`` names what was wrong, ``reason`` says why.

    ``code`` (an ``Invalid``) and ``params`` let a front end say the same in the
    user's language; ``reason`` stays the English line for the command line.
    """

    def __init__(
        self, field: str, reason: str, *, code: Invalid | None = None, **params: str
    ) -> None:
        self.field = field
        self.reason = reason
        self.code = code
        self.params = params
        super().__init__(f"{field}: {reason}")


class TransitionError(ValidationError):
    """A job status change that the status machine does not allow."""

    def __init__(
        self,
        current: str,
        wanted: str,
        reason: str | None = None,
        *,
        code: Invalid | None = None,
        **params: str,
    ) -> None:
        self.current = current
        self.wanted = wanted
        if reason is None:
            reason = f"cannot go from {current!r} to {wanted!r}"
            code, params = Invalid.STEP_NOT_ALLOWED, {"current": current, "wanted": wanted}
        super().__init__("status", reason, code=code, **params)


class FrozenJobError(ValidationError):
    """A signed job cannot be edited in place; only amended."""

    def __init__(self, job_number: str) -> None:
        super().__init__(
            "job",
            f"job {job_number} is signed and frozen; record an amendment instead",
            code=Invalid.JOB_SIGNED,
            number=job_number,
        )


class RecordedOnceError(ValidationError):
    """Evidence (a part line, photo, signature, slip, estimate, consent) is never edited in place."""

    def __init__(self, table: str, record_id: str) -> None:
        self.table = table
        self.record_id = record_id
        super().__init__(
            table,
            f"{table.replace('_', ' ')} {record_id} was recorded once and cannot be edited",
            code=Invalid.RECORDED_ONCE,
        )


class NotFoundError(TechAppError):
    """A job, part or other record that does not exist was asked for."""

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"no {kind} {key!r}")


class StoreProblem(StrEnum):
    """Why the local database cannot be used; front ends turn the code into words."""

    LOCKED = "locked"
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    NOT_A_FOLDER = "not_a_folder"
    NEWER_VERSION = "newer_version"
    DAMAGED = "damaged"
    UNUSABLE = "unusable"


_STORE_WORDS = {
    StoreProblem.LOCKED: "the job database is in use by another tech-app window; close it and retry",
    StoreProblem.DISK_FULL: "the disk is full; free some space, nothing was saved",
    StoreProblem.READ_ONLY: "tech-app cannot write to the profile folder {path} (read-only or no "
    "permission); choose another folder with --data-dir or fix its permissions",
    StoreProblem.NOT_A_FOLDER: "{path} is not a folder; --data-dir must name a folder",
    StoreProblem.NEWER_VERSION: "{path} was written by a newer tech-app (database version {found}; "
    "this app reads up to {known}). Update tech-app to open it.",
    StoreProblem.DAMAGED: "{path} is not a tech-app database or is damaged: {detail}",
    StoreProblem.UNUSABLE: "the job database could not be read or written: {detail}",
}


class StoreError(TechAppError):
    """The local database cannot be used (newer schema, locked, full, read-only, corrupt).

    ``problem`` is the code a front end translates with ``params``; ``str()`` is the
    English line the command line prints.
    """

    def __init__(self, problem: StoreProblem, **params: object) -> None:
        self.problem = problem
        self.params = {key: str(value) for key, value in params.items()}
        super().__init__(_STORE_WORDS[problem].format(**self.params))


class ConsentError(TechAppError):
    """A charged job may not be signed without the customer's consent to its price.

    ``code`` is ``consent_missing`` (charged lines and no consented estimate) or
    ``consent_exceeded`` (the bill went past the consented estimate and its margin);
    ``params`` hold the amounts (minor units) the front end puts in words.
    """

    MISSING = "consent_missing"
    EXCEEDED = "consent_exceeded"

    def __init__(self, code: str, **params: int) -> None:
        self.code = code
        self.params = params
        details = ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
        super().__init__(f"{code} ({details})" if details else code)
