"""English and Simplified Chinese for every visible string."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from tests.ui.conftest import HEATER_IN
from ui import i18n
from ui.i18n import choose_language, install_translator, remove_translators
from ui.main_window import MainWindow

UI = Path(i18n.__file__).parent.parent


def test_every_catalogued_string_has_a_chinese_translation() -> None:
    messages = ET.parse(i18n.CATALOGUE).getroot().iter("message")
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == []


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path: Path) -> None:
    copy = tmp_path / "check.ts"
    shutil.copy(i18n.CATALOGUE, copy)
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    done = subprocess.run(
        ["pyside6-lupdate", *sources, "-no-obsolete", "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "(0 new and" in done.stdout, done.stdout


def test_the_compiled_file_matches_the_catalogue(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        ["pyside6-lrelease", str(i18n.CATALOGUE), "-qm", str(fresh)],
        capture_output=True,
        check=True,
    )
    assert fresh.read_bytes() == i18n.COMPILED.read_bytes(), "run pyside6-lrelease"


@pytest.mark.parametrize(
    ("env", "chosen", "system", "expected"),
    [
        ({"TECH_APP_LANG": "zh_CN"}, "en", "en_US", "zh_CN"),
        ({"TECH_APP_LANG": "en"}, "zh_CN", "zh_CN", "en"),
        ({}, "zh_CN", "en_US", "zh_CN"),
        ({}, None, "zh_CN", "zh_CN"),
        ({}, None, "de_DE", "en"),
    ],
)
def test_language_choice(
    env: dict[str, str], chosen: str | None, system: str, expected: str
) -> None:
    assert choose_language(chosen, env, QLocale(system)) == expected


def test_a_chinese_font_is_there_for_the_glyphs(qapp: QApplication) -> None:
    metrics = QFontMetrics(QFont())
    assert all(metrics.inFontUcs4(ord(c)) for c in "王建国工单签字")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    installed = install_translator(qapp, "zh_CN")
    assert len(installed) == 2  # ours and Qt's own (standard buttons)
    yield
    remove_translators(qapp, installed)


def test_the_main_window_speaks_chinese(qtbot, make_ctx, demo_profile, chinese) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(make_ctx(demo_profile, language="zh_CN"), search_delay_ms=0)
    qtbot.addWidget(window)
    window.job_list.select_job(HEATER_IN)
    assert window.windowTitle() == "tech-app — 上门服务工单"
    view = window.job_view
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == [
        "概况",
        "服务",
        "检查表",
        "配件",
        "工时",
        "费用",
        "设备履历",
        "记录",
    ]
    assert window.model.titles()[0] == "预约时间"
    assert (
        window.job_list.table.horizontalHeader().model().headerData(0, Qt.Orientation.Horizontal)
        == "预约时间"
    )  # what the header paints
    assert window.status.connection_label.text() == "离线"
    assert window.status.last_sync_label.text() == "上次同步：从未"
    assert "保修期内" in view.assets_label.text()
    assert view.title.text().endswith("维修 · 已派工")
    visible = [w.text() for w in window.findChildren(QPushButton) if w.isVisibleTo(window)]
    visible += [w.text() for w in window.findChildren(QLabel) if w.isVisibleTo(window)]
    english = [t for t in visible if t and t.isascii() and any(c.isalpha() for c in t)]
    # Customer data and numbers may be Latin; no English UI words may be left.
    assert [t for t in english if t.split()[0].lower() in _UI_WORDS] == []


_UI_WORDS = {"en", "on", "sign", "start", "stop", "add", "record", "print", "customer", "saved"}
