"""A table that writes its string cells into one text object draws the same page as Table."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A6
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from reports.fonts import register_cjk_font
from reports.string_table import StringCellTable
from reports.styles import ACCENT, HEAD_BG, WARN, make_styles


def story(kind: type[Table]) -> list[Table]:
    """Alignments, vertical alignments, two-line strings, colours and sizes, a spanned
    band, a paragraph among strings, and a table long enough to split over pages."""
    font = register_cjk_font()
    styles = make_styles(font, 9)
    cells = [
        ["项目", "数量", "金额"],
        ["集热管 58×1800", "1 个", "¥95.00"],
        ["band spanning the table", "", ""],
        [Paragraph("管件 DN20<br/>SN 123", styles.cell), "2\n个", "¥18.00"],
        ["合计", "", "¥131.00"],
    ]
    table = kind(cells * 6, colWidths=[110, 50, 60], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 7.65),
                ("LEADING", (0, 0), (-1, -1), 10),
                ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("ALIGN", (1, 0), (1, -1), "CENTER"),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (1, 3), (1, 3), "MIDDLE"),
                ("VALIGN", (2, 3), (2, 3), "BOTTOM"),
                ("TEXTCOLOR", (2, 4), (2, 4), WARN),
                ("FONTSIZE", (2, 4), (2, 4), 11),
                ("SPAN", (0, 2), (-1, 2)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, ACCENT),
            ]
        )
    )
    return [table]


def render(kind: type[Table], path: Path) -> tuple[bytes, int]:
    """The rasterised pages and how many text objects the page streams open."""
    SimpleDocTemplate(str(path), pagesize=A6, invariant=True).build(story(kind))
    subprocess.run(["pdftoppm", "-r", "150", str(path), str(path.with_suffix(""))], check=True)
    pixels = b"".join(p.read_bytes() for p in sorted(path.parent.glob(f"{path.stem}-*.ppm")))
    texts = sum(page.get_contents().get_data().count(b"BT") for page in PdfReader(path).pages)
    return pixels, texts


def test_the_pages_are_the_same_with_one_text_object_per_table(tmp_path: Path) -> None:
    plain, plain_texts = render(Table, tmp_path / "table.pdf")
    strings, string_texts = render(StringCellTable, tmp_path / "strings.pdf")
    assert strings == plain
    assert len(PdfReader(tmp_path / "strings.pdf").pages) > 1  # the split pieces too
    assert string_texts < plain_texts / 3
