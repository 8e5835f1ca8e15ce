"""The checklist on a fleet visit: unit by unit, with the last visit's readings beside the new."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tech_app.checklist import record_answer
from tests.tech_app.fleet_history import GOOD_ANSWERS, TRUCKS, add_previous_visit
from tests.ui.conftest import DEMO_NOW, FLEET, HEATER_IN
from ui.checklist_editors import NumberEditor
from ui.checklist_form import ChecklistForm


def form_for(qtbot, ctx) -> ChecklistForm:  # type: ignore[no-untyped-def]
    form = ChecklistForm(ctx)
    qtbot.addWidget(form)
    form.load(FLEET)
    form.show()
    return form


def type_reading(qtbot, editor: NumberEditor, text: str) -> None:  # type: ignore[no-untyped-def]
    editor.field.clear()
    qtbot.keyClicks(editor.field, text)


def test_a_jump_beyond_tolerance_is_flagged_beside_the_last_reading(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    add_previous_visit(ctx.store)  # fork heel wear 2 % in August; the template allows 3 %
    form = form_for(qtbot, ctx)
    wear = form.editor("fork_wear", TRUCKS[0])
    assert isinstance(wear, NumberEditor)
    assert wear.previous_label.text() == "last visit: 2 %"
    assert not wear.previous_label.isHidden()
    type_reading(qtbot, wear, "4")
    assert not wear.flagged and wear.feedback.text() == "Saved"
    type_reading(qtbot, wear, "6")
    assert wear.flagged
    assert wear.feedback.text() == "⚠ +4 % since last visit, allowed ±3 %"
    # Out of range and a jump at once: both are said.
    type_reading(qtbot, wear, "12")
    assert wear.feedback.text() == "⚠ Out of range; +10 % since last visit, allowed ±3 %"


def test_the_flag_is_shown_again_when_the_job_is_reopened(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    add_previous_visit(ctx.store)
    record_answer(ctx.store, FLEET, "hour_meter", "2700", asset_id=TRUCKS[1], now=DEMO_NOW)
    form = form_for(qtbot, ctx)
    meter = form.editor("hour_meter", TRUCKS[1])
    assert meter.flagged
    assert meter.feedback.text() == "⚠ +750 h since last visit, allowed ±600 h"
    assert not form.editor("hour_meter", TRUCKS[0]).flagged


def test_without_history_there_is_no_previous_reading(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    form = form_for(qtbot, ctx)
    wear = form.editor("fork_wear", TRUCKS[0])
    assert isinstance(wear, NumberEditor)
    assert wear.previous_label.isHidden()
    type_reading(qtbot, wear, "9")
    assert not wear.flagged


def test_progress_walks_unit_by_unit(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    for truck in TRUCKS[:4]:
        for key, value in GOOD_ANSWERS.items():
            record_answer(ctx.store, FLEET, key, value, asset_id=truck, now=DEMO_NOW)
    form = form_for(qtbot, ctx)
    assert form.progress_label.text() == "4 of 6 trucks done"
    assert form.tabs is not None
    assert [form.tabs.tabText(i) for i in range(6)] == [
        "✔ HL-CPCD30-2301",
        "✔ HL-CPCD30-2302",
        "✔ HL-CPCD30-2303",
        "✔ HL-CPCD30-2304",
        "HL-CPCD30-2305",
        "HL-CPCD30-2306",
    ]
    qtbot.mouseClick(form.next_unit_button, Qt.MouseButton.LeftButton)
    assert form.tabs.currentIndex() == 4

    # Finishing truck 5 through the widgets moves the count and the tab mark.
    for key in ("hour_meter", "fork_wear"):
        editor = form.editor(key, TRUCKS[4])
        assert isinstance(editor, NumberEditor)
        type_reading(qtbot, editor, GOOD_ANSWERS[key])
    yes = form.editor("hydraulic_oil", TRUCKS[4])
    qtbot.mouseClick(yes.yes, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert form.progress_label.text() == "4 of 6 trucks done"
    brake = form.editor("brake_test", TRUCKS[4])
    brake.combo.setCurrentIndex(brake.combo.findData("pass"))  # type: ignore[attr-defined]
    brake.combo.activated.emit(brake.combo.currentIndex())  # type: ignore[attr-defined]
    assert form.progress_label.text() == "5 of 6 trucks done"
    assert form.tabs.tabText(4) == "✔ HL-CPCD30-2305"
    qtbot.mouseClick(form.next_unit_button, Qt.MouseButton.LeftButton)
    assert form.tabs.currentIndex() == 5
    assert form.next_unit_button.isEnabled()


def test_a_single_unit_job_shows_no_unit_progress(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    form = ChecklistForm(ctx)
    qtbot.addWidget(form)
    form.load(HEATER_IN)
    form.show()
    assert form.progress_label.isHidden() and form.next_unit_button.isHidden()
