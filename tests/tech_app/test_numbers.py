"""Numbers as a Chinese keyboard types them: one reader for readings and quantities."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tech_app.errors import Invalid, ValidationError
from tech_app.numbers import read_number
from tech_app.records.checklists import ChecklistItem, check_answer
from tech_app.records.validate import check_quantity
from tech_app.vocab import ItemKind


@pytest.mark.parametrize(
    ("typed", "unit", "comma", "expected"),
    [
        ("１．５", "", False, "1.5"),  # full-width digits and point
        ("１。５", "", False, "1.5"),  # 。 typed for "." in Chinese punctuation mode
        ("  1.5 V ", "V", False, "1.5"),  # the unit read off the meter
        ("1.5v", "V", False, "1.5"),
        ("１．５　Ｖ", "V", False, "1.5"),  # all full-width, ideographic space
        ("0.35MPa", "MPa", False, "0.35"),
        ("2个", "pc", False, "2"),  # a Chinese measure word for pieces
        ("3 pcs", "pc", False, "3"),
        ("1,5", "", True, "1.5"),  # decimal comma where the locale writes one
        ("1.234,5", "", True, "1234.5"),
        ("1,500", "", False, "1500"),  # thousands grouping elsewhere
        ("－２", "", False, "-2"),  # full-width minus: read, refused later if must be positive
        ("65 ℃", "°C", False, "65"),  # ℃ folds to °C
        (".5", "", False, "0.5"),
    ],
)
def test_numbers_are_read_as_typed(typed: str, unit: str, comma: bool, expected: str) -> None:
    assert read_number("checklist.x", typed, unit=unit, decimal_comma=comma) == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "unit", "comma", "code"),
    [
        ("abc", "", False, Invalid.NOT_A_NUMBER),
        ("", "", False, Invalid.NOT_A_NUMBER),
        ("1,5", "", False, Invalid.NOT_A_NUMBER),  # a comma that groups nothing is not guessed
        ("1.5 bar", "MPa", False, Invalid.WRONG_UNIT),
        ("1.5 V", "", False, Invalid.NOT_A_NUMBER),  # a unit where none is asked for
        ("1..5", "", False, Invalid.NOT_A_NUMBER),
        ("1.2,3", "", True, Invalid.NOT_A_NUMBER),
        ("NaN", "", False, Invalid.NOT_A_NUMBER),
        ("Infinity", "", False, Invalid.NOT_A_NUMBER),
    ],
)
def test_what_is_no_number_is_refused_with_a_code_naming_the_field(
    typed: str, unit: str, comma: bool, code: Invalid
) -> None:
    with pytest.raises(ValidationError) as refused:
        read_number("checklist.voltage", typed, unit=unit, decimal_comma=comma)
    assert refused.value.field == "checklist.voltage"
    assert refused.value.code is code
    assert refused.value.params["value"] == typed.strip()
    if code is Invalid.WRONG_UNIT:
        assert refused.value.params["unit"] == unit


def test_a_float_is_refused() -> None:
    with pytest.raises(ValidationError):
        read_number("x", 1.5)


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, max_value=10**6, min_value=-(10**6)
    )
)
def test_full_width_spelling_reads_the_same_as_ascii(value: Decimal) -> None:
    ascii_text = format(value, "f")
    full_width = ascii_text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789.-"})
    assert read_number("x", full_width) == read_number("x", ascii_text) == value


VOLTAGE = ChecklistItem(
    key="voltage", label="Supply voltage", kind=ItemKind.NUMBER, unit="V", minimum=Decimal(200)
)


def test_a_checklist_reading_takes_the_unit_and_full_width_digits() -> None:
    checked = check_answer(VOLTAGE, "２２０ V")
    assert checked.value == "220" and not checked.out_of_range
    assert check_answer(VOLTAGE, "19,5", decimal_comma=True).out_of_range


def test_a_checklist_reading_that_is_no_number_names_the_item() -> None:
    with pytest.raises(ValidationError) as refused:
        check_answer(VOLTAGE, "abc")
    assert refused.value.field == "checklist.voltage"
    assert refused.value.code is Invalid.NOT_A_NUMBER


@pytest.mark.parametrize("typed", ["-2", "0", "－２", "0 pc"])
def test_zero_and_negative_quantities_are_refused_not_turned_positive(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_quantity("part_usage.quantity", typed, unit="pc")
    assert refused.value.code is Invalid.NOT_POSITIVE
    assert refused.value.field == "part_usage.quantity"


def test_a_quantity_is_read_as_typed() -> None:
    assert check_quantity("part_usage.quantity", "２ 个", unit="pc") == 2
    assert check_quantity("part_usage.quantity", "0,5 L", unit="L", decimal_comma=True) == Decimal(
        "0.5"
    )
    with pytest.raises(ValidationError) as refused:
        check_quantity("part_usage.quantity", "1.2345")
    assert refused.value.code is Invalid.TOO_MANY_DECIMALS
