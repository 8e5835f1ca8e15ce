"""A ReportLab table that writes all its string cells into one text object.

``Table`` draws each string cell with ``canvas.drawString`` (or its right and centred
forms): a new text object, its own ``BT … ET`` block and font setting, per cell. A slip
has about 150 such cells (numbers, amounts, labels); their drawing was the largest part
of its own render time left (``bench/slips.py``). Here each string cell is placed
exactly where ``Table._drawCell`` places it (the same alignment, padding and valign
arithmetic) and written into one text object per table, which is drawn just before
the table's grid lines, as the cells were. The cells do not overlap their neighbours, so
the page is the same; ``tests/reports/test_string_table.py`` compares the pixels.

``_drawCell`` and ``_drawLines`` are ReportLab internals (5.1): a cell this class does
not know how to place (decimal alignment, links, shaped or right-to-left text) is left
to ``Table`` itself.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Table


class StringCellTable(Table):
    _strings: PDFTextObject | None = None
    _strings_font: tuple[str, float, float] | None = None
    _strings_color: Any = None

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: tuple[float, float], size: Any) -> None:
        if not isinstance(cellval, str) or not self._placeable(cellstyle):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if not cellval:
            return
        colpos, rowpos = pos
        colwidth, rowheight = size
        lines = cellval.split("\n")
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        if cellstyle.valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - fontsize
        elif cellstyle.valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:  # MIDDLE
            y = (
                rowpos
                + (
                    cellstyle.bottomPadding
                    + rowheight
                    - cellstyle.topPadding
                    + len(lines) * leading
                )
                / 2.0
                - fontsize
            )
        text = self._text_object(cellstyle)
        for line in lines:
            if cellstyle.alignment == "LEFT":
                x = colpos + cellstyle.leftPadding
            else:
                width = self.canv.stringWidth(line, cellstyle.fontname, fontsize)
                if cellstyle.alignment == "RIGHT":
                    x = colpos + colwidth - cellstyle.rightPadding - width
                else:  # CENTRE, CENTER
                    x = (
                        colpos
                        + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5
                        - width * 0.5
                    )
            text.setTextOrigin(x, y)
            text.textOut(line)
            y -= leading

    @staticmethod
    def _placeable(cellstyle: Any) -> bool:
        return (
            cellstyle.alignment in ("LEFT", "RIGHT", "CENTRE", "CENTER")
            and cellstyle.valign in ("TOP", "BOTTOM", "MIDDLE")
            and not (cellstyle.href or cellstyle.destination)
            and not (cellstyle.direction or cellstyle.shaping)
        )

    def _text_object(self, cellstyle: Any) -> PDFTextObject:
        if self._strings is None:
            self._strings = self.canv.beginText()
            self._strings_font = self._strings_color = None
        font = (cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
        if font != self._strings_font:
            self._strings.setFont(*font)
            self._strings_font = font
        if cellstyle.color != self._strings_color:
            self._strings.setFillColor(cellstyle.color)
            self._strings_color = cellstyle.color
        return self._strings

    def _drawLines(self) -> None:
        if self._strings is not None:
            self.canv.drawText(self._strings)
            self._strings = None
        super()._drawLines()
