"""Prepaid service cards: water-dispenser cleaning sold by the month or the year (承包制度)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tech_app.records.validate import (
    check_choice,
    check_count,
    check_date,
    check_id,
    check_order,
    check_text,
    new_id,
)
from tech_app.vocab import CardPlan, JobType

MAX_CARD_VISITS = 1000


@dataclass(frozen=True, kw_only=True)
class ServiceCard:
    """A customer's card: ``visits`` visits of ``job_type`` between two days.

    Head office sells and keeps it; a job names the card it is done on, and each
    visit on a valid card with visits left is covered and counts one down.
    """

    id: str = field(default_factory=new_id)
    customer_id: str
    asset_id: str | None = None
    number: str
    plan: CardPlan
    visits: int
    job_type: JobType = JobType.CLEANING
    starts_on: date
    ends_on: date  # the last day it may be used

    def __post_init__(self) -> None:
        check_id("service_card.id", self.id)
        check_id("service_card.customer_id", self.customer_id)
        if self.asset_id is not None:
            check_id("service_card.asset_id", self.asset_id)
        check_text("service_card.number", self.number, max_length=40)
        object.__setattr__(
            self, "plan", CardPlan(check_choice("service_card.plan", self.plan, CardPlan))
        )
        object.__setattr__(
            self,
            "job_type",
            JobType(check_choice("service_card.job_type", self.job_type, JobType)),
        )
        # A year of weekly visits is 52; a thousand is a typing slip, not a card.
        check_count("service_card.visits", self.visits, minimum=1, maximum=MAX_CARD_VISITS)
        check_date("service_card.starts_on", self.starts_on)
        check_date("service_card.ends_on", self.ends_on)
        check_order("service_card.ends_on", self.starts_on, self.ends_on)

    def valid_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on
