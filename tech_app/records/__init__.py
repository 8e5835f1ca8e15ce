"""Domain records shared by the desktop app, the slip and both ends of sync.

Each record is a frozen dataclass that validates itself on construction, so a
bad value is refused at the boundary with the field named, never stored.
"""

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
