"""The job view: contact, warranty, SLA countdowns, status steps, checklists per unit, photos."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QTabWidget

from tech_app.checklist import answers_of
from tech_app.coverage import job_warranty
from tech_app.vocab import JobStatus
from tests.ui.conftest import FLEET, HEATER_IN, HEATER_OUT
from ui.checklist_editors import ChoiceEditor, PhotoEditor
from ui.job_view import JobView


def open_view(qtbot, ctx, job_id: str) -> JobView:  # type: ignore[no-untyped-def]
    view = JobView(ctx)
    qtbot.addWidget(view)
    view.show_job(job_id)
    view.show()
    return view


def test_clicking_the_phone_copies_it(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = open_view(qtbot, ctx, HEATER_IN)
    with qtbot.waitSignal(view.status_message) as message:
        qtbot.mouseClick(view.phone_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "138 0013 5521"
    assert "138 0013 5521" in message.args[0]


def test_out_of_warranty_unit_says_why(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = open_view(qtbot, ctx, HEATER_OUT)
    (decision,) = job_warranty(ctx.store, HEATER_OUT, ctx.today()).values()
    assert decision is not None and not decision.covered
    text = view.assets_label.text()
    assert "Warranty ended on" in text and escape(decision.reason) in text


def test_sla_countdowns_are_coloured_by_state(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = open_view(qtbot, ctx, HEATER_IN)
    reply = view.sla_panel.state_labels["reply"]
    resolved = view.sla_panel.state_labels["resolved"]
    assert reply.text().startswith("Breached") and "#c62828" in reply.styleSheet()
    assert resolved.text().startswith("On track") and "#1565c0" in resolved.styleSheet()
    view.change_status(JobStatus.EN_ROUTE)  # the reply is made now, late
    assert view.sla_panel.state_labels["reply"].text().startswith("Breached (")


def test_status_buttons_follow_the_status_machine(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = open_view(qtbot, ctx, HEATER_IN)
    visible = {s for s, b in view.step_buttons.items() if b.isVisible()}
    assert visible == {JobStatus.EN_ROUTE} and not view.sign_button.isVisible()
    view.take_next_step()
    view.take_next_step()
    visible = {s for s, b in view.step_buttons.items() if b.isVisible()}
    assert visible == {JobStatus.WAITING_PARTS, JobStatus.COMPLETED}
    assert view.sign_button.isVisible()
    assert view.title.text() == "SV-261128-02 · Repair · On site"


def test_a_fleet_job_has_one_checklist_per_truck(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = open_view(qtbot, ctx, FLEET)
    tabs = view.checklist.findChild(QTabWidget, "asset_tabs")
    assert tabs is not None and tabs.count() == 6
    assert tabs.tabText(0) == "HL-CPCD30-2301"
    assert len(view.checklist.editors) == 6 * 8
    third_truck = [k for k in view.checklist.editors if k[1] == "brake_test"][2]
    brake = view.checklist.editors[third_truck]
    assert isinstance(brake, ChoiceEditor)
    brake.combo.setCurrentIndex(brake.combo.findData("adjusted"))
    brake.on_activated(brake.combo.currentIndex())  # what picking it in the list calls
    assert answers_of(ctx.store, FLEET)[third_truck].value == "adjusted"


def test_a_photo_is_stored_as_a_blob_and_answered_by_its_hash(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    picture = tmp_path / "fault.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    assert image.save(str(picture))
    view = open_view(qtbot, ctx, HEATER_OUT)
    photo = view.checklist.editor("photo")
    assert isinstance(photo, PhotoEditor)
    photo.on_file_selected(str(picture))  # what the file dialog reports
    (answer,) = [a for (_a, k), a in answers_of(ctx.store, HEATER_OUT).items() if k == "photo"]
    assert ctx.blobs.get(answer.value) == picture.read_bytes()
    assert photo.feedback.text() == "Photo attached"


def test_chinese_labels_come_from_the_template(qtbot, make_ctx, demo_profile) -> None:  # type: ignore[no-untyped-def]
    view = open_view(qtbot, make_ctx(demo_profile, language="zh_CN"), HEATER_IN)
    labels = view.checklist.item_labels()
    assert "水箱漏水 *" in labels and "进水压力 *" in labels
