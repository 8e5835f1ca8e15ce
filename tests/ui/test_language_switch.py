"""Settings → Language changes the running app: no restart, nothing English left.

A main window with a job open switches from English to Simplified Chinese through the
settings dialog; every visible text (tests/ui/visible_text.py) is then read as in the
zh_CN visit test, and switching back gives English again.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLabel

from tech_app.vocab import JobStatus
from tests.ui.conftest import HEATER_IN
from tests.ui.test_visit_in_chinese import _data, _no_english
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def restore_language(qapp: QApplication) -> Iterator[None]:
    locale = QLocale()
    yield
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)
    qapp.processEvents()  # the LanguageChange that posts, while the window's store is open


def _choose(qtbot, window: MainWindow, language: str) -> None:  # type: ignore[no-untyped-def]
    window.open_settings()
    (dialog,) = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(language))
    title = window.windowTitle()
    dialog.accept()
    qtbot.waitUntil(lambda: window.windowTitle() != title)  # LanguageChange is posted


def test_switching_to_chinese_retranslates_every_open_widget(qtbot, ctx, restore_language) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, search_delay_ms=0)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.job_list.select_job(HEATER_IN)
    view = window.job_view
    view.change_status(JobStatus.EN_ROUTE)  # the status bar offers to undo the timer
    view.change_status(JobStatus.ON_SITE)
    assert window.status.undo_button.isVisible()
    allowed = _data(ctx)
    assert view.tabs.tabText(0) == "Overview"

    _choose(qtbot, window, "zh_CN")
    assert ctx.language == "zh_CN" and ctx.settings.language() == "zh_CN"
    assert window.windowTitle().startswith("tech-app") and "field" not in window.windowTitle()
    assert view.job is not None and view.job.id == HEATER_IN  # the same job, still open
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        _no_english(window, allowed, f"tab {view.tabs.tabText(index)}")
    assert view.tabs.tabText(0) == "概况"
    view.tabs.setCurrentWidget(view.checklist)
    shown = [label.text() for label in view.checklist.findChildren(QLabel) if label.isVisible()]
    assert any("水箱漏水" in text for text in shown)  # the template's own Chinese labels
    assert window.model.titles()[0] != "Time window"
    assert (
        window.job_list.table.horizontalHeader().model().headerData(0, Qt.Orientation.Horizontal)
        == window.model.titles()[0]
    )  # the header follows
    assert window.menuBar().actions()[0].text() != "&File"
    assert "路途" in window.status.undo_label.text()  # the undo offer, said anew

    _choose(qtbot, window, "en")
    assert view.tabs.tabText(0) == "Overview" and window.windowTitle().endswith("jobs")
    assert "Travel timer stopped" in window.status.undo_label.text()
