"""Checks shared by every record: each raises ValidationError naming the field."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from tech_app.errors import Invalid, ValidationError
from tech_app.numbers import read_number

_PHONE = re.compile(r"^\+?[0-9][0-9 \-()]{4,24}$")


def new_id() -> str:
    import uuid  # with the first id made or read: the app's first screen has none (~4 ms)

    return str(uuid.uuid4())


def shown(value: object, limit: int = 60) -> str:
    """A value as a message quotes it: its repr, cut short (a refused value may be huge)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 5]}…{text[-3:]}"


def check_id(field: str, value: str) -> str:
    # UUID() also reads the 38- and 45-character {…} and urn:uuid: spellings: an id is
    # kept as given, and head office stores ids in 36 characters.
    import uuid

    try:
        if not isinstance(value, str) or len(value) > 36:
            raise ValueError(value)
        return str(uuid.UUID(value))
    except ValueError:
        raise ValidationError(field, f"{shown(value)} is not a record id") from None


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored or sent as text, or None when it can.

    A NUL character is no part of anything a person types, and PostgreSQL's text
    cannot hold it; a lone surrogate (half of a UTF-16 pair, which JSON's ``\\ud800``
    escapes can produce) is not text in any encoding. Both are refused wherever free
    text comes in, naming the field, rather than failing deep inside a database.
    """
    if "\x00" in value:
        return "contains a NUL character"
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (
                f"contains a lone surrogate ({value[exc.start]!r}), half of a UTF-16 pair, "
                "which is not text"
            )
    return None


def check_text(field: str, value: str, *, required: bool = True, max_length: int = 500) -> str:
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    problem = text_problem(value)
    if problem is not None:
        raise ValidationError(field, problem)
    text = value.strip()
    if required and not text:
        raise ValidationError(field, "is required")
    if len(text) > max_length:
        raise ValidationError(field, f"is longer than {max_length} characters")
    return text


def check_phone(field: str, value: str, *, required: bool = True) -> str:
    text = check_text(field, value, required=required, max_length=30)
    if text and not _PHONE.match(text):
        if re.search(r"[^\d\s+\-()]", text):
            raise ValidationError(field, f"{text!r} has characters other than digits")
        raise ValidationError(field, f"{text!r} is not a phone number")
    return text


# The largest whole number any record holds: exact in JSON for every reader (a browser
# included) and well inside SQLite's 64-bit integers, so an absurd value typed at head
# office is refused there instead of failing on every laptop that pulls it.
LARGEST_COUNT = 2**53 - 1


def check_count(
    field: str, value: object, *, minimum: int = 0, maximum: int = LARGEST_COUNT
) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"{shown(value)} is not a whole number")
    if value < minimum:
        raise ValidationError(field, f"must be at least {minimum}")
    if value > maximum:
        raise ValidationError(field, f"must be at most {maximum}")
    return value


def check_quantity(
    field: str, value: Decimal | int | str, *, unit: str = "", decimal_comma: bool = False
) -> Decimal:
    """A positive amount of something (parts may be fractional: 0.5 L of oil).

    Text is read as typed (``tech_app.numbers.read_number``); zero and negative
    amounts are refused, never turned positive: a part line says what was fitted.
    """
    if isinstance(value, float | bool):
        raise ValidationError(field, "give a quantity as text or Decimal, not a float")
    quantity = read_number(field, value, unit=unit, decimal_comma=decimal_comma)
    typed = str(value).strip()
    if quantity <= 0:
        raise ValidationError(
            field, f"{typed!r}: must be more than zero", code=Invalid.NOT_POSITIVE, value=typed
        )
    if quantity >= 1_000_000:
        raise ValidationError(
            field,
            f"{shown(value)} is more than a van can carry",
            code=Invalid.TOO_LARGE,
            value=typed,
        )
    if quantity != quantity.quantize(Decimal("0.001")):
        raise ValidationError(
            field,
            "has more than 3 decimals",
            code=Invalid.TOO_MANY_DECIMALS,
            value=typed,
            decimals="3",
        )
    return quantity


def check_aware(field: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise ValidationError(field, f"{shown(value)} is not a date and time")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, "needs a time zone")
    return value


def check_date(field: str, value: object) -> date:
    # datetime is a subclass of date; letting one in would silently drop its time and zone.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValidationError(field, f"{shown(value)} is not a date")
    return value


def check_order(field: str, start: datetime | date, end: datetime | date) -> None:
    if end < start:
        raise ValidationError(field, "ends before it starts")


def check_choice(field: str, value: str, allowed: type) -> str:
    try:
        return allowed(value)  # type: ignore[no-any-return]
    except ValueError:
        names = ", ".join(m.value for m in allowed)  # type: ignore[attr-defined]
        raise ValidationError(field, f"{shown(value)} is not one of: {names}") from None
