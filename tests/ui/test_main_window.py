"""The main window: search as you type, filters, shortcuts, status bar, remembered state."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QHeaderView

from tech_app.job_list import JobFilter
from tech_app.vocab import JobStatus
from tests.ui.conftest import HEATER_IN
from tests.ui.helpers import commit_text
from ui.job_table_model import Column
from ui.main_window import MainWindow


def open_window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, search_delay_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def customers(window: MainWindow) -> list[str]:
    model = window.model
    return [model.index(r, Column.CUSTOMER).data() for r in range(model.rowCount())]


def test_opens_on_todays_first_job_with_its_view(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, ctx)
    assert window.model.index(0, Column.WINDOW).data() == "08:00–09:00"
    # Opened right after the list's first paint (MainWindow.open_first_job), not before it.
    qtbot.waitUntil(lambda: window.job_view.job_id == window.model.job_id(0))
    qtbot.waitUntil(lambda: window.job_list.count_label.text() == "13 jobs")


def test_search_filters_as_you_type_in_chinese_and_english(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, ctx)
    field = window.job_list.search_field
    with qtbot.waitSignal(window.model.filter_applied):
        commit_text(field, "望京")  # part of 王建国's address
    assert customers(window) == ["王建国"]
    field.clear()
    with qtbot.waitSignal(window.model.filter_applied):
        qtbot.keyClicks(field, "north")
    assert customers(window) == ["Northwind Trading Ltd"]
    qtbot.waitUntil(lambda: window.job_list.count_label.text() == "1 job")


def test_filters_by_status_type_and_day(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, ctx)
    panel = window.job_list
    panel.date_combo.setCurrentIndex(panel.date_combo.findData("tomorrow"))
    assert len(customers(window)) == 5
    panel.type_combo.setCurrentIndex(panel.type_combo.findData("cleaning"))
    assert customers(window) == ["张伟"]
    panel.date_combo.setCurrentIndex(panel.date_combo.findData("any"))
    panel.type_combo.setCurrentIndex(0)
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("signed"))
    assert customers(window) == []


def test_shortcuts_search_next_job_and_status_step(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, ctx)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.job_list.table.setFocus()
    assert not window.job_list.search_field.hasFocus()
    window.search_action.trigger()  # Ctrl+F
    assert window.search_action.shortcut().toString() == "Ctrl+F"
    assert window.job_list.search_field.hasFocus()
    first = window.job_view.job_id
    window.next_action.trigger()  # Alt+Down
    assert window.job_view.job_id == window.model.job_id(1) != first
    window.job_list.select_job(HEATER_IN)
    window.next_step_action.trigger()  # Ctrl+Return: assigned → en route
    assert window.job_view.job.status is JobStatus.EN_ROUTE
    window.next_step_action.trigger()
    assert window.job_view.job.status is JobStatus.ON_SITE


def test_status_bar_shows_offline_pending_and_never_synced(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, ctx)
    bar = window.status
    assert bar.connection_label.text() == "Offline"
    assert bar.last_sync_label.text() == "Last sync: never"
    before = ctx.store.pending_count()
    assert bar.pending_label.text() == f"{before} changes waiting to sync"
    window.job_list.select_job(HEATER_IN)
    window.job_view.change_status(JobStatus.EN_ROUTE)  # the status, and the travel timer
    assert bar.pending_label.text() == f"{before + 2} changes waiting to sync"


def test_progress_shows_while_long_work_runs(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    import threading

    window = open_window(qtbot, ctx)
    gate = threading.Event()
    ctx.worker.run(lambda _s: gate.wait(5), lambda _r: None, label="Issuing the slip")
    assert window.status.progress.isVisible()
    assert window.status.busy_label.text() == "Issuing the slip"
    with qtbot.waitSignal(ctx.worker.busy_changed):
        gate.set()
    assert not window.status.progress.isVisible()


def test_geometry_columns_and_filter_are_remembered(qtbot, make_ctx, demo_profile) -> None:  # type: ignore[no-untyped-def]
    first = open_window(qtbot, make_ctx(demo_profile))
    first.resize(first.minimumSizeHint().width(), 555)  # fits the offscreen 800×800 screen
    first.splitter.setSizes([300, 600])
    sizes = first.splitter.sizes()
    header: QHeaderView = first.job_list.table.horizontalHeader()
    header.resizeSection(Column.CUSTOMER, 231)
    first.job_list.status_combo.setCurrentIndex(first.job_list.status_combo.findData("assigned"))
    first.job_list.date_combo.setCurrentIndex(first.job_list.date_combo.findData("tomorrow"))
    first.close()

    again = open_window(qtbot, make_ctx(demo_profile))  # same temp settings file
    assert again.size().height() == 555
    assert again.splitter.sizes() == sizes
    assert again.job_list.table.horizontalHeader().sectionSize(Column.CUSTOMER) == 231
    assert again.job_list.date_choice == "tomorrow"
    flt = again.model.job_filter
    assert flt == JobFilter(status="assigned", day="2026-11-29")
    assert len(customers(again)) == 5


def test_clicking_a_header_sorts_and_a_third_click_restores_today_first(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, ctx)
    qtbot.waitUntil(window.job_list.table.isSortingEnabled)  # right after the first paint
    header = window.job_list.table.horizontalHeader()
    on_customer = QPoint(header.sectionViewportPosition(Column.CUSTOMER) + 5, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=on_customer)
    names = customers(window)
    assert names == sorted(names)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=on_customer)
    assert customers(window) == sorted(names, reverse=True)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=on_customer)
    assert window.model.index(0, Column.WINDOW).data() == "08:00–09:00"


def test_a_remembered_sort_is_painted_sorted(qtbot, make_ctx, demo_profile) -> None:  # type: ignore[no-untyped-def]
    first = open_window(qtbot, make_ctx(demo_profile))
    qtbot.waitUntil(first.job_list.table.isSortingEnabled)
    first.job_list.table.sortByColumn(Column.CUSTOMER, Qt.SortOrder.AscendingOrder)
    first.close()

    again = MainWindow(make_ctx(demo_profile), search_delay_ms=0)  # same temp settings file
    qtbot.addWidget(again)
    # Before any paint: the saved header holds a sort, so sorting is on and applied.
    assert again.job_list.table.isSortingEnabled()
    names = customers(again)
    assert names == sorted(names)


def test_switching_jobs_rebuilds_the_job_view_each_time(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, ctx)
    view = window.job_view
    for _ in range(3):
        for row in range(window.model.rowCount()):
            window.job_list.select_row(row)
            qtbot.waitUntil(lambda row=row: view.job_id == window.model.job_id(row))
    window.job_list.select_job(HEATER_IN)
    keys = {key for _asset, key in view.checklist.editors}
    assert keys == {"tank_leak", "tubes_intact", "water_pressure", "water_temp", "cause", "photo"}


def test_a_search_restored_at_start_is_said_and_can_be_cleared(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.settings.set_last_filter(JobFilter(text="望京"), "any")  # what the last session left
    window = open_window(qtbot, ctx)
    panel = window.job_list
    assert customers(window) == ["王建国"]
    assert panel.filter_notice.isVisible() and "望京" in panel.filter_notice.text()
    assert panel.show_all_button.isVisible()
    qtbot.mouseClick(panel.show_all_button, Qt.MouseButton.LeftButton)
    assert panel.search_field.text() == ""
    qtbot.waitUntil(lambda: panel.count_label.text() == "13 jobs")  # all of them again
    assert not panel.filter_notice.isVisible() and not panel.show_all_button.isVisible()
    assert ctx.settings.last_filter()[0] == JobFilter()  # and it stays cleared next time


def test_no_filter_no_notice(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, ctx)
    assert not window.job_list.filter_notice.isVisible()
    window.job_list.status_combo.setCurrentIndex(window.job_list.status_combo.findData("assigned"))
    assert window.job_list.filter_notice.isVisible()


def test_the_window_fits_a_1366_by_768_laptop_screen() -> None:
    from PySide6.QtCore import QSize

    from ui.main_window import fitting_size

    size = fitting_size(QSize(1280, 800), QSize(1366, 728))  # 768 less a 40 px task bar
    assert size.width() == 1280 and size.height() <= 728 - 40
    assert fitting_size(QSize(1000, 600), QSize(1920, 1040)) == QSize(1000, 600)


def test_the_window_opens_within_the_screen_and_remembers_its_size(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, ctx)
    screen = window.screen().availableGeometry()
    # The offscreen screen is 800 px high: the default 800 would not fit with a frame.
    assert window.height() <= screen.height() - 48
    chosen = QSize(window.width(), window.height() - 100)  # the technician made it shorter
    window.resize(chosen)
    window.close()  # saves the geometry
    again = open_window(qtbot, ctx)
    assert again.size() == chosen


def test_status_steps_move_the_timers_and_the_status_bar_offers_undo(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from tech_app.records import TimeEntry
    from tech_app.timesheet import running_timer
    from tech_app.vocab import JobStatus, TimeKind
    from tests.ui.conftest import HEATER_IN

    window = MainWindow(ctx, search_delay_ms=0)
    qtbot.addWidget(window)
    window.show()
    assert window.job_list.select_job(HEATER_IN)
    view, status = window.job_view, window.status
    qtbot.mouseClick(view.step_buttons[JobStatus.EN_ROUTE], Qt.MouseButton.LeftButton)
    assert running_timer(ctx.store, HEATER_IN).kind is TimeKind.TRAVEL  # type: ignore[union-attr]
    assert status.undo_button.isVisible() and "Travel timer started" in status.undo_label.text()
    assert "Travel running since" in view.time.running_label.text()
    qtbot.mouseClick(view.step_buttons[JobStatus.ON_SITE], Qt.MouseButton.LeftButton)
    assert running_timer(ctx.store, HEATER_IN).kind is TimeKind.LABOUR  # type: ignore[union-attr]
    assert "Travel timer stopped · Labour timer started" in status.undo_label.text()
    qtbot.mouseClick(status.undo_button, Qt.MouseButton.LeftButton)
    assert not status.undo_button.isVisible()
    assert running_timer(ctx.store, HEATER_IN).kind is TimeKind.TRAVEL  # type: ignore[union-attr]
    assert ctx.store.get(type(view.job), HEATER_IN).status is JobStatus.ON_SITE  # status stays
    entries = ctx.store.select(TimeEntry, "job_id = ?", [HEATER_IN])
    assert len(entries) == 2 and sum(e.minutes for e in entries) == 0
    # A timer moved by hand: the offer is withdrawn.
    qtbot.mouseClick(view.step_buttons[JobStatus.WAITING_PARTS], Qt.MouseButton.LeftButton)
    assert status.undo_button.isVisible()
    qtbot.mouseClick(view.time.start_buttons[TimeKind.WAITING], Qt.MouseButton.LeftButton)
    assert not status.undo_button.isVisible()
