"""Maintenance agreements: the fleet contract that generates visits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tech_app.errors import ValidationError
from tech_app.records.validate import (
    check_count,
    check_date,
    check_id,
    check_order,
    check_text,
    new_id,
)


@dataclass(frozen=True, kw_only=True)
class Contract:
    id: str = field(default_factory=new_id)
    customer_id: str
    name: str
    visits_per_year: int | None = 4
    interval_hours: int | None = None
    visit_fee: int = 0  # per unit per visit, minor units
    out_of_scope_per_hour: int = 0
    waiting_per_hour: int = 0
    starts_on: date
    term_months: int = 12
    notice_days: int = 30
    ended_on: date | None = None

    def __post_init__(self) -> None:
        check_id("contract.id", self.id)
        check_id("contract.customer_id", self.customer_id)
        check_text("contract.name", self.name, max_length=200)
        if self.visits_per_year is None and self.interval_hours is None:
            raise ValidationError(
                "contract.visits_per_year", "give visits per year or an interval in hours"
            )
        if self.visits_per_year is not None:
            check_count("contract.visits_per_year", self.visits_per_year, minimum=1)
        if self.interval_hours is not None:
            check_count("contract.interval_hours", self.interval_hours, minimum=1)
        for name in ("visit_fee", "out_of_scope_per_hour", "waiting_per_hour", "notice_days"):
            check_count(f"contract.{name}", getattr(self, name))
        check_count("contract.term_months", self.term_months, minimum=1)
        check_date("contract.starts_on", self.starts_on)
        if self.ended_on is not None:
            check_date("contract.ended_on", self.ended_on)
            check_order("contract.ended_on", self.starts_on, self.ended_on)
