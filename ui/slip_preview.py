"""A slip PDF shown in the app, printed, or handed to the system's PDF viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.messages import error_text, show_error
from ui.retranslate import Retranslating
from ui.worker import Worker


def render_page(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """A page as an opaque image: QPdfDocument renders onto transparency, paper is white."""
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


# A slip's smallest text is legible at 300 dpi; the printer's own 1200 dpi made a 13 MB
# spool for two pages and froze the window for seconds (issue 13).
PRINT_DPI = 300


def new_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.PrinterResolution)
    printer.setResolution(PRINT_DPI)
    return printer


class PrintFailed(Exception):
    """Printing did not start: ``kind`` is "unreadable" (the PDF) or "no_printer"."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(kind)


def print_file(path: Path, printer: QPrinter) -> int:
    """Print a PDF file's pages; runs on the worker, with a document of its own (a
    QPdfDocument belongs to the thread that made it). Returns the pages printed."""
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise PrintFailed("unreadable")
    print_document(document, printer)
    return document.pageCount()


def print_document(document: QPdfDocument, printer: QPrinter) -> None:
    """Each page scaled to the printable area, keeping its proportions."""
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("no_printer")
    area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
    for page in range(document.pageCount()):
        if page:
            printer.newPage()
        points = document.pagePointSize(page)
        scale = min(area.width() / points.width(), area.height() / points.height())
        size = QSize(int(points.width() * scale), int(points.height() * scale))
        painter.drawImage(QRect(QPoint(0, 0), size), render_page(document, page, size))
    painter.end()


class SlipPreview(Retranslating, QWidget):
    printed = Signal()

    def __init__(self, parent: QWidget | None = None, worker: Worker | None = None) -> None:
        super().__init__(parent)
        self._worker = worker  # prints in the background; without one, here and now
        self.path: Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.path_label = QLabel(self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = self.tr_button(lambda: self.tr("Print…"))
        self.print_button.clicked.connect(self.on_print_clicked)
        self.open_button = self.tr_button(lambda: self.tr("Open in PDF viewer"))
        self.open_button.clicked.connect(self.on_open_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.path_label, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def load(self, path: Path) -> bool:
        self.path = path
        self.path_label.setText(str(path))
        return self.document.load(str(path)) == QPdfDocument.Error.None_

    def on_print_clicked(self) -> None:
        printer = new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # like open(): no nested event loop

    def print_to(self, printer: QPrinter) -> None:
        """Print the shown slip on ``printer``, on the worker when there is one."""
        path = self.path
        if path is None:
            return
        self.print_button.setEnabled(False)
        if self._worker is None:
            try:
                self.on_printed(print_file(path, printer))
            except PrintFailed as exc:
                self.on_print_failed(exc)
            return
        self._worker.run(
            lambda _store: print_file(path, printer),
            self.on_printed,
            self.on_print_failed,
            label=self.tr("Printing the slip"),
            owner=self,
        )

    def on_printed(self, _pages: int) -> None:
        self.print_button.setEnabled(True)
        self.printed.emit()

    def on_print_failed(self, error: Exception) -> None:
        self.print_button.setEnabled(True)
        if isinstance(error, PrintFailed) and error.kind == "no_printer":
            text = self.tr("The slip was not printed: the printer could not be opened.")
        elif isinstance(error, PrintFailed):
            text = self.tr("The slip was not printed: its file could not be read.")
        else:
            text = self.tr("The slip was not printed: {error}").format(error=error_text(error))
        show_error(self, text)

    def on_open_clicked(self) -> None:
        if self.path is not None and not QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.path))
        ):
            # No PDF viewer on this computer: say so instead of failing silently.
            show_error(
                self,
                self.tr(
                    "No program to open PDF files was found. The slip is saved at {path}"
                ).format(path=self.path),
            )
