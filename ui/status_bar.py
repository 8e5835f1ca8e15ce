"""The window's status bar: connection, changes waiting to sync, last sync, and a busy bar."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from ui import labels
from ui.style import MUTED_STYLE, OK_STYLE
from ui.sync_status import SyncStatusSource


class SyncStatusBar(QStatusBar):
    def __init__(self, source: SyncStatusSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.connection_label = QLabel(self)
        self.pending_label = QLabel(self)
        self.last_sync_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # indeterminate: long work has no known length
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.busy_label = QLabel(self)
        for widget in (self.busy_label, self.progress):
            self.addWidget(widget)
        for widget in (self.connection_label, self.pending_label, self.last_sync_label):
            self.addPermanentWidget(widget)
        source.status_changed.connect(self.on_status_changed)
        self.on_status_changed()

    def set_source(self, source: SyncStatusSource) -> None:
        """Plug in another source (the sync worker, once it exists)."""
        self._source.status_changed.disconnect(self.on_status_changed)
        self._source = source
        source.status_changed.connect(self.on_status_changed)
        self.on_status_changed()

    def on_status_changed(self) -> None:
        online = self._source.online()
        self.connection_label.setText(self.tr("Online") if online else self.tr("Offline"))
        self.connection_label.setStyleSheet(OK_STYLE if online else MUTED_STYLE)
        pending = self._source.pending_count()
        self.pending_label.setText(
            self.tr("1 change waiting to sync")
            if pending == 1
            else self.tr("{n} changes waiting to sync").format(n=pending)
        )
        last = self._source.last_sync()
        self.last_sync_label.setText(
            self.tr("Last sync: {when}").format(
                when=labels.date_time(last) if last else self.tr("never")
            )
        )

    def on_busy_changed(self, busy: bool, what: str = "") -> None:
        self.progress.setVisible(busy)
        self.busy_label.setText(what if busy else "")
