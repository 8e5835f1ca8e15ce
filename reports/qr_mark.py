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

import itertools

from reportlab.platypus import Flowable

from reports.qr_matrix import qr_matrix

QUIET_ZONE = 4  # modules of white border the QR standard asks for
MASK_PATTERN = 2  # one of the standard's eight, 0-7 (see the module docstring)


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
        for r, row in enumerate(self.modules):
            top = self.height - (r + QUIET_ZONE + 1) * box
            column = 0
            for dark, run in itertools.groupby(row):
                length = len(list(run))
                if dark:
                    # A hair taller than the module so viewers do not show seams between rows.
                    path.rect((column + QUIET_ZONE) * box, top, length * box, box * 1.05)
                column += length
        self.canv.drawPath(path, stroke=0, fill=1)
