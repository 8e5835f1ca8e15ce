"""The job view shows each unit's earlier visits, parts replaced and last readings, offline."""

from __future__ import annotations

from tech_app.van import record_part_usage
from tech_app.vocab import Coverage
from tests.tech_app.fleet_history import PREVIOUS_VISIT, TRUCKS, add_previous_visit
from tests.ui.conftest import FLEET, HEATER_IN
from ui.job_view import JobView


def open_view(qtbot, ctx, job_id: str) -> JobView:  # type: ignore[no-untyped-def]
    view = JobView(ctx)
    qtbot.addWidget(view)
    view.show_job(job_id)
    view.show()
    return view


def test_unit_history_lists_earlier_visits_with_parts_and_readings(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    previous = add_previous_visit(ctx.store, assignee="wang")
    record_part_usage(
        ctx.store,
        previous.id,
        "FL-BRK-PAD",
        1,
        Coverage.CHARGED,
        "wang",
        asset_id=TRUCKS[0],
        serial_out="PAD-2023-001",
        serial_in="PAD-2026-417",
        confirm_negative=True,
        now=PREVIOUS_VISIT,
    )
    view = open_view(qtbot, ctx, FLEET)
    view.tabs.setCurrentWidget(view.unit_history)
    text = view.unit_history.toPlainText()
    # Six sections, one per truck, each with August's visit.
    assert text.count("SV-260820-01") == 6
    assert "HL-CPCD30-2301 · 合力 Heli CPCD30" in text
    assert "Last readings: Hour meter 1950 h · Fork heel wear 2 % · Tyre tread depth 18 mm" in text
    assert "2026-08-20 10:00" in text  # the visit, in the job's time zone
    assert "FL-BRK-PAD" in text and "serial PAD-2023-001 → PAD-2026-417" in text
    assert text.count("FL-BRK-PAD") == 1  # the pad went on truck 1 only
    assert "wang" in text


def test_a_unit_without_earlier_visits_says_so(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = open_view(qtbot, ctx, HEATER_IN)
    assert "No earlier visits of this unit on this device." in view.unit_history.toPlainText()
