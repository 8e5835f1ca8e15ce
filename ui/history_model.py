"""A job's activity history as a read-only table: when, what, and whether it has synced."""

from __future__ import annotations

from collections.abc import Sized
from datetime import datetime, tzinfo
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, Qt

from ui import labels
from ui.read_only_table import Index, ReadOnlyTable


class HistoryEntry(NamedTuple):
    at: datetime
    text: str
    state: str  # outbox state


class HistoryModel(ReadOnlyTable):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self._zone: tzinfo | None = None

    def set_entries(self, entries: list[HistoryEntry], zone: tzinfo | None) -> None:
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: e.at, reverse=True)  # newest first
        self._zone = zone
        self.endResetModel()

    def rows(self) -> Sized:
        return self._entries

    def titles(self) -> tuple[str, ...]:
        return (self.tr("When"), self.tr("What"), self.tr("Sync"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return labels.date_time(entry.at, self._zone)
            if index.column() == 1:
                return entry.text
            waiting = entry.state in ("pending", "sending")
            return self.tr("waiting") if waiting else self.tr("sent")
        return None
