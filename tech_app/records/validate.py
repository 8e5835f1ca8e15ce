"""Checks shared by every record: each raises ValidationError naming the field."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from tech_app.errors import ValidationError

_PHONE = re.compile(r"^\+?[0-9][0-9 \-()]{4,24}$")


def new_id() -> str:
    return str(uuid.uuid4())


def check_id(field: str, value: str) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a record id") from None


def check_text(field: str, value: str, *, required: bool = True, max_length: int = 500) -> str:
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
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


def check_count(field: str, value: object, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"{value!r} is not a whole number")
    if value < minimum:
        raise ValidationError(field, f"must be at least {minimum}")
    return value


def check_quantity(field: str, value: Decimal | int | str) -> Decimal:
    """A positive amount of something (parts may be fractional: 0.5 L of oil)."""
    if isinstance(value, float | bool):
        raise ValidationError(field, "give a quantity as text or Decimal, not a float")
    try:
        quantity = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(field, f"{value!r} is not a number") from None
    if not quantity.is_finite():
        raise ValidationError(field, f"{value!r} is not a number")
    if quantity <= 0:
        raise ValidationError(field, "must be more than zero")
    if quantity >= 1_000_000:
        raise ValidationError(field, f"{value!r} is more than a van can carry")
    if quantity != quantity.quantize(Decimal("0.001")):
        raise ValidationError(field, "has more than 3 decimals")
    return quantity


def check_aware(field: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise ValidationError(field, f"{value!r} is not a date and time")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, "needs a time zone")
    return value


def check_date(field: str, value: object) -> date:
    # datetime is a subclass of date; letting one in would silently drop its time and zone.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValidationError(field, f"{value!r} is not a date")
    return value


def check_order(field: str, start: datetime | date, end: datetime | date) -> None:
    if end < start:
        raise ValidationError(field, "ends before it starts")


def check_choice(field: str, value: str, allowed: type) -> str:
    try:
        return allowed(value)  # type: ignore[no-any-return]
    except ValueError:
        names = ", ".join(m.value for m in allowed)  # type: ignore[attr-defined]
        raise ValidationError(field, f"{value!r} is not one of: {names}") from None
