"""Short text as a flowable: drawn as strings when its lines fit, else the paragraph it stands for.

Most of what a slip prints is short lines: headings, labels, amounts, a unit's make and
serial, a warranty status in green or red. ReportLab's ``Paragraph`` parses its markup
with an HTML parser, breaks it into lines (the CJK breaker looks at every character)
and draws it fragment by fragment, and a table wraps each of its paragraphs twice (to
size the row, then to draw it); that was a third of a slip's render time
(``bench/slips.py``). Lines that fit need none of it: a line's width is one
``stringWidth`` per run, and each run is drawn where the paragraph would put it (the
first baseline the line's largest font size under the top, as ReportLab's
``paraFontSizeHeightOffset`` does; then one ``leading`` a line), aligned as the style
says. Text that does not fit, or that a paragraph would change (it collapses runs of
spaces), is handed to a ``Paragraph`` of the same markup, so it looks as it always did.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

# Points kept free when deciding that a line fits, for rounding in the widths; the same
# slack as ``blocks`` leaves for table string cells.
WIDTH_SLACK: Final = 0.5


def markup(value: str) -> str:
    """Customer data as paragraph markup: escaped, line breaks kept."""
    return escape(value).replace("\n", "<br/>")


@dataclass(frozen=True)
class Run:
    """Part of a line in its own colour or size; ``None`` takes the style's."""

    text: str
    color: Color | None = None
    size: float | None = None

    def markup(self) -> str:
        attributes = ""
        if self.color is not None:
            attributes += f' color="{self.color.hexval().replace("0x", "#")}"'
        if self.size is not None:
            attributes += f' size="{self.size:g}"'
        return f"<font{attributes}>{markup(self.text)}</font>" if attributes else markup(self.text)


Line = Sequence[Run]


def _as_strings(lines: Sequence[Line], style: ParagraphStyle) -> bool:
    """Whether a paragraph of these lines, where each fits, is exactly these strings."""
    return (
        bool(lines)
        and all(_plain_line("".join(run.text for run in line)) for line in lines)
        and style.alignment in (TA_LEFT, TA_RIGHT, TA_CENTER)
        and not (style.leftIndent or style.rightIndent or style.firstLineIndent)
        and not (style.backColor or style.borderWidth or style.textTransform or style.shaping)
        and getattr(style, "autoLeading", "") in ("", "off")
    )


# A space a paragraph would drop (at either end) or collapse (a run of them), or other
# white space, whose handling varies between ReportLab's line breakers. A no-break space
# is kept as it is, which is what it is for.
_NOT_AS_DRAWN: Final = re.compile(r"^ | $|  |[^\S \xa0]")


def _plain_line(text: str) -> bool:
    return bool(text) and _NOT_AS_DRAWN.search(text) is None


class TextLines(Flowable):
    """Lines of runs in ``style``: ``Paragraph`` of the same markup, cheaper where lines fit."""

    def __init__(self, lines: Sequence[Line], style: ParagraphStyle) -> None:
        super().__init__()
        self.lines = [tuple(line) for line in lines]
        self.style = style
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        # Width of each line, or None when only a paragraph draws this text right.
        self._widths = (
            [
                sum(
                    stringWidth(run.text, style.fontName, run.size or style.fontSize)
                    for run in line
                )
                for line in self.lines
            ]
            if _as_strings(self.lines, style)
            else None
        )
        self._paragraph: Paragraph | None = None  # made only for text that needs it
        self._as_paragraph = False

    def markup(self) -> str:
        return "<br/>".join("".join(run.markup() for run in line) for line in self.lines)

    def paragraph(self) -> Paragraph:
        if self._paragraph is None:
            self._paragraph = Paragraph(self.markup(), self.style)
        return self._paragraph

    @property
    def drawn_as_strings(self) -> bool:
        """Whether the last ``wrap`` chose strings over the paragraph."""
        return not self._as_paragraph

    def _fits(self, availWidth: float) -> bool:
        return self._widths is not None and max(self._widths) <= availWidth - WIDTH_SLACK

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._as_paragraph = not self._fits(availWidth)
        if self._as_paragraph:
            self.width, self.height = self.paragraph().wrap(availWidth, availHeight)
        else:
            self.width, self.height = availWidth, self.style.leading * len(self.lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._fits(availWidth):
            return []  # lines kept together, as the cells and headings they are
        pieces: list[Flowable] = self.paragraph().split(availWidth, availHeight)
        return pieces

    def draw(self) -> None:
        if self._as_paragraph:
            self.paragraph().drawOn(self.canv, 0, 0)
            return
        assert self._widths is not None  # wrap() chose strings
        canvas, style = self.canv, self.style
        # One text object, each run written after the one before: the viewer advances by
        # the font's own glyph widths, as for a paragraph's fragments, so a run after
        # another lands where the paragraph put it to the last fraction of a point.
        text = canvas.beginText()
        y = self.height - max(run.size or style.fontSize for run in self.lines[0])
        for line, width in zip(self.lines, self._widths, strict=True):
            if style.alignment == TA_RIGHT:
                x = self.width - width
            elif style.alignment == TA_CENTER:
                x = (self.width - width) / 2
            else:
                x = 0.0
            text.setTextOrigin(x, y)
            for run in line:
                text.setFont(style.fontName, run.size or style.fontSize, style.leading)
                text.setFillColor(run.color or style.textColor)
                text.textOut(run.text)
            y -= style.leading
        canvas.drawText(text)


def plain_lines(value: str, color: Color | None = None) -> list[Line]:
    """Plain text as lines of one run each, its line breaks kept."""
    return [[Run(line, color)] for line in value.split("\n")]


def text_lines(value: str, style: ParagraphStyle) -> TextLines:
    """``Paragraph(markup(value), style)``, drawn as strings where its lines fit."""
    return TextLines(plain_lines(value), style)
