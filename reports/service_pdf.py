"""The slip's sections for the service systems: the oil test's result, the complaint
handled, the replacement unit lent, and the training's attendance. Each draws only its
part of ``SlipData.service`` (``reports.service_facts``)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from reports import blocks
from reports.blocks import Cell
from reports.formatting import when
from reports.labels import Labels
from reports.service_facts import ComplaintFacts, OilTestFacts, ServiceFacts
from reports.styles import Styles


def _advice(test: OilTestFacts, labels: Labels) -> str:
    if test.advice_hours is not None:
        return labels.format(test.advice, hours=test.advice_hours)
    return labels[test.advice]


def _oil_pairs(test: OilTestFacts, labels: Labels) -> list[tuple[str, str]]:
    hours = "—" if test.hours_since_change is None else f"{test.hours_since_change} h"
    advice = _advice(test, labels)
    if test.note:
        advice += labels["list_sep"] + test.note
    return [
        (labels["oil_equipment"], test.equipment or "—"),
        (labels["oil_oil"], labels.pick(test.oil, test.oil_zh) or "—"),
        (labels["oil_hours_since_change"], hours),
        (labels["oil_sample_taken"], labels["yes"] if test.sample_taken else labels["no"]),
        (labels["oil_result"], labels.pick(test.verdict_label, test.verdict_label_zh)),
        (labels["oil_recommendation"], advice),
    ]


def _complaint_pairs(complaint: ComplaintFacts, labels: Labels) -> list[tuple[str, str]]:
    agreement = (
        labels.format("complaint_agreed", name=complaint.agreed_by)
        if complaint.agreed
        else labels["complaint_not_agreed"]
    )
    return [
        (labels["complaint_type"], labels[f"complaint_type.{complaint.complaint_type}"]),
        (labels["complaint_key_points"], complaint.key_points),
        (labels["complaint_plan"], complaint.plan),
        (labels["complaint_deadline"], when(complaint.deadline)),
        (labels["complaint_agreement"], agreement),
    ]


def service_sections(
    service: ServiceFacts, labels: Labels, styles: Styles, width: float, narrow: bool
) -> list[Flowable]:
    """Every service section the visit has, in a fixed order; none for a plain visit."""
    flowables: list[Flowable] = []
    for test in service.oil_tests:
        flowables += [
            blocks.heading(labels["oil_test"], styles),
            blocks.key_values(_oil_pairs(test, labels), styles, width, columns=1),
        ]
    if service.complaint is not None:
        flowables += [
            blocks.heading(labels["complaint"], styles),
            blocks.key_values(_complaint_pairs(service.complaint, labels), styles, width, 1),
        ]
    if service.loans:
        rows: list[list[Cell]] = [
            [
                " ".join(v for v in (loan.unit, loan.serial) if v),
                when(loan.lent_at),
                when(loan.returned_at) if loan.returned_at else labels["loan_with_customer"],
            ]
            for loan in service.loans
        ]
        header = [labels["loan_unit"], labels["loan_lent_at"], labels["loan_returned_at"]]
        flowables += [
            blocks.heading(labels["loan"], styles),
            blocks.data_table(header, rows, [width * w for w in (0.46, 0.27, 0.27)], styles),
        ]
    if service.attendance:
        people: list[list[Cell]] = [[a.attendee, a.role] for a in service.attendance]
        flowables += [
            blocks.heading(labels["training"], styles),
            blocks.data_table(
                [labels["attendee"], labels["attendee_role"]],
                people,
                [width * 0.5, width * 0.5],
                styles,
            ),
            blocks.para(labels.format("attendance_count", n=len(service.attendance)), styles.muted),
        ]
    return flowables
