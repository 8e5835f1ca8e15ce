"""One way to turn a record into a database/JSON row and back.

Rows hold only JSON-friendly scalars: Decimal and dates as text, booleans as
0/1, nested items as JSON text. The same rows travel in sync mutations.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any, Final, TypeVar

from tech_app.errors import ValidationError
from tech_app.records import (
    Amendment,
    Asset,
    Attendance,
    ChecklistAnswer,
    ChecklistItem,
    ChecklistTemplate,
    CompanySettings,
    Complaint,
    Consent,
    Contract,
    Customer,
    Estimate,
    Feedback,
    FollowUp,
    IntakeStep,
    JewelleryIntake,
    Job,
    JobAsset,
    Loan,
    Part,
    PartUsage,
    Photo,
    Refund,
    ServiceCard,
    Signature,
    Site,
    Slip,
    StockMovement,
    TimeEntry,
    VanStock,
)
from tech_app.records.validate import shown, text_problem

R = TypeVar("R")

TABLES: dict[type, str] = {
    Customer: "customers",
    Site: "sites",
    Asset: "assets",
    Contract: "contracts",
    ServiceCard: "service_cards",
    CompanySettings: "company_settings",
    ChecklistTemplate: "checklist_templates",
    Job: "jobs",
    JobAsset: "job_assets",
    ChecklistAnswer: "checklist_answers",
    Part: "parts",
    VanStock: "van_stock",
    StockMovement: "stock_movements",
    PartUsage: "part_usage",
    TimeEntry: "time_entries",
    Estimate: "estimates",
    Consent: "consents",
    Signature: "signatures",
    Photo: "photos",
    Slip: "slips",
    Feedback: "feedback",
    FollowUp: "follow_ups",
    Amendment: "amendments",
    JewelleryIntake: "jewellery_intakes",
    IntakeStep: "intake_steps",
    Complaint: "complaints",
    Loan: "loans",
    Attendance: "training_attendance",
    Refund: "refunds",
}
# The version of the record shapes this build writes, carried by every outbox entry
# and pull. It moves with the local store's schema (tests/tech_app/test_record_schema.py
# holds the two equal); the wire format reads it here so it needs no client store.
# 7: company settings, service cards, money fields; 8: part lines removable;
# 9: signatures on paper; 10: jewellery intake forms and their steps; 11: the service
# systems (complaints, loans, training attendance, refunds; customer file and
# equipment-support fields)
RECORD_SCHEMA: Final = 11
RECORD_FOR_TABLE: dict[str, type] = {table: cls for cls, table in TABLES.items()}
# Bounds every stored number keeps, whatever a row from the wire says: whole numbers
# exact in JavaScript and in a 64-bit column, decimals far beyond any price or quantity.
MAX_WHOLE: Final = 2**53 - 1
MAX_DIGITS: Final = 14  # digits before the point, less one
MAX_PLACES: Final = 12


def table_of(record: object) -> str:
    return TABLES[type(record)]


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _plain(value: object) -> object:
    if value is None or isinstance(value, str | int):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return json.dumps([_nested(v) for v in value], ensure_ascii=False)
    raise TypeError(f"cannot store {type(value).__name__}")


def _nested(value: object) -> object:
    """A value inside a JSON column: plain JSON all the way down, no JSON-in-JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _nested(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_nested(v) for v in value]
    return _plain(value)


def to_row(record: object) -> dict[str, object]:
    """A record as a flat dict of storable values (bool stays bool for JSON)."""
    assert dataclasses.is_dataclass(record) and not isinstance(record, type)
    return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def field_kinds(cls: type) -> dict[str, tuple[Any, bool]]:
    """Each field's type without ``| None`` and whether it may be None, in field order:
    what head office's typed columns follow."""
    hints = _hints(cls)
    return {
        f.name: (
            _strip_optional(hints[f.name]),
            _strip_optional(hints[f.name]) is not hints[f.name],
        )
        for f in dataclasses.fields(cls)
    }


@cache
def _label(cls: type) -> str:
    """``PartUsage`` → ``part_usage``: how validation messages name a record."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def _text(where: str, value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError(where, "must be text")
    problem = text_problem(value)
    if problem is not None:
        raise ValidationError(where, problem)
    return value


def _parse(hint: Any, value: object, where: str) -> object:
    """One field from its row form; a value of the wrong kind is refused naming the field
    (a row may come from the wire, where any JSON value can stand in any field).

    ``hint`` is the field's type without ``| None`` (``_row_fields`` strips it once)."""
    if value is None:
        return None
    if hint is str:
        return _text(where, value)
    if hint is bool:
        # bool is an int; the local store's rows hold 0/1
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise ValidationError(where, f"{shown(value)} is not yes or no")
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(where, f"{shown(value)} is not a whole number")
        if abs(value) > MAX_WHOLE:
            raise ValidationError(where, f"{shown(value)} is too large")
        return value
    if hint is Decimal:
        if not isinstance(value, str | int | float | Decimal) or isinstance(value, bool):
            raise ValidationError(where, f"{shown(value)} is not a number")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(where, f"{shown(value)} is not a number") from None
        if not number.is_finite():
            raise ValidationError(where, f"{shown(value)} is not a number")
        if number and (number.adjusted() > MAX_DIGITS or number.as_tuple().exponent < -MAX_PLACES):  # type: ignore[operator]
            raise ValidationError(where, f"{shown(value)} is out of range")
        return number
    if hint is datetime:
        return datetime.fromisoformat(str(value))
    if hint is date:
        return date.fromisoformat(str(value))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if typing.get_origin(hint) is tuple:
        (item_type, _ellipsis) = typing.get_args(hint)
        try:
            items: list[Any] = (
                json.loads(_text(where, value)) if isinstance(value, str) else list(value)  # type: ignore[call-overload]
            )
        except RecursionError:
            raise ValidationError(where, "is nested too deeply") from None
        if dataclasses.is_dataclass(item_type):
            return tuple(from_row(item_type, item) for item in items)  # type: ignore[arg-type]
        item_type = _strip_optional(item_type)
        return tuple(_parse(item_type, item, where) for item in items)
    return value


def from_row(cls: type[R], row: typing.Mapping[str, object]) -> R:
    """Build a record from a stored row; extra columns (version, updated_at) are ignored.

    Text fields must hold text that can be stored (``text_problem``), numbers must be
    numbers: a ``ValidationError`` names the field otherwise, whether or not the record's
    own checks look at that field.
    """
    kwargs = {
        name: _parse(hint, row[name], where)
        for name, hint, where in _row_fields(cls)  # type: ignore[arg-type]
        if name in row
    }
    return cls(**kwargs)


@cache
def _row_fields(cls: type) -> tuple[tuple[str, Any, str], ...]:
    """Each field's name, type without ``| None`` and dotted name, worked out once per
    record class (a job's open decodes a few dozen rows; each asked this per field)."""
    hints, label = _hints(cls), _label(cls)
    return tuple(
        (f.name, _strip_optional(hints[f.name]), f"{label}.{f.name}")
        for f in dataclasses.fields(cls)
    )


__all__ = [
    "RECORD_FOR_TABLE",
    "TABLES",
    "ChecklistItem",
    "field_kinds",
    "from_row",
    "table_of",
    "to_row",
]
