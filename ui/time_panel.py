"""Start/stop timers for travel, labour and waiting, and a manual correction of an entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import QDateTime, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tech_app.errors import TechAppError
from tech_app.records import Job, TimeEntry
from tech_app.timesheet import (
    correct_entry,
    minutes_by_kind,
    running_timer,
    start_timer,
    stop_timer,
)
from tech_app.vocab import TimeKind
from ui import labels
from ui.context import AppContext
from ui.lazy_panel import FilledWhenShown
from ui.messages import show_error
from ui.retranslate import Retranslating, announce_new_words
from ui.time_entry_model import TimeEntryModel

_TICK_MS = 15_000  # the running label counts minutes; four updates a minute are plenty


class TimePanel(FilledWhenShown, Retranslating, QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._job_id = ""
        self._zone: tzinfo | None = None
        self._on_contract = False
        self.start_buttons: dict[TimeKind, QPushButton] = {}
        buttons = QHBoxLayout()
        for kind, words in (
            (TimeKind.TRAVEL, lambda: self.tr("Start travel")),
            (TimeKind.LABOUR, lambda: self.tr("Start labour")),
            (TimeKind.WAITING, lambda: self.tr("Start waiting")),
        ):
            button = self.tr_button(words, self)
            button.setObjectName(f"start_{kind.value}")
            button.clicked.connect(self._starter(kind))
            self.start_buttons[kind] = button
            buttons.addWidget(button)
        self.stop_button = self.tr_button(lambda: self.tr("Stop"), self)
        self.stop_button.clicked.connect(self.on_stop_clicked)
        buttons.addWidget(self.stop_button)
        # On a contract visit the visit fee covers the agreed work; what the technician
        # does beyond it is billed by the hour, so they say which work that is.
        self.outside_box = QCheckBox(self)
        self.outside_box.setObjectName("outside_agreement")
        self.keep_text(
            lambda: self.outside_box.setText(self.tr("Labour outside the agreement (billed)"))
        )
        self.outside_box.setVisible(False)
        self.running_label = QLabel(self)
        self.totals_label = QLabel(self)

        self.model = TimeEntryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self.on_entry_selected)

        correction = QGroupBox(self)
        self.keep_text(lambda: correction.setTitle(self.tr("Correct the selected entry")))
        self.start_edit = QDateTimeEdit(correction)
        self.end_edit = QDateTimeEdit(correction)
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.correct_button = self.tr_button(lambda: self.tr("Apply correction"), correction)
        self.correct_button.clicked.connect(self.on_correct_clicked)
        self.entry_outside_box = QCheckBox(correction)
        self.keep_text(
            lambda: self.entry_outside_box.setText(self.tr("Outside the agreement (billed)"))
        )
        self.entry_outside_box.setVisible(False)
        rows = QGridLayout(correction)
        rows.addWidget(self.tr_label(lambda: self.tr("From")), 0, 0)
        rows.addWidget(self.start_edit, 0, 1)
        rows.addWidget(self.tr_label(lambda: self.tr("to")), 1, 0)
        rows.addWidget(self.end_edit, 1, 1)
        rows.addWidget(self.entry_outside_box, 2, 1)
        rows.addWidget(self.correct_button, 1, 2)
        rows.setColumnStretch(3, 1)
        self.correction_box = correction
        correction.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.outside_box)
        layout.addWidget(self.running_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)
        layout.addWidget(correction)

        self._tick = QTimer(self)
        self._tick.setInterval(_TICK_MS)
        self._tick.timeout.connect(self.on_tick)

    def _starter(self, kind: TimeKind) -> Callable[[], None]:
        return lambda: self.start(kind)

    # -- loading -----------------------------------------------------------------------
    def fill(self, job_id: str) -> None:
        self._job_id = job_id
        job = self._ctx.store.get(Job, job_id)
        self._zone = (job.window_start or job.reported_at).tzinfo
        self._on_contract = on_contract = job.contract_id is not None
        self.outside_box.setVisible(on_contract)
        self.outside_box.setChecked(False)
        self.entry_outside_box.setVisible(on_contract)
        self._refresh()

    def refill(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        store = self._ctx.store
        entries = store.select(TimeEntry, "job_id = ?", [self._job_id], order_by="started_at")
        self.model.set_entries(entries, self._zone)
        totals = minutes_by_kind(store, self._job_id)
        self.totals_label.setText(
            "  ·  ".join(
                self.tr("{kind}: {minutes} min").format(kind=labels.word(k), minutes=m)
                for k, m in totals.items()
            )
        )
        self.correction_box.setEnabled(False)
        self.on_tick()

    def on_language_changed(self) -> None:
        self.reload()
        announce_new_words(self.model)

    def on_tick(self) -> None:
        running = running_timer(self._ctx.store, self._job_id) if self._job_id else None
        self.stop_button.setEnabled(running is not None and self.isEnabled())
        if running is None:
            self.running_label.setText(self.tr("No timer running"))
            self._tick.stop()
            return
        self.running_label.setText(
            self.tr("{kind} running since {start} ({elapsed})").format(
                kind=labels.word(running.kind),
                start=labels.clock_time(running.started_at, self._zone),
                elapsed=labels.duration(self._ctx.now() - running.started_at),
            )
        )
        if not self._tick.isActive():
            self._tick.start()

    # -- timers ---------------------------------------------------------------------------
    def start(self, kind: TimeKind) -> None:
        outside = kind is TimeKind.LABOUR and self.outside_box.isChecked()
        self._write(
            lambda: start_timer(
                self._ctx.store,
                self._job_id,
                kind,
                self._ctx.technician,
                now=self._ctx.now(),
                out_of_scope=outside,
            )
        )

    def on_stop_clicked(self) -> None:
        self._write(lambda: stop_timer(self._ctx.store, self._job_id, now=self._ctx.now()))

    def _write(self, change: Callable[[], object]) -> None:
        try:
            change()
        except TechAppError as exc:
            show_error(self, exc)
            return
        self._refresh()
        self._ctx.local_change()
        self.changed.emit()

    # -- correction ------------------------------------------------------------------------
    def on_entry_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.correction_box.setEnabled(False)
            return
        entry = self.model.entry(current.row())
        self.start_edit.setDateTime(site_clock(entry.started_at, self._zone))
        self.end_edit.setDateTime(site_clock(entry.ended_at or self._ctx.now(), self._zone))
        self.entry_outside_box.setChecked(entry.out_of_scope)
        self.correction_box.setEnabled(entry.ended_at is not None)

    def on_correct_clicked(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        entry = self.model.entry(row)
        started = site_moment(self.start_edit.dateTime(), self._zone)
        ended = site_moment(self.end_edit.dateTime(), self._zone)
        outside = self.entry_outside_box.isChecked() if self._on_contract else None
        self._write(
            lambda: correct_entry(self._ctx.store, entry.id, started, ended, out_of_scope=outside)
        )

    def set_read_only(self, read_only: bool) -> None:
        for button in self.start_buttons.values():
            button.setEnabled(not read_only)
        self.outside_box.setEnabled(not read_only)
        self.stop_button.setEnabled(not read_only)
        self.correction_box.setEnabled(False)
        self.table.setEnabled(not read_only)


def site_clock(moment: datetime, zone: tzinfo | None) -> QDateTime:
    """The moment as the site's wall-clock time, which is what the edit shows."""
    local = moment.astimezone(zone) if zone else moment
    return QDateTime.fromString(local.strftime("%Y-%m-%d %H:%M"), "yyyy-MM-dd HH:mm")


def site_moment(value: QDateTime, zone: tzinfo | None) -> datetime:
    wall = datetime.strptime(value.toString("yyyy-MM-dd HH:mm"), "%Y-%m-%d %H:%M")
    return wall.replace(tzinfo=zone) if zone else wall.astimezone()
