"""A photo from the laptop's camera where one exists (Qt Multimedia), else from a file.

Qt Multimedia is imported only when a photo is taken: it loads media back ends (FFmpeg,
PipeWire) that the rest of the app never needs, and on a machine without a camera it is
not used at all — the file picker opens instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QVBoxLayout, QWidget

Cameras = Callable[[], list[Any]]
ChooseFile = Callable[[QWidget], Path | None]


def available_cameras() -> list[Any]:
    """The cameras the system offers (QCameraDevice), none on a headless machine."""
    from PySide6.QtMultimedia import QMediaDevices

    return list(QMediaDevices.videoInputs())


def choose_photo_file(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Camera", "Choose a photo"),
        "",
        QCoreApplication.translate("Camera", "Images (*.jpg *.jpeg *.png)"),
    )
    return Path(path) if path else None


def jpeg_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)  # type: ignore[call-overload]
    return bytes(data.data())


class CameraDialog(QDialog):
    """The camera's picture live; Capture takes one frame as JPEG bytes (``photo``)."""

    captured = Signal(bytes)

    def __init__(self, device: Any, parent: QWidget | None = None) -> None:
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        super().__init__(parent)
        self.setWindowTitle(self.tr("Take a photo"))
        self.photo: bytes | None = None
        self._camera = QCamera(device, self)
        self._capture = QImageCapture(self)
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setImageCapture(self._capture)
        video = QVideoWidget(self)
        self._session.setVideoOutput(video)
        self._capture.imageCaptured.connect(self.on_image)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        take = buttons.addButton(self.tr("Capture"), QDialogButtonBox.ButtonRole.ActionRole)
        take.clicked.connect(lambda: self._capture.capture())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(video, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)
        self._camera.start()

    def on_image(self, _id: int, image: QImage) -> None:
        self.photo = jpeg_bytes(image)
        self._camera.stop()
        self.captured.emit(self.photo)
        self.accept()
