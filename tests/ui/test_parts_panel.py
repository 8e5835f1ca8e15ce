"""Parts: picked by name or scanned number, coverage pre-filled and overridable, stock checked."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from tech_app.records import Part, PartUsage
from tech_app.van import stock_of
from tech_app.vocab import Coverage
from tests.ui.conftest import FLEET, HEATER_OUT
from tests.ui.helpers import commit_text, message_boxes, press
from ui.parts_panel import PartsPanel


def panel_for(qtbot, ctx, job_id: str) -> PartsPanel:  # type: ignore[no-untyped-def]
    panel = PartsPanel(ctx)
    qtbot.addWidget(panel)
    panel.load(job_id)
    panel.show()
    return panel


def used(ctx, job_id: str) -> dict[str, PartUsage]:  # type: ignore[no-untyped-def]
    store = ctx.store
    return {
        store.get(Part, u.part_id).number: u
        for u in store.select(PartUsage, "job_id = ?", [job_id])
    }


def test_short_van_stock_asks_and_records_on_yes(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, HEATER_OUT)
    panel.pick_by_key("SH-VALVE")  # the van holds one
    assert panel.stock_label.text() == "1 pc"
    panel.quantity.setText("2")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    (box,) = message_boxes(panel)
    assert "holds 1 pc of SH-VALVE, 2 wanted" in box.text()
    assert "SH-VALVE" not in used(ctx, HEATER_OUT)  # nothing written before the answer
    with qtbot.waitSignal(panel.part_added):
        press(qtbot, box, "Record anyway")
    line = used(ctx, HEATER_OUT)["SH-VALVE"]
    assert line.stock_override and line.quantity == Decimal(2)
    part_id = line.part_id
    assert stock_of(ctx.store, ctx.technician, part_id).quantity == Decimal(-1)


def test_short_van_stock_declined_records_nothing(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, HEATER_OUT)
    panel.pick_by_key("SH-VALVE")
    panel.quantity.setText("3")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    (box,) = message_boxes(panel)
    press(qtbot, box, "No")
    assert used(ctx, HEATER_OUT) == {}


def test_coverage_is_prefilled_and_can_be_overridden(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, HEATER_OUT)  # Emily Carter: four years old, out of warranty
    panel.pick_by_key("SH-TUBE-58")
    assert panel.coverage is Coverage.CHARGED
    panel.set_coverage(Coverage.WARRANTY)  # the technician judges it a quality fault
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert used(ctx, HEATER_OUT)["SH-TUBE-58"].coverage is Coverage.WARRANTY


def test_fleet_parts_go_to_the_chosen_truck_under_the_contract(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, FLEET)
    assert panel.asset_combo.count() == 6 and panel.asset_combo.isEnabled()
    panel.asset_combo.setCurrentIndex(2)
    panel.pick_by_key("FL-GR-1KG")
    assert panel.coverage is Coverage.CONTRACT  # grease is supplied under the agreement
    panel.quantity.setText("0.5")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    line = used(ctx, FLEET)["FL-GR-1KG"]
    assert line.quantity == Decimal("0.5") and line.asset_id == panel.asset_combo.itemData(2)
    assert panel.model.index(0, 5).data().startswith("HL-CPCD30-2303")


def test_a_chinese_name_finds_the_part_in_chinese(qtbot, make_ctx, demo_profile) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(demo_profile, language="zh_CN")
    panel = panel_for(qtbot, ctx, HEATER_OUT)
    commit_text(panel.part_field, "电磁")
    qtbot.keyClick(panel.part_field, Qt.Key.Key_Return)  # the only match: pick it
    panel.completer.popup().hide()
    assert panel.part_field.text() == "SH-VALVE"
    assert "电磁阀" in panel.part_label.text()


def test_an_unknown_scan_says_so(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, HEATER_OUT)
    qtbot.keyClicks(panel.part_field, "XX-404")
    qtbot.keyClick(panel.part_field, Qt.Key.Key_Return)
    assert panel.part_label.text() == "⚠ No part “XX-404” in the catalogue"
    assert not panel.add_button.isEnabled()


def test_a_quantity_is_taken_as_a_chinese_keyboard_types_it(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, HEATER_OUT)
    panel.pick_by_key("SH-TUBE-58")
    panel.quantity.setText("２ 个")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert used(ctx, HEATER_OUT)["SH-TUBE-58"].quantity == Decimal(2)
    assert panel.quantity.text() == "1"  # ready for the next line


def test_a_negative_or_zero_quantity_is_refused_naming_the_field(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, HEATER_OUT)
    for typed in ("-2", "0", "abc"):
        panel.pick_by_key("SH-TUBE-58")
        panel.quantity.setText(typed)
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
        (box,) = message_boxes(panel)
        assert box.text().startswith("Quantity: ") and f"“{typed}”" in box.text()
        press(qtbot, box, "OK")
    assert used(ctx, HEATER_OUT) == {}  # -2 never became 2


def _add(qtbot, panel: PartsPanel, number: str, quantity: str) -> None:  # type: ignore[no-untyped-def]
    panel.pick_by_key(number)
    panel.quantity.setText(quantity)
    with qtbot.waitSignal(panel.part_added):
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)


def test_a_wrong_line_is_corrected_and_the_van_follows(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, HEATER_OUT)
    part_id = ctx.store.select(Part, "number = 'SH-TUBE-58'")[0].id
    before = stock_of(ctx.store, ctx.technician, part_id).quantity
    _add(qtbot, panel, "SH-TUBE-58", "3")
    assert not panel.correct_button.isEnabled()  # nothing selected yet
    panel.select_line(0)
    assert panel.line_quantity.text() == "3" and panel.correct_button.isEnabled()
    panel.line_quantity.setText("１")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.correct_button, Qt.MouseButton.LeftButton)
    assert used(ctx, HEATER_OUT)["SH-TUBE-58"].quantity == 1
    assert stock_of(ctx.store, ctx.technician, part_id).quantity == before - 1
    assert panel.model.index(0, 2).data() == "1 pc"


def test_a_correction_to_minus_two_is_refused_and_changes_nothing(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, HEATER_OUT)
    _add(qtbot, panel, "SH-TUBE-58", "2")
    panel.select_line(0)
    panel.line_quantity.setText("-2")
    qtbot.mouseClick(panel.correct_button, Qt.MouseButton.LeftButton)
    (box,) = message_boxes(panel)
    assert "“-2”: must be more than zero" in box.text()
    press(qtbot, box, "OK")
    assert used(ctx, HEATER_OUT)["SH-TUBE-58"].quantity == 2


def test_a_wrong_line_is_removed_after_asking_and_goes_back_to_the_van(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, HEATER_OUT)
    part_id = ctx.store.select(Part, "number = 'SH-TUBE-58'")[0].id
    before = stock_of(ctx.store, ctx.technician, part_id).quantity
    _add(qtbot, panel, "SH-TUBE-58", "2")
    panel.select_line(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    (box,) = message_boxes(panel)
    assert "go back into the van" in box.text()
    with qtbot.waitSignal(panel.changed):
        press(qtbot, box, "Remove")
    assert panel.model.rowCount() == 0
    assert stock_of(ctx.store, ctx.technician, part_id).quantity == before
    panel.load(HEATER_OUT)  # reopened: the removed line stays off the job
    assert panel.model.rowCount() == 0


def test_a_signed_job_offers_no_correction(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx, HEATER_OUT)
    _add(qtbot, panel, "SH-TUBE-58", "2")
    panel.set_read_only(True)
    panel.select_line(0)
    assert not panel.correct_button.isEnabled() and not panel.remove_button.isEnabled()
