"""Sign-off in the customer's order: required items, then the itemised slip, then the pad."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from tech_app.checklist import record_answer
from tech_app.records import Signature, Slip
from tech_app.vocab import JobStatus
from tests.ui.conftest import HEATER_IN
from tests.ui.helpers import message_boxes, press
from ui.job_view import JobView
from ui.slip_preview import SlipPreview


@pytest.fixture
def view(qtbot, ctx) -> JobView:  # type: ignore[no-untyped-def]
    job_view = JobView(ctx)
    qtbot.addWidget(job_view)
    job_view.show_job(HEATER_IN)
    job_view.change_status(JobStatus.EN_ROUTE)
    job_view.change_status(JobStatus.ON_SITE)
    return job_view


def test_the_pad_does_not_open_while_required_items_are_unanswered(qtbot, view: JobView) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(view.sign_button, Qt.MouseButton.LeftButton)
    assert view.signoff_dialog is None  # no pad for the customer to draw on in vain
    (box,) = message_boxes(view)
    assert "Tank leaking" in box.text() and "Collector tubes intact" in box.text()
    assert view.tabs.currentWidget() is view.checklist  # where the missing items are
    press(qtbot, box, "OK")


def test_the_customer_reads_the_itemised_unsigned_slip_before_the_pad(
    qtbot, view: JobView, ctx
) -> None:  # type: ignore[no-untyped-def]
    for key in ("tank_leak", "tubes_intact"):
        record_answer(ctx.store, HEATER_IN, key, "yes")
    record_answer(ctx.store, HEATER_IN, "water_pressure", "0.4")
    view.open_signoff()
    dialog = view.signoff_dialog
    assert dialog is not None
    assert dialog.pages.currentWidget() is dialog.review_page
    assert not dialog.read_button.isEnabled()  # nothing to read yet
    with qtbot.waitSignal(dialog.draft_ready, timeout=60_000) as ready:
        pass
    draft = Path(ready.args[0])
    text = "".join(page.extract_text() for page in PdfReader(draft).pages)
    assert "Call-out fee" in text and "Total" in text  # the itemised charges, not a total only
    assert dialog.draft_preview.document.pageCount() >= 1
    assert ctx.store.select(Slip, "job_id = ?", [HEATER_IN]) == []  # a draft is no issued slip
    assert dialog.paper_button.isEnabled()  # printable for a signature on paper
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.sign_page
    assert ctx.store.select(Signature, "job_id = ?", [HEATER_IN]) == []
    dialog.close()


def test_a_missing_pdf_viewer_is_said(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QDesktopServices

    preview = SlipPreview()
    qtbot.addWidget(preview)
    preview.path = tmp_path / "slip.pdf"
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    qtbot.mouseClick(preview.open_button, Qt.MouseButton.LeftButton)
    (box,) = message_boxes(preview)
    assert "No program to open PDF files" in box.text() and str(preview.path) in box.text()
    press(qtbot, box, "OK")
