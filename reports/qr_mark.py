"""A QR code flowable that encodes once and paints one filled path.

ReportLab's ``QrCode`` flowable encodes the payload again on every draw (the
receipt is laid out twice) and issues one rectangle operator per dark run, each
with its own fill; encoding and painting were 40 % of a slip's render time.
Here the module matrix is computed once, when the flowable is made (by
``reports.qr_matrix``, which makes the same code as ``qrencoder`` without its
pure-Python Reed–Solomon cost), and the dark runs go into a single path filled once.

The mask pattern is fixed instead of scored: ``QRCode.make`` lays the code out nine
times to pick the mask with the fewest penalty points, most of what remained of the QR's
cost. Any of the eight masks is a valid code; the penalty only steers clear of patterns
that can confuse a scanner, and a slip's payload (an id and a hex hash) scans with this
one (``tests/reports`` rasterises a slip and reads it back with zbar).
"""

from __future__ import annotations

import re
from typing import Final

from reportlab.platypus import Flowable

from reports.qr_matrix import qr_matrix

QUIET_ZONE = 4  # modules of white border the QR standard asks for
MASK_PATTERN = 2  # one of the standard's eight, 0-7 (see the module docstring)
_DARK_RUN: Final = re.compile(b"\x01+")  # in a row as bytes, True being 1


class QrMark(Flowable):
    def __init__(self, payload: str, size: float, level: str = "M") -> None:
        super().__init__()
        self.width = self.height = size
        self.modules = qr_matrix(payload, level, MASK_PATTERN)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count = len(self.modules)
        box = self.width / (count + 2 * QUIET_ZONE)
        path = self.canv.beginPath()
        for column, first_row, width, rows in dark_blocks(self.modules):
            bottom = self.height - (first_row + rows + QUIET_ZONE) * box
            # A hair taller than the modules so viewers do not show seams between rows.
            path.rect((column + QUIET_ZONE) * box, bottom, width * box, (rows + 0.05) * box)
        self.canv.drawPath(path, stroke=0, fill=1)


def dark_blocks(modules: list[list[bool]]) -> list[tuple[int, int, int, int]]:
    """(column, first row, columns, rows) of rectangles that cover the dark modules.

    Each row's dark runs, a run joined with the same run (same columns) in the rows
    under it: the same area in about a third fewer rectangles, which is what drawing
    the mark costs (each one a path operator with four numbers formatted).
    """
    blocks = []
    growing: dict[tuple[int, int], int] = {}  # (column, columns) -> first row
    for r, row in enumerate([*modules, []]):  # the empty row closes what is still growing
        runs = {(m.start(), m.end() - m.start()) for m in _DARK_RUN.finditer(bytes(row))}
        for key in [k for k in growing if k not in runs]:
            first = growing.pop(key)
            blocks.append((key[0], first, key[1], r - first))
        for key in runs:
            growing.setdefault(key, r)
    return blocks
