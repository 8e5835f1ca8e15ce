"""On a contract visit the technician says which labour lies outside the agreement.

The fleet agreement's visit fee covers the agreed maintenance; work beyond it is billed
at the contract's hourly rate. Until now the app had no way to say so: every minute of
a contract visit was in scope, or (before issue 11) every minute was billed.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from tech_app.charges import job_charges
from tech_app.records import TimeEntry
from tech_app.vocab import ChargeKind, JobStatus, TimeKind
from tests.ui.conftest import FLEET, HEATER_IN
from ui.main_window import MainWindow


def _window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, search_delay_ms=0)
    qtbot.addWidget(window)
    window.show()
    return window


def _labour(ctx, outside: bool) -> list[TimeEntry]:  # type: ignore[no-untyped-def]
    return [
        e
        for e in ctx.store.select(TimeEntry, "job_id = ?", [FLEET], order_by="started_at")
        if e.kind is TimeKind.LABOUR and e.out_of_scope is outside
    ]


def test_labour_marked_outside_the_agreement_is_billed_by_the_hour(
    qtbot, make_ctx, demo_profile
) -> None:  # type: ignore[no-untyped-def]
    clock = {"now": None}
    ctx = make_ctx(demo_profile)
    base = ctx.now()
    ctx.now = lambda: clock["now"] or base  # type: ignore[method-assign]
    window = _window(qtbot, ctx)
    window.job_view.show_job(FLEET)
    view = window.job_view
    panel = view.time
    assert not panel.outside_box.isHidden() and not panel.outside_box.isChecked()
    qtbot.mouseClick(view.step_buttons[JobStatus.EN_ROUTE], Qt.MouseButton.LeftButton)
    clock["now"] = base + timedelta(minutes=20)
    qtbot.mouseClick(view.step_buttons[JobStatus.ON_SITE], Qt.MouseButton.LeftButton)
    clock["now"] = base + timedelta(minutes=80)  # an hour of the agreed maintenance
    panel.outside_box.setChecked(True)  # then a repair the agreement does not cover
    qtbot.mouseClick(panel.start_buttons[TimeKind.LABOUR], Qt.MouseButton.LeftButton)
    clock["now"] = base + timedelta(minutes=110)
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    (outside,) = _labour(ctx, outside=True)
    assert outside.minutes == 30
    row = next(r for r in range(panel.model.rowCount()) if panel.model.entry(r).id == outside.id)
    assert "outside the agreement" in panel.model.index(row, 0).data()
    lines = job_charges(ctx.store, FLEET).lines
    billed = [line for line in lines if line.kind is ChargeKind.OUT_OF_SCOPE]
    assert [line.quantity for line in billed] == [30] and billed[0].amount > 0
    assert all(line.amount == 0 for line in lines if line.kind is ChargeKind.LABOUR)


def test_an_entry_is_corrected_to_outside_the_agreement(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx)
    window.job_view.show_job(FLEET)
    view, panel = window.job_view, window.job_view.time
    qtbot.mouseClick(view.step_buttons[JobStatus.EN_ROUTE], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.step_buttons[JobStatus.ON_SITE], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    (labour,) = _labour(ctx, outside=False)
    row = next(r for r in range(panel.model.rowCount()) if panel.model.entry(r).id == labour.id)
    panel.table.selectRow(row)
    assert panel.correction_box.isEnabled() and not panel.entry_outside_box.isChecked()
    panel.entry_outside_box.setChecked(True)
    qtbot.mouseClick(panel.correct_button, Qt.MouseButton.LeftButton)
    assert [e.id for e in _labour(ctx, outside=True)] == [labour.id]


def test_a_job_without_a_contract_does_not_offer_it(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx)
    assert window.job_list.select_job(HEATER_IN)
    panel = window.job_view.time
    assert panel.outside_box.isHidden() and panel.entry_outside_box.isHidden()
