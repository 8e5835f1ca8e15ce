"""Parts taken from the van for a job: pick, quantity, coverage, and the lines so far.

Picking works by typing a part number or any part of a name (a completer
offers matches), and a barcode scanner — which types the number and presses
Enter — lands on the same path. Coverage starts at the core's
``default_coverage`` (warranty, contract or charged) and may be overridden.
Taking more than the van holds raises ``NegativeStockError``; the technician is
asked, and a yes retries with ``confirm_negative=True``.

A line may record the serial of the part taken out and of the part fitted. The
fitted part carries its own warranty from that day: typing the serial being
removed lets the core find that earlier fitting and pre-fill "warranty".
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tech_app.coverage import default_coverage, job_assets
from tech_app.errors import TechAppError, ValidationError
from tech_app.part_lines import correct_part_line, part_lines, remove_part_line
from tech_app.records import Part, PartUsage
from tech_app.van import (
    NegativeStockError,
    find_part,
    record_part_usage,
    stock_by_part,
    stock_of,
)
from tech_app.vocab import Coverage
from ui import labels
from ui.context import AppContext
from ui.error_words import invalid_text
from ui.lazy_panel import FilledWhenShown
from ui.messages import ask, show_error
from ui.part_usage_model import PartUsageModel, UsageLine
from ui.retranslate import Retranslating, announce_new_words
from ui.style import FLAG_STYLE

_SEPARATOR = "  ·  "


class PartsPanel(FilledWhenShown, Retranslating, QWidget):
    part_added = Signal(str)  # part number
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._job_id = ""
        self._catalogue_stale = True
        self._part: Part | None = None
        self._serials: dict[str, str] = {}

        self.part_field = QLineEdit(self)
        self.part_field.setObjectName("part_field")
        self.keep_text(
            lambda: self.part_field.setPlaceholderText(
                self.tr("Part number or name (or scan the barcode)")
            )
        )
        self._choices = QStringListModel(self)
        self.completer = QCompleter(self._choices, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.activated.connect(self.on_completion_activated)
        self.part_field.setCompleter(self.completer)
        self.part_field.returnPressed.connect(self.on_part_entered)

        self.part_label = QLabel(self.tr("No part picked"), self)
        self.part_label.setWordWrap(True)
        self.stock_label = QLabel(self)
        # A text field, not a spin box: a spin box drops what its validator dislikes, so
        # "-2" became 2 and a full-width "２" nothing. The core reads what was typed.
        self.quantity = QLineEdit("1", self)
        self.quantity.setObjectName("quantity")
        self.quantity.setMaximumWidth(110)
        self.quantity.returnPressed.connect(self.on_add_clicked)
        self.asset_combo = QComboBox(self)
        self.asset_combo.currentIndexChanged.connect(self.on_asset_changed)
        self.serial_out_field = QLineEdit(self)
        self.serial_out_field.setObjectName("serial_out")
        self.keep_text(
            lambda: self.serial_out_field.setPlaceholderText(
                self.tr("Serial of the part taken out")
            )
        )
        self.serial_out_field.setMaxLength(60)
        self.serial_out_field.textEdited.connect(self.on_serial_out_edited)
        self.serial_in_field = QLineEdit(self)
        self.serial_in_field.setObjectName("serial_in")
        self.keep_text(
            lambda: self.serial_in_field.setPlaceholderText(self.tr("Serial of the part fitted"))
        )
        self.serial_in_field.setMaxLength(60)
        self.coverage_combo = QComboBox(self)
        for coverage in Coverage:
            self.coverage_combo.addItem("", coverage.value)
        self.keep_text(self._word_coverages)
        self.add_button = self.tr_button(lambda: self.tr("Add part"), self)
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.on_add_clicked)

        self.model = PartUsageModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self.on_line_selected)
        # A wrong line is corrected or removed here until sign-off (tech_app.part_lines).
        self.line_quantity = QLineEdit(self)
        self.line_quantity.setObjectName("line_quantity")
        self.line_quantity.setMaximumWidth(110)
        self.line_quantity.returnPressed.connect(self.on_correct_clicked)
        self.correct_button = self.tr_button(lambda: self.tr("Change quantity"), self)
        self.correct_button.clicked.connect(self.on_correct_clicked)
        self.remove_button = self.tr_button(lambda: self.tr("Remove line"), self)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self._read_only = False

        form = QFormLayout()
        self.tr_row(form, lambda: self.tr("Part"), self.part_field)
        form.addRow("", self.part_label)
        self.tr_row(form, lambda: self.tr("Van stock"), self.stock_label)
        line = QHBoxLayout()
        line.addWidget(self.quantity)
        line.addWidget(self.tr_label(lambda: self.tr("For unit")))
        line.addWidget(self.asset_combo, 1)
        self.tr_row(form, lambda: self.tr("Quantity"), line)
        serials = QHBoxLayout()
        serials.addWidget(self.tr_label(lambda: self.tr("Removed")))
        serials.addWidget(self.serial_out_field, 1)
        serials.addWidget(self.tr_label(lambda: self.tr("Fitted")))
        serials.addWidget(self.serial_in_field, 1)
        self.tr_row(form, lambda: self.tr("Serials"), serials)
        covered = QHBoxLayout()
        covered.addWidget(self.coverage_combo, 1)
        covered.addWidget(self.add_button)
        self.tr_row(form, lambda: self.tr("Paid by"), covered)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tr_label(lambda: self.tr("Parts used on this job")))
        layout.addWidget(self.table, 1)
        fix = QHBoxLayout()
        fix.addWidget(self.tr_label(lambda: self.tr("Selected line")))
        fix.addWidget(self.line_quantity)
        fix.addWidget(self.correct_button)
        fix.addWidget(self.remove_button)
        fix.addStretch(1)
        layout.addLayout(fix)
        self._enable_line_controls()

    # -- loading ---------------------------------------------------------------------
    def fill(self, job_id: str) -> None:
        self._job_id = job_id
        store = self._ctx.store
        assets = job_assets(store, job_id)
        self._serials = {a.id: a.serial for a in assets}
        self.asset_combo.blockSignals(True)
        self.asset_combo.clear()
        for asset in assets:
            self.asset_combo.addItem(f"{asset.serial} ({asset.model})", asset.id)
        if not assets:
            self.asset_combo.addItem(self.tr("The job"), None)
        self.asset_combo.blockSignals(False)
        self.asset_combo.setEnabled(len(assets) > 1)
        self._load_catalogue()
        self.model.set_lines([self._line(u) for u in part_lines(store, job_id)])
        self.pick(None)
        self._enable_line_controls()

    def _load_catalogue(self) -> None:
        """The part field's completions (number, name, van stock), built when the panel
        is seen: opening a job shows its overview first, and hundreds of parts with
        their stock are work the technician waits for only on this tab."""
        self._catalogue_stale = True
        if self.isVisible():
            self._build_catalogue()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._catalogue_stale:
            self._build_catalogue()

    def _build_catalogue(self) -> None:
        self._catalogue_stale = False
        store, technician = self._ctx.store, self._ctx.technician
        entries = []
        held = stock_by_part(store, technician)
        for part in store.select(Part, order_by="number"):
            name = part.name_zh if self._ctx.chinese and part.name_zh else part.name
            stock = held.get(part.id, Decimal(0))
            entries.append(
                _SEPARATOR.join((part.number, name, self.tr("van: {n}").format(n=_quantity(stock))))
            )
        self._choices.setStringList(entries)

    def _word_coverages(self) -> None:
        for i in range(self.coverage_combo.count()):
            self.coverage_combo.setItemText(i, labels.word(self.coverage_combo.itemData(i)))

    def _confirm_below_zero(
        self,
        message: str,
        exc: NegativeStockError,
        unit: str,
        part_number: str,
        again: Callable[[], None],
        yes_text: str,
    ) -> None:
        """Ask before a change takes the van below zero; ``message`` is already worded
        (the two callers' sentences differ and stay literal for the catalogue)."""
        text = message.format(
            available=_quantity(exc.available),
            unit=labels.unit(unit),
            part=part_number,
            wanted=_quantity(exc.wanted),
        )
        ask(self, self.tr("Not enough in the van"), text, again, yes_text=yes_text)

    def _line(self, usage: PartUsage) -> UsageLine:
        part = self._ctx.store.get(Part, usage.part_id)
        name = part.name_zh if self._ctx.chinese and part.name_zh else part.name
        return UsageLine(
            usage.id,
            part.number,
            name,
            usage.quantity,
            part.unit,
            usage.unit_price,
            usage.coverage.value,
            self._serials.get(usage.asset_id or "", "") if len(self._serials) > 1 else "",
            usage.stock_override,
            usage.serial_out,
            usage.serial_in,
        )

    # -- picking ---------------------------------------------------------------------
    def on_completion_activated(self, text: str) -> None:
        self.pick_by_key(text.split(_SEPARATOR)[0])

    def on_part_entered(self) -> None:
        """Enter in the field: a scanned or typed number, or the only name that matches."""
        text = self.part_field.text().strip()
        if not text:
            return
        key = text.split(_SEPARATOR)[0]
        try:
            find_part(self._ctx.store, key)
        except ValidationError:
            matches = [e for e in self._choices.stringList() if text.lower() in e.lower()]
            if len(matches) == 1:
                key = matches[0].split(_SEPARATOR)[0]
        self.pick_by_key(key)

    def pick_by_key(self, key: str) -> None:
        try:
            part = find_part(self._ctx.store, key)
        except ValidationError as exc:
            self.pick(None)
            self.part_label.setText("⚠ " + invalid_text(exc, with_field=False))
            self.part_label.setStyleSheet(FLAG_STYLE)
            return
        self.pick(part)
        self.part_field.setText(part.number)
        self.quantity.setFocus()
        self.quantity.selectAll()

    def pick(self, part: Part | None) -> None:
        self._part = part
        self.add_button.setEnabled(part is not None)
        self.part_label.setStyleSheet("")
        self._show_pick()
        if part is None:
            self.stock_label.setText("")
            return
        self._show_stock(part)
        self._prefill_coverage()

    def _show_pick(self) -> None:
        part = self._part
        if part is None:
            self.part_label.setText(self.tr("No part picked"))
            return
        name = part.name_zh if self._ctx.chinese and part.name_zh else part.name
        self.part_label.setText(
            self.tr("{name} — {price} per {unit}").format(
                name=name, price=labels.money(part.unit_price), unit=labels.unit(part.unit)
            )
        )

    def on_language_changed(self) -> None:
        # Lines and the catalogue in the new language; what was picked is said again.
        self.reload()
        if not self.part_label.styleSheet():
            self._show_pick()
        if self._part is not None:
            self._show_stock(self._part)
        announce_new_words(self.model)

    def _show_stock(self, part: Part) -> None:
        stock = stock_of(self._ctx.store, self._ctx.technician, part.id).quantity
        self.stock_label.setText(f"{_quantity(stock)} {labels.unit(part.unit)}")
        self.stock_label.setStyleSheet(FLAG_STYLE if stock <= 0 else "")

    def on_asset_changed(self, _index: int) -> None:
        self._prefill_coverage()

    def on_serial_out_edited(self, _text: str) -> None:
        self._prefill_coverage()

    def _prefill_coverage(self) -> None:
        if self._part is None or not self._job_id:
            return
        coverage = default_coverage(
            self._ctx.store,
            self._job_id,
            self.asset_combo.currentData(),
            self._part,
            self._ctx.today(),
            serial_out=self.serial_out_field.text(),
        )
        self.coverage_combo.setCurrentIndex(self.coverage_combo.findData(coverage.value))

    @property
    def coverage(self) -> Coverage:
        return Coverage(self.coverage_combo.currentData())

    def set_coverage(self, coverage: Coverage) -> None:
        """The technician's override of the pre-filled coverage."""
        self.coverage_combo.setCurrentIndex(self.coverage_combo.findData(coverage.value))

    # -- adding ------------------------------------------------------------------------
    def on_add_clicked(self) -> None:
        self.add_part(confirm_negative=False)

    def add_part(self, *, confirm_negative: bool) -> None:
        if self._part is None:
            return
        part = self._part
        quantity = self.quantity.text()
        try:
            usage = record_part_usage(
                self._ctx.store,
                self._job_id,
                part.number,
                quantity,
                self.coverage,
                self._ctx.technician,
                asset_id=self.asset_combo.currentData(),
                confirm_negative=confirm_negative,
                decimal_comma=labels.decimal_comma(),
                serial_out=self.serial_out_field.text().strip(),
                serial_in=self.serial_in_field.text().strip(),
                now=self._ctx.now(),
            )
        except NegativeStockError as exc:
            self._confirm_below_zero(
                self.tr(
                    "The van holds {available} {unit} of {part}, {wanted} wanted.\n"
                    "Record it anyway? The van stock will go below zero."
                ),
                exc,
                part.unit,
                part.number,
                lambda: self.add_part(confirm_negative=True),
                self.tr("Record anyway"),
            )
            return
        except TechAppError as exc:
            show_error(self, exc)
            return
        self.model.add_line(self._line(usage))
        self._load_catalogue()
        self.part_field.clear()
        self.quantity.setText("1")
        self.serial_out_field.clear()
        self.serial_in_field.clear()
        self.pick(None)
        self.part_field.setFocus()
        self.part_added.emit(part.number)
        self._ctx.local_change()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.part_field,
            self.quantity,
            self.coverage_combo,
            self.serial_out_field,
            self.serial_in_field,
        ):
            widget.setEnabled(not read_only)
        self.asset_combo.setEnabled(not read_only and self.asset_combo.count() > 1)
        self.add_button.setEnabled(not read_only and self._part is not None)
        self._read_only = read_only
        self._enable_line_controls()

    # -- correcting a line -----------------------------------------------------------------
    def selected_line(self) -> UsageLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    def select_line(self, row: int) -> None:
        self.table.selectRow(row)

    def on_line_selected(self, *_args: object) -> None:
        line = self.selected_line()
        self.line_quantity.setText(_quantity(line.quantity) if line else "")
        self._enable_line_controls()

    def _enable_line_controls(self) -> None:
        usable = not self._read_only and self.selected_line() is not None
        for widget in (self.line_quantity, self.correct_button, self.remove_button):
            widget.setEnabled(usable)

    def on_correct_clicked(self) -> None:
        self.correct_line(confirm_negative=False)

    def correct_line(self, *, confirm_negative: bool) -> None:
        line = self.selected_line()
        if line is None or self._read_only:
            return
        try:
            usage = correct_part_line(
                self._ctx.store,
                line.id,
                self.line_quantity.text(),
                self._ctx.technician,
                confirm_negative=confirm_negative,
                decimal_comma=labels.decimal_comma(),
                now=self._ctx.now(),
            )
        except NegativeStockError as exc:
            self._confirm_below_zero(
                self.tr(
                    "The van holds {available} {unit} of {part}, {wanted} more wanted.\n"
                    "Change the line anyway? The van stock will go below zero."
                ),
                exc,
                line.unit,
                line.part_number,
                lambda: self.correct_line(confirm_negative=True),
                self.tr("Change anyway"),
            )
            return
        except TechAppError as exc:
            show_error(self, exc)
            return
        row = self.model.row_of(usage.id)
        self.model.replace_line(row, self._line(usage))
        self._after_line_change()

    def on_remove_clicked(self) -> None:
        line = self.selected_line()
        if line is None or self._read_only:
            return
        ask(
            self,
            self.tr("Remove part line"),
            self.tr(
                "Remove {quantity} {unit} {part} from this job? They go back into the van."
            ).format(
                quantity=_quantity(line.quantity), unit=labels.unit(line.unit), part=line.name
            ),
            lambda: self.remove_line(line.id),
            yes_text=self.tr("Remove"),
        )

    def remove_line(self, usage_id: str) -> None:
        try:
            remove_part_line(self._ctx.store, usage_id, self._ctx.technician, now=self._ctx.now())
        except TechAppError as exc:
            show_error(self, exc)
            return
        self.model.remove_line(self.model.row_of(usage_id))
        self._after_line_change()

    def _after_line_change(self) -> None:
        self._load_catalogue()
        if self._part is not None:
            self._show_stock(self._part)  # the picked part's van stock follows the ledger
        self._enable_line_controls()
        self._ctx.local_change()
        self.changed.emit()


def _quantity(value: Decimal) -> str:
    return format(value.normalize(), "f")
