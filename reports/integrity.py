"""The content hash that lets head office check a printed slip against its records.

SHA-256 over a canonical serialisation: sorted-key compact JSON of the
record, without presentation-only fields (labels, language, the revision it
prints as, image bytes — images count through their SHA-256). The same visit
gives the same hash in every language and layout; any change to a line, a
price, an answer or the signature gives another one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Final

# Bump when the serialisation changes, so an old hash never matches new rules by accident.
HASH_FORMAT: Final = "tech-app/slip-content/1"
SHORT_HASH_LENGTH: Final = 12
QR_PREFIX: Final = "TECHAPP:SLIP:"


@cache
def _hashed_fields(kind: type) -> tuple[tuple[str, bool], ...]:
    """(name, omitted when empty) of the fields of a record class that the hash covers;
    read once per class, as a slip hashes a few hundred records of a dozen classes."""
    return tuple(
        (f.name, bool(f.metadata.get("omit_empty")))
        for f in dataclasses.fields(kind)
        if not f.metadata.get("presentation")
    )


def canonical_value(value: object) -> object:
    """A JSON-ready form of a record value; dataclasses lose their presentation fields."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = {}
        for name, omit_empty in _hashed_fields(type(value)):
            field_value = getattr(value, name)
            if not (omit_empty and _empty(field_value)):
                found[name] = canonical_value(field_value)
        return found
    if value is None or isinstance(value, bool | int | str):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, tuple | list):
        return [canonical_value(v) for v in value]
    raise TypeError(f"no canonical form for {type(value).__name__}")  # floats included


def _empty(value: object) -> bool:
    return value is None or value == () or bool(getattr(value, "empty", False))


def canonical_bytes(record: object) -> bytes:
    document = {"format": HASH_FORMAT, "content": canonical_value(record)}
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def slip_content_hash(record: object) -> str:
    """Full 64-hex SHA-256 of the record's canonical serialisation."""
    return hashlib.sha256(canonical_bytes(record)).hexdigest()


def short_hash(content_hash: str) -> str:
    """What the page prints: short enough to read out on the phone, long enough to be unique."""
    return content_hash[:SHORT_HASH_LENGTH]


def qr_payload(job_id: str, content_hash: str) -> str:
    """What the slip's QR code says: ``TECHAPP:SLIP:<JOB ID>:<CONTENT HASH>``.

    Upper case on purpose: uuids and hex digests then fit QR's alphanumeric
    mode, which makes a smaller code (37 instead of 45 modules a side) that
    is quicker to draw and easier for a phone camera to read.
    """
    return f"{QR_PREFIX}{job_id.upper()}:{content_hash.upper()}"


def read_qr_payload(text: str) -> tuple[str, str]:
    """(job id, content hash) from a scanned slip code, for checking at head office."""
    if not text.startswith(QR_PREFIX):
        raise ValueError("not a tech-app slip code")
    job_id, _, content_hash = text[len(QR_PREFIX) :].partition(":")
    if len(content_hash) != 64:
        raise ValueError("the slip code has no full content hash")
    return job_id.lower(), content_hash.lower()
