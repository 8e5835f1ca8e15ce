"""Drawing a SlipData record as a PDF, on A4 or on an 80 mm receipt roll.

The renderer draws only the record it is given (pretix-style): the story is
a list of ``_draw_*`` sections, each turning part of the record into
flowables. The narrow receipt stacks what A4 spreads over table columns.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from reports import blocks
from reports.blocks import Cell, para, with_detail
from reports.charge_words import coverage_text, estimate_line_text
from reports.facts import ChecklistRow
from reports.fonts import register_cjk_font
from reports.formatting import allowed_range, day, money, percent, quantity, when
from reports.integrity import qr_payload, short_hash, slip_content_hash
from reports.labels import Labels
from reports.layout import A4_PORTRAIT, PageGeometry, layout_named
from reports.page_chrome import PageChrome
from reports.pdf_build import DocumentInfo, build_pdf
from reports.service_pdf import service_sections
from reports.slip_data import FeeLine, PartLine, SlipData, TimeLine
from reports.string_table import StringCellTable
from reports.styles import PLAIN_PADDING, Styles, make_styles, plain
from reports.text_line import Run, TextLines


def answer_text(row: ChecklistRow, labels: Labels) -> str:
    """How an answer reads on paper (without the out-of-range marker)."""
    if row.value is None:
        return labels["not_answered"]
    if row.kind == "yes_no":
        return labels["yes"] if row.value == "yes" else labels["no"]
    if row.kind == "photo":
        return labels["photo_taken"]
    if row.kind == "number" and row.unit:
        return f"{row.value} {row.unit}"
    if row.kind == "choice" and row.choice_label:
        return labels.pick(row.choice_label, row.choice_label_zh)  # 已调整, not "adjusted"
    return row.value


def result_cell(row: ChecklistRow, labels: Labels, styles: Styles) -> TextLines:
    if row.out_of_range:
        return para(f"{answer_text(row, labels)}\n{labels['out_of_range']}", styles.cell_warn)
    style = styles.muted if row.value is None else styles.cell
    return para(answer_text(row, labels), style)


class SlipRenderer:
    def __init__(self, font: str, geometry: PageGeometry = A4_PORTRAIT) -> None:
        self.geometry = geometry
        self.styles = make_styles(font, geometry.base_size)
        self.width = geometry.frame_width
        self.narrow = geometry.narrow

    def render(self, data: SlipData) -> bytes:
        labels = data.labels
        content_hash = slip_content_hash(data)
        chrome = PageChrome(
            geometry=self.geometry,
            font=self.styles.font,
            header_left=data.company.name or labels["slip_title"],
            header_right=f"{labels['slip_title']} · {labels['job_number']} {data.job_number}",
            footer_left=_footer(data, content_hash),
            page_label=lambda page, pages: labels.format("page", page=page, pages=pages),
        )
        info = DocumentInfo(
            title=f"{labels['slip_title']} {data.job_number}",
            author=data.company.name,
            subject=content_hash,
        )
        return build_pdf(lambda: self._story(data, content_hash), self.geometry, chrome, info)

    def _story(self, data: SlipData, content_hash: str) -> list[Flowable]:
        return [
            *self._draw_header(data, content_hash),
            *self._draw_party(data),
            *self._draw_assets(data),
            *self._draw_texts(data),
            *self._draw_checklist(data),
            *service_sections(data.service, data.labels, self.styles, self.width, self.narrow),
            *self._draw_parts(data),
            # The totals stay on the page of the lines they add up.
            KeepTogether([*self._draw_time_and_fees(data), *self._draw_totals(data)]),
            *self._draw_estimate(data),
            *self._draw_signature(data),
            *self._draw_terms(data),
            *self._draw_amendments(data),
        ]

    # -- sections ------------------------------------------------------------
    def _draw_header(self, data: SlipData, content_hash: str) -> list[Flowable]:
        s, labels, g = self.styles, data.labels, self.geometry
        company: list[Flowable] = []
        if data.company.logo:
            company.append(blocks.picture(data.company.logo, self.width * 0.5, g.logo_height))
        if data.company.name:
            company.append(para(data.company.name, s.company))
        if data.company.hotline:
            company.append(para(f"{labels['hotline']} {data.company.hotline}", s.body))
        if data.company.address:
            company.append(para(data.company.address, s.muted))
        number = f"{labels['job_number']} {data.job_number}"
        title: list[Flowable] = (
            [para(labels["slip_title"], s.title), para(number, s.company)]
            if self.narrow
            else [
                TextLines(
                    [
                        [
                            Run(labels["slip_title"] + "\xa0" * 3),
                            Run(number, size=s.company.fontSize),
                        ]
                    ],
                    s.title,
                )
            ]
        )
        qr: list[Cell] = [
            blocks.qr_code(qr_payload(data.job_id, content_hash), g.qr_size),
            para(short_hash(content_hash), s.center_small),
        ]
        meta = [
            (labels["job_type"], labels.get(f"job_type.{data.job_type}", data.job_type)),
            (labels["reported_at"], when(data.reported_at)),
            (labels["visit_date"], day(data.visit_date)),
            (labels["technician"], data.technician),
        ]
        if data.contract_name:
            meta.append((labels["contract"], data.contract_name))
        if data.outcome:
            meta.append((labels["outcome"], labels.get(f"outcome.{data.outcome}", data.outcome)))
        if data.receipt_number:
            method = data.payment_method or "none"
            meta.append((labels["receipt_number"], data.receipt_number))
            meta.append((labels["payment_method"], labels.get(f"payment.{method}", method)))
        if data.company.tax_id:
            meta.append((labels["tax_id"], data.company.tax_id))
        if self.narrow:
            qr_table = Table([[qr[0]], [qr[1]]], colWidths=[g.qr_size], hAlign="CENTER")
            qr_table.setStyle(plain(s.font, 0))
            return [
                *company,
                Spacer(1, s.base * 0.5),
                *title,
                qr_table,
                blocks.key_values(meta, s, self.width, columns=1),
            ]
        left = self.width - g.qr_size - 4
        header = Table(
            [[[*company, Spacer(1, s.base * 0.6), *title], qr]],
            colWidths=[left, g.qr_size + 4],
            hAlign="LEFT",
        )
        header.setStyle(plain(s.font, 0))
        return [header, Spacer(1, s.base * 0.4), blocks.key_values(meta, s, self.width)]

    def _draw_party(self, data: SlipData) -> list[Flowable]:
        return [
            blocks.heading(data.labels["customer"], self.styles),
            blocks.party_block(data.party, data.labels, self.styles, self.width, self.narrow),
        ]

    def _draw_assets(self, data: SlipData) -> list[Flowable]:
        if not data.assets:
            return []
        return [
            blocks.heading(data.labels["assets"], self.styles),
            *blocks.assets_table(data.assets, data.labels, self.styles, self.width, self.narrow),
        ]

    def _draw_texts(self, data: SlipData) -> list[Flowable]:
        flowables: list[Flowable] = []
        for key, value in (
            ("problem", data.problem),
            ("findings", data.findings),
            ("work_done", data.work_done),
        ):
            if value:
                flowables += [
                    blocks.heading(data.labels[key], self.styles),
                    para(value, self.styles.body),
                ]
        return flowables

    def _draw_checklist(self, data: SlipData) -> list[Flowable]:
        if not data.checklist:
            return []
        labels, s = data.labels, self.styles
        serials = {a.asset_id: a.serial for a in data.assets}
        grouped = len({row.asset_id for row in data.checklist}) > 1
        rows: list[list[Cell]] = []
        warn: list[int] = []
        bands: list[int] = []
        current: str | None = None
        for row in data.checklist:
            if grouped and row.asset_id != current:
                current = row.asset_id
                bands.append(len(rows))
                rows.append(
                    [serials.get(row.asset_id or "", ""), "", ""][: 2 if self.narrow else 3]
                )
            if row.out_of_range:
                warn.append(len(rows))
            label = labels.pick(row.label, row.label_zh)
            limits = allowed_range(row.minimum, row.maximum, row.unit)
            if self.narrow:
                item = with_detail(label, limits, s.cell) if limits else para(label, s.cell)
                rows.append([item, result_cell(row, labels, s)])
            else:
                rows.append([label, result_cell(row, labels, s), limits])
        if self.narrow:
            header, widths = [labels["item"], labels["result"]], [0.58, 0.42]
        else:
            header = [labels["item"], labels["result"], labels["allowed"]]
            widths = [0.46, 0.30, 0.24]
        return [
            blocks.heading(labels["checklist"], s),
            blocks.data_table(
                header, rows, [w * self.width for w in widths], s, warn_rows=warn, band_rows=bands
            ),
        ]

    def _coverage(self, line: PartLine | FeeLine | TimeLine, labels: Labels) -> str:
        return coverage_text(line.coverage, line.reason, line.detail, line.list_amount, labels)

    def _draw_parts(self, data: SlipData) -> list[Flowable]:
        labels, s = data.labels, self.styles
        flowables: list[Flowable] = [CondPageBreak(s.base * 6), blocks.heading(labels["parts"], s)]
        if not data.parts:
            return [*flowables, para(labels["no_parts"], s.muted)]
        rows: list[list[Cell]] = []
        for p in data.parts:
            name = labels.pick(p.name, p.name_zh)
            serials = " / ".join(
                labels.format(key, serial=serial)
                for key, serial in (
                    ("serial_removed", p.serial_out),
                    ("serial_fitted", p.serial_in),
                )
                if serial
            )
            coverage = self._coverage(p, labels)
            qty = f"{quantity(p.quantity)} {labels.get(f'unit.{p.unit}', p.unit)}"
            if self.narrow:
                detail = f"{qty} × {money(p.unit_price)} · {coverage}"
                rows.append(
                    [with_detail(f"{p.part_number} {name}", detail, s.cell), money(p.amount)]
                )
            else:
                # A name without serials is plain text (a table string when it fits).
                cell_name: Cell = with_detail(name, serials, s.cell) if serials else name
                rows.append(
                    [
                        p.part_number,
                        cell_name,
                        qty,
                        money(p.unit_price),
                        coverage,
                        money(p.amount),
                    ]
                )
        if self.narrow:
            header = [f"{labels['part_number']} / {labels['part_name']}", labels["amount"]]
            return [
                *flowables,
                blocks.data_table(header, rows, [self.width * 0.7, self.width * 0.3], s, right=[1]),
            ]
        header = [
            labels["part_number"],
            labels["part_name"],
            labels["qty"],
            labels["unit_price"],
            labels["coverage"],
            labels["amount"],
        ]
        widths = [0.15, 0.30, 0.09, 0.13, 0.18, 0.15]
        return [
            *flowables,
            blocks.data_table(header, rows, [w * self.width for w in widths], s, right=[2, 3, 5]),
        ]

    def _draw_time_and_fees(self, data: SlipData) -> list[Flowable]:
        labels, s = data.labels, self.styles
        if not data.fees and not data.times:
            return []
        rows: list[list[Cell]] = []
        for fee in data.fees:
            description = (
                labels.format("fee.visit_fee", units=fee.units, rate=money(fee.unit_amount))
                if fee.kind == "visit_fee"
                else labels["fee.call_out"]
            )
            coverage = self._coverage(fee, labels)
            rows.append([description, "", "", coverage, money(fee.amount)])
        for line in data.times:
            rows.append(
                [
                    labels[f"time.{line.kind}"],
                    labels.format("minutes", minutes=line.minutes),
                    labels.format("per_hour", rate=money(line.per_hour)),
                    self._coverage(line, labels),
                    money(line.amount),
                ]
            )
        if self.narrow:
            narrow_rows: list[list[Cell]] = []
            for description, minutes, rate, coverage, amount in rows:
                detail = " · ".join(str(x) for x in (minutes, rate, coverage) if x)
                narrow_rows.append([with_detail(str(description), detail, s.cell), amount])
            return [
                blocks.heading(labels["time_and_fees"], s),
                blocks.data_table(
                    [labels["item"], labels["amount"]],
                    narrow_rows,
                    [self.width * 0.7, self.width * 0.3],
                    s,
                    right=[1],
                ),
            ]
        header = [
            labels["item"],
            labels["time"],
            labels["rate"],
            labels["coverage"],
            labels["amount"],
        ]
        widths = [0.33, 0.13, 0.17, 0.22, 0.15]
        return [
            blocks.heading(labels["time_and_fees"], s),
            blocks.data_table(header, rows, [w * self.width for w in widths], s, right=[1, 2, 4]),
        ]

    def _draw_totals(self, data: SlipData) -> list[Flowable]:
        labels, s, totals = data.labels, self.styles, data.totals
        lines = [
            [(labels["subtotal"], s.cell_right), (money(totals.subtotal), s.cell_right)],
            [
                (labels.format("tax", rate=percent(totals.tax_rate)), s.cell_right),
                (money(totals.tax), s.cell_right),
            ],
            [(labels["total"], s.total_label), (money(totals.total), s.total)],
        ]
        if totals.card_remaining is not None:
            lines.append(
                [
                    (labels["card_remaining"], s.cell_right),
                    (str(totals.card_remaining), s.cell_right),
                ]
            )
        if totals.covered_value:
            lines.append(
                [
                    (labels["covered_value"], s.muted_right),
                    (money(totals.covered_value), s.muted_right),
                ]
            )
        widths = (
            [self.width * 0.62, self.width * 0.38]
            if self.narrow
            else [self.width * 0.4, self.width * 0.2]
        )
        rooms = [w - PLAIN_PADDING * 2 for w in widths]  # what plain() leaves of each column
        rows, strings = blocks.styled_cells(lines, rooms, s.font)
        table = StringCellTable(rows, colWidths=widths, hAlign="RIGHT")
        style = plain(s.font)
        style.add("LINEABOVE", (0, 2), (-1, 2), 0.8, "#1f4e79")
        table.setStyle(style)
        table.setStyle(TableStyle(strings))
        return [Spacer(1, s.base * 0.5), table]

    def _draw_estimate(self, data: SlipData) -> list[Flowable]:
        estimate = data.estimate
        if estimate is None:
            return []
        labels, s = data.labels, self.styles
        pairs = [
            (labels["estimate_total"], money(estimate.total)),
            (labels["estimate_at"], when(estimate.created_at)),
            (labels["consented_by"], estimate.consented_by or labels["no_consent"]),
            (labels["consented_at"], when(estimate.consented_at)),
        ]
        flowables: list[Flowable] = [
            blocks.heading(labels["estimate"], s),
            blocks.key_values(pairs, s, self.width, columns=1 if self.narrow else 2),
        ]
        if estimate.lines:
            # The lines as the customer saw them, in codes kept with the consent.
            rows: list[list[Cell]] = [
                [estimate_line_text(line, labels), money(line.amount)] for line in estimate.lines
            ]
            if estimate.subtotal is not None:
                rows.append([labels["subtotal"], money(estimate.subtotal)])
            if estimate.tax is not None and estimate.tax_rate is not None:
                rows.append(
                    [labels.format("tax", rate=percent(estimate.tax_rate)), money(estimate.tax)]
                )
            flowables.append(Spacer(1, s.base * 0.3))
            flowables.append(
                blocks.data_table(
                    [labels["item"], labels["amount"]],
                    rows,
                    [self.width * 0.75, self.width * 0.25],
                    s,
                    right=[1],
                )
            )
        return [KeepTogether(flowables)]

    def _draw_signature(self, data: SlipData) -> list[Flowable]:
        s, labels = self.styles, data.labels
        block = blocks.signature_block(
            data.signature,
            data.technician,
            labels,
            s,
            self.width,
            self.geometry.signature_height,
            self.narrow,
        )
        return [KeepTogether([blocks.heading(labels["signature"], s), block])]

    def _draw_terms(self, data: SlipData) -> list[Flowable]:
        if not data.terms:
            return []
        return [
            blocks.heading(data.labels["terms"], self.styles),
            *blocks.terms_paragraphs(data.terms, data.labels, self.styles),
        ]

    def _draw_amendments(self, data: SlipData) -> list[Flowable]:
        if not data.amendments:
            return []
        s = self.styles
        flowables: list[Flowable] = [blocks.heading(data.labels["amendments"], s)]
        for amendment in data.amendments:
            flowables.append(
                para(
                    f"{data.labels.format('amendment_no', n=amendment.revision)} · "
                    f"{when(amendment.created_at)} · {amendment.reason}",
                    s.muted,
                )
            )
            flowables.append(para(amendment.text, s.body))
        return flowables


def _footer(data: SlipData, content_hash: str) -> str:
    """The content hash, and the revision only where it tells the reader something: on a
    slip issued again after the job was amended."""
    labels = data.labels
    text = f"{labels['content_hash']} {short_hash(content_hash)}"
    if data.revision > 1:
        text += " · " + labels.format("reissued", n=data.revision)
    return text


def render_slip(data: SlipData, layout: str = "a4", *, font: str | None = None) -> bytes:
    """The PDF bytes of a slip record on the named layout ("a4" or "receipt").

    Without ``font`` the CJK font is found and registered (``reports.fonts``).
    """
    return SlipRenderer(font or register_cjk_font(), layout_named(layout)).render(data)
