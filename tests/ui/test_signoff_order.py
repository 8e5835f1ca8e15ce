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


def test_a_printed_slip_signed_on_paper_is_recorded_and_the_job_freezes(
    qtbot, view: JobView, ctx, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from tech_app.records import Job, Photo
    from ui.slip_preview import new_printer

    for key in ("tank_leak", "tubes_intact"):
        record_answer(ctx.store, HEATER_IN, key, "yes")
    record_answer(ctx.store, HEATER_IN, "water_pressure", "0.4")
    view.open_signoff()
    dialog = view.signoff_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.paper_signed_button.isEnabled, timeout=60_000)
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "paper.pdf"))
    with qtbot.waitSignal(dialog.draft_printed, timeout=30_000):
        dialog.draft_preview.print_to(printer)
    assert "signed the paper" in dialog.status_label.text()  # what to do next is said
    qtbot.mouseClick(dialog.paper_signed_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.paper_page
    assert dialog.paper_name_field.text()  # the customer's name, to correct if another signed
    photo = tmp_path / "signed.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    dialog.attach_paper_photo(photo)
    assert "signed.jpg" in dialog.paper_photo_label.text()
    with qtbot.waitSignal(dialog.slip_ready, timeout=60_000) as ready:
        qtbot.mouseClick(dialog.paper_record_button, Qt.MouseButton.LeftButton)
    (signature,) = ctx.store.select(Signature, "job_id = ?", [HEATER_IN])
    assert signature.on_paper and signature.image_sha256 == ""
    (kept,) = ctx.store.select(Photo, "job_id = ?", [HEATER_IN])
    assert signature.paper_photo_id == kept.id
    assert ctx.store.get(Job, HEATER_IN).status is JobStatus.SIGNED
    text = "".join(page.extract_text() for page in PdfReader(Path(ready.args[0])).pages)
    assert "paper copy" in text  # the slip says signed on paper, no signature image
    assert dialog.pages.currentWidget() is dialog.preview
    dialog.close()
