"""What every page carries: the running header and the footer with "page x of y".

The total page count is known only when the story has been laid out, so the
canvas keeps each finished page's state and draws header and footer on all of
them at save time (ReportLab's usual two-step numbering, in one layout pass).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from reports.layout import FOOTER_OFFSET, RUNNING_HEADER_OFFSET, PageGeometry
from reports.styles import ACCENT, MUTED, RULE


@dataclass(frozen=True)
class PageChrome:
    geometry: PageGeometry
    font: str
    header_left: str  # company name, or the document title when none is configured
    header_right: str  # document title and job number
    footer_left: str  # content hash, revision
    page_label: Callable[[int, int], str]  # (page, pages) -> "Page 1 of 2"

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        g = self.geometry
        size = g.base_size
        right = g.width - g.margin_right
        if g.running_header:
            top = g.height - RUNNING_HEADER_OFFSET
            canvas.setFont(self.font, size * 1.05)
            canvas.setFillColor(ACCENT)
            canvas.drawString(g.margin_left, top, self.header_left)
            canvas.drawRightString(right, top, self.header_right)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.line(g.margin_left, top - size * 0.6, right, top - size * 0.6)
        bottom = FOOTER_OFFSET if not g.roll else g.margin_bottom * 0.45
        canvas.setFont(self.font, size * 0.8)
        canvas.setFillColor(MUTED)
        label = self.page_label(page, pages)
        if g.roll:
            # A roll has no room for two footer fields side by side.
            canvas.drawCentredString(g.width / 2, bottom, f"{self.footer_left} · {label}")
        else:
            canvas.drawString(g.margin_left, bottom, self.footer_left)
            canvas.drawRightString(right, bottom, label)

    def canvas_maker(self) -> Callable[..., Canvas]:
        chrome = self

        class ChromeCanvas(Canvas):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._saved_pages: list[dict[str, Any]] = []

            def showPage(self) -> None:
                self._saved_pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                pages = len(self._saved_pages)
                for state in self._saved_pages:
                    self.__dict__.update(state)
                    chrome.draw(self, self._pageNumber, pages)
                    Canvas.showPage(self)
                Canvas.save(self)

        return ChromeCanvas
