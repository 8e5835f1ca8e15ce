"""The jewellery intake panel in zh_CN: fill in, refusals under their fields, sign, print,
ready, a wrong counterfoil number refused, hand back."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt

from tech_app import intake
from tech_app.demo import demo_id
from tech_app.vocab import IntakeService, IntakeState
from tests.ui.conftest import HEATER_IN
from tests.ui.helpers import commit_text, sign_with_strokes
from ui.history import collapse, describe, job_changes
from ui.intake_panel import CounterfoilDialog, IntakeSignDialog
from ui.job_view import JobView

RING = demo_id("job:ring")


def open_view(qtbot, ctx, job_id: str) -> JobView:  # type: ignore[no-untyped-def]
    view = JobView(ctx)
    qtbot.addWidget(view)
    view.resize(900, 760)
    view.show_job(job_id)
    view.show()
    return view


def shown_error(view: JobView, name: str) -> str:
    label = view.intake.errors[name]
    return label.text() if label.isVisible() else ""


def test_only_a_counter_job_has_the_intake_tab(qtbot, make_ctx, demo_profile, chinese) -> None:  # type: ignore[no-untyped-def]
    view = open_view(qtbot, make_ctx(demo_profile, language="zh_CN"), RING)
    assert view.tabs.tabText(1) == "珠宝收件登记"
    view.show_job(HEATER_IN)
    assert view.tabs.indexOf(view.intake) == -1 and not view.intake.isVisible()
    view.show_job(RING)
    assert view.tabs.indexOf(view.intake) == 1


def test_a_piece_is_handed_in_made_ready_and_handed_back_in_chinese(  # type: ignore[no-untyped-def]
    qtbot, make_ctx, demo_profile, chinese, tmp_path
) -> None:
    ctx = make_ctx(demo_profile, language="zh_CN")
    view = open_view(qtbot, ctx, RING)
    panel = view.intake
    view.tabs.setCurrentWidget(panel)
    assert panel.sign_button.text() == "顾客签名确认…"
    assert not panel.print_button.isVisible() and not panel.collect_box.isVisible()

    # Typed as a Chinese input method commits it; the size in full-width digits.
    commit_text(panel.product_field, "周大生18K金钻石戒指")
    commit_text(panel.stone_size_field, "〇．三")  # not digits: refused under the field
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    assert shown_error(view, "stone_size") == "“〇．三”不是数字"
    assert panel.sign_dialog is None  # nobody signs a form that is refused

    panel.stone_size_field.clear()
    commit_text(panel.stone_size_field, "０．３０")
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    assert shown_error(view, "stone_size") == ""
    assert shown_error(view, "services") == "请至少勾选一项服务"
    assert panel.sign_dialog is None

    for service in (IntakeService.RESIZING, IntakeService.CLEANING, IntakeService.POLISHING):
        panel.service_boxes[service].setChecked(True)
    commit_text(panel.service_note_field, "改圈口 14→16 号")
    commit_text(panel.other_problems_field, "主石一爪轻微松动")
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    assert shown_error(view, "services") == ""
    dialog = panel.sign_dialog
    assert isinstance(dialog, IntakeSignDialog) and dialog.isVisible()
    assert dialog.name_field.text() == "陈静" and not dialog.sign_button.isEnabled()
    assert dialog.asked_label.text() == "服务项目：清洗、抛光、改圈口"
    sign_with_strokes(dialog.pad)
    dialog.name_field.setText("     ")  # the button follows the name; the core refuses blanks
    dialog.on_sign_clicked()
    assert dialog.error_label.text() == "签名人：此项必填"
    assert intake.intake_of(ctx.store, RING) is None
    dialog.name_field.setText("陈静")
    with qtbot.waitSignal(panel.counterfoil_ready, timeout=20_000) as printed:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    status = intake.intake_of(ctx.store, RING)
    assert status is not None and status.state is IntakeState.HANDED_IN
    number = status.intake.counterfoil_number
    assert status.intake.stone_size is not None and str(status.intake.stone_size) == "0.30"
    assert Path(printed.args[0]).exists()
    assert isinstance(panel.preview_dialog, CounterfoilDialog)
    panel.preview_dialog.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    assert number in panel.status_label.text() and "已收件" in panel.status_label.text()
    assert not panel.product_field.isEnabled()  # the signed form is recorded once

    qtbot.mouseClick(panel.ready_button, Qt.MouseButton.LeftButton)
    assert panel.collect_box.isVisible() and not panel.ready_button.isVisible()
    assert "可取件" in panel.status_label.text()
    shot = tmp_path / "intake_zh_CN.png"  # docs/screenshots/intake_zh_CN.png is this grab
    assert view.grab().save(str(shot)) and shot.stat().st_size > 10_000

    before = ctx.store.pending_count()
    commit_text(panel.counterfoil_field, "AX-000000-C000001")
    qtbot.mouseClick(panel.collect_button, Qt.MouseButton.LeftButton)
    assert shown_error(view, "intake_step.counterfoil_number") == (
        "“AX-000000-C000001”不是此件货品回执联上的编号"
    )
    assert ctx.store.pending_count() == before  # refused: nothing recorded
    assert intake.intake_of(ctx.store, RING).state is IntakeState.READY  # type: ignore[union-attr]

    panel.counterfoil_field.clear()
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in number)
    commit_text(panel.counterfoil_field, full_width)
    qtbot.mouseClick(panel.collect_button, Qt.MouseButton.LeftButton)
    assert intake.intake_of(ctx.store, RING).state is IntakeState.COLLECTED  # type: ignore[union-attr]
    assert "已取件" in panel.status_label.text()
    assert not panel.collect_box.isVisible()
    # The job's history tells the piece's story in Chinese.
    lines = [describe(c, ctx.store, True) for c in collapse(job_changes(ctx.store, RING))]
    assert f"货品已收件，陈静 签名确认登记表（回执编号 {number}）" in lines
    assert "货品可取件" in lines and "凭回执联交还货品" in lines
