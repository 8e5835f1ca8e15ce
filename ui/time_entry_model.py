"""A job's time entries (travel, labour, waiting) as a read-only table."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from tech_app.records import TimeEntry
from ui import labels

Index = QModelIndex | QPersistentModelIndex


class TimeEntryModel(QAbstractTableModel):
    COLUMNS = 4

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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Kind"), self.tr("Started"), self.tr("Stopped"), self.tr("Minutes"))
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return labels.word(entry.kind)
            if index.column() == 1:
                return labels.date_time(entry.started_at, self._zone)
            if index.column() == 2:
                return labels.date_time(entry.ended_at, self._zone) or self.tr("running")
            return str(entry.minutes) if entry.ended_at else ""
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None
