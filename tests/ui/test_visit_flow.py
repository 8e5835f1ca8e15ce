"""A whole visit driven through the widgets, from the job list to a signed, frozen job and its slip.

The in-warranty solar heater of 王建国: en route, on site, the checklist (an
out-of-range pressure flagged while typing, a missing required item blocking
completion by name), two parts (one covered by warranty), a labour timer,
consent to the estimate, a signature drawn on the pad, and the slip PDF on disk.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt

from tech_app.checklist import answers_of, record_answer
from tech_app.demo import demo_id
from tech_app.errors import FrozenJobError
from tech_app.records import Consent, Job, Part, PartUsage, Signature, Slip, TimeEntry
from tech_app.signoff import record_consent
from tech_app.vocab import Coverage, JobStatus, TimeKind
from tests.ui.conftest import HEATER_IN
from tests.ui.helpers import message_boxes, press, sign_with_strokes
from ui.checklist_editors import NumberEditor, YesNoEditor
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    main = MainWindow(ctx, search_delay_ms=0)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def read_the_slip(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """The customer reads the unsigned slip first; then the pad."""
    qtbot.waitUntil(dialog.read_button.isEnabled, timeout=60_000)
    assert dialog.pages.currentWidget() is dialog.review_page
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.sign_page


def test_a_whole_visit_through_the_widgets(qtbot, window: MainWindow, ctx) -> None:  # type: ignore[no-untyped-def]
    store = ctx.store
    assert window.job_list.select_job(HEATER_IN)
    view = window.job_view
    assert view.job_id == HEATER_IN
    assert "In warranty until" in view.assets_label.text()

    # -- on the way, and on site ------------------------------------------------------
    qtbot.mouseClick(view.step_buttons[JobStatus.EN_ROUTE], Qt.MouseButton.LeftButton)
    assert store.get(Job, HEATER_IN).status is JobStatus.EN_ROUTE
    assert not view.step_buttons[JobStatus.COMPLETED].isVisible()
    qtbot.mouseClick(view.step_buttons[JobStatus.ON_SITE], Qt.MouseButton.LeftButton)
    assert store.get(Job, HEATER_IN).status is JobStatus.ON_SITE
    row = window.model.row_of(HEATER_IN)
    assert window.model.index(row, 5).data() == "On site"  # the list followed

    # -- checklist: answers saved as entered, out-of-range flagged at once -----------------
    view.tabs.setCurrentWidget(view.checklist)
    leak = view.checklist.editor("tank_leak")
    assert isinstance(leak, YesNoEditor)
    qtbot.mouseClick(leak.yes, Qt.MouseButton.LeftButton)
    pressure = view.checklist.editor("water_pressure")
    assert isinstance(pressure, NumberEditor)
    qtbot.keyClicks(pressure.field, "0.9")
    assert pressure.flagged and "Out of range" in pressure.feedback.text()
    assert pressure.range_label.text() == "0.1–0.6 MPa"
    saved = answers_of(store, HEATER_IN)
    asset_id = next(iter(saved))[0]
    assert saved[(asset_id, "water_pressure")].value == "0.9"
    assert saved[(asset_id, "water_pressure")].out_of_range

    # "Collector tubes intact" is required and unanswered: completion is refused by name.
    qtbot.mouseClick(view.step_buttons[JobStatus.COMPLETED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_boxes(view)))
    (box,) = message_boxes(view)
    assert "Collector tubes intact" in box.text()
    press(qtbot, box, "OK")
    assert store.get(Job, HEATER_IN).status is JobStatus.ON_SITE
    tubes = view.checklist.editor("tubes_intact")
    assert isinstance(tubes, YesNoEditor)
    qtbot.mouseClick(tubes.yes, Qt.MouseButton.LeftButton)

    # -- parts: one found by name (warranty), one scanned by number (charged) ---------------
    parts = view.parts
    view.tabs.setCurrentWidget(parts)
    qtbot.keyClicks(parts.part_field, "collector")
    popup = parts.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert parts.part_field.text() == "SH-TUBE-58"
    assert parts.coverage is Coverage.WARRANTY  # collector tubes: main unit, 3 years
    qtbot.mouseClick(parts.add_button, Qt.MouseButton.LeftButton)
    parts.part_field.setFocus()
    qtbot.keyClicks(parts.part_field, "SH-FIT-20")
    qtbot.keyClick(parts.part_field, Qt.Key.Key_Return)  # what a barcode scanner sends
    parts.completer.popup().hide()
    assert parts.coverage is Coverage.CHARGED  # pipes: 1 year, bought 18 months ago
    parts.quantity.setText("2")
    qtbot.mouseClick(parts.add_button, Qt.MouseButton.LeftButton)
    used = {
        store.get(Part, u.part_id).number: u
        for u in store.select(PartUsage, "job_id = ?", [HEATER_IN])
    }
    assert used["SH-TUBE-58"].coverage is Coverage.WARRANTY
    assert used["SH-FIT-20"].coverage is Coverage.CHARGED
    assert str(used["SH-FIT-20"].quantity) == "2"
    assert parts.model.rowCount() == 2

    # -- time: the labour timer "On site" started, stopped, then corrected to 45 minutes -----
    time = view.time
    view.tabs.setCurrentWidget(time)
    assert "Labour running" in time.running_label.text()
    qtbot.mouseClick(time.stop_button, Qt.MouseButton.LeftButton)
    kinds = [time.model.entry(r).kind for r in range(time.model.rowCount())]
    assert sorted(kinds) == [TimeKind.LABOUR, TimeKind.TRAVEL]  # "En route" started travel
    time.table.selectRow(kinds.index(TimeKind.LABOUR))
    start = time.start_edit.dateTime()
    time.end_edit.setDateTime(QDateTime(start).addSecs(45 * 60))
    qtbot.mouseClick(time.correct_button, Qt.MouseButton.LeftButton)
    (entry,) = store.select(TimeEntry, "job_id = ? AND kind = 'labour'", [HEATER_IN])
    assert entry.ended_at - entry.started_at == timedelta(minutes=45)

    # -- consent to the estimate -------------------------------------------------------------
    charges = view.charges
    view.tabs.setCurrentWidget(charges)
    assert charges.estimate_model.rowCount() >= 1
    charges.consent_check.setChecked(True)
    assert charges.consent_name.text() == "王建国"
    qtbot.mouseClick(charges.consent_button, Qt.MouseButton.LeftButton)
    assert store.select(Consent, "job_id = ?", [HEATER_IN])[0].consented_by == "王建国"
    assert "王建国" in charges.consent_label.text()
    assert "SH-FIT-20" in " ".join(
        charges.running_model.index(r, 0).data() for r in range(charges.running_model.rowCount())
    )

    # -- sign-off: strokes on the pad, then the slip from the worker ------------------------
    qtbot.mouseClick(view.sign_button, Qt.MouseButton.LeftButton)
    dialog = view.signoff_dialog
    assert dialog is not None and dialog.isVisible()
    read_the_slip(qtbot, dialog)
    assert not dialog.sign_button.isEnabled()  # nothing drawn yet
    sign_with_strokes(dialog.pad)
    assert dialog.pad.stroke_count == 2 and dialog.sign_button.isEnabled()
    dialog.set_rating(5)
    dialog.comment_field.setPlainText("师傅很专业")
    with qtbot.waitSignal(dialog.slip_ready, timeout=60_000) as ready:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    slip_path = Path(ready.args[0])
    assert slip_path.exists() and slip_path.read_bytes().startswith(b"%PDF")
    assert dialog.preview.document.pageCount() >= 1
    assert dialog.pages.currentWidget() is dialog.preview

    # -- frozen afterwards --------------------------------------------------------------------
    assert store.get(Job, HEATER_IN).status is JobStatus.SIGNED
    (signature,) = store.select(Signature, "job_id = ?", [HEATER_IN])
    assert signature.rating == 5 and signature.signer_name == "王建国"
    assert ctx.blobs.get(signature.image_sha256).startswith(b"\x89PNG")
    assert store.select(Slip, "job_id = ?", [HEATER_IN])
    with pytest.raises(FrozenJobError):
        record_answer(store, HEATER_IN, "tank_leak", "no")
    assert not view.checklist.editor("tank_leak").isEnabled()
    assert not parts.add_button.isEnabled() and not parts.part_field.isEnabled()
    assert view.frozen_label.isVisible()
    assert window.model.index(window.model.row_of(HEATER_IN), 5).data() == "Signed"
    history = [view.history_model.index(r, 1).data() for r in range(view.history_model.rowCount())]
    assert "Status → Signed" in history and "Signed by 王建国" in history
    dialog.close()


def test_a_signed_jobs_slip_is_shown_again_even_if_its_file_was_lost(
    qtbot, window: MainWindow, ctx
) -> None:  # type: ignore[no-untyped-def]
    job_id = demo_id("job:printer")
    store = ctx.store
    window.job_list.select_job(job_id)
    view = window.job_view
    view.change_status(JobStatus.EN_ROUTE)
    view.change_status(JobStatus.ON_SITE)
    for key, value in (("driver", "yes"), ("connection", "Wi-Fi"), ("test_page", "yes")):
        record_answer(store, job_id, key, value)
    record_consent(store, job_id, "Ms. Grace Lin", None)  # the call-out is charged
    view.open_signoff()
    dialog = view.signoff_dialog
    assert dialog is not None
    read_the_slip(qtbot, dialog)
    sign_with_strokes(dialog.pad)
    with qtbot.waitSignal(dialog.slip_ready, timeout=60_000) as first:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    dialog.close()
    Path(first.args[0]).unlink()  # the file is gone; the PDF blob is not

    assert view.sign_button.text() == "Slip…"
    view.open_signoff()
    again = view.signoff_dialog
    assert again is not None and again is not dialog
    assert again.pages.currentWidget() is again.preview
    assert again.slip_path is not None and again.slip_path.read_bytes().startswith(b"%PDF")
    assert len(store.select(Slip, "job_id = ?", [job_id])) == 1  # shown again, not re-issued
    again.close()


def test_the_cause_of_the_fault_and_consent_to_a_grown_bill(qtbot, window: MainWindow, ctx) -> None:  # type: ignore[no-untyped-def]
    """The technician records 'dismantled by the user': the in-warranty heater's call-out
    and tube become charged at once, sign-off is refused until the customer agrees to the
    bill as it stands, and the agreement is recorded from the same panel."""
    from tech_app.charges import job_charges
    from tech_app.signoff import consented_total
    from tech_app.van import record_part_usage

    store = ctx.store
    assert window.job_list.select_job(HEATER_IN)
    view = window.job_view
    view.change_status(JobStatus.EN_ROUTE)
    view.change_status(JobStatus.ON_SITE)
    record_part_usage(store, HEATER_IN, "SH-TUBE-58", 1, Coverage.WARRANTY, "liu")
    charges = view.charges
    charges.refresh()
    assert job_charges(store, HEATER_IN).total == 0
    assert not charges.agree_bill_button.isEnabled()

    charges.fault_cause.setCurrentIndex(charges.fault_cause.findData("user_dismantling"))
    charges.fault_cause.activated.emit(charges.fault_cause.currentIndex())
    assert store.get(Job, HEATER_IN).fault_cause == "user_dismantling"
    bill = job_charges(store, HEATER_IN)
    assert bill.total == (5000 + 9500) * 113 // 100  # call-out and tube, 13% VAT
    assert "before signing" in charges.bill_warning.text()

    charges.consent_check.setChecked(True)
    assert charges.agree_bill_button.isEnabled()
    qtbot.mouseClick(charges.agree_bill_button, Qt.MouseButton.LeftButton)
    assert consented_total(store, HEATER_IN) == bill.total
    assert charges.bill_warning.text() == ""
    assert "王建国" in charges.consent_label.text()
