"""Where the status bar learns about sync: a small pluggable source.

Sync does not exist yet, so the app plugs in ``LocalOnlyStatus``: offline,
never synced, and the number of outbox changes waiting. The sync worker will
replace it with a source that reports the real connection and last sync, and
emits ``status_changed`` when they move. No fake sync happens here.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Signal

from tech_app.store.local import LocalStore


class SyncStatusSource(QObject):
    """What the status bar shows about sync; subclasses override the three readers."""

    status_changed = Signal()

    def online(self) -> bool:
        raise NotImplementedError

    def pending_count(self) -> int:
        raise NotImplementedError

    def last_sync(self) -> datetime | None:
        raise NotImplementedError

    def notify_local_change(self) -> None:
        """A local edit queued outbox rows. A sync source may start a round here."""
        self.status_changed.emit()


class LocalOnlyStatus(SyncStatusSource):
    """No sync yet: always offline, never synced; pending changes come from the outbox."""

    def __init__(self, store: LocalStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store

    def online(self) -> bool:
        return False

    def pending_count(self) -> int:
        return self._store.pending_count()

    def last_sync(self) -> datetime | None:
        return None
