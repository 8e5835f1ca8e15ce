"""Maintenance agreements: the fleet contract that generates visits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tech_app.errors import ValidationError
from tech_app.records.validate import (
    check_choice,
    check_count,
    check_date,
    check_id,
    check_order,
    check_text,
    new_id,
)
from tech_app.vocab import JobType


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
    # The job type of its planned visits: maintenance (a fleet), inspection (巡检: the
    # equipment-support contract's quarterly rounds, each ending in an inspection report).
    visit_type: JobType = JobType.MAINTENANCE
    # Free operator trainings a year (seed 004: 每年一次免费的日常检查培训), planned as
    # visits of type training beside the others.
    trainings_per_year: int = 0
    # Equipment support (seed 003): units delivered under it, the spare pool kept as a
    # share of them (采购量的15%的设备备件), which part is the spare and whose stock
    # (van-stock ledger) holds the pool.
    delivered_quantity: int = 0
    spare_share_percent: int = 15
    spare_part_id: str | None = None
    spare_holder: str = ""

    def __post_init__(self) -> None:
        check_id("contract.id", self.id)
        object.__setattr__(
            self,
            "visit_type",
            JobType(check_choice("contract.visit_type", self.visit_type, JobType)),
        )
        if self.visit_type not in (JobType.MAINTENANCE, JobType.INSPECTION):
            raise ValidationError(
                "contract.visit_type", "a contract's visits are maintenance or inspection"
            )
        check_count("contract.trainings_per_year", self.trainings_per_year, maximum=12)
        check_count("contract.delivered_quantity", self.delivered_quantity)
        check_count("contract.spare_share_percent", self.spare_share_percent, maximum=100)
        if self.spare_part_id is not None:
            check_id("contract.spare_part_id", self.spare_part_id)
        check_text("contract.spare_holder", self.spare_holder, required=False, max_length=60)
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
