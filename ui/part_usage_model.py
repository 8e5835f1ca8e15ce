"""The parts used on a job, as a read-only table."""

from __future__ import annotations

from collections.abc import Sized
from decimal import Decimal
from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, QObject, Qt

from ui import labels
from ui.read_only_table import Index, ReadOnlyTable


class UsageLine(NamedTuple):
    id: str
    part_number: str
    name: str
    quantity: Decimal
    unit: str
    unit_price: int
    coverage: str
    serial_for: str  # the asset serial on fleet jobs
    stock_override: bool
    serial_out: str = ""  # serial of the part taken out
    serial_in: str = ""  # serial of the part fitted: it carries its own warranty


class PartUsageModel(ReadOnlyTable):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[UsageLine] = []

    def set_lines(self, lines: list[UsageLine]) -> None:
        """A job was opened: its lines replace the previous job's."""
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def add_line(self, line: UsageLine) -> None:
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(line)
        self.endInsertRows()

    def replace_line(self, row: int, line: UsageLine) -> None:
        """A corrected line: only its row's cells change."""
        self._lines[row] = line
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.titles()) - 1))

    def remove_line(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._lines[row]
        self.endRemoveRows()

    def row_of(self, usage_id: str) -> int:
        return next(i for i, line in enumerate(self._lines) if line.id == usage_id)

    def line(self, row: int) -> UsageLine:
        return self._lines[row]

    def rows(self) -> Sized:
        return self._lines

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Part"),
            self.tr("Name"),
            self.tr("Quantity"),
            self.tr("Unit price"),
            self.tr("Coverage"),
            self.tr("For unit"),
            self.tr("Serials"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                line.part_number,
                line.name,
                f"{format(line.quantity.normalize(), 'f')} {labels.unit(line.unit)}",
                labels.money(line.unit_price),
                labels.word(line.coverage),
                line.serial_for,
                _serials(line),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and line.stock_override:
            return self.tr("Taken although the van stock was short")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _serials(line: UsageLine) -> str:
    if not line.serial_out and not line.serial_in:
        return ""
    return f"{line.serial_out or '—'} → {line.serial_in or '—'}"
