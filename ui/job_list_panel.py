"""The job list with its search box and filters (status, type, day).

The search filters as you type through the store's CJK-aware search; a short
pause after the last keystroke coalesces a burst of typing into one query. The
number of matching jobs is counted on the worker so a count over 100,000 jobs
never holds up typing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QDate, QItemSelectionModel, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tech_app.job_list import JobFilter, count_jobs
from tech_app.vocab import JobStatus, JobType
from ui import labels
from ui.context import AppContext
from ui.job_table_model import Column, JobTableModel
from ui.retranslate import Retranslating, announce_new_words
from ui.style import NOTICE_STYLE

if TYPE_CHECKING:
    from tech_app.store.local import LocalStore

SEARCH_DELAY_MS = 120
DATE_CHOICES = ("any", "today", "tomorrow", "yesterday", "day")


class JobListPanel(Retranslating, QWidget):
    job_selected = Signal(str)
    count_changed = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        model: JobTableModel,
        *,
        search_delay_ms: int = SEARCH_DELAY_MS,
        count: Callable[[LocalStore, JobFilter], int] = count_jobs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._count = count
        self._count_generation = 0
        self.model = model

        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("search_field")
        self.search_field.setClearButtonEnabled(True)
        self.keep_text(
            lambda: self.search_field.setPlaceholderText(self.tr("Search jobs (Ctrl+F)"))
        )
        self.keep_text(
            lambda: self.search_field.setToolTip(
                self.tr("Customer, address, phone, serial or job number; Chinese or English")
            )
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(search_delay_ms)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search_field.textChanged.connect(self.on_search_text_changed)

        self.status_combo = QComboBox(self)
        self.status_combo.addItem("", None)
        for status in JobStatus:
            self.status_combo.addItem("", status.value)
        self.type_combo = QComboBox(self)
        self.type_combo.addItem("", None)
        for job_type in JobType:
            self.type_combo.addItem("", job_type.value)
        self.date_combo = QComboBox(self)
        for choice in DATE_CHOICES:
            self.date_combo.addItem("", choice)
        self.keep_text(self._name_choices)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(QDate(ctx.today()))
        self.date_edit.hide()
        for combo in (self.status_combo, self.type_combo, self.date_combo):
            combo.currentIndexChanged.connect(self.on_filter_widget_changed)
        self.date_edit.dateChanged.connect(self.on_filter_widget_changed)
        self.count_label = QLabel(self)

        self.table = QTableView(self)
        self.table.setObjectName("job_table")
        # The viewport Qt would make is a widget PySide has not seen: the first
        # ``viewport()`` then has it find the widget's class among every QtWidgets class,
        # creating all their enums (~17 ms of start-up). One made here is known.
        self.table.setViewport(QWidget(self.table))
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setModel(model.header_titles)  # see JobTableModel.header_titles
        for column, width in (
            (Column.WINDOW, 122),
            (Column.NUMBER, 110),
            (Column.CUSTOMER, 98),
            (Column.ADDRESS, 140),
            (Column.TYPE, 72),
            (Column.STATUS, 90),  # room for a flag mark (⚑ Replace unit)
        ):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_row_changed)
        model.modelReset.connect(self.on_model_reset)

        filters = QHBoxLayout()
        filters.addWidget(self.search_field, 3)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.type_combo)
        filters.addWidget(self.date_combo)
        filters.addWidget(self.date_edit)
        # The filter kept from last time is said, with a way out: a search restored at
        # start without a word made jobs seem gone (issue 13).
        self.filter_notice = QLabel(self)
        self.filter_notice.setObjectName("filter_notice")
        self.filter_notice.setStyleSheet(NOTICE_STYLE)
        self.show_all_button = QPushButton(self)
        self.keep_text(lambda: self.show_all_button.setText(self.tr("Show all jobs")))
        self.show_all_button.setObjectName("show_all")
        self.show_all_button.clicked.connect(self.show_all)
        notice = QHBoxLayout()
        notice.addWidget(self.filter_notice, 1)
        notice.addWidget(self.show_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(notice)
        layout.addWidget(self.table, 1)
        self._show_filter_notice(JobFilter())
        layout.addWidget(self.count_label)

    def _name_choices(self) -> None:
        self.status_combo.setItemText(0, self.tr("All statuses"))
        self.type_combo.setItemText(0, self.tr("All types"))
        for combo in (self.status_combo, self.type_combo):
            for index in range(1, combo.count()):
                combo.setItemText(index, labels.word(combo.itemData(index)))
        for index, text in enumerate(
            (
                self.tr("Any day"),
                self.tr("Today"),
                self.tr("Tomorrow"),
                self.tr("Yesterday"),
                self.tr("On date"),
            )
        ):
            self.date_combo.setItemText(index, text)

    def on_language_changed(self) -> None:
        self._show_filter_notice(self.current_filter())
        self.refresh_count()
        announce_new_words(self.model)

    # -- filter ------------------------------------------------------------------------
    def current_filter(self) -> JobFilter:
        return JobFilter(
            text=self.search_field.text().strip(),
            status=self.status_combo.currentData(),
            job_type=self.type_combo.currentData(),
            day=self._day(),
        )

    @property
    def date_choice(self) -> str:
        return str(self.date_combo.currentData())

    def _day(self) -> str | None:
        today = self._ctx.today()
        offsets = {"today": 0, "tomorrow": 1, "yesterday": -1}
        choice = self.date_choice
        if choice in offsets:
            return (today + timedelta(days=offsets[choice])).isoformat()
        if choice == "day":
            return self.date_edit.date().toString("yyyy-MM-dd")
        return None

    def restore_filter(self, flt: JobFilter, date_choice: str) -> None:
        """Put back the last filter (from settings) without a query per widget."""
        widgets = (
            self.search_field,
            self.status_combo,
            self.type_combo,
            self.date_combo,
            self.date_edit,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.search_field.setText(flt.text)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(flt.status)))
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(flt.job_type)))
        self.date_combo.setCurrentIndex(max(0, self.date_combo.findData(date_choice)))
        if date_choice == "day" and flt.day:
            self.date_edit.setDate(QDate.fromString(flt.day, "yyyy-MM-dd"))
        self.date_edit.setVisible(date_choice == "day")
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_filter()

    def on_search_text_changed(self, _text: str) -> None:
        if self._search_timer.interval() == 0:
            self.apply_filter()  # no typing pause: every change filters, now
        else:
            self._search_timer.start()

    def on_filter_widget_changed(self) -> None:
        self.date_edit.setVisible(self.date_choice == "day")
        self.apply_filter()

    def apply_filter(self) -> None:
        self._search_timer.stop()
        flt = self.current_filter()
        self.model.set_filter(flt)
        self._ctx.settings.set_last_filter(flt, self.date_choice)
        self._show_filter_notice(flt)
        self.refresh_count()

    def _show_filter_notice(self, flt: JobFilter) -> None:
        narrowed = bool(flt.text or flt.status or flt.job_type or flt.day)
        if flt.text:
            text = self.tr("Only jobs matching “{text}” are shown").format(text=flt.text)
        else:
            text = self.tr("Only some jobs are shown (filter on)")
        self.filter_notice.setText(text if narrowed else "")
        for widget in (self.filter_notice, self.show_all_button):
            widget.setVisible(narrowed)

    def show_all(self) -> None:
        """Clear the search and every filter: the whole list again."""
        for widget in (self.search_field, self.status_combo, self.type_combo, self.date_combo):
            widget.blockSignals(True)
        self.search_field.clear()
        self.status_combo.setCurrentIndex(0)
        self.type_combo.setCurrentIndex(0)
        self.date_combo.setCurrentIndex(max(0, self.date_combo.findData("any")))
        for widget in (self.search_field, self.status_combo, self.type_combo, self.date_combo):
            widget.blockSignals(False)
        self.date_edit.hide()
        self.apply_filter()

    def refresh_count(self) -> None:
        """Count matches on the worker; a newer count makes an older one irrelevant.

        Not before the store is open: the worker would import and open its own while the
        window paints. ``MainWindow.open_first_job`` counts once it is.
        """
        self._count_generation += 1
        if not self._ctx.store_open:
            return
        generation = self._count_generation
        flt = dataclasses.replace(self.model.job_filter)
        count = self._count

        def on_counted(total: int) -> None:
            if generation == self._count_generation:
                self.count_label.setText(
                    self.tr("1 job") if total == 1 else self.tr("{n} jobs").format(n=total)
                )
                self.count_changed.emit(total)

        self._ctx.worker.run(lambda store: count(store, flt), on_counted, owner=self)

    # -- selection ---------------------------------------------------------------------
    @property
    def current_job_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.job_id(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        while row >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def select_job(self, job_id: str) -> bool:
        row = self.model.row_of(job_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def select_next(self, step: int = 1) -> None:
        current = self.table.currentIndex().row()
        self.select_row(max(0, current + step) if current >= 0 else 0)

    def restore_columns(self, state: QByteArray | None) -> None:
        """Column widths, order and sort as the technician left them. A remembered sort
        is applied at once, so the first page is painted in it."""
        if state is None:
            return
        self.table.horizontalHeader().restoreState(state)
        if self._header_holds_sort():
            self.enable_sorting()

    def _header_holds_sort(self) -> bool:
        # Until sorting is on, only a restored header state shows an indicator.
        header = self.table.horizontalHeader()
        return header.isSortIndicatorShown() and header.sortIndicatorSection() >= 0

    def enable_sorting(self) -> None:
        """Header clicks sort the list. The window calls this right after the list's first
        paint: turning sorting on has Qt call the model's ``sort`` with a ``Qt.SortOrder``
        (see ui/__init__.py), and until a header is clicked there is nothing to sort."""
        if self.table.isSortingEnabled():
            return
        from PySide6.QtCore import Qt  # not at the top: see ui/__init__.py

        header = self.table.horizontalHeader()
        if not self._header_holds_sort():
            # No indicator until a header is clicked: the natural order is today first.
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.setSortIndicatorClearable(True)

    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.job_selected.emit(self.model.job_id(current.row()))

    def on_model_reset(self) -> None:
        self.table.scrollToTop()

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt  # not at the top: see ui/__init__.py

        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()
