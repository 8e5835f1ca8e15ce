"""The job's flags on the technician's screen: chips above the tabs, a mark in the list."""

from __future__ import annotations

import dataclasses
from datetime import date

from pytestqt.qt_compat import qt_api

from tech_app.records import Job
from tech_app.rules.recurring import recurring_note
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage, JobStatus
from tests.ui.conftest import HEATER_IN, HEATER_OUT
from ui.job_table_model import Column
from ui.job_view import JobView
from ui.main_window import MainWindow

NOTE = recurring_note("SH-2024-00871", "SV-260310-01", "liu", date(2026, 3, 10), date(2026, 12, 9))


def _flag_job(ctx, job_id: str) -> None:  # type: ignore[no-untyped-def]
    # As head office's pull brings it: the note on the job row.
    job = ctx.store.get(Job, job_id)
    ctx.store.save(dataclasses.replace(job, flagged=NOTE))


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
