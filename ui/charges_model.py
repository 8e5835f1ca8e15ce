"""Charge lines (estimate or running bill) as a read-only table."""

from __future__ import annotations

from collections.abc import Sized
from typing import Any

from PySide6.QtCore import QObject, Qt

from tech_app.rules.pricing import ChargeLine
from ui import labels
from ui.read_only_table import Index, ReadOnlyTable


class ChargesModel(ReadOnlyTable):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[ChargeLine, ...] = ()

    def set_lines(self, lines: tuple[ChargeLine, ...]) -> None:
        if lines == self._lines:
            return
        # Repricing can change every line (a covered call-out, the tax): a new set.
        self.beginResetModel()
        self._lines = tuple(lines)
        self.endResetModel()

    def rows(self) -> Sized:
        return self._lines

    def titles(self) -> tuple[str, ...]:
        return (self.tr("Item"), self.tr("Paid by"), self.tr("Amount"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                labels.charge_line(line),
                labels.word(line.coverage),
                labels.money(line.amount),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and line.amount != line.list_amount:
            return self.tr("Worth {value}, covered by {coverage}").format(
                value=labels.money(line.list_amount), coverage=labels.word(line.coverage)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
