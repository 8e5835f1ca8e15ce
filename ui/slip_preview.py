"""A slip PDF shown in the app, printed, or handed to the system's PDF viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.messages import show_error


def render_page(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """A page as an opaque image: QPdfDocument renders onto transparency, paper is white."""
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def print_document(document: QPdfDocument, printer: QPrinter) -> None:
    """Each page scaled to the printable area, keeping its proportions."""
    painter = QPainter(printer)
    area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
    for page in range(document.pageCount()):
        if page:
            printer.newPage()
        points = document.pagePointSize(page)
        scale = min(area.width() / points.width(), area.height() / points.height())
        size = QSize(int(points.width() * scale), int(points.height() * scale))
        painter.drawImage(QRect(QPoint(0, 0), size), render_page(document, page, size))
    painter.end()


class SlipPreview(QWidget):
    printed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.path_label = QLabel(self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.clicked.connect(self.on_print_clicked)
        self.open_button = QPushButton(self.tr("Open in PDF viewer"), self)
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
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def on_accepted() -> None:
            print_document(self.document, printer)
            self.printed.emit()

        dialog.accepted.connect(on_accepted)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # like open(): no nested event loop

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
