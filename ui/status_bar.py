"""The window's status bar: connection, changes waiting to sync, last sync, errors, busy bars."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from ui import labels
from ui.retranslate import Retranslating
from ui.style import MUTED_STYLE, OK_STYLE
from ui.sync_status import SyncStatusSource

_ERROR_STYLE = "color: #b00020;"
UNDO_MS = 20_000  # how long "Undo" stays offered after an automatic timer change


def _busy_bar(parent: QWidget) -> QProgressBar:
    bar = QProgressBar(parent)
    bar.setRange(0, 0)  # indeterminate: long work has no known length
    bar.setMaximumWidth(160)
    bar.setTextVisible(False)
    bar.hide()
    return bar


class SyncStatusBar(Retranslating, QStatusBar):
    problems_requested = Signal()  # the technician wants the list of sync problems

    def __init__(self, source: SyncStatusSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.connection_label = QLabel(self)
        self.pending_label = QLabel(self)
        self.last_sync_label = QLabel(self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(_ERROR_STYLE)
        self.problems_button = QPushButton(self)
        self.problems_button.setFlat(True)
        self.problems_button.clicked.connect(self.problems_requested)
        self.sync_progress = _busy_bar(self)
        self.progress = _busy_bar(self)
        self.busy_label = QLabel(self)
        # "Travel timer started  [Undo]": offered for a while after an automatic change.
        self.undo_label = QLabel(self)
        self.undo_button = self.tr_button(lambda: self.tr("Undo"))
        self.undo_button.setObjectName("undo_button")
        self.undo_button.clicked.connect(self.on_undo_clicked)
        self._undo: Callable[[], object] | None = None
        self._undo_words: Callable[[], str] = str
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self.withdraw_undo)
        self.withdraw_undo()
        self.addWidget(self.busy_label)
        self.addWidget(self.progress)
        self.addWidget(self.undo_label)
        self.addWidget(self.undo_button)
        permanent: tuple[QWidget, ...] = (
            self.error_label,
            self.problems_button,
            self.sync_progress,
            self.connection_label,
            self.pending_label,
            self.last_sync_label,
        )
        for permanent_widget in permanent:
            self.addPermanentWidget(permanent_widget)
        self._connect(source)
        self.on_status_changed()

    def _connect(self, source: SyncStatusSource) -> None:
        source.status_changed.connect(self.on_status_changed)
        source.busy_changed.connect(self.on_sync_busy_changed)

    def set_source(self, source: SyncStatusSource) -> None:
        """Plug in another source (the background sync after a login)."""
        self._source.status_changed.disconnect(self.on_status_changed)
        self._source.busy_changed.disconnect(self.on_sync_busy_changed)
        self._source = source
        self._connect(source)
        self.on_status_changed()

    def on_language_changed(self) -> None:
        self.on_status_changed()
        if self._undo is not None:
            self.undo_label.setText(self._undo_words())

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
        error = self._source.error_text()
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        problems = self._source.problem_count()
        self.problems_button.setText(
            self.tr("1 sync problem…")
            if problems == 1
            else self.tr("{n} sync problems…").format(n=problems)
        )
        self.problems_button.setVisible(problems > 0)

    def offer_undo(self, words: Callable[[], str], undo: Callable[[], object]) -> None:
        """Show what just happened (``words``, asked again if the language changes) with an
        Undo button, for ``UNDO_MS`` or until withdrawn."""
        self._undo = undo
        self._undo_words = words
        self.undo_label.setText(words())
        self.undo_label.show()
        self.undo_button.show()
        self._undo_timer.start()

    def withdraw_undo(self) -> None:
        self._undo = None
        self._undo_timer.stop()
        self.undo_label.hide()
        self.undo_button.hide()

    def on_undo_clicked(self) -> None:
        undo = self._undo
        self.withdraw_undo()
        if undo is not None:
            undo()

    def on_sync_busy_changed(self, busy: bool) -> None:
        self.sync_progress.setVisible(busy)

    def on_busy_changed(self, busy: bool, what: str = "") -> None:
        self.progress.setVisible(busy)
        self.busy_label.setText(what if busy else "")
