"""A database that cannot be used ends in a clear message box, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tech_app.errors import StoreError, StoreProblem
from tech_app.profile import database_path
from tech_app.store.local import open_store
from tech_app.vocab import JobStatus
from tests.ui.conftest import HEATER_IN
from tests.ui.helpers import message_boxes, press
from ui import app as app_module
from ui.job_view import JobView
from ui.messages import error_text


def test_a_database_from_a_newer_version_is_explained_at_start(
    qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    store = open_store(database_path(data_dir))
    store.db.execute("PRAGMA user_version = 999")
    store.close()
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)  # run_app shows it before its loop
    monkeypatch.setattr(app_module, "default_settings", _temp_settings(data_dir))
    assert app_module.run_app(data_dir) == 1
    (text,) = shown
    assert "newer tech-app" in text and "Update tech-app" in text


@pytest.mark.parametrize(
    "error",
    [
        StoreError(StoreProblem.LOCKED),
        StoreError(StoreProblem.DISK_FULL),
    ],
)
def test_a_locked_or_full_database_during_work_shows_a_message(
    qtbot, ctx, monkeypatch: pytest.MonkeyPatch, error: StoreError
) -> None:  # type: ignore[no-untyped-def]
    view = JobView(ctx)
    qtbot.addWidget(view)
    view.show_job(HEATER_IN)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr("tech_app.lifecycle.change_status", refuse)
    view.change_status(JobStatus.EN_ROUTE)
    (box,) = message_boxes(view)
    assert box.text() == error_text(error)
    assert box.icon() == QMessageBox.Icon.Critical
    press(qtbot, box, "OK")
    assert view.job is not None and view.job.status is JobStatus.ASSIGNED


def test_a_really_locked_database_is_reported_by_the_core_error(demo_store) -> None:  # type: ignore[no-untyped-def]
    # Another connection holds the write lock; the store's busy timeout is cut short.
    other = open_store(demo_store.path)
    other.db.execute("BEGIN EXCLUSIVE")
    demo_store.db.execute("PRAGMA busy_timeout = 10")
    from tech_app.lifecycle import change_status

    with pytest.raises(StoreError) as caught:
        change_status(demo_store, HEATER_IN, "en_route")
    other.db.execute("ROLLBACK")
    other.close()
    assert "in use" in error_text(caught.value)


def _temp_settings(folder: Path):  # type: ignore[no-untyped-def]
    from ui.settings import settings_at

    return lambda: settings_at(folder / "settings.ini")


def test_start_opens_the_main_window_on_the_profile(
    qtbot, demo_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(app_module, "default_settings", _temp_settings(demo_profile))
    started = app_module.start(demo_profile)  # run_app = start + the event loop + close
    assert started is not None
    qtbot.addWidget(started.window)
    assert started.window.isVisible()
    # The first job opens right after the list's first paint.
    window = started.window
    qtbot.waitUntil(lambda: window.job_view.job_id == window.model.job_id(0))
    assert started.ctx.store.path == demo_profile / "tech-app.sqlite3"
    started.window.close()
    started.close()


def test_a_consent_error_is_worded_with_its_amounts() -> None:
    from tech_app.errors import ConsentError
    from ui.messages import error_text

    missing = error_text(ConsentError(ConsentError.MISSING, bill_total=5650))
    exceeded = error_text(
        ConsentError(
            ConsentError.EXCEEDED, bill_total=34578, consented_total=33448, allowed_total=33448
        )
    )
    assert "¥56.50" in missing and "consent" in missing
    assert "¥345.78" in exceeded and "¥334.48" in exceeded
