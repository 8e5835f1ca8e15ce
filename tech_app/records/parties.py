"""Who the service is for and where: customers and their sites."""

from __future__ import annotations

from dataclasses import dataclass, field

from tech_app.errors import ValidationError
from tech_app.records.validate import check_id, check_phone, check_text, new_id

CUSTOMER_CLASSES = ("A", "B", "C")  # 客户档案 classification


@dataclass(frozen=True, kw_only=True)
class Customer:
    id: str = field(default_factory=new_id)
    name: str
    phone: str
    customer_class: str = "B"
    notes: str = ""
    # The customer file (客户档案): why they bought, and what the company promised them
    # (the service card's promises, a salesman's word), kept so "service follows the unit".
    purchase_reason: str = ""
    promises: str = ""

    def __post_init__(self) -> None:
        check_id("customer.id", self.id)
        check_text(
            "customer.purchase_reason", self.purchase_reason, required=False, max_length=2000
        )
        check_text("customer.promises", self.promises, required=False, max_length=2000)
        object.__setattr__(self, "name", check_text("customer.name", self.name, max_length=120))
        object.__setattr__(self, "phone", check_phone("customer.phone", self.phone))
        if self.customer_class not in CUSTOMER_CLASSES:
            raise ValidationError("customer.customer_class", "must be A, B or C")
        check_text("customer.notes", self.notes, required=False, max_length=2000)


@dataclass(frozen=True, kw_only=True)
class Site:
    id: str = field(default_factory=new_id)
    customer_id: str
    address: str
    contact_name: str = ""
    contact_phone: str = ""

    def __post_init__(self) -> None:
        check_id("site.id", self.id)
        check_id("site.customer_id", self.customer_id)
        object.__setattr__(self, "address", check_text("site.address", self.address))
        check_text("site.contact_name", self.contact_name, required=False, max_length=120)
        check_phone("site.contact_phone", self.contact_phone, required=False)
