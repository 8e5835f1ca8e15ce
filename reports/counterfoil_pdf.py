"""Drawing a CounterfoilData record: the registration form above, the counterfoil below a cut line.

One A4 page as a jewellery counter prints it (seed 001's 售后服务登记表 and 回执联): the
top part is the shop's copy of the signed form, the bottom part, below a dashed cut
line, the counterfoil the customer keeps and brings back to collect the piece. The
renderer draws only the record it is given; each part is a list of ``_draw_*`` calls.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from reports import blocks
from reports.blocks import Cell, para, text
from reports.counterfoil_data import CounterfoilData, build_counterfoil_data
from reports.fonts import CJK_FONT_SETTING, register_cjk_font
from reports.formatting import quantity, when
from reports.labels import Labels
from reports.layout import A4_PORTRAIT, PageGeometry
from reports.page_chrome import PageChrome
from reports.pdf_build import DocumentInfo, build_pdf
from reports.styles import MUTED, RULE, Styles, grid, make_styles, plain
from tech_app.blobs import BlobStore, write_atomically
from tech_app.store.local import LocalStore
from tech_app.vocab import IntakeService

# Geometry of the parts, in points.
CUT_GAP: float = 7 * mm  # room above and below the cut line
SIGNATURE_HEIGHT: float = 18 * mm
COUNTERFOIL_QR: float = 24 * mm
LOGO_HEIGHT: float = 10 * mm
LABEL_SHARE: float = 0.22  # of the frame width, for the form's field names
TICKED, UNTICKED = "■", "□"  # in GB2312 and Big5: every Chinese font has them


class CutLine(Flowable):
    """A dashed line across the frame with "cut here" in its middle."""

    def __init__(self, width: float, label: str, font: str, size: float) -> None:
        super().__init__()
        self.width, self.label, self.font, self.size = width, label, font, size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.size * 2

    def draw(self) -> None:
        canvas, middle = self.canv, self.size
        text_width = canvas.stringWidth(self.label, self.font, self.size)
        gap = text_width / 2 + self.size
        canvas.setStrokeColor(RULE)
        canvas.setDash(4, 3)
        canvas.setLineWidth(0.8)
        canvas.line(0, middle, self.width / 2 - gap, middle)
        canvas.line(self.width / 2 + gap, middle, self.width, middle)
        canvas.setFillColor(MUTED)
        canvas.setFont(self.font, self.size)
        canvas.drawCentredString(self.width / 2, middle - self.size * 0.35, self.label)


def material_text(data: CounterfoilData, labels: Labels) -> str:
    return labels.get(f"material.{data.material}", data.material)


def stone_text(data: CounterfoilData, labels: Labels) -> str:
    if data.stone_size is None:
        return "—"
    return labels.format("intake_carats", size=quantity(data.stone_size))


def services_text(data: CounterfoilData, labels: Labels) -> str:
    """Every service the form offers, the requested ones ticked: ■ 清洗  □ 抛光 …"""
    return "\u3000".join(
        f"{TICKED if s.value in data.services else UNTICKED} "
        f"{labels.get(f'service.{s.value}', s.value)}"
        for s in IntakeService
    )


def requested_text(data: CounterfoilData, labels: Labels) -> str:
    return labels["list_sep"].join(labels.get(f"service.{s}", s) for s in data.services)


def fees_text(data: CounterfoilData, labels: Labels) -> str:
    words = labels["intake_fees_free"] if data.labour_free else labels["intake_fees_charged"]
    if data.polishing:
        words += labels["sentence_sep"] + labels["intake_polishing_loss"]
    return words


class CounterfoilRenderer:
    def __init__(self, font: str, geometry: PageGeometry = A4_PORTRAIT) -> None:
        self.geometry = geometry
        self.styles: Styles = make_styles(font, geometry.base_size)
        self.width = geometry.frame_width

    def render(self, data: CounterfoilData) -> bytes:
        labels = data.labels
        chrome = PageChrome(
            geometry=self.geometry,
            font=self.styles.font,
            header_left=data.company.name or labels["intake_title"],
            header_right=f"{labels['intake_title']} · {labels['counterfoil_number']} "
            f"{data.counterfoil_number}",
            footer_left=f"{labels['job_number']} {data.job_number}",
            page_label=lambda page, pages: labels.format("page", page=page, pages=pages),
        )
        info = DocumentInfo(
            title=f"{labels['counterfoil_title']} {data.counterfoil_number}",
            author=data.company.name,
            subject=f"{labels['intake_title']} {data.job_number}",
        )
        return build_pdf(lambda: self._story(data), self.geometry, chrome, info)

    def _story(self, data: CounterfoilData) -> list[Flowable]:
        s = self.styles
        return [
            *self._draw_form_header(data),
            *self._draw_party(data),
            *self._draw_form(data),
            *self._draw_signature(data),
            *self._draw_state(data),
            Spacer(1, CUT_GAP),
            CutLine(self.width, data.labels["cut_here"], s.font, s.base * 0.85),
            Spacer(1, CUT_GAP),
            KeepTogether(self._draw_counterfoil(data)),
        ]

    # -- the shop's copy: the signed registration form --------------------------------
    def _title_row(self, title: str, copy: str, data: CounterfoilData) -> Table:
        s, labels = self.styles, data.labels
        company: list[Flowable] = []
        if data.company.logo:
            company.append(blocks.picture(data.company.logo, self.width * 0.4, LOGO_HEIGHT))
        if data.company.name:
            company.append(para(data.company.name, s.company))
        if data.company.hotline:
            company.append(para(f"{labels['hotline']} {data.company.hotline}", s.small))
        heading = [
            Paragraph(
                f"{text(title)}&nbsp;&nbsp;<font size='{s.body.fontSize}'>{text(copy)}</font>",
                s.title,
            ),
            para(f"{labels['counterfoil_number']} {data.counterfoil_number}", s.company),
        ]
        table = Table([[heading, company]], colWidths=[self.width * 0.58, self.width * 0.42])
        table.setStyle(plain(s.font, padding=0))
        return table

    def _draw_form_header(self, data: CounterfoilData) -> list[Flowable]:
        labels = data.labels
        flow: list[Flowable] = [
            self._title_row(labels["intake_title"], labels["intake_shop_copy"], data)
        ]
        if data.company.address:
            flow.append(para(data.company.address, self.styles.muted))
        return [*flow, Spacer(1, 3 * mm)]

    def _draw_party(self, data: CounterfoilData) -> list[Flowable]:
        labels = data.labels
        pairs = [
            (labels["customer"], data.party.customer_name),
            (labels["phone"], data.party.customer_phone),
            (labels["job_number"], data.job_number),
            (labels["intake_handed_in_at"], when(data.handed_in_at)),
            (labels["intake_received_by"], data.received_by or "—"),
            (labels["counterfoil_number"], data.counterfoil_number),
        ]
        return [blocks.key_values(pairs, self.styles, self.width), Spacer(1, 2 * mm)]

    def _draw_form(self, data: CounterfoilData) -> list[Flowable]:
        s, labels = self.styles, data.labels
        rows: list[list[Cell]] = [
            [para(labels["intake_product"], s.cell_head), para(data.product, s.cell)],
            [
                para(labels["intake_material"], s.cell_head),
                para(material_text(data, labels), s.cell),
            ],
            [
                para(labels["intake_stone_size"], s.cell_head),
                para(stone_text(data, labels), s.cell),
            ],
            [
                para(labels["intake_stone_grade"], s.cell_head),
                para(data.stone_grade or "—", s.cell),
            ],
            [
                para(labels["intake_services"], s.cell_head),
                para(services_text(data, labels), s.cell),
            ],
            [
                para(labels["intake_service_note"], s.cell_head),
                para(data.service_note or "—", s.cell),
            ],
            [
                para(labels["intake_other_problems"], s.cell_head),
                para(data.other_problems or "—", s.cell),
            ],
        ]
        label = self.width * LABEL_SHARE
        table = Table(rows, colWidths=[label, self.width - label], hAlign="LEFT")
        table.setStyle(grid(s.font, header=False))
        return [table, Spacer(1, 1.5 * mm), para(fees_text(data, labels), s.small)]

    def _draw_signature(self, data: CounterfoilData) -> list[Flowable]:
        s, labels, signature = self.styles, data.labels, data.signature
        image: Cell = (
            blocks.picture(signature.image, self.width * 0.4, SIGNATURE_HEIGHT)
            if signature.image
            else para(labels["image_missing"], s.muted)
        )
        facts = blocks.key_values(
            [
                (labels["signer"], signature.signer_name),
                (labels["signed_at"], when(signature.signed_at)),
            ],
            s,
            self.width * 0.55,
            columns=1,
        )
        table = Table(
            [[para(labels["intake_signature"], s.cell_head), ""], [image, facts]],
            colWidths=[self.width * 0.45, self.width * 0.55],
            hAlign="LEFT",
        )
        table.setStyle(plain(s.font))
        return [Spacer(1, 2 * mm), table]

    def _draw_state(self, data: CounterfoilData) -> list[Flowable]:
        labels = data.labels
        pairs = [(labels["intake_state"], labels[f"intake_state.{data.state}"])]
        if data.ready_at is not None:
            pairs.append((labels["intake_ready_at"], when(data.ready_at)))
        if data.collected_at is not None:
            pairs.append((labels["intake_collected_at"], when(data.collected_at)))
        return [blocks.key_values(pairs, self.styles, self.width, columns=3)]

    # -- the customer's counterfoil ------------------------------------------------------
    def _draw_counterfoil(self, data: CounterfoilData) -> list[Flowable]:
        s, labels = self.styles, data.labels
        details = blocks.key_values(
            [
                (labels["customer"], data.party.customer_name),
                (labels["job_number"], data.job_number),
                (labels["intake_product"], data.product),
                (labels["intake_material"], material_text(data, labels)),
                (labels["intake_services"], requested_text(data, labels)),
                (labels["intake_handed_in_at"], when(data.handed_in_at)),
            ],
            s,
            self.width - COUNTERFOIL_QR - 6 * mm,
            columns=1,
        )
        qr: list[Cell] = [
            blocks.qr_code(data.counterfoil_number, COUNTERFOIL_QR),
            para(data.counterfoil_number, s.center_small),
        ]
        body = Table(
            [[details, qr]],
            colWidths=[self.width - COUNTERFOIL_QR - 6 * mm, COUNTERFOIL_QR + 6 * mm],
            hAlign="LEFT",
        )
        body.setStyle(plain(s.font, padding=0))
        collection = Table(
            [
                [
                    para(labels["intake_collected_by"], s.muted),
                    "",
                    para(labels["intake_date"], s.muted),
                    "",
                ]
            ],
            colWidths=[self.width * 0.2, self.width * 0.4, self.width * 0.1, self.width * 0.3],
            rowHeights=[10 * mm],
            hAlign="LEFT",
        )
        collection.setStyle(
            [
                *plain(s.font).getCommands(),
                ("LINEBELOW", (1, 0), (1, 0), 0.6, RULE),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, RULE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
        return [
            self._title_row(labels["counterfoil_title"], labels["counterfoil_keep"], data),
            Spacer(1, 2 * mm),
            body,
            Spacer(1, 1.5 * mm),
            para(fees_text(data, labels), s.small),
            collection,
        ]


def write_counterfoil(
    store: LocalStore, blobs: BlobStore, job_key: str, out: Path, *, lang: str = "en"
) -> CounterfoilData:
    """Render the registration form and counterfoil of a job (number or id) to ``out``,
    atomically; returns what was drawn."""
    font = register_cjk_font(store.setting(CJK_FONT_SETTING))
    data = build_counterfoil_data(store, job_key, lang, blobs=blobs)
    write_atomically(Path(out), CounterfoilRenderer(font).render(data))
    return data
