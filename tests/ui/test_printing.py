"""Printing a slip: on the worker, at a resolution a printer takes quickly, confirmed or explained."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from tests.ui.conftest import _OFFSCREEN_NOISE
from tests.ui.helpers import message_boxes, press
from ui import slip_preview
from ui.slip_preview import PRINT_DPI, SlipPreview, new_printer


@pytest.fixture
def slip_pdf(tmp_path: Path) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path / "slip.pdf"
    pdf = canvas.Canvas(str(path))
    for page in (1, 2):
        pdf.drawString(72, 720, f"Service slip page {page}")
        pdf.showPage()
    pdf.save()
    return path


def _pdf_printer(out: Path) -> QPrinter:
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # the "print to file" printer
    printer.setOutputFileName(str(out))
    return printer


def test_a_slip_prints_on_the_worker_and_says_so(
    qtbot, ctx, slip_pdf: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    threads: list[str] = []
    real = slip_preview.print_file

    def watched(path: Path, printer: QPrinter) -> int:
        threads.append(threading.current_thread().name)
        return real(path, printer)

    monkeypatch.setattr(slip_preview, "print_file", watched)
    preview = SlipPreview(worker=ctx.worker)
    qtbot.addWidget(preview)
    assert preview.load(slip_pdf)
    out = tmp_path / "printed.pdf"
    printer = _pdf_printer(out)
    assert printer.resolution() == PRINT_DPI
    with qtbot.waitSignal(preview.printed, timeout=30_000):
        preview.print_to(printer)
        assert not preview.print_button.isEnabled()  # one print at a time
    assert threads and threads[0].startswith("tech-app-worker")  # not the window's thread
    assert preview.print_button.isEnabled()
    assert len(PdfReader(out).pages) == 2
    assert out.stat().st_size < 2_000_000  # 300 dpi pages, not a 13 MB spool


# Qt logs the refused QPainter.begin() itself; the box below is what the user sees.
@pytest.mark.qt_log_ignore(r"^QPainter::begin\(\): Returned false", _OFFSCREEN_NOISE)
def test_a_printer_that_cannot_be_opened_is_said(
    qtbot, ctx, slip_pdf: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    preview = SlipPreview(worker=ctx.worker)
    qtbot.addWidget(preview)
    assert preview.load(slip_pdf)
    printer = _pdf_printer(tmp_path / "no-such-folder" / "printed.pdf")  # cannot be written
    preview.print_to(printer)
    qtbot.waitUntil(lambda: bool(message_boxes(preview)), timeout=30_000)
    (box,) = message_boxes(preview)
    assert "not printed" in box.text() and "printer could not be opened" in box.text()
    press(qtbot, box, "OK")
    assert preview.print_button.isEnabled()
