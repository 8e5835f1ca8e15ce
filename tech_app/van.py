"""Parts taken from the van: a part line and its ledger row, in one transaction.

What a van holds is its opening balance (``VanStock``, set by head office) plus the
sum of its ``StockMovement`` rows. A use is a new negative row, never a rewrite of
the balance, so uses on two laptops and a restock at head office add up exactly.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from tech_app.errors import Invalid, ValidationError
from tech_app.records import Part, PartUsage, StockMovement, VanStock
from tech_app.records.validate import check_quantity
from tech_app.store.local import LocalStore, utc_now
from tech_app.vocab import Coverage, StockMove


class NegativeStockError(ValidationError):
    """Taking this quantity would leave the van below zero; the technician must confirm."""

    def __init__(self, part: Part, available: Decimal, wanted: Decimal) -> None:
        self.available = available
        self.wanted = wanted
        super().__init__(
            "part_usage.quantity",
            f"only {available} {part.unit} of {part.number} in the van, {wanted} wanted; "
            "confirm to record it anyway",
        )


def find_part(store: LocalStore, key: str) -> Part:
    """A part by its catalogue number (what a barcode scanner types) or id."""
    parts = store.select(Part, "number = ? OR id = ?", [key.strip(), key.strip()])
    if not parts:
        raise ValidationError(
            "part_usage.part", f"unknown part {key!r}", code=Invalid.UNKNOWN_PART, value=key.strip()
        )
    return parts[0]


def _held(store: LocalStore, technician: str, part_id: str | None = None) -> dict[str, Decimal]:
    """The rule for what a van holds: its opening balance (the ``van_stock`` row head
    office set) plus every movement since, per part; one part's or all of them."""
    where, params = "technician = ?", [technician]
    if part_id is not None:
        where, params = where + " AND part_id = ?", [technician, part_id]
    held: dict[str, Decimal] = {}
    for table in ("van_stock", "stock_movements"):
        for part, quantity in store.db.execute(
            f"SELECT part_id, quantity FROM {table} WHERE {where}", params
        ):
            held[part] = held.get(part, Decimal(0)) + Decimal(str(quantity))
    return held


def stock_of(store: LocalStore, technician: str, part_id: str) -> VanStock:
    """What the van holds of a part: the opening balance plus every movement since."""
    found = store.select(VanStock, "technician = ? AND part_id = ?", [technician, part_id])
    opening = (
        found[0] if found else VanStock(technician=technician, part_id=part_id, quantity=Decimal(0))
    )
    quantity = _held(store, technician, part_id).get(part_id, Decimal(0))
    return VanStock(id=opening.id, technician=technician, part_id=part_id, quantity=quantity)


def stock_by_part(store: LocalStore, technician: str) -> dict[str, Decimal]:
    """What the van holds of every part it has a balance or a movement of, in two
    queries: the parts list shows the van's stock beside each of hundreds of parts."""
    return _held(store, technician)


def record_part_usage(
    store: LocalStore,
    job_id: str,
    part_key: str,
    quantity: Decimal | int | str,
    coverage: Coverage | str,
    technician: str,
    *,
    asset_id: str | None = None,
    confirm_negative: bool = False,
    serial_out: str = "",
    serial_in: str = "",
    decimal_comma: bool = False,
    now: datetime | None = None,
) -> PartUsage:
    """Record a part line and its ``use`` movement; ``quantity`` may be text as typed."""
    part = find_part(store, part_key)
    wanted = check_quantity(
        "part_usage.quantity", quantity, unit=part.unit, decimal_comma=decimal_comma
    )
    with store.transaction():
        stock = stock_of(store, technician, part.id)
        left = stock.quantity - wanted
        if left < 0 and not confirm_negative:
            raise NegativeStockError(part, stock.quantity, wanted)
        usage = store.save(
            PartUsage(
                job_id=job_id,
                asset_id=asset_id,
                part_id=part.id,
                quantity=wanted,
                unit_price=part.unit_price,
                coverage=Coverage(coverage),
                technician=technician,
                serial_out=serial_out,
                serial_in=serial_in,
                stock_override=left < 0,
                used_at=now or utc_now(),
            )
        )
        store.save(
            StockMovement(
                technician=technician,
                part_id=part.id,
                quantity=-wanted,
                kind=StockMove.USE,
                job_id=job_id,
                part_usage_id=usage.id,
                moved_by=technician,
                moved_at=usage.used_at,
            )
        )
    return usage
