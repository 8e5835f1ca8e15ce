"""Domain records shared by the desktop app, the slip and both ends of sync.

Each record is a frozen dataclass that validates itself on construction, so a
bad value is refused at the boundary with the field named, never stored.

Each class is imported from its module when first asked for (``from tech_app.records
import Job`` imports ``records.jobs`` alone): importing every record module took a
sixth of the app's start-up, and a module that needs one validator
(``records.validate``) imported them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tech_app.records.assets import Asset
    from tech_app.records.cards import ServiceCard
    from tech_app.records.checklists import (
        ChecklistAnswer,
        ChecklistItem,
        ChecklistTemplate,
        ChoiceLabel,
    )
    from tech_app.records.contracts import Contract
    from tech_app.records.intake import IntakeForm, IntakeStep, JewelleryIntake
    from tech_app.records.jobs import Amendment, Job, JobAsset
    from tech_app.records.parties import Customer, Site
    from tech_app.records.parts import Part, PartUsage, StockMovement, VanStock
    from tech_app.records.service import Attendance, Complaint, Loan, Refund
    from tech_app.records.settings import CompanySettings, Entitlement, LabourRate
    from tech_app.records.visit import (
        Consent,
        Estimate,
        Feedback,
        FollowUp,
        Photo,
        Signature,
        Slip,
        TimeEntry,
    )

# Each record class and the module it lives in.
_HOMES = {
    "Amendment": "jobs",
    "Asset": "assets",
    "Attendance": "service",
    "ChecklistAnswer": "checklists",
    "ChecklistItem": "checklists",
    "ChecklistTemplate": "checklists",
    "ChoiceLabel": "checklists",
    "CompanySettings": "settings",
    "Complaint": "service",
    "Consent": "visit",
    "Contract": "contracts",
    "Customer": "parties",
    "Entitlement": "settings",
    "Estimate": "visit",
    "Feedback": "visit",
    "FollowUp": "visit",
    "IntakeForm": "intake",
    "IntakeStep": "intake",
    "JewelleryIntake": "intake",
    "Job": "jobs",
    "JobAsset": "jobs",
    "LabourRate": "settings",
    "Loan": "service",
    "Part": "parts",
    "PartUsage": "parts",
    "Photo": "visit",
    "Refund": "service",
    "ServiceCard": "cards",
    "Signature": "visit",
    "Site": "parties",
    "Slip": "visit",
    "StockMovement": "parts",
    "TimeEntry": "visit",
    "VanStock": "parts",
}

__all__ = [
    "Amendment",
    "Asset",
    "Attendance",
    "ChecklistAnswer",
    "ChecklistItem",
    "ChecklistTemplate",
    "ChoiceLabel",
    "CompanySettings",
    "Complaint",
    "Consent",
    "Contract",
    "Customer",
    "Entitlement",
    "Estimate",
    "Feedback",
    "FollowUp",
    "IntakeForm",
    "IntakeStep",
    "JewelleryIntake",
    "Job",
    "JobAsset",
    "LabourRate",
    "Loan",
    "Part",
    "PartUsage",
    "Photo",
    "Refund",
    "ServiceCard",
    "Signature",
    "Site",
    "Slip",
    "StockMovement",
    "TimeEntry",
    "VanStock",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    found = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = found  # asked once
    return found
