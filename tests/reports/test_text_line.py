"""Short text drawn as strings looks exactly like the paragraph it stands for."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A6
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table

from reports.fonts import register_cjk_font
from reports.styles import GOOD, MUTED, Styles, make_styles
from reports.text_line import Run, TextLines, plain_lines, text_lines

COLUMN = 170.0  # points: room for the short cases, too little for the long one


@pytest.fixture(scope="module")
def styles() -> Styles:
    return make_styles(register_cjk_font(), 9)


def cases(styles: Styles) -> list[TextLines]:
    """Left, right and centred; one and two lines; colours and sizes; and text a string
    cannot draw as a paragraph would (too long, runs of spaces, an empty line)."""
    return [
        text_lines("售后服务单 SV-261128-02", styles.cell),
        text_lines("¥1,240.00", styles.cell_right),
        text_lines("62e70a1df381", styles.center_small),
        text_lines("0.72 MPa\n▲ 超出范围", styles.cell_warn),
        TextLines([[Run("品牌 / 型号", MUTED), Run(" 太阳雨 SR-200")]], styles.cell),
        TextLines(
            [[Run("主机："), Run("在保修期内", GOOD)], *plain_lines("保修期", MUTED)], styles.cell
        ),
        TextLines([[Run("售后服务单\xa0\xa0\xa0"), Run("工单号", size=13.5)]], styles.title),
        text_lines(
            "更换集热管，更换老化管件，试压合格，清洗水箱并检查所有管路接头。" * 2, styles.body
        ),
        text_lines("two  spaces", styles.cell),
        text_lines("a\n\nb", styles.cell),
    ]


def paragraph_of(line: TextLines) -> Paragraph:
    return Paragraph(line.markup(), line.style)


def test_each_case_takes_the_size_its_paragraph_takes(styles: Styles) -> None:
    for line in cases(styles):
        for width in (COLUMN, 40.0):
            assert line.wrap(width, 500) == paragraph_of(line).wrap(width, 500), line.markup()


def test_lines_that_fit_are_strings_and_the_rest_paragraphs(styles: Styles) -> None:
    drawn = []
    for line in cases(styles):
        line.wrap(COLUMN, 500)
        drawn.append(line.drawn_as_strings)
    assert drawn == [True] * 7 + [False] * 3


def render(flowables: list[Flowable], path: Path, styles: Styles) -> bytes:
    cells = Table([[f] for f in flowables[:4]], colWidths=[COLUMN])  # as a table cell draws them
    SimpleDocTemplate(str(path), pagesize=A6, leftMargin=20, rightMargin=20, invariant=True).build(
        [*flowables[4:], cells]
    )
    subprocess.run(["pdftoppm", "-r", "150", str(path), str(path.with_suffix(""))], check=True)
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(f"{path.stem}-*.ppm")))


def test_the_page_is_the_same_pixel_for_pixel(styles: Styles, tmp_path: Path) -> None:
    lines = cases(styles)
    as_paragraphs = render([paragraph_of(line) for line in lines], tmp_path / "p.pdf", styles)
    as_lines = render(lines, tmp_path / "l.pdf", styles)
    assert as_lines == as_paragraphs
