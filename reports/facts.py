"""The frozen pieces a slip and a condition report show, shared by both records.

Fields marked ``PRESENTATION`` are for drawing only and stay out of the
content hash (see ``reports.integrity``): image bytes are identified by their
SHA-256, which is hashed instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Final

PRESENTATION: Final = MappingProxyType({"presentation": True})
# A field added after slips were issued: left out of the content hash while it is empty,
# so a slip of a visit without it keeps the hash it was issued with.
OMITTED_WHEN_EMPTY: Final = MappingProxyType({"omit_empty": True})


@dataclass(frozen=True)
class CompanyInfo:
    name: str
    hotline: str
    address: str
    logo_sha256: str  # "" when no logo is configured
    logo: bytes | None = field(default=None, metadata=PRESENTATION, repr=False)
    tax_id: str = ""


@dataclass(frozen=True)
class Party:
    customer_name: str
    customer_phone: str
    site_address: str
    contact_name: str
    contact_phone: str


@dataclass(frozen=True)
class WarrantyStatus:
    """The decision of the warranty rules for one component on the visit date."""

    component: str
    covered: bool
    code: str  # in_warranty, expired, hours_exceeded, excluded:<why>, unknown, none
    reason: str  # the rules' own words (English)
    expires_on: date | None

    @property
    def kind(self) -> str:
        return self.code.split(":", 1)[0]


@dataclass(frozen=True)
class AssetFacts:
    asset_id: str
    category: str
    make: str
    model: str
    serial: str
    purchased_on: date | None
    purchased_at: str
    hour_meter: int | None  # read on this visit if it was, else the last known
    warranty_terms: str
    warranty: tuple[WarrantyStatus, ...]


@dataclass(frozen=True)
class ChecklistRow:
    asset_id: str | None
    item_key: str
    label: str
    label_zh: str
    kind: str  # tech_app.vocab.ItemKind value
    value: str | None  # None = not answered
    unit: str
    minimum: Decimal | None
    maximum: Decimal | None
    out_of_range: bool
    required: bool
    # The words of a choice answer, as the template's author gave them: presentation only,
    # the stored key (``value``) is what the content hash covers.
    choice_label: str = field(default="", metadata=PRESENTATION)
    choice_label_zh: str = field(default="", metadata=PRESENTATION)


@dataclass(frozen=True)
class SignatureFacts:
    signer_name: str
    signed_at: datetime
    image_sha256: str
    rating: int | None
    comment: str
    image: bytes | None = field(default=None, metadata=PRESENTATION, repr=False)
    # Signed on the printed copy: the hash already tells it (no image hash), so this
    # stays out of it and pad-signed slips keep their hashes.
    on_paper: bool = field(default=False, metadata=PRESENTATION)


@dataclass(frozen=True)
class TermComponent:
    component: str
    months: int | None
    hours: int | None


@dataclass(frozen=True)
class TermsFacts:
    """The warranty terms that apply to a unit, as printed for the customer."""

    name: str
    components: tuple[TermComponent, ...]
    exclusions: tuple[str, ...]
    free_visits_per_year: int
    lifetime_repair: bool
