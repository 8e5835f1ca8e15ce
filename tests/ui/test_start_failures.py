"""The app on a profile it cannot use: one message box in the technician's language.

Issue 13 saw no window and no message on a read-only profile. Each case here starts
the app through ``ui.app.start`` with ``TECH_APP_LANG=zh_CN`` and reads the box that
``run_app`` would show before its event loop.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox

from tests.read_only import read_only, without_root_override
from ui import app as app_module
from ui.settings import settings_at


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[QMessageBox]]:
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setenv("TECH_APP_LANG", "zh_CN")
    settings_file = tmp_path / "settings" / "settings.ini"
    monkeypatch.setattr(app_module, "default_settings", lambda: settings_at(settings_file))
    locale = QLocale()
    yield shown
    QLocale.setDefault(locale)


def _no_english(text: str, path: Path) -> bool:
    # The path is the user's own data and tech-app the product's name; the words
    # around them must be Chinese.
    rest = text.replace(str(path), " ").replace("tech-app", " ")
    return re.search(r"[A-Za-z]{3,}", rest) is None


def test_a_read_only_profile_opens_a_message_not_a_traceback(
    qtbot, demo_profile: Path, boxes: list[QMessageBox]
) -> None:  # type: ignore[no-untyped-def]
    with read_only(demo_profile), without_root_override():
        started = app_module.start(demo_profile)
    assert started is None
    (box,) = boxes
    assert box.icon() == QMessageBox.Icon.Critical
    assert "无法写入" in box.text() and str(demo_profile) in box.text()
    assert box.windowTitle() == "tech-app 无法打开您的工单"
    assert _no_english(box.text(), demo_profile), box.text()


def test_a_damaged_profile_opens_its_message_before_any_window(
    qtbot, tmp_path: Path, boxes: list[QMessageBox]
) -> None:  # type: ignore[no-untyped-def]
    """Not read on the first page's reader: the full store opens first and says so."""
    from tech_app.profile import database_path

    damaged = database_path(tmp_path)
    damaged.write_bytes(b"not a database, " * 512)
    assert app_module.start(tmp_path) is None
    (box,) = boxes
    assert box.icon() == QMessageBox.Icon.Critical
    assert str(damaged) in box.text() and "损坏" in box.text()
    assert _no_english(box.text(), damaged), box.text()


def test_a_data_dir_naming_a_file_opens_a_message(
    qtbot, tmp_path: Path, boxes: list[QMessageBox]
) -> None:  # type: ignore[no-untyped-def]
    a_file = tmp_path / "jobs.txt"
    a_file.write_text("x")
    assert app_module.start(a_file) is None
    (box,) = boxes
    assert str(a_file) in box.text() and "不是文件夹" in box.text()
    assert _no_english(box.text(), a_file), box.text()
    assert a_file.read_text() == "x"


def test_run_app_on_an_unusable_profile_returns_non_zero(
    qtbot, tmp_path: Path, boxes: list[QMessageBox]
) -> None:  # type: ignore[no-untyped-def]
    a_file = tmp_path / "jobs.txt"
    a_file.write_text("x")
    assert app_module.run_app(a_file) == 1
    assert len(boxes) == 1
