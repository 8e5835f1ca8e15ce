"""Spare parts: the catalogue, what is in each van, and what a job used."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from tech_app.errors import ValidationError
from tech_app.records.validate import (
    check_aware,
    check_choice,
    check_count,
    check_id,
    check_quantity,
    check_text,
    new_id,
)
from tech_app.vocab import Coverage, StockMove


@dataclass(frozen=True, kw_only=True)
class Part:
    id: str = field(default_factory=new_id)
    number: str
    name: str
    name_zh: str = ""
    unit: str = "pc"
    unit_price: int  # minor units
    warranty_months: int | None = None  # a part's own period, from its install date
    # Which component of the unit it belongs to, for warranty ("pipes", "collector_tubes",
    # "truck"), or "consumable" for the grease and oil a maintenance contract supplies.
    component: str = ""

    def __post_init__(self) -> None:
        check_id("part.id", self.id)
        check_text("part.number", self.number, max_length=40)
        check_text("part.name", self.name, max_length=200)
        check_count("part.unit_price", self.unit_price)
        if self.warranty_months is not None:
            check_count("part.warranty_months", self.warranty_months)


@dataclass(frozen=True, kw_only=True)
class VanStock:
    id: str = field(default_factory=new_id)
    technician: str
    part_id: str
    quantity: Decimal  # may go below zero only through a recorded override

    def __post_init__(self) -> None:
        check_id("van_stock.id", self.id)
        check_text("van_stock.technician", self.technician, max_length=60)
        check_id("van_stock.part_id", self.part_id)
        if not isinstance(self.quantity, Decimal) or not self.quantity.is_finite():
            raise ValidationError("van_stock.quantity", f"{self.quantity!r} is not a number")


@dataclass(frozen=True, kw_only=True)
class PartUsage:
    id: str = field(default_factory=new_id)
    job_id: str
    asset_id: str | None = None
    part_id: str
    quantity: Decimal
    unit_price: int
    coverage: Coverage
    technician: str
    serial_out: str = ""
    serial_in: str = ""
    stock_override: bool = False  # technician confirmed taking stock below zero
    used_at: datetime
    # Set when the technician took a wrong line back before sign-off: the line stays
    # (the ledger's correction points at it) but is no part of the visit.
    removed_at: datetime | None = None

    def __post_init__(self) -> None:
        check_id("part_usage.id", self.id)
        check_id("part_usage.job_id", self.job_id)
        if self.asset_id is not None:
            check_id("part_usage.asset_id", self.asset_id)
        check_id("part_usage.part_id", self.part_id)
        object.__setattr__(self, "quantity", check_quantity("part_usage.quantity", self.quantity))
        check_count("part_usage.unit_price", self.unit_price)
        object.__setattr__(
            self, "coverage", Coverage(check_choice("part_usage.coverage", self.coverage, Coverage))
        )
        check_text("part_usage.technician", self.technician, max_length=60)
        check_text("part_usage.serial_out", self.serial_out, required=False, max_length=60)
        check_text("part_usage.serial_in", self.serial_in, required=False, max_length=60)
        check_aware("part_usage.used_at", self.used_at)
        if self.removed_at is not None:
            check_aware("part_usage.removed_at", self.removed_at)

    @property
    def in_effect(self) -> bool:
        """Part of the visit: not taken back before sign-off. Billing, the unit's history
        and warranty of fitted parts read only these lines."""
        return self.removed_at is None


# The sign each kind of movement must have (a transfer or correction may go either way).
_SIGN = {StockMove.USE: -1, StockMove.RESTOCK: 1}


@dataclass(frozen=True, kw_only=True)
class StockMovement:
    """One change to what a van holds, never edited once recorded.

    Stock on hand is the van's opening balance (``VanStock.quantity``, set by head
    office) plus the sum of its movements, on the laptop and at head office alike,
    so two laptops using parts offline and an office restock add up exactly.
    """

    id: str = field(default_factory=new_id)
    technician: str  # whose van
    part_id: str
    quantity: Decimal  # signed: taken out < 0 < put in
    kind: StockMove
    job_id: str | None = None  # the job a part was used on
    part_usage_id: str | None = None  # the part line behind a use
    moved_by: str  # who recorded it: the technician or an office user
    note: str = ""
    moved_at: datetime

    def __post_init__(self) -> None:
        check_id("stock_movement.id", self.id)
        check_text("stock_movement.technician", self.technician, max_length=60)
        check_id("stock_movement.part_id", self.part_id)
        kind = StockMove(check_choice("stock_movement.kind", self.kind, StockMove))
        object.__setattr__(self, "kind", kind)
        if not isinstance(self.quantity, Decimal) or not self.quantity.is_finite():
            raise ValidationError("stock_movement.quantity", f"{self.quantity!r} is not a number")
        sign = _SIGN.get(kind)
        if self.quantity == 0 or (sign is not None and self.quantity * sign < 0):
            raise ValidationError(
                "stock_movement.quantity", f"{self.quantity} is not a quantity a {kind} can move"
            )
        for name in ("job_id", "part_usage_id"):
            value = getattr(self, name)
            if value is not None:
                check_id(f"stock_movement.{name}", value)
        check_text("stock_movement.moved_by", self.moved_by, max_length=60)
        check_text("stock_movement.note", self.note, required=False, max_length=500)
        check_aware("stock_movement.moved_at", self.moved_at)
