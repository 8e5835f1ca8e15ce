"""Money as integer minor units (fen / cents); arithmetic in Decimal, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from tech_app.errors import ValidationError

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal(10) ** 10  # far above any bill; keeps Decimal and SQLite integers exact


def parse_money(field: str, value: str | int | Decimal) -> int:
    """Turn a user-typed amount ("12.50", "¥1,200") into minor units.

    Refuses negatives, non-numbers and more than two decimals rather than
    silently rounding what the customer will be charged.
    """
    if isinstance(value, bool | float):
        raise ValidationError(field, "give money as text or Decimal, not a float")
    text = str(value).strip().replace(",", "").lstrip("¥$€").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(field, f"{value!r} is not an amount of money") from None
    if not amount.is_finite():
        raise ValidationError(field, f"{value!r} is not an amount of money")
    if amount < 0:
        raise ValidationError(field, "must not be negative")
    if amount >= MAX_AMOUNT:
        raise ValidationError(field, f"{value!r} is larger than any charge tech-app accepts")
    if amount != amount.quantize(CENT):
        raise ValidationError(field, "has more than 2 decimals")
    return int(amount * 100)


def to_minor(amount: Decimal) -> int:
    """Round a computed Decimal amount (in major units) half-up to the cent."""
    return int(amount.quantize(CENT, rounding=ROUND_HALF_UP) * 100)


def to_major(minor: int) -> Decimal:
    return (Decimal(minor) / 100).quantize(CENT)


def format_money(minor: int, symbol: str = "¥") -> str:
    sign = "-" if minor < 0 else ""
    return f"{sign}{symbol}{to_major(abs(minor)):,.2f}"
