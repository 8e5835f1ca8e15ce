"""Where the status bar learns about sync: a small pluggable source.

A profile not logged in to a head office gets ``LocalOnlyStatus``: offline,
never synced, and the number of outbox changes waiting. A logged-in profile gets
``BackgroundSync`` (ui/sync_worker.py), which reports the real connection, last
sync, progress and errors, and emits ``status_changed`` when they move.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal


class SyncStatusSource(QObject):
    """What the status bar shows about sync; subclasses override the three readers."""

    status_changed = Signal()
    busy_changed = Signal(bool)  # a sync round started (True) or ended (False)
    records_changed = Signal()  # a pull changed local records: screens reload

    def online(self) -> bool:
        raise NotImplementedError

    def pending_count(self) -> int:
        raise NotImplementedError

    def last_sync(self) -> datetime | None:
        raise NotImplementedError

    def error_text(self) -> str:
        """The last round's failure in words for the technician; empty when all went well."""
        return ""

    def problem_count(self) -> int:
        """Refused changes and work kept for review that the technician should look at."""
        return 0

    def start(self) -> None:
        """Begin syncing, once the window is up. A source without a head office does nothing."""

    def notify_local_change(self) -> None:
        """A local edit queued outbox rows. A sync source may start a round here."""
        self.status_changed.emit()

    def shutdown(self) -> None:
        """Stop timers and background threads; called once when the app closes."""


class LocalOnlyStatus(SyncStatusSource):
    """No head office: always offline, never synced; pending changes come from the outbox."""

    def __init__(self, pending_count: Callable[[], int], parent: QObject | None = None) -> None:
        """``pending_count`` asks the store (or, before it opens, ``tech_app.first_page``)."""
        super().__init__(parent)
        self._pending_count = pending_count

    def online(self) -> bool:
        return False

    def pending_count(self) -> int:
        return self._pending_count()

    def last_sync(self) -> datetime | None:
        return None
