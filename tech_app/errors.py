"""The typed errors the core raises; front ends turn them into messages.

Every expected failure is a ``TechAppError`` so the CLI and the desktop app can
show one clear line instead of a traceback.
"""

from __future__ import annotations


class TechAppError(Exception):
    """Base of every error a user is expected to see as a message."""


class ValidationError(TechAppError):
    """A value was refused. ``field`` names what was wrong, ``reason`` says why."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class TransitionError(ValidationError):
    """A job status change that the status machine does not allow."""

    def __init__(self, current: str, wanted: str, reason: str | None = None) -> None:
        self.current = current
        self.wanted = wanted
        super().__init__(
            "status",
            reason or f"cannot go from {current!r} to {wanted!r}",
        )


class FrozenJobError(ValidationError):
    """A signed job cannot be edited in place; only amended."""

    def __init__(self, job_number: str) -> None:
        super().__init__(
            "job",
            f"job {job_number} is signed and frozen; record an amendment instead",
        )


class RecordedOnceError(ValidationError):
    """Evidence (a part line, photo, signature, slip, estimate, consent) is never edited in place."""

    def __init__(self, table: str, record_id: str) -> None:
        self.table = table
        self.record_id = record_id
        super().__init__(
            table, f"{table.replace('_', ' ')} {record_id} was recorded once and cannot be edited"
        )


class NotFoundError(TechAppError):
    """A job, part or other record that does not exist was asked for."""

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"no {kind} {key!r}")


class StoreError(TechAppError):
    """The local database cannot be used (newer schema, locked, full, corrupt)."""


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
