"""Equipment at a customer's site: the unit that service follows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tech_app.errors import ValidationError
from tech_app.records.validate import check_date, check_id, check_text, new_id


@dataclass(frozen=True, kw_only=True)
class Asset:
    id: str = field(default_factory=new_id)
    customer_id: str
    site_id: str
    category: str
    make: str
    model: str
    serial: str
    purchased_on: date | None = None
    purchased_at: str = ""  # place of purchase, as on the 售后服务卡
    warranty_terms: str = ""  # name of a WarrantyTerms in tech_app.rules.warranty
    hour_meter: int | None = None

    def __post_init__(self) -> None:
        check_id("asset.id", self.id)
        check_id("asset.customer_id", self.customer_id)
        check_id("asset.site_id", self.site_id)
        check_text("asset.category", self.category, max_length=60)
        check_text("asset.make", self.make, max_length=60)
        check_text("asset.model", self.model, max_length=60)
        check_text("asset.serial", self.serial, max_length=60)
        if self.purchased_on is not None:
            check_date("asset.purchased_on", self.purchased_on)
        if self.hour_meter is not None and (
            isinstance(self.hour_meter, bool)
            or not isinstance(self.hour_meter, int)
            or self.hour_meter < 0
        ):
            raise ValidationError("asset.hour_meter", "must be a whole number of hours, 0 or more")
