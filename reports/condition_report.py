"""Drawing the condition report of a fleet visit (A4), and writing it to a file.

A summary table of all units comes first so a fleet manager sees at a glance
which trucks need attention; then one section per unit.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from reports import blocks
from reports.blocks import Cell, para, text
from reports.condition_data import (
    ConditionData,
    Flag,
    NextDue,
    PreviousReading,
    UnitReport,
    build_condition_data,
)
from reports.fonts import CJK_FONT_SETTING, register_cjk_font
from reports.formatting import allowed_range, day, quantity
from reports.labels import Labels
from reports.layout import A4_PORTRAIT, PageGeometry
from reports.page_chrome import PageChrome
from reports.pdf_build import DocumentInfo, build_pdf
from reports.slip_pdf import answer_text, result_cell
from reports.styles import Styles, make_styles, plain
from tech_app.blobs import BlobStore, write_atomically
from tech_app.store.local import LocalStore

# A unit section shorter than this starts on a fresh page rather than splitting.
UNIT_MIN_SPACE = 60.0


def flag_text(flag: Flag, labels: Labels) -> str:
    label = labels.pick(flag.row.label, flag.row.label_zh)
    if flag.kind == "out_of_range":
        limits = allowed_range(flag.row.minimum, flag.row.maximum, flag.row.unit)
        return (
            f"{labels['out_of_range']}{labels['colon']}{label} "
            f"{answer_text(flag.row, labels)} ({limits})"
        )
    if flag.kind == "changed" and flag.previous is not None:
        unit = f" {flag.row.unit}" if flag.row.unit else ""
        change = flag.previous.change or Decimal(0)
        return labels.format(
            "flag.changed",
            item=label,
            previous=f"{flag.previous.value}{unit}",
            current=answer_text(flag.row, labels),
            date=day(flag.previous.visit_date),
            change=f"{'+' if change > 0 else ''}{quantity(change)}{unit}",
            tolerance=f"{quantity(flag.previous.tolerance or Decimal(0))}{unit}",
        )
    if flag.kind == "answer_no":
        return labels.format("flag.answer_no", item=label)
    if flag.kind == "failed":
        return labels.format("flag.failed", item=label, value=flag.row.value or "")
    return labels.format("flag.missing", item=label)


def previous_cell(previous: PreviousReading | None, unit: str, styles: Styles) -> Cell:
    """The last visit's reading; a jump beyond the tolerance is marked beside it."""
    if previous is None:
        return "—"
    value = f"{previous.value} {unit}".strip()
    if previous.beyond_tolerance:
        return Paragraph(f"{text(value)} ▲", styles.cell_warn)
    return value


def due_text(due: NextDue | None, labels: Labels) -> str:
    if due is None:
        return "—"
    parts = []
    if due.due_on is not None:
        parts.append(labels.format("next_due.calendar", date=day(due.due_on), months=due.months))
    if due.at_hours is not None:
        parts.append(labels.format("next_due.hours", hours=due.at_hours))
    if due.after_term_end is not None:
        parts.append(labels.format("next_due.after_term", date=day(due.after_term_end)))
    return labels["list_sep"].join(parts) or "—"


class ConditionReportRenderer:
    def __init__(self, font: str, geometry: PageGeometry = A4_PORTRAIT) -> None:
        self.geometry = geometry
        self.styles = make_styles(font, geometry.base_size)
        self.width = geometry.frame_width

    def render(self, data: ConditionData) -> bytes:
        labels = data.labels
        title = labels[data.title_key]
        hotline = f"{labels['hotline']} {data.company.hotline}" if data.company.hotline else ""
        chrome = PageChrome(
            geometry=self.geometry,
            font=self.styles.font,
            header_left=data.company.name or title,
            header_right=f"{title} · {labels['job_number']} {data.job_number}",
            footer_left=hotline,
            page_label=lambda page, pages: labels.format("page", page=page, pages=pages),
        )
        info = DocumentInfo(
            title=f"{title} {data.job_number}", author=data.company.name, subject=data.contract_name
        )
        return build_pdf(lambda: self._story(data), self.geometry, chrome, info)

    def _story(self, data: ConditionData) -> list[Flowable]:
        story = [*self._draw_header(data), *self._draw_summary(data)]
        for unit in data.units:
            story += self._draw_unit(unit, len(data.units), data.labels)
        return [*story, *self._draw_signature(data)]

    def _draw_header(self, data: ConditionData) -> list[Flowable]:
        s, labels = self.styles, data.labels
        flowables: list[Flowable] = []
        if data.company.logo:
            flowables.append(
                blocks.picture(data.company.logo, self.width * 0.4, self.geometry.logo_height)
            )
        if data.company.name:
            flowables.append(para(data.company.name, s.company))
        flowables += [
            para(labels[data.title_key], s.title),
            para(f"{labels['job_number']} {data.job_number}", s.company),
            Spacer(1, s.base * 0.4),
            blocks.key_values(
                [
                    (labels["contract"], data.contract_name or "—"),
                    (labels["visit_date"], day(data.visit_date)),
                    (labels["technician"], data.technician),
                    (labels["hotline"], data.company.hotline or "—"),
                ],
                s,
                self.width,
            ),
            blocks.heading(labels["customer"], s),
            blocks.party_block(data.party, labels, s, self.width, narrow=False),
        ]
        return flowables

    def _draw_summary(self, data: ConditionData) -> list[Flowable]:
        s, labels = self.styles, data.labels
        flagged = sum(1 for unit in data.units if unit.flags)
        rows: list[list[Cell]] = []
        warn = []
        for unit in data.units:
            if unit.flags:
                warn.append(len(rows))
            meter = f"{unit.asset.hour_meter} h" if unit.asset.hour_meter is not None else "—"
            flags = "<br/>".join(text(flag_text(f, labels)) for f in unit.flags) or text(
                labels["no_flags"]
            )
            rows.append(
                [
                    str(unit.position),
                    unit.asset.serial,
                    meter,
                    Paragraph(flags, s.cell_warn if unit.flags else s.cell),
                    day(unit.next_due.due_on) if unit.next_due else "—",
                ]
            )
        header = ["#", labels["serial"], labels["hour_meter"], labels["flags"], labels["next_due"]]
        widths = [0.05, 0.2, 0.12, 0.45, 0.18]
        return [
            blocks.heading(labels["summary"], s),
            para(labels.format("units_flagged", flagged=flagged, count=len(data.units)), s.body),
            Spacer(1, s.base * 0.4),
            blocks.data_table(header, rows, [w * self.width for w in widths], s, warn_rows=warn),
        ]

    def _draw_unit(self, unit: UnitReport, count: int, labels: Labels) -> list[Flowable]:
        s = self.styles
        asset = unit.asset
        title = (
            f"{labels.format('unit', n=unit.position, count=count)} · {asset.serial} · "
            f"{asset.make} {asset.model}"
        )
        facts = blocks.key_values(
            [
                (
                    labels["hour_meter"],
                    f"{asset.hour_meter} h" if asset.hour_meter is not None else "—",
                ),
                (labels["next_due"], due_text(unit.next_due, labels)),
            ],
            s,
            self.width,
            columns=1,
        )
        body: list[Flowable] = [
            blocks.heading(title, s),
            facts,
            Spacer(1, s.base * 0.3),
            blocks.warranty_paragraph(asset.warranty, labels, s),
        ]
        body += self._readings_and_checks(unit, labels, s)
        body.append(para(labels["flags"], s.cell_head))
        if unit.flags:
            body += [para(flag_text(f, labels), s.cell_warn) for f in unit.flags]
        else:
            body.append(para(labels["no_flags"], s.small))
        body.append(para(labels["recommended"], s.cell_head))
        body.append(para(unit.recommendations or labels["none_recorded"], s.small))
        return [CondPageBreak(UNIT_MIN_SPACE), KeepTogether(body)]

    def _readings_and_checks(self, unit: UnitReport, labels: Labels, s: Styles) -> list[Flowable]:
        half = self.width / 2 - 4
        previous = {p.item_key: p for p in unit.previous}
        readings: list[list[Cell]] = [
            [
                labels.pick(r.label, r.label_zh),
                result_cell(r, labels, s),
                previous_cell(previous.get(r.item_key), r.unit, s),
                allowed_range(r.minimum, r.maximum, r.unit),
            ]
            for r in unit.readings
        ]
        checks: list[list[Cell]] = [
            [labels.pick(r.label, r.label_zh), result_cell(r, labels, s)] for r in unit.checks
        ]
        jumped = {p.item_key for p in unit.previous if p.beyond_tolerance}
        left = blocks.data_table(
            [labels["readings"], labels["result"], labels["previous_reading"], labels["allowed"]],
            readings,
            [half * 0.34, half * 0.24, half * 0.2, half * 0.22],
            s,
            warn_rows=[
                i
                for i, r in enumerate(unit.readings)
                if r.out_of_range or (r.item_key in jumped and r.value is not None)
            ],
        )
        right = blocks.data_table(
            [labels["checks"], labels["result"]],
            checks,
            [half * 0.62, half * 0.38],
            s,
            warn_rows=[i for i, f in enumerate(unit.checks) if any(x.row is f for x in unit.flags)],
        )
        pair = Table([[left, right]], colWidths=[half + 4, half + 4], hAlign="LEFT")
        pair.setStyle(plain(s.font, 0))
        return [Spacer(1, s.base * 0.4), pair, Spacer(1, s.base * 0.4)]

    def _draw_signature(self, data: ConditionData) -> list[Flowable]:
        if data.signature is None:
            return []
        s = self.styles
        return [
            KeepTogether(
                [
                    blocks.heading(data.labels["signature"], s),
                    blocks.signature_block(
                        data.signature,
                        data.technician,
                        data.labels,
                        s,
                        self.width,
                        self.geometry.signature_height,
                        narrow=False,
                    ),
                ]
            )
        ]


def write_condition_report(
    store: LocalStore, blobs: BlobStore, job_id: str, out: Path, *, lang: str = "en"
) -> Path:
    """Render the condition report of a fleet job (number or id) to ``out``, atomically."""
    font = register_cjk_font(store.setting(CJK_FONT_SETTING))
    data = build_condition_data(store, job_id, lang, blobs=blobs)
    write_atomically(Path(out), ConditionReportRenderer(font).render(data))
    return Path(out)
