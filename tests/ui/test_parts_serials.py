"""Serials on a part line: what came out, what went in, and the fitted part's own warranty."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tech_app.records import PartUsage
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage
from tests.tech_app.fleet_history import PREVIOUS_VISIT, TRUCKS, add_previous_visit
from tests.ui.conftest import FLEET
from ui.parts_panel import PartsPanel


def fit_pad_in_august(ctx) -> None:  # type: ignore[no-untyped-def]
    # Fitted by a colleague, from their own van: this van's stock stays as it was.
    previous = add_previous_visit(ctx.store, assignee="wang")
    record_part_usage(
        ctx.store,
        previous.id,
        "FL-BRK-PAD",
        1,
        Coverage.CHARGED,
        "wang",
        asset_id=TRUCKS[0],
        confirm_negative=True,
        serial_out="PAD-2023-001",
        serial_in="PAD-2026-417",
        now=PREVIOUS_VISIT,
    )


def panel_for(qtbot, ctx) -> PartsPanel:  # type: ignore[no-untyped-def]
    panel = PartsPanel(ctx)
    qtbot.addWidget(panel)
    panel.load(FLEET)
    panel.show()
    return panel


def test_serials_are_recorded_and_shown(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx)
    panel.asset_combo.setCurrentIndex(panel.asset_combo.findData(TRUCKS[2]))
    panel.pick_by_key("FL-BRK-PAD")
    qtbot.keyClicks(panel.serial_out_field, "PAD-2023-118")
    qtbot.keyClicks(panel.serial_in_field, "PAD-2026-502")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    (line,) = ctx.store.select(PartUsage, "job_id = ?", [FLEET])
    assert (line.asset_id, line.serial_out, line.serial_in) == (
        TRUCKS[2],
        "PAD-2023-118",
        "PAD-2026-502",
    )
    assert panel.model.index(0, 6).data() == "PAD-2023-118 → PAD-2026-502"
    assert panel.serial_out_field.text() == "" and panel.serial_in_field.text() == ""


def test_removing_a_part_fitted_in_august_prefills_warranty(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    fit_pad_in_august(ctx)
    panel = panel_for(qtbot, ctx)
    panel.asset_combo.setCurrentIndex(panel.asset_combo.findData(TRUCKS[1]))
    panel.pick_by_key("FL-BRK-PAD")
    # Truck 2 never had the pad fitted: a wear part under the fleet contract is charged.
    assert panel.coverage is Coverage.CHARGED
    panel.asset_combo.setCurrentIndex(panel.asset_combo.findData(TRUCKS[0]))
    qtbot.keyClicks(panel.serial_out_field, "PAD-2026-417")
    assert panel.coverage is Coverage.WARRANTY
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    (line,) = ctx.store.select(PartUsage, "job_id = ?", [FLEET])
    assert line.coverage is Coverage.WARRANTY and line.serial_out == "PAD-2026-417"


def test_serial_fields_are_read_only_on_a_frozen_job(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = panel_for(qtbot, ctx)
    panel.set_read_only(True)
    assert not panel.serial_out_field.isEnabled() and not panel.serial_in_field.isEnabled()
