"""Correcting or removing a wrong part line before sign-off; van stock follows.

A part line is the technician's record of what was fitted. Until the customer signs,
a wrong one can be corrected (quantity, coverage) or removed; each change adds a
``correction`` movement to the van's ledger for the difference, so stock on hand
stays the opening balance plus the movements and nothing rewrites a total. After
signature the store refuses both (``FrozenJobError``): the slip says what was fitted.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

from tech_app.errors import Invalid, ValidationError
from tech_app.records import Part, PartUsage, StockMovement
from tech_app.records.validate import check_quantity
from tech_app.store.local import LocalStore, utc_now
from tech_app.van import NegativeStockError, stock_of
from tech_app.vocab import Coverage, StockMove


def part_lines(store: LocalStore, job_id: str) -> list[PartUsage]:
    """The job's part lines in effect (removed ones left out), in the order they were used."""
    return store.select(
        PartUsage, "job_id = ? AND removed_at IS NULL", [job_id], order_by="used_at"
    )


def correct_part_line(
    store: LocalStore,
    usage_id: str,
    quantity: Decimal | int | str,
    technician: str,
    *,
    coverage: Coverage | str | None = None,
    confirm_negative: bool = False,
    decimal_comma: bool = False,
    now: datetime | None = None,
) -> PartUsage:
    """Set a line's quantity (as typed) and, if given, its coverage."""
    with store.transaction():
        line = _live_line(store, usage_id)
        part = store.get(Part, line.part_id)
        wanted = check_quantity(
            "part_usage.quantity", quantity, unit=part.unit, decimal_comma=decimal_comma
        )
        more = wanted - line.quantity
        stock = stock_of(store, line.technician, part.id).quantity
        if more > 0 and stock - more < 0 and not confirm_negative:
            raise NegativeStockError(part, stock, more)
        corrected = dataclasses.replace(
            line,
            quantity=wanted,
            coverage=Coverage(coverage) if coverage is not None else line.coverage,
            stock_override=line.stock_override or stock - more < 0,
        )
        store.save(corrected, now=now)
        if more:
            _move(store, corrected, -more, technician, "quantity corrected", now)
    return corrected


def remove_part_line(
    store: LocalStore, usage_id: str, technician: str, *, now: datetime | None = None
) -> PartUsage:
    """Take a wrong line off the visit; its quantity goes back into the van."""
    with store.transaction():
        line = _live_line(store, usage_id)
        removed = dataclasses.replace(line, removed_at=now or utc_now())
        store.save(removed, now=now)
        _move(store, removed, line.quantity, technician, "line removed", now)
    return removed


def _live_line(store: LocalStore, usage_id: str) -> PartUsage:
    line = store.get(PartUsage, usage_id)
    if line.removed_at is not None:
        raise ValidationError(
            "part_usage", f"part line {usage_id} was removed already", code=Invalid.LINE_REMOVED
        )
    return line


def _move(
    store: LocalStore,
    line: PartUsage,
    quantity: Decimal,
    technician: str,
    note: str,
    now: datetime | None,
) -> None:
    # The van is the line's technician's; who made the change is recorded as moved_by.
    store.save(
        StockMovement(
            technician=line.technician,
            part_id=line.part_id,
            quantity=quantity,
            kind=StockMove.CORRECTION,
            job_id=line.job_id,
            part_usage_id=line.id,
            moved_by=technician,
            note=note,
            moved_at=now or utc_now(),
        ),
        now=now,
    )
