"""The company's settings: who it is and what it charges, kept at head office as data.

One record (a fixed id) that head office owns and every laptop receives with its pull;
the pricing, the slip header and the receipt numbers read it. Nothing here is a
default a real company would bill with: an unset rate is zero, and the demo supplies
its own values like any company would.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tech_app.errors import ValidationError
from tech_app.records.validate import check_choice, check_count, check_id, check_text
from tech_app.vocab import JobType

# The one settings record: a fixed id, so head office and every laptop name the same row.
SETTINGS_ID: Final = str(uuid.uuid5(uuid.NAMESPACE_URL, "tech-app:company-settings"))


def _check_fraction(field_name: str, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise ValidationError(field_name, f"{value!r} is not a number")
    number = Decimal(value)
    if not number.is_finite() or not Decimal(0) <= number < Decimal(1):
        raise ValidationError(field_name, "must be a fraction from 0 to under 1 (0.13 for 13%)")
    return number


@dataclass(frozen=True, kw_only=True)
class LabourRate:
    """The hourly labour rate of one type of job (minor units per hour)."""

    job_type: JobType
    per_hour: int

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "job_type",
            JobType(check_choice("labour_rate.job_type", self.job_type, JobType)),
        )
        check_count("labour_rate.per_hour", self.per_hour)


@dataclass(frozen=True, kw_only=True)
class Entitlement:
    """Free visits of one type a unit gets each year, e.g. 2 heater maintenance visits.

    ``warranty_terms`` names the unit's terms (``Asset.warranty_terms``); with
    ``within_warranty`` the visits are free only while the unit is in warranty (the
    fleet agreement's four free maintenance visits inside the warranty).
    """

    warranty_terms: str
    job_type: JobType
    visits_per_year: int
    within_warranty: bool = False

    def __post_init__(self) -> None:
        check_text("entitlement.warranty_terms", self.warranty_terms, max_length=60)
        object.__setattr__(
            self,
            "job_type",
            JobType(check_choice("entitlement.job_type", self.job_type, JobType)),
        )
        check_count("entitlement.visits_per_year", self.visits_per_year, minimum=1)


@dataclass(frozen=True, kw_only=True)
class CompanySettings:
    id: str = SETTINGS_ID
    company_name: str = ""
    address: str = ""
    phone: str = ""
    tax_id: str = ""
    logo_sha256: str = ""  # a PNG or JPEG kept as a blob
    currency: str = "CNY"  # ISO 4217
    tax_rate: Decimal = Decimal(0)  # a fraction: 0.13 is 13% VAT
    time_zone: str = "UTC"  # IANA name; the day a visit counts on, receipts, reports
    call_out_fee: int = 0  # minor units
    labour_per_hour: int = 0  # for job types without a rate of their own
    labour_rates: tuple[LabourRate, ...] = ()
    waiting_per_hour: int = 0
    travel_per_hour: int = 0
    free_entitlements: tuple[Entitlement, ...] = ()
    # Asset categories whose servicing labour is free (jewellery: cleaning, polishing,
    # resizing, stone tightening); the customer pays materials only.
    free_servicing_categories: tuple[str, ...] = ()
    receipt_prefix: str = ""
    # How far a bill may go past the consented estimate before the customer must agree
    # again, as a fraction of the estimate (0 = not a cent more).
    consent_margin: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        check_id("company_settings.id", self.id)
        for name, limit in (
            ("company_name", 200),
            ("address", 300),
            ("phone", 40),
            ("tax_id", 40),
            ("receipt_prefix", 12),
        ):
            check_text(
                f"company_settings.{name}", getattr(self, name), required=False, max_length=limit
            )
        if self.logo_sha256 and (
            len(self.logo_sha256) != 64
            or any(c not in "0123456789abcdef" for c in self.logo_sha256)
        ):
            raise ValidationError("company_settings.logo_sha256", "is not a SHA-256 hex digest")
        if not (len(self.currency) == 3 and self.currency.isascii() and self.currency.isupper()):
            raise ValidationError(
                "company_settings.currency", f"{self.currency!r} is not a currency code like CNY"
            )
        object.__setattr__(
            self, "tax_rate", _check_fraction("company_settings.tax_rate", self.tax_rate)
        )
        object.__setattr__(
            self,
            "consent_margin",
            _check_fraction("company_settings.consent_margin", self.consent_margin),
        )
        try:
            ZoneInfo(check_text("company_settings.time_zone", self.time_zone, max_length=60))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                "company_settings.time_zone",
                f"{self.time_zone!r} is not a time zone name like Asia/Shanghai",
            ) from None
        for name in ("call_out_fee", "labour_per_hour", "waiting_per_hour", "travel_per_hour"):
            check_count(f"company_settings.{name}", getattr(self, name))
        types = [rate.job_type for rate in self.labour_rates]
        if len(types) != len(set(types)):
            raise ValidationError("company_settings.labour_rates", "a job type is given twice")
        for category in self.free_servicing_categories:
            check_text("company_settings.free_servicing_categories", category, max_length=60)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def labour_rate(self, job_type: JobType) -> int:
        """The hourly labour rate for this type of job."""
        for rate in self.labour_rates:
            if rate.job_type is job_type:
                return rate.per_hour
        return self.labour_per_hour

    def entitlement(self, warranty_terms: str, job_type: JobType) -> Entitlement | None:
        for entitlement in self.free_entitlements:
            if entitlement.warranty_terms == warranty_terms and entitlement.job_type is job_type:
                return entitlement
        return None
