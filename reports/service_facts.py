"""What the slip prints of the service systems: the oil test's result, the complaint
handled, the loaner unit, and who attended a training. Gathered once from the store
(``service_facts``) into frozen records the renderer draws."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reports.facts import ChecklistRow
from tech_app.oil_test import OIL, VERDICT, oil_test_of, recommendation
from tech_app.service_visits import attendance_of, complaint_of, loans_of
from tech_app.store.local import LocalStore


@dataclass(frozen=True)
class OilTestFacts:
    asset_id: str
    equipment: str
    oil: str  # the template's words for the oil chosen (English)
    oil_zh: str
    hours_since_change: int | None
    sample_taken: bool
    verdict: str  # tech_app.vocab.OilVerdict
    verdict_label: str
    verdict_label_zh: str
    advice: str  # tech_app.oil_test.Advice code
    advice_hours: int | None
    note: str


@dataclass(frozen=True)
class ComplaintFacts:
    complaint_type: str  # tech_app.vocab.ComplaintType
    key_points: str
    plan: str
    deadline: datetime
    agreed: bool
    agreed_by: str


@dataclass(frozen=True)
class LoanFacts:
    unit: str
    serial: str
    lent_at: datetime
    returned_at: datetime | None


@dataclass(frozen=True)
class AttendeeFacts:
    attendee: str
    role: str


@dataclass(frozen=True)
class ServiceFacts:
    oil_tests: tuple[OilTestFacts, ...] = ()
    complaint: ComplaintFacts | None = None
    loans: tuple[LoanFacts, ...] = ()
    attendance: tuple[AttendeeFacts, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.oil_tests or self.complaint or self.loans or self.attendance)


def oil_tests(rows: Sequence[ChecklistRow]) -> tuple[OilTestFacts, ...]:
    """One result per unit whose checklist is an oil test with its verdict answered."""
    by_unit: dict[str, dict[str, ChecklistRow]] = {}
    for row in rows:
        by_unit.setdefault(row.asset_id or "", {})[row.item_key] = row
    found = []
    for asset_id, items in by_unit.items():
        answers = {key: row.value for key, row in items.items() if row.value is not None}
        test = oil_test_of(answers)
        if test is None:
            continue
        advice, params = recommendation(test)
        oil, verdict = items.get(OIL), items[VERDICT]
        found.append(
            OilTestFacts(
                asset_id=asset_id,
                equipment=test.equipment,
                oil=oil.choice_label if oil else test.oil,
                oil_zh=oil.choice_label_zh if oil else test.oil,
                hours_since_change=test.hours_since_change,
                sample_taken=test.sample_taken,
                verdict=test.verdict.value,
                verdict_label=verdict.choice_label,
                verdict_label_zh=verdict.choice_label_zh,
                advice=advice,
                advice_hours=params.get("hours"),
                note=test.note,
            )
        )
    return tuple(found)


def service_facts(store: LocalStore, job_id: str, rows: Sequence[ChecklistRow]) -> ServiceFacts:
    complaint = complaint_of(store, job_id)
    return ServiceFacts(
        oil_tests=oil_tests(rows),
        complaint=None
        if complaint is None
        else ComplaintFacts(
            complaint.complaint_type.value,
            complaint.key_points,
            complaint.plan,
            complaint.deadline,
            complaint.agreed,
            complaint.agreed_by,
        ),
        loans=tuple(
            LoanFacts(loan.unit, loan.serial, loan.lent_at, loan.returned_at)
            for loan in loans_of(store, job_id)
        ),
        attendance=tuple(AttendeeFacts(a.attendee, a.role) for a in attendance_of(store, job_id)),
    )


__all__ = ["ServiceFacts", "service_facts"]
