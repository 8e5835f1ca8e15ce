"""The job's Service tab: call/SMS/map links, a scanned code, the complaint handled with
the customer's agreement, the loaner and spare pool, training attendance, and the customer
file — in English and in zh_CN."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl

from tech_app.demo import demo_id
from tech_app.records import Complaint, Loan
from tech_app.service_visits import attendance_of
from tests.ui.helpers import commit_text
from ui.job_view import JobView

COMPLAINT = demo_id("job:complaint")
REPAIR = demo_id("job:xinda-repair")
TRAINING = demo_id("job:training")
HEATER_IN = demo_id("job:heater-in")


def open_view(qtbot, ctx, job_id: str) -> tuple[JobView, list[str]]:  # type: ignore[no-untyped-def]
    view = JobView(ctx)
    qtbot.addWidget(view)
    view.resize(900, 760)
    opened: list[str] = []
    view.service._open_url = lambda url: opened.append(QUrl(url).toString())
    view.show_job(job_id)
    view.show()
    view.tabs.setCurrentWidget(view.service)
    return view, opened


def test_call_text_and_map_open_through_the_system(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view, opened = open_view(qtbot, ctx, COMPLAINT)
    panel = view.service
    for button in (panel.call_button, panel.sms_button, panel.map_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened[:2] == ["tel:13917880456", "sms:13917880456"]
    assert opened[2].startswith(("geo:0,0?q=", "maps://?q=", "bingmaps:?q="))
    assert "七莘路" in QUrl.fromPercentEncoding(opened[2].encode())


def test_a_scanned_code_finds_the_part_or_the_unit(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view, _ = open_view(qtbot, ctx, REPAIR)
    panel = view.service
    commit_text(panel.scan_edit, "pr-toner")
    qtbot.keyClick(panel.scan_edit, Qt.Key.Key_Return)
    assert panel.scan_result.text() == "Part PR-TONER: Toner cartridge LT2405, ¥269.00"
    panel.scan_edit.clear()
    commit_text(panel.scan_edit, "LNV-LJ2405-X0002")
    qtbot.keyClick(panel.scan_edit, Qt.Key.Key_Return)
    assert panel.scan_result.text() == "Unit LNV-LJ2405-X0002: Lenovo LJ2405"
    panel.scan_edit.clear()
    commit_text(panel.scan_edit, "NOPE-1")
    qtbot.keyClick(panel.scan_edit, Qt.Key.Key_Return)
    assert panel.scan_result.text() == "Nothing has the code NOPE-1"


def test_the_complaint_is_confirmed_in_chinese(qtbot, make_ctx, demo_profile, chinese) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(demo_profile, language="zh_CN")
    view, _ = open_view(qtbot, ctx, COMPLAINT)
    panel = view.service
    assert view.tabs.tabText(view.tabs.indexOf(panel)) == "服务"
    assert panel.complaint_box.isVisible() and not panel.training_box.isVisible()
    assert panel.type_combo.currentText() == "立竿见影型"  # taken by phone at head office
    assert [panel.type_combo.itemText(i) for i in range(6)] == [
        "全面否定型",
        "缺乏信任型",
        "喋喋不休型",
        "立竿见影型",
        "推卸责任型",
        "发泄情绪型",
    ]
    panel.agreed_check.setChecked(True)
    qtbot.mouseClick(panel.save_complaint_button, Qt.MouseButton.LeftButton)
    assert panel.complaint_error.text() == "此项必填"  # who agreed
    commit_text(panel.agreed_by_edit, "赵敏")
    qtbot.mouseClick(panel.save_complaint_button, Qt.MouseButton.LeftButton)
    assert panel.complaint_saved.text() == "已保存" and panel.complaint_error.text() == ""
    (saved,) = ctx.store.select(Complaint, "job_id = ?", [COMPLAINT])
    assert (saved.agreed, saved.agreed_by) == (True, "赵敏")


def test_the_loaner_is_returned_and_the_spare_pool_shown(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view, _ = open_view(qtbot, ctx, REPAIR)
    panel = view.service
    assert panel.loan_box.isVisible() and not panel.complaint_box.isVisible()
    assert "LNV-LJ2405-SP0003" in panel.loans_label.text()
    assert "with the customer" in panel.loans_label.text()
    assert panel.pool_label.text() == "Spare pool: 2 of 3 held by liu (short 1)"
    qtbot.mouseClick(panel.return_button, Qt.MouseButton.LeftButton)
    assert "returned" in panel.loans_label.text() and not panel.return_button.isEnabled()
    assert ctx.store.get(Loan, demo_id("loan:xinda")).returned_at is not None
    commit_text(panel.loan_unit_edit, "备用打印机 LJ2405")
    qtbot.mouseClick(panel.lend_button, Qt.MouseButton.LeftButton)
    assert panel.return_button.isEnabled()
    view.show_job(HEATER_IN)  # no contract, no equipment support: no loans
    assert not panel.loan_box.isVisible()


def test_training_attendance_is_taken(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view, _ = open_view(qtbot, ctx, TRAINING)
    panel = view.service
    assert panel.training_box.isVisible()
    assert panel.attendance_label.text() == "Nobody recorded yet."
    for name, role in (("周强", "仓库主管"), ("钱师傅", "叉车司机")):
        commit_text(panel.attendee_edit, name)
        commit_text(panel.role_edit, role)
        qtbot.mouseClick(panel.add_attendee_button, Qt.MouseButton.LeftButton)
    assert panel.attendance_label.text().endswith("2 operator(s) attended")
    assert [a.attendee for a in attendance_of(ctx.store, TRAINING)] == ["周强", "钱师傅"]


def test_the_customer_file_opens_offline(qtbot, make_ctx, demo_profile, chinese) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(demo_profile, language="zh_CN")
    view, _ = open_view(qtbot, ctx, REPAIR)
    qtbot.mouseClick(view.service.file_button, Qt.MouseButton.LeftButton)
    dialog = view.service.file_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "客户档案：信达科技有限公司 Xinda Technology"
    text = dialog.body.text()
    assert "LNV-LJ2405-X0001" in text and "打印设备技术支持协议" in text and "维修" in text
    dialog.close()


def test_without_a_camera_the_photo_comes_from_a_file_with_a_thumbnail(  # type: ignore[no-untyped-def]
    qtbot, ctx, tmp_path
) -> None:
    from tech_app.on_site import photos_of
    from tests.reports.helpers import signature_png

    picture = tmp_path / "press.png"
    picture.write_bytes(signature_png(3))
    view, _ = open_view(qtbot, ctx, COMPLAINT)
    panel = view.service
    asked: list[str] = []
    panel._cameras = lambda: asked.append("cameras") or []
    panel._choose_file = lambda parent: picture
    qtbot.mouseClick(panel.photo_button, Qt.MouseButton.LeftButton)
    assert asked == ["cameras"]  # the camera was looked for first
    assert panel.photo_count.text() == "1 photo(s) of this visit"
    assert not panel.thumbnail.pixmap().isNull()
    (photo,) = photos_of(ctx.store, COMPLAINT)
    assert ctx.blobs.get(photo.sha256) == picture.read_bytes()


def test_the_time_limit_reads_and_saves_on_the_sites_clock(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view, _ = open_view(qtbot, ctx, COMPLAINT)
    panel = view.service
    # The demo's time limit is 18:00 in Shanghai, whatever zone the laptop is set to.
    assert panel.deadline_edit.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-28 18:00"
    commit_text(panel.agreed_by_edit, "赵敏")
    panel.agreed_check.setChecked(True)
    qtbot.mouseClick(panel.save_complaint_button, Qt.MouseButton.LeftButton)
    (saved,) = ctx.store.select(Complaint, "job_id = ?", [COMPLAINT])
    assert saved.deadline.isoformat() == "2026-11-28T18:00:00+08:00"


def test_the_job_shows_the_8_h_promise_met_by_the_loan(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    """Reported yesterday 09:00, the loaner in at 14:00: 3 h to spare on the 8 h promise,
    though the repair itself is still to do."""
    view, _ = open_view(qtbot, ctx, REPAIR)
    states = view.sla_panel.state_labels
    assert states["repaired_or_replaced"].text() == "Met (3 h 00 min early)"
    assert states["phone_response"].text() == "Met (10 min early)"
    assert states["on_site"].text() == "Met (10 min early)"
