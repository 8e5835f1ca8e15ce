"""Page geometry of each layout, as named constants (points; 1 mm = 2.835 pt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from tech_app.errors import ValidationError

# The PDF format's implementation limit for a page side (200 inches): a receipt
# roll longer than this continues on a second page.
PDF_MAX_PAGE_SIDE: Final = 14400.0


@dataclass(frozen=True)
class PageGeometry:
    name: str
    width: float
    height: float  # for a roll: the longest page allowed; the page is cut to the content
    margin_left: float
    margin_right: float
    margin_top: float
    margin_bottom: float
    roll: bool  # one long page as long as the content (portable printers)
    running_header: bool  # company and job number drawn at the top of every page
    base_size: float  # body text size; other sizes derive from it (reports.styles)
    qr_size: float
    logo_height: float
    signature_height: float

    @property
    def frame_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def narrow(self) -> bool:
        """Too narrow for wide tables: lines stack instead of spreading over columns."""
        return self.frame_width < 100 * mm


A4_PORTRAIT: Final = PageGeometry(
    name="a4",
    width=A4[0],
    height=A4[1],
    margin_left=16 * mm,
    margin_right=16 * mm,
    margin_top=22 * mm,  # includes the 10 mm running header band
    margin_bottom=18 * mm,  # includes the footer with page x of y and the hash
    roll=False,
    running_header=True,
    base_size=9,
    qr_size=26 * mm,
    logo_height=14 * mm,
    signature_height=24 * mm,
)

# 80 mm paper; thermal printers print about 72 mm of it (576 dots at 203 dpi).
RECEIPT_80MM: Final = PageGeometry(
    name="receipt",
    width=80 * mm,
    height=PDF_MAX_PAGE_SIDE,
    margin_left=4 * mm,
    margin_right=4 * mm,
    margin_top=5 * mm,
    margin_bottom=10 * mm,  # the footer line with the hash
    roll=True,
    running_header=False,
    base_size=7.5,
    qr_size=30 * mm,
    logo_height=10 * mm,
    signature_height=22 * mm,
)

LAYOUTS: Final = {g.name: g for g in (A4_PORTRAIT, RECEIPT_80MM)}

RUNNING_HEADER_OFFSET: Final = 12 * mm  # baseline of the running header below the page top
FOOTER_OFFSET: Final = 9 * mm  # baseline of the footer above the page bottom


def layout_named(name: str) -> PageGeometry:
    try:
        return LAYOUTS[name]
    except KeyError:
        raise ValidationError("layout", f"{name!r} is not one of: {', '.join(LAYOUTS)}") from None
