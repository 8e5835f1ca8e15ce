"""A job's time entries (travel, labour, waiting) as a read-only table."""

from __future__ import annotations

from collections.abc import Sized
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QObject, Qt

from tech_app.records import TimeEntry
from ui import labels
from ui.read_only_table import Index, ReadOnlyTable


class TimeEntryModel(ReadOnlyTable):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TimeEntry] = []
        self._zone: tzinfo | None = None

    def set_entries(self, entries: list[TimeEntry], zone: tzinfo | None) -> None:
        """Times are shown on the site's clock (``zone``), where the customer reads them too."""
        self.beginResetModel()
        self._entries = list(entries)
        self._zone = zone
        self.endResetModel()

    def entry(self, row: int) -> TimeEntry:
        return self._entries[row]

    def rows(self) -> Sized:
        return self._entries

    def titles(self) -> tuple[str, ...]:
        return (self.tr("Kind"), self.tr("Started"), self.tr("Stopped"), self.tr("Minutes"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                if entry.out_of_scope:
                    return self.tr("{kind}, outside the agreement").format(
                        kind=labels.word(entry.kind)
                    )
                return labels.word(entry.kind)
            if index.column() == 1:
                return labels.date_time(entry.started_at, self._zone)
            if index.column() == 2:
                return labels.date_time(entry.ended_at, self._zone) or self.tr("running")
            return str(entry.minutes) if entry.ended_at else ""
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None
