"""The main window: today's jobs on the left, the open job on the right, sync status below."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QSize,
    QTimer,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QWidget

from tech_app.errors import TechAppError
from tech_app.job_list import JobFilter, list_jobs
from tech_app.vocab import JobStatus
from ui.context import AppContext
from ui.i18n import choose_language, switch_language
from ui.job_list_panel import SEARCH_DELAY_MS, JobListPanel
from ui.job_table_model import JobTableModel, ListPage
from ui.messages import show_error
from ui.retranslate import Retranslating
from ui.status_bar import SyncStatusBar

if TYPE_CHECKING:
    from tech_app.timesheet import TimerChange
    from ui.job_view import JobView

_CLOCK_MS = 30_000  # SLA countdowns move in minutes


def store_pages(ctx: AppContext) -> ListPage:
    """The job list's pages, read on the GUI thread's connection (before the store opens,
    on the first page's reader: ``AppContext.reads``)."""

    def page(flt: JobFilter, offset: int, limit: int, order_by: str) -> list[dict[str, Any]]:
        return list_jobs(ctx.reads, flt, offset=offset, limit=limit, order_by=order_by)

    return page


class MainWindow(Retranslating, QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        *,
        list_page: ListPage | None = None,
        search_delay_ms: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.keep_text(lambda: self.setWindowTitle(self.tr("tech-app — field service jobs")))
        self.model = JobTableModel(list_page or store_pages(ctx), clock=ctx.clock, parent=self)
        self.job_list = JobListPanel(
            ctx,
            self.model,
            search_delay_ms=SEARCH_DELAY_MS if search_delay_ms is None else search_delay_ms,
            parent=self,
        )
        # Side by side, Qt's default; by keyword, or the overload taking an orientation first
        # would build the Qt namespace before the first paint (see ui/__init__.py).
        self.splitter = QSplitter(parent=self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.job_list)
        # The job view (right pane) is built right after the list's first paint, when it
        # opens today's first job (``open_first_job``), or when first asked for
        # (``job_view``); until then its place in the splitter holds its size.
        self._job_view: JobView | None = None
        self.splitter.addWidget(QWidget(self))
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.setCentralWidget(self.splitter)
        self.status = SyncStatusBar(ctx.sync_status, self)
        self.setStatusBar(self.status)

        self.job_list.job_selected.connect(self.on_job_selected)
        self._undo_job = ""
        self.model.load_failed.connect(self.on_load_failed)
        ctx.worker.busy_changed.connect(self.on_worker_busy_changed)
        ctx.sync_status.records_changed.connect(self.on_records_pulled)
        self.status.problems_requested.connect(self.open_sync_problems)
        self._build_menus()
        self._clock = QTimer(self)
        self._clock.setInterval(_CLOCK_MS)
        self._clock.timeout.connect(self.on_clock_tick)
        self._clock.start()
        self._restore()

    def _build_menus(self) -> None:
        file_menu = self._menu(lambda: self.tr("&File"))
        self._action(file_menu, lambda: self.tr("&Settings…"), self.open_settings, "Ctrl+,")
        self._action(
            file_menu, lambda: self.tr("Sync &problems…"), self.open_sync_problems, "Ctrl+Shift+Y"
        )
        file_menu.addSeparator()
        self._action(file_menu, lambda: self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        go_menu = self._menu(lambda: self.tr("&Go"))
        self.search_action = self._action(
            go_menu, lambda: self.tr("&Search jobs"), self.job_list.focus_search, "Ctrl+F"
        )
        self.next_action = self._action(
            go_menu, lambda: self.tr("&Next job"), lambda: self.job_list.select_next(1), "Alt+Down"
        )
        self._action(
            go_menu,
            lambda: self.tr("&Previous job"),
            lambda: self.job_list.select_next(-1),
            "Alt+Up",
        )
        self._action(
            go_menu, lambda: self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh
        )
        job_menu = self._menu(lambda: self.tr("&Job"))
        self.next_step_action = self._action(
            job_menu,
            lambda: self.tr("Next &step"),
            lambda: self.job_view.take_next_step(),
            "Ctrl+Return",
        )
        job_menu.addSeparator()
        steps: tuple[tuple[str, JobStatus, Callable[[], str]], ...] = (
            ("Ctrl+1", JobStatus.EN_ROUTE, lambda: self.tr("&En route")),
            ("Ctrl+2", JobStatus.ON_SITE, lambda: self.tr("&On site")),
            ("Ctrl+3", JobStatus.WAITING_PARTS, lambda: self.tr("&Waiting for parts")),
            ("Ctrl+4", JobStatus.COMPLETED, lambda: self.tr("&Complete")),
        )
        for key, status, words in steps:
            self._action(job_menu, words, self._step(status), key)
        self._action(
            job_menu,
            lambda: self.tr("Sign &off…"),
            lambda: self.job_view.open_signoff(),
            "Ctrl+Shift+S",
        )

    def _menu(self, words: Callable[[], str]) -> QMenu:
        menu = self.menuBar().addMenu("")
        self.keep_text(lambda: menu.setTitle(words()))
        return menu

    def _action(
        self,
        menu: QMenu,
        words: Callable[[], str],
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey,
    ) -> QAction:
        action = QAction(self)
        self.keep_text(lambda: action.setText(words()))
        # The same as ``setShortcut``, whose overloads would build the Qt namespace before
        # the first paint (see ui/__init__.py).
        action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _step(self, status: JobStatus) -> Callable[[], None]:
        return lambda: self.job_view.change_status(status)

    # -- the open job's pane -------------------------------------------------------------
    @property
    def job_view(self) -> JobView:
        """The open job's pane; built now if the first paint has not built it yet."""
        return self._build_job_view() if self._job_view is None else self._job_view

    def _build_job_view(self) -> JobView:
        from ui.job_view import JobView  # its widgets and imports wait for the first paint

        view = self._job_view = JobView(self._ctx, self)
        placeholder = self.splitter.replaceWidget(1, view)  # keeps the pane's size
        if placeholder is not None:
            placeholder.deleteLater()
        self.splitter.setStretchFactor(1, 6)  # the factor lives in the widget's size policy
        view.job_changed.connect(self.on_job_changed)
        view.status_message.connect(self.on_status_message)
        view.timers_moved.connect(self.on_timers_moved)
        view.timers_settled.connect(self.status.withdraw_undo)
        return view

    # -- state kept between runs ---------------------------------------------------------
    def _restore(self) -> None:
        settings = self._ctx.settings
        geometry = settings.state("geometry")
        screen = self.screen().availableGeometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(fitting_size(QSize(1280, 800), screen.size()))
        elif not screen.contains(self.frameGeometry()):
            # Saved on a bigger monitor: keep it on this one, status bar included.
            self.resize(fitting_size(self.size(), screen.size()))
            self.move(screen.topLeft())
        splitter = settings.state("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([740, 540])
        self.job_list.restore_columns(settings.state("job_columns"))
        flt, date_choice = settings.last_filter()
        self.job_list.restore_filter(flt, date_choice)
        if self.model.rowCount() == 0 and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        # Sorting, the store and the first job come right after the list's first paint.
        self.when_painted(self._after_first_paint)

    def when_painted(self, then: Callable[[], None]) -> None:
        """Call ``then`` from the event loop right after the job list's first paint."""
        AfterFirstPaint(self.job_list.table.viewport(), then)

    def _after_first_paint(self) -> None:
        self.job_list.enable_sorting()
        self.open_first_job()

    def open_first_job(self) -> None:
        """The store, if the list was painted from the first page's reader (its count
        waited for it); the job view; then today's first job, unless the technician (or a
        test) has picked one already."""
        if not self._ctx.store_open:
            self._ctx.open_store()
            self.job_list.refresh_count()
        if self._job_view is None:
            self._build_job_view()
        if not self.job_list.table.currentIndex().isValid():
            self.job_list.select_row(0)

    def save_state(self) -> None:
        settings = self._ctx.settings
        settings.set_state("geometry", QByteArray(self.saveGeometry()))
        settings.set_state("splitter", QByteArray(self.splitter.saveState()))
        settings.set_state(
            "job_columns", QByteArray(self.job_list.table.horizontalHeader().saveState())
        )
        settings.set_last_filter(self.job_list.current_filter(), self.job_list.date_choice)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self._clock.stop()
        super().closeEvent(event)

    # -- reactions -----------------------------------------------------------------------
    def on_job_changed(self, job_id: str) -> None:
        self.model.reload()
        self.job_list.select_job(job_id)

    def refresh(self) -> None:
        self.model.reload()
        self.job_list.refresh_count()
        if self._job_view is not None and self._job_view.job_id:
            self._job_view.show_job(self._job_view.job_id)

    def on_records_pulled(self) -> None:
        """Head office changed records: the list reloads; the open job only if it changed.

        A pull also brings back the technician's own edits; re-showing an unchanged job
        would rebuild the checklist under their fingers every few seconds.
        """
        self.model.reload()
        self.job_list.refresh_count()
        shown = self._job_view.job if self._job_view is not None else None
        if shown is None:
            return
        from tech_app.records import Job  # imported by the shown job already

        try:
            current = self._ctx.store.get(Job, shown.id)
        except TechAppError:
            return  # removed at head office: it is gone from the list, the view keeps it
        if current != shown:
            self.job_view.show_job(shown.id)

    def on_clock_tick(self) -> None:
        self.model.refresh_clock()
        if self._job_view is not None:
            self._job_view.refresh_clock()

    def on_worker_busy_changed(self, busy: bool) -> None:
        self.status.on_busy_changed(busy, self._ctx.worker.busy_label)

    def on_timers_moved(self, change: TimerChange) -> None:
        self._undo_job = change.job_id
        self.status.offer_undo(
            lambda: self.job_view.timer_words(change), lambda: self.job_view.undo_timers(change)
        )

    def on_job_selected(self, job_id: str) -> None:
        self.job_view.show_job(job_id)
        if job_id != self._undo_job:  # another job on screen: its timers are not the ones moved
            self.status.withdraw_undo()

    def on_status_message(self, text: str) -> None:
        self.status.showMessage(text, 4000)

    def on_load_failed(self, error: object) -> None:
        show_error(self, error if isinstance(error, BaseException) else str(error))

    def open_sync_problems(self) -> None:
        from ui.sync_problems import SyncProblemsDialog, list_problems

        dialog = SyncProblemsDialog(list_problems(self._ctx.store), self)
        dialog.open()

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._ctx.settings, self, apply_language=self.switch_language)
        dialog.open()

    def switch_language(self, chosen: str | None) -> None:
        """The language picked in Settings, now: the translators change and every widget
        retranslates itself on the LanguageChange Qt sends (ui/retranslate.py); the profile,
        the open job and the worker stay as they are (the demo's profile too)."""
        language = choose_language(chosen, env={}) if chosen else choose_language(None)
        self._ctx.language = language
        app = QCoreApplication.instance()
        if app is not None:
            switch_language(app, language)


class AfterFirstPaint(QObject):
    """Calls ``then`` once, from the event loop, after ``widget`` has painted for the first
    time: what the technician sees first is not held up by what comes next."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)
        return False


# Room the window manager's title bar and borders take around the client area.
_FRAME = QSize(16, 48)


def fitting_size(wanted: QSize, available: QSize) -> QSize:
    """``wanted``, made no larger than the screen's free area less the window frame.

    The default 1280×800 is taller than a 1366×768 laptop's screen, which pushed the
    status bar off the bottom (issue 13).
    """
    return wanted.boundedTo(available - _FRAME)
