"""All colours, paragraph styles and table styles of the documents, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from reportlab.lib import colors
from reportlab.lib import textsplit as _textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle
from reportlab.platypus import paragraph as _paragraph

INK: Final = colors.HexColor("#1b1f24")
MUTED: Final = colors.HexColor("#5b6570")
RULE: Final = colors.HexColor("#a9b4bf")
HEAD_BG: Final = colors.HexColor("#e6edf4")
BAND_BG: Final = colors.HexColor("#f3f6f9")
ACCENT: Final = colors.HexColor("#1f4e79")
WARN: Final = colors.HexColor("#b3261e")  # out of range, not covered
WARN_BG: Final = colors.HexColor("#fde7e5")
GOOD: Final = colors.HexColor("#1e6b37")  # in warranty

GRID_PADDING: Final = 3  # points left and right in a grid() cell
PLAIN_PADDING: Final = 2  # plain(): none on the left, twice this on the right
LEADING: Final = 1.3  # line height as a multiple of the font size; CJK needs the room

# ReportLab's CJK wrapping knows the Japanese rule "these marks never start a
# line" but its list lacks the full-width Chinese ones, so a line could begin
# with "；" or "，". Adding them makes the mark hang at the end of the line
# instead (GB/T 15834). The list is a global of two modules (one-fragment
# paragraphs wrap in textsplit, mixed ones in paragraph), read at call time;
# extending it is idempotent.
_CHINESE_CANNOT_START: Final = "，；：！？》〉"
for _module in (_textsplit, _paragraph):
    _module.ALL_CANNOT_START += "".join(  # type: ignore[attr-defined]
        mark
        for mark in _CHINESE_CANNOT_START
        if mark not in _module.ALL_CANNOT_START  # type: ignore[attr-defined]
    )


@dataclass(frozen=True)
class Styles:
    font: str
    base: float
    title: ParagraphStyle
    company: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    muted_right: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    cell_warn: ParagraphStyle
    good: ParagraphStyle
    bad: ParagraphStyle
    total: ParagraphStyle
    total_label: ParagraphStyle
    center_small: ParagraphStyle


def make_styles(font: str, base: float) -> Styles:
    def style(name: str, size: float, **extra: object) -> ParagraphStyle:
        # CJK wrapping breaks between any two Chinese characters but keeps Latin
        # words whole; the default wrap would push a whole run of Chinese to the
        # next line and leave the previous one short.
        values: dict[str, object] = {
            "fontName": font,
            "fontSize": size,
            "leading": round(size * LEADING, 1),
            "textColor": INK,
            "wordWrap": "CJK",
        }
        values.update(extra)
        return ParagraphStyle(name, **values)  # type: ignore[arg-type]

    small = base * 0.85
    return Styles(
        font=font,
        base=base,
        title=style("title", base * 1.9, textColor=ACCENT, spaceAfter=base * 0.3),
        company=style("company", base * 1.5, textColor=ACCENT),
        heading=style(
            "heading", base * 1.2, textColor=ACCENT, spaceBefore=base * 0.9, spaceAfter=base * 0.35
        ),
        body=style("body", base),
        small=style("small", small),
        muted=style("muted", small, textColor=MUTED),
        muted_right=style("muted_right", small, textColor=MUTED, alignment=TA_RIGHT),
        cell=style("cell", small),
        cell_right=style("cell_right", small, alignment=TA_RIGHT),
        cell_head=style("cell_head", small, textColor=ACCENT),
        cell_head_right=style("cell_head_right", small, textColor=ACCENT, alignment=TA_RIGHT),
        cell_warn=style("cell_warn", small, textColor=WARN),
        good=style("good", small, textColor=GOOD),
        bad=style("bad", small, textColor=WARN),
        total=style("total", base * 1.25, alignment=TA_RIGHT),
        total_label=style("total_label", base * 1.25, alignment=TA_RIGHT, textColor=ACCENT),
        center_small=style("center_small", small * 0.9, alignment=TA_CENTER, textColor=MUTED),
    )


def _cell_font(font: str) -> list[tuple[object, ...]]:
    # A table sets its cell font on the canvas even when every cell is a
    # paragraph; without this it would pull non-embedded Helvetica into the PDF.
    return [("FONTNAME", (0, 0), (-1, -1), font)]


def grid(
    font: str,
    *,
    header: bool = True,
    warn_rows: tuple[int, ...] = (),
    band_rows: tuple[int, ...] = (),
    padding: float = GRID_PADDING,
) -> TableStyle:
    """A light grid: header band, warning rows tinted red, group rows tinted grey."""
    commands: list[tuple[object, ...]] = [
        *_cell_font(font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), padding * 0.7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding * 0.9),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ]
    commands += [("BACKGROUND", (0, r), (-1, r), WARN_BG) for r in warn_rows]
    commands += [("BACKGROUND", (0, r), (-1, r), BAND_BG) for r in band_rows]
    commands += [("SPAN", (0, r), (-1, r)) for r in band_rows]
    return TableStyle(commands)


def plain(font: str, padding: float = PLAIN_PADDING) -> TableStyle:
    """Layout-only table: no lines, tight padding."""
    return TableStyle(
        [
            *_cell_font(font),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), padding * 2),
            ("TOPPADDING", (0, 0), (-1, -1), padding * 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding * 0.5),
        ]
    )
