"""Reading a number as a technician types it, for checklist readings and part quantities.

A Chinese keyboard gives full-width digits and punctuation (``１．５``, ``１。５``,
``－２``); people add the unit they read off the gauge (``1.5 V``, ``2个``); where the
locale writes a decimal comma, ``1,5`` means one and a half. ``read_number`` is the one
place that turns all of these into a ``Decimal`` or refuses with a coded
``ValidationError`` naming the field, so the checklist and the parts line agree.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from tech_app.errors import Invalid, ValidationError

# What a unit may also be typed as: Chinese measure words and names (NFKC-folded).
_UNIT_ALIASES: dict[str, frozenset[str]] = {
    "pc": frozenset(
        {"pcs", "piece", "pieces", "个", "件", "只", "根", "支", "片", "套", "块", "台"}
    ),
    "l": frozenset({"升", "litre", "liter"}),
    "ml": frozenset({"毫升"}),
    "m": frozenset({"米"}),
    "kg": frozenset({"公斤", "千克"}),
    "g": frozenset({"克"}),
    "v": frozenset({"伏", "伏特"}),
    "a": frozenset({"安", "安培"}),
    "h": frozenset({"小时", "时", "hr", "hrs"}),
    "min": frozenset({"分钟", "分"}),
    "°c": frozenset({"度", "c"}),
    "mpa": frozenset({"兆帕"}),
    "%": frozenset({"percent"}),
}
_NUMBER_THEN_REST = re.compile(r"^([+-]?[0-9.,]*[0-9][0-9.,]*|[+-]?[.,][0-9]+)\s*(.*)$")
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
_GROUPED_COMMA_LOCALE = re.compile(r"^[+-]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$")


def fold(text: str) -> str:
    """Full-width forms to ASCII (NFKC), Chinese decimal points and minus signs to ASCII."""
    folded = unicodedata.normalize("NFKC", text)
    # 。 is what a Chinese input method types for "." in Chinese punctuation mode;
    # U+2212 and the dashes are minus signs pasted from documents.
    for odd, plain in (("。", "."), ("、", ","), ("−", "-"), ("–", "-"), ("—", "-")):
        folded = folded.replace(odd, plain)
    return folded.strip()


def read_number(field: str, raw: object, *, unit: str = "", decimal_comma: bool = False) -> Decimal:
    """The number in ``raw`` (text or Decimal/int), with ``unit`` allowed after it.

    ``decimal_comma``: the user's locale writes 1,5 for one and a half. Without it a
    comma may only group thousands (1,500). A float is refused: it is never what
    someone typed, and it would bring binary noise into a reading.
    """
    if isinstance(raw, Decimal | int) and not isinstance(raw, bool):
        number = Decimal(raw)
        if not number.is_finite():
            raise _not_a_number(field, str(raw))
        return number
    if not isinstance(raw, str):
        raise ValidationError(
            field, "give the number as text or Decimal", code=Invalid.NOT_A_NUMBER, value=str(raw)
        )
    text = fold(raw)
    match = _NUMBER_THEN_REST.match(text)
    if match is None:
        raise _not_a_number(field, raw)
    digits, rest = match.groups()
    if rest and not _is_unit(rest, unit):
        if unit:
            raise ValidationError(
                field,
                f"{raw.strip()!r}: the reading is in {unit}",
                code=Invalid.WRONG_UNIT,
                value=raw.strip(),
                unit=unit,
            )
        raise _not_a_number(field, raw)
    try:
        number = Decimal(_plain(digits, decimal_comma))
    except (InvalidOperation, ValueError):
        raise _not_a_number(field, raw) from None
    if not number.is_finite():
        raise _not_a_number(field, raw)
    return number


def _plain(digits: str, decimal_comma: bool) -> str:
    """Digits with one "." as decimal point and no grouping, or ValueError."""
    if decimal_comma:
        if _GROUPED_COMMA_LOCALE.match(digits):
            return digits.replace(".", "").replace(",", ".")
        if "," in digits and "." in digits:
            raise ValueError(digits)
        return digits.replace(",", ".")
    if "," in digits:
        if not _GROUPED.match(digits):
            raise ValueError(digits)
        return digits.replace(",", "")
    return digits


def _is_unit(typed: str, unit: str) -> bool:
    if not unit:
        return False
    wanted = fold(unit).casefold()
    said = typed.casefold().strip()
    return said == wanted or said in _UNIT_ALIASES.get(wanted, frozenset())


def _not_a_number(field: str, raw: object) -> ValidationError:
    shown = str(raw).strip()
    return ValidationError(
        field, f"{shown!r} is not a number", code=Invalid.NOT_A_NUMBER, value=shown
    )
