"""Flowable building blocks shared by the slip and the condition report.

Each function turns already-formatted facts into flowables; none reads the
store or decides what a value means.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Final, TypeAlias

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle

from reports.facts import AssetFacts, Party, SignatureFacts, TermsFacts, WarrantyStatus
from reports.formatting import day, stars, when
from reports.labels import Labels
from reports.qr_mark import QrMark
from reports.string_table import StringCellTable
from reports.styles import GOOD, GRID_PADDING, MUTED, PLAIN_PADDING, WARN, Styles, grid, plain
from reports.text_line import Line, Run, TextLines, markup, plain_lines, text_lines

Cell: TypeAlias = Flowable | str  # what a table cell may hold
Command: TypeAlias = tuple[Any, ...]  # one table style command


text = markup  # customer data as paragraph markup, for paragraphs that mix styles


def para(value: str, style: ParagraphStyle) -> TextLines:
    """Plain text in ``style``, drawn as strings where its lines fit (``reports.text_line``)."""
    return text_lines(value, style)


def with_detail(value: str, detail: str, style: ParagraphStyle) -> TextLines:
    """A cell's text with a muted line of detail under it (serials, limits, quantities)."""
    return TextLines([*plain_lines(value), *plain_lines(detail, MUTED)], style)


def heading(title: str, styles: Styles) -> TextLines:
    return para(title, styles.heading)


def _fits(value: str, style: ParagraphStyle, width: float) -> bool:
    """A value that fits on one line needs no paragraph: a table draws it as a string.

    Most cells of a slip are a short number, amount or word. As paragraphs, parsing and
    wrapping them was most of a slip's own rendering time (``bench/slips.py``).
    """
    return "\n" not in value and (
        stringWidth(value, style.fontName, style.fontSize) <= width - _WIDTH_SLACK
    )


# Points kept free when deciding that a string fits a cell, for rounding in the widths.
_WIDTH_SLACK: Final = 0.5


def _string_style(
    style: ParagraphStyle, table_font: str, rows: tuple[int, int] = (0, -1)
) -> list[Command]:
    """Table commands that draw string cells of ``rows`` as ``style`` would.

    The font only when it is not the table's own (``grid``/``plain`` set that for every
    cell): each command is applied cell by cell, and building a slip's tables was
    mostly that (``bench/slips.py``).
    """
    first, last = (0, rows[0]), (-1, rows[1])
    font = [] if style.fontName == table_font else [("FONTNAME", first, last, style.fontName)]
    return [
        *font,
        ("FONTSIZE", first, last, style.fontSize),
        ("LEADING", first, last, style.leading),
        ("TEXTCOLOR", first, last, style.textColor),
    ]


def styled_cells(
    rows: Sequence[Sequence[tuple[str, ParagraphStyle]]], rooms: Sequence[float], table_font: str
) -> tuple[list[list[Cell]], list[Command]]:
    """Cells each in its own style: a string with the commands that draw it so where it
    fits its column's room, else a paragraph (totals: small lines, then the big total).
    A row whose cells are all strings in one style gets one set of commands for the row."""
    cells: list[list[Cell]] = []
    commands: list[Command] = []
    for r, row in enumerate(rows):
        cells.append([])
        strings: list[tuple[int, ParagraphStyle]] = []
        for c, (value, style) in enumerate(row):
            if _fits(value, style, rooms[c]):
                cells[-1].append(value)
                strings.append((c, style))
            else:
                cells[-1].append(para(value, style))
        if len(strings) == len(row) and len({id(style) for _, style in strings}) == 1:
            spans = [((0, r), (-1, r), strings[0][1])]
        else:
            spans = [((c, r), (c, r), style) for c, style in strings]
        for first, last, style in spans:
            align = {TA_RIGHT: "RIGHT", TA_CENTER: "CENTER"}.get(style.alignment, "LEFT")
            if style.fontName != table_font:
                commands.append(("FONTNAME", first, last, style.fontName))
            commands += [
                ("FONTSIZE", first, last, style.fontSize),
                ("LEADING", first, last, style.leading),
                ("TEXTCOLOR", first, last, style.textColor),
                ("ALIGN", first, last, align),
            ]
    return cells, commands


def key_values(
    pairs: Sequence[tuple[str, str]], styles: Styles, width: float, columns: int = 2
) -> Table:
    """Label/value pairs in ``columns`` side-by-side groups (1 on narrow pages)."""
    label_width = width / columns * 0.32
    value_width = width / columns - label_width
    room = value_width - PLAIN_PADDING * 2  # what plain() leaves of the column
    label_room = label_width - PLAIN_PADDING * 2
    rows: list[list[Cell]] = []
    for start in range(0, len(pairs), columns):
        row: list[Cell] = []
        for label, value in pairs[start : start + columns]:
            row.append(
                label if _fits(label, styles.muted, label_room) else para(label, styles.muted)
            )
            row.append(value if _fits(value, styles.small, room) else para(value, styles.small))
        row += [""] * (2 * columns - len(row))
        rows.append(row)
    table = StringCellTable(rows, colWidths=[label_width, value_width] * columns, hAlign="LEFT")
    table.setStyle(plain(styles.font))
    # Labels are muted, values not; both the same size (styles.muted and styles.small).
    strings = _string_style(styles.small, styles.font)
    strings += [
        ("TEXTCOLOR", (c, 0), (c, -1), styles.muted.textColor) for c in range(0, 2 * columns, 2)
    ]
    table.setStyle(TableStyle(strings))
    return table


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    styles: Styles,
    *,
    right: Sequence[int] = (),
    warn_rows: Sequence[int] = (),
    band_rows: Sequence[int] = (),
) -> Table:
    """A table that repeats its header row on every page it runs over.

    Row indexes in ``warn_rows`` and ``band_rows`` count data rows from 0.
    """

    rooms = [w - GRID_PADDING * 2 for w in widths]  # what grid() leaves of each column
    spans = set(band_rows)  # a group row spans the table: it has the whole width

    def cell(value: Cell, row: int, column: int) -> Cell:
        if not isinstance(value, str):
            return value
        style = styles.cell_right if column in right else styles.cell
        room = sum(rooms) if row in spans else rooms[column]
        return value if _fits(value, style, room) else para(value, style)

    head: list[Cell] = [
        h if _fits(h, styles.cell_head, rooms[c]) else para(h, styles.cell_head)
        for c, h in enumerate(header)
    ]
    body = [[cell(v, r, c) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    table = StringCellTable([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        grid(
            styles.font,
            warn_rows=tuple(r + 1 for r in warn_rows),
            band_rows=tuple(r + 1 for r in band_rows),
        )
    )
    strings = _string_style(styles.cell, styles.font, (1, -1))
    strings += _string_style(styles.cell_head, styles.font, (0, 0))
    strings += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
    table.setStyle(TableStyle(strings))
    return table


def qr_code(payload: str, size: float) -> QrMark:
    """The slip's QR code: job id and content hash, error correction level M."""
    return QrMark(payload, size)


def picture(data: bytes, max_width: float, max_height: float) -> Image:
    """An image scaled to fit the box, keeping its proportions."""
    width, height = ImageReader(io.BytesIO(data)).getSize()
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(data), width * scale, height * scale, hAlign="LEFT")


def party_block(party: Party, labels: Labels, styles: Styles, width: float, narrow: bool) -> Table:
    contact = " ".join(v for v in (party.contact_name, party.contact_phone) if v)
    pairs = [
        (labels["customer"], party.customer_name),
        (labels["phone"], party.customer_phone),
        (labels["site"], party.site_address),
        (labels["contact"], contact or "—"),
    ]
    return key_values(pairs, styles, width, columns=1 if narrow else 2)


def component_name(component: str, labels: Labels) -> str:
    return labels.get(f"component.{component}", component.replace("_", " "))


def warranty_paragraph(
    statuses: Sequence[WarrantyStatus], labels: Labels, styles: Styles
) -> TextLines:
    """One line per component: its name and localised status with the date."""
    lines: list[Line] = []
    for status in statuses:
        words = labels.get(f"warranty.{status.kind}", status.code)
        if status.expires_on is not None and status.kind in ("in_warranty", "expired"):
            key = "warranty.until" if status.covered else "warranty.ended"
            words += labels.format(key, date=day(status.expires_on))
        name = (
            component_name(status.component, labels) + labels["colon"] if status.component else ""
        )
        lines.append([Run(name), Run(words, GOOD if status.covered else WARN)])
        if status.kind == "unknown":
            # Only then are the words above not the whole decision. The rules' reason is
            # an English sentence naming components by code ("main_unit"), so it is not
            # printed beside words that already say it in the reader's language.
            lines += plain_lines(status.reason, MUTED)
    return TextLines(lines, styles.cell)


def asset_rows(asset: AssetFacts, labels: Labels) -> list[tuple[str, str]]:
    meter = (
        [(labels["hour_meter"], f"{asset.hour_meter} h")] if asset.hour_meter is not None else []
    )
    return [
        (labels["make_model"], f"{asset.make} {asset.model}".strip()),
        (labels["serial"], asset.serial),
        (labels["purchased_on"], day(asset.purchased_on)),
        (labels["purchased_at"], asset.purchased_at or "—"),
        *meter,
    ]


def assets_table(
    assets: Sequence[AssetFacts], labels: Labels, styles: Styles, width: float, narrow: bool
) -> list[Flowable]:
    if narrow:
        flowables: list[Flowable] = []
        for asset in assets:
            flowables.append(key_values(asset_rows(asset, labels), styles, width, columns=1))
            flowables.append(warranty_paragraph(asset.warranty, labels, styles))
            flowables.append(Spacer(1, styles.base * 0.4))
        return flowables
    rows = []
    for asset in assets:
        facts = TextLines(
            [[Run(k, MUTED), Run(f" {v}")] for k, v in asset_rows(asset, labels)], styles.cell
        )
        rows.append([facts, warranty_paragraph(asset.warranty, labels, styles)])
    return [
        data_table(
            [labels["assets"], labels["warranty"]], rows, [width * 0.42, width * 0.58], styles
        )
    ]


def terms_paragraphs(terms: Sequence[TermsFacts], labels: Labels, styles: Styles) -> list[Flowable]:
    flowables: list[Flowable] = []
    for term in terms:
        parts = []
        for component in term.components:
            limits = [
                labels.format("terms.months", months=component.months) if component.months else "",
                labels.format("terms.hours", hours=component.hours) if component.hours else "",
            ]
            limits = [x for x in limits if x]
            limit = (
                labels.format("terms.or", a=limits[0], b=limits[1])
                if len(limits) == 2
                else limits[0]
            )
            parts.append(
                component_name(component.component, labels)
                + labels["colon"]
                + limit
                + labels["full_stop"]
            )
        if term.lifetime_repair:
            parts.append(labels["terms.lifetime"])
        if term.free_visits_per_year:
            parts.append(labels.format("terms.free_visits", visits=term.free_visits_per_year))
        flowables.append(para(labels["sentence_sep"].join(parts), styles.small))
        exclusions = labels["list_sep"].join(
            labels.get(f"exclusion.{e}", e) for e in term.exclusions
        )
        flowables.append(
            para(f"{labels['terms.exclusions']} {exclusions}{labels['full_stop']}", styles.muted)
        )
    return flowables


def signature_block(
    signature: SignatureFacts | None,
    technician: str,
    labels: Labels,
    styles: Styles,
    width: float,
    image_height: float,
    narrow: bool,
) -> Table:
    """The signature image beside (or above, when narrow) who signed, when, and the rating."""
    if signature is None:
        details = [(labels["signer"], labels["not_signed"]), (labels["technician"], technician)]
        image: Cell = Spacer(1, image_height)
    else:
        details = [
            (labels["signer"], signature.signer_name),
            (labels["signed_at"], when(signature.signed_at)),
            (labels["rating"], stars(signature.rating)),
        ]
        if signature.comment:
            details.append((labels["customer_comment"], signature.comment))
        details.append((labels["technician"], technician))
        image_width = width if narrow else width * 0.45
        if signature.on_paper:
            image = para(labels["signed_on_paper"], styles.body)
        elif signature.image:
            image = picture(signature.image, image_width - 6, image_height)
        else:
            image = para(labels["image_missing"], styles.muted)
    facts = key_values(details, styles, width if narrow else width * 0.55, columns=1)
    rows: list[list[Cell]] = [[image], [facts]] if narrow else [[image, facts]]
    widths = [width] if narrow else [width * 0.45, width * 0.55]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = plain(styles.font)
    style.add("LINEBELOW", (0, 0), (0, 0), 0.6, "#5b6570")
    table.setStyle(style)
    return table
