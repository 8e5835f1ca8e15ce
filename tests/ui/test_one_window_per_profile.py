"""A second start on the same profile brings the first window to the front and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ui import app as app_module
from ui.settings import settings_at
from ui.single_instance import ProfileGuard


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[QMessageBox]:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    settings = tmp_path / "settings.ini"
    monkeypatch.setattr(app_module, "default_settings", lambda: settings_at(settings))
    return shown


def test_a_second_start_raises_the_first_window_instead_of_opening_another(
    qtbot, demo_profile: Path, boxes: list[QMessageBox]
) -> None:  # type: ignore[no-untyped-def]
    first = app_module.start(demo_profile)
    assert first is not None and first.guard is not None
    qtbot.addWidget(first.window)
    qtbot.waitUntil(lambda: first.guard.listening)  # once the window has painted
    first.window.showMinimized()
    with qtbot.waitSignal(first.guard.raise_requested, timeout=5_000):
        assert app_module.start(demo_profile) is None
    (box,) = boxes
    assert box.objectName() == "already_open" and "already open" in box.text()
    qtbot.waitUntil(lambda: not first.window.isMinimized())
    first.window.close()
    first.close()


def test_a_window_started_minimized_can_still_be_raised(
    qtbot, demo_profile: Path, boxes: list[QMessageBox], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A window that never paints listens all the same, a moment later."""
    from ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "when_painted", lambda _window, _then: None)  # no paint
    first = app_module.start(demo_profile)
    assert first is not None and first.guard is not None
    qtbot.addWidget(first.window)
    assert not first.guard.listening
    qtbot.waitUntil(lambda: first.guard.listening, timeout=5_000)
    with qtbot.waitSignal(first.guard.raise_requested, timeout=5_000):
        assert app_module.start(demo_profile) is None
    first.window.close()
    first.close()


def test_the_profile_is_free_again_once_the_first_window_closed(
    qtbot, demo_profile: Path, boxes: list[QMessageBox]
) -> None:  # type: ignore[no-untyped-def]
    first = app_module.start(demo_profile)
    assert first is not None
    qtbot.addWidget(first.window)
    first.window.close()
    first.close()
    second = app_module.start(demo_profile)
    assert second is not None and boxes == []
    qtbot.addWidget(second.window)
    second.window.close()
    second.close()


def test_a_lock_left_by_a_crashed_run_does_not_block_the_profile(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    # A lock file naming a process that no longer runs, as a crash leaves it.
    (tmp_path / "tech-app.lock").write_text(
        "999999\ntech-app\n" + __import__("socket").gethostname() + "\n"
    )
    guard = ProfileGuard(tmp_path)
    assert guard.acquire()
    guard.release()
