"""The job's flags on the technician's screen: chips above the tabs, a mark in the list."""

from __future__ import annotations

import dataclasses
from datetime import date

from pytestqt.qt_compat import qt_api

from tech_app import review_notes
from tech_app.records import Job
from tech_app.review_notes import NoteCode
from tech_app.rules.recurring import recurring_note
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage, JobStatus
from tests.ui.conftest import HEATER_IN, HEATER_OUT
from ui.job_table_model import Column
from ui.job_view import JobView
from ui.main_window import MainWindow

NOTE = review_notes.encode(
    recurring_note("SH-2024-00871", "SV-260310-01", "liu", date(2026, 3, 10), date(2026, 12, 9))
)


def _flag_job(ctx, job_id: str, flagged: str = NOTE) -> None:  # type: ignore[no-untyped-def]
    # As head office's pull brings it: the note on the job row.
    job = ctx.store.get(Job, job_id)
    ctx.store.save(dataclasses.replace(job, flagged=flagged))


def test_head_offices_notes_show_in_chinese_and_old_text_as_written(  # type: ignore[no-untyped-def]
    qtbot, ctx, chinese
) -> None:
    old = "zhao recorded work on job X-1 after head office cancelled it"
    flagged = review_notes.add(
        NOTE, review_notes.note(NoteCode.WORK_AFTER_DELETE, technician="liu", job="J-7")
    )
    flagged = review_notes.add(
        flagged,
        review_notes.note(
            NoteCode.OVERCHARGE,
            technician="liu",
            overcharge=5000,
            amount_charged=9000,
            slip_total=4000,
        ),
    )
    _flag_job(ctx, HEATER_OUT, f"{old}\n{flagged}")
    view = JobView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_job(HEATER_OUT)
    texts = [c.text() for c in view.flag_banner.chips]
    assert texts[0].startswith("重复故障：请更换整机。") and "SV-260310-01" in texts[0]
    assert texts[1] == f"总部审核：{old}"  # an older version's note, kept verbatim
    assert texts[2] == "总部审核：总部删除工单 J-7 后，liu 仍记录了工作。"
    assert texts[3].startswith("总部审核：多收费 ") and "50" in texts[3] and "90" in texts[3]
    assert not any("recorded work on job J-7" in t or "overcharge" in t for t in texts)


def test_the_job_view_shows_each_flag_as_it_arises(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    _flag_job(ctx, HEATER_OUT)
    view = JobView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_job(HEATER_OUT)
    banner = view.flag_banner
    assert banner.isVisible()
    (chip,) = banner.chips
    assert "replace the unit" in chip.text() and "SV-260310-01" in chip.text()
    assert "2026-12-09" in chip.text()
    # On site, a charged part without the customer's consent: a second chip appears.
    view.change_status(JobStatus.EN_ROUTE)
    view.change_status(JobStatus.ON_SITE)
    record_part_usage(ctx.store, HEATER_OUT, "SH-FIT-20", 1, Coverage.CHARGED, "liu")
    view.parts.changed.emit()
    assert [c.objectName() for c in banner.chips] == ["flag_replace_unit", "flag_consent_missing"]
    assert "must agree to ¥" in banner.chips[1].text()
    # The consent recorded (what the charges panel does): the chip goes.
    from tech_app.signoff import record_consent

    record_consent(ctx.store, HEATER_OUT, "Emily Carter", planned_minutes=None)
    view.charges.changed.emit()
    assert [c.objectName() for c in banner.chips] == ["flag_replace_unit"]


def test_a_job_without_flags_shows_no_banner(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    view = JobView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_job(HEATER_IN)
    assert not view.flag_banner.isVisible() and view.flag_banner.chips == []


def test_the_job_list_marks_a_replace_unit_job(qtbot, ctx, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    _flag_job(ctx, HEATER_IN)
    window = MainWindow(ctx, search_delay_ms=0)
    qtbot.addWidget(window)
    model = window.job_list.model
    rows = {
        model.index(r, 0).data(qt_api.QtCore.Qt.ItemDataRole.UserRole): r
        for r in range(model.rowCount())
    }
    flagged = model.index(rows[HEATER_IN], Column.STATUS)
    assert flagged.data().startswith("⚑ Replace unit · ")
    tip = flagged.data(qt_api.QtCore.Qt.ItemDataRole.ToolTipRole)
    assert "replace the unit" in tip and "SV-260310-01" in tip
    plain = model.index(rows[HEATER_OUT], Column.STATUS)
    assert "⚑" not in plain.data()
    qtmodeltester.check(model)
