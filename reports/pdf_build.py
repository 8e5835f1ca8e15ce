"""Laying a story of flowables out on a page geometry and returning the PDF bytes.

Paged layouts (A4) flow over as many pages as needed. A roll (the 80 mm
receipt) is laid out once on the longest page a PDF allows, measured, and laid
out again on a page cut to the content, so the printer feeds no blank paper.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from reports.layout import PageGeometry
from reports.page_chrome import PageChrome

StoryFactory = Callable[[], list[Flowable]]

# Room under the last line of a roll so the tear-off bar does not cut text.
ROLL_TAIL = 6.0


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str


class _EndMarker(Flowable):
    """Zero-size flowable that records how much of the frame was left and on which page."""

    def __init__(self) -> None:
        super().__init__()
        self.space_left = 0.0
        self.page = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.space_left = availHeight
        return 0, 0

    def draw(self) -> None:
        self.page = self.canv.getPageNumber()


def _layout(
    story: list[Flowable],
    geometry: PageGeometry,
    height: float,
    chrome: PageChrome,
    info: DocumentInfo,
) -> bytes:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(geometry.width, height),
        leftMargin=geometry.margin_left,
        rightMargin=geometry.margin_right,
        topMargin=geometry.margin_top,
        bottomMargin=geometry.margin_bottom,
        title=info.title,
        author=info.author,
        subject=info.subject,
        creator="tech-app",
        initialFontName=chrome.font,  # else every PDF also references Helvetica
        # Same record, same bytes: no creation date or random file id in the PDF.
        invariant=True,
    )
    frame = Frame(
        geometry.margin_left,
        geometry.margin_bottom,
        geometry.frame_width,
        height - geometry.margin_top - geometry.margin_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=chrome.canvas_maker())
    return buffer.getvalue()


def build_pdf(
    make_story: StoryFactory, geometry: PageGeometry, chrome: PageChrome, info: DocumentInfo
) -> bytes:
    if not geometry.roll:
        return _layout(make_story(), geometry, geometry.height, chrome, info)
    marker = _EndMarker()
    first = _layout([*make_story(), marker], geometry, geometry.height, chrome, info)
    if marker.page != 1:
        return first  # longer than one maximal page: keep the paged roll
    used = geometry.height - marker.space_left
    # Flowables are stateful after a layout pass, so the second pass gets a fresh story.
    return _layout(make_story(), geometry, used + ROLL_TAIL, chrome, info)
