"""How values are written on the documents, the same in every language.

Tests use these functions to predict what a slip prints (e.g. the total), so
a change of format is made here once.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Final

from tech_app.money import format_money

CURRENCY: Final = "¥"
MAX_RATING: Final = 5


def money(minor: int) -> str:
    """Integer minor units as the slip prints them: ``¥1,234.50``."""
    return format_money(minor, CURRENCY)


def quantity(value: Decimal) -> str:
    """``2``, ``0.5``: no trailing zeros, never exponent notation."""
    text = format(value.normalize(), "f")
    return text


def day(value: date | None) -> str:
    return value.isoformat() if value is not None else "—"


def when(value: datetime | None) -> str:
    """Local time of the record as it was written (the technician's time zone)."""
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else "—"


def percent(rate: Decimal) -> str:
    return format((rate * 100).normalize(), "f")


def stars(rating: int | None) -> str:
    """★★★★☆ 4/5 — both glyphs are in GB2312 and Big5, so every Chinese font has them."""
    if rating is None:
        return "—"
    return "★" * rating + "☆" * (MAX_RATING - rating) + f" {rating}/{MAX_RATING}"


def allowed_range(minimum: Decimal | None, maximum: Decimal | None, unit: str) -> str:
    """``0.1 ~ 0.6 MPa``, ``≥ 5 mm``, ``≤ 10 %`` (ASCII ~ and ≤≥: present in every CJK font)."""
    suffix = f" {unit}" if unit else ""
    if minimum is not None and maximum is not None:
        return f"{quantity(minimum)} ~ {quantity(maximum)}{suffix}"
    if minimum is not None:
        return f"≥ {quantity(minimum)}{suffix}"
    if maximum is not None:
        return f"≤ {quantity(maximum)}{suffix}"
    return ""
