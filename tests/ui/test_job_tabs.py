"""Opening a job paints its overview; every other tab reads its job when it is shown.

The tabs are filled lazily (``ui/lazy_panel.py``) and the checklist keeps its editors
for the next job on the same template: what is proved here is that a tab, whenever it
is filled, shows the job opened last, and that an edit goes to that job.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tech_app.charges import job_charges
from tech_app.checklist import answers_of, record_answer
from tech_app.coverage import job_assets
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage
from tests.ui.conftest import DEMO_NOW, FLEET, HEATER_IN, HEATER_OUT
from ui import labels
from ui.checklist_editors import ItemEditor, NumberEditor, YesNoEditor
from ui.job_view import JobView


def shown_view(qtbot, ctx) -> JobView:  # type: ignore[no-untyped-def]
    view = JobView(ctx)
    qtbot.addWidget(view)
    view.show()
    return view


def page(view: JobView, title: str) -> QWidget:
    """The tab page under its title, taken from the tab bar (not through the view)."""
    (index,) = [i for i in range(view.tabs.count()) if view.tabs.tabText(i) == title]
    return view.tabs.widget(index)


def answered(ctx, job_id: str, key: str) -> str:  # type: ignore[no-untyped-def]
    (value,) = [a.value for (_unit, k), a in answers_of(ctx.store, job_id).items() if k == key]
    return value


def show_tab(view: JobView, title: str) -> None:
    view.tabs.setCurrentWidget(page(view, title))


def test_opening_a_job_builds_only_what_the_overview_shows(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = shown_view(qtbot, ctx)
    view.show_job(HEATER_IN)
    assert view.tabs.currentIndex() == 0 and view.customer_label.text()
    assert view.findChildren(ItemEditor) == []  # no checklist editors until the tab is shown
    show_tab(view, "Checklist")
    assert len(view.findChildren(ItemEditor)) == len(view.checklist.editors) > 0


def test_a_tab_shown_later_shows_the_job_opened_last(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = shown_view(qtbot, ctx)
    view.show_job(FLEET)
    show_tab(view, "Unit history")
    assert "HL-CPCD30-2301" in page(view, "Unit history").toPlainText()  # type: ignore[attr-defined]
    show_tab(view, "Overview")
    view.show_job(HEATER_IN)
    show_tab(view, "Unit history")
    text = page(view, "Unit history").toPlainText()  # type: ignore[attr-defined]
    assert "HL-CPCD30" not in text
    assert "No earlier visits of this unit on this device." in text


def test_the_checklist_editors_show_the_next_job_on_the_same_template(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    record_answer(ctx.store, HEATER_IN, "water_pressure", "0.42", now=DEMO_NOW)
    record_answer(ctx.store, HEATER_IN, "tank_leak", "yes", now=DEMO_NOW)
    record_answer(ctx.store, HEATER_OUT, "water_pressure", "0.9", now=DEMO_NOW)  # out of range
    view = shown_view(qtbot, ctx)
    view.show_job(HEATER_IN)
    show_tab(view, "Checklist")
    before = view.checklist.editor("water_pressure")
    assert isinstance(before, NumberEditor) and before.field.text() == "0.42"

    view.show_job(HEATER_OUT)  # on the checklist tab: shown at once, in the same editors
    pressure = view.checklist.editor("water_pressure")
    assert pressure is before
    assert pressure.field.text() == "0.9" and pressure.flagged
    leak = view.checklist.editor("tank_leak")
    assert isinstance(leak, YesNoEditor)
    assert not leak.yes.isChecked() and not leak.no.isChecked()  # HEATER_OUT has no answer
    assert leak.feedback.text() == ""

    qtbot.keyClicks(pressure.field, "5")  # "0.95": still out of range, saved all the same
    assert answered(ctx, HEATER_OUT, "water_pressure") == "0.95"
    assert answered(ctx, HEATER_IN, "water_pressure") == "0.42"
    (unit,) = job_assets(ctx.store, HEATER_OUT)  # on HEATER_OUT's unit, not HEATER_IN's
    assert answers_of(ctx.store, HEATER_OUT)[(unit.id, "water_pressure")].value == "0.95"

    view.show_job(HEATER_IN)  # and back: its answers, none of HEATER_OUT's
    assert view.checklist.editor("water_pressure").field.text() == "0.42"  # type: ignore[attr-defined]
    assert view.checklist.editor("tank_leak").yes.isChecked()  # type: ignore[attr-defined]
    assert not view.checklist.editor("water_pressure").flagged


def test_a_fleet_checklist_after_a_single_unit_one_is_built_for_its_units(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = shown_view(qtbot, ctx)
    view.show_job(HEATER_IN)
    show_tab(view, "Checklist")
    view.show_job(FLEET)
    assert view.checklist.tabs is not None and view.checklist.tabs.count() == 6
    assert len(view.checklist.editors) == 6 * 8
    assert len(view.findChildren(ItemEditor)) >= 6 * 8


def test_a_hidden_tab_is_read_again_after_a_change(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = shown_view(qtbot, ctx)
    view.show_job(HEATER_OUT)
    show_tab(view, "Charges")
    before = page(view, "Charges").running_total.text()  # type: ignore[attr-defined]
    show_tab(view, "Parts")
    record_part_usage(ctx.store, HEATER_OUT, "SH-FIT-20", 1, Coverage.CHARGED, "liu")
    page(view, "Parts").changed.emit()  # what the panel says after its write
    show_tab(view, "Charges")
    after = page(view, "Charges").running_total.text()  # type: ignore[attr-defined]
    assert after != before
    assert labels.money(job_charges(ctx.store, HEATER_OUT, ctx.today()).total) in after
