"""Fixtures for the desktop app's tests: a demo profile, a temp settings file, a fixed clock.

Qt must be headless before anything imports it, and a Qt warning fails the test
(the ``qt_log_level_fail`` marker is added to every test here).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TECH_APP_LANG", "en")

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

import ui  # noqa: F401 - its PySide6 guard must be in force before any widget
from tech_app.blobs import BlobStore
from tech_app.demo import demo_id, load_demo
from tech_app.profile import blob_dir, database_path
from tech_app.store.local import LocalStore, open_store
from ui.i18n import install_translator, remove_translators

DEMO_DAY = date(2026, 11, 28)
# 10:30 in Beijing on the demo day: the heater visit (09:00–11:00) is under way.
DEMO_NOW = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)
HEATER_IN = demo_id("job:heater-in")
HEATER_OUT = demo_id("job:heater-out")
FLEET = demo_id("job:fleet")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The app in Simplified Chinese: its translators and a Chinese locale (numbers)."""
    installed = install_translator(qapp, "zh_CN")
    locale = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    QLocale.setDefault(locale)
    remove_translators(qapp, installed)


# The offscreen platform cannot resize native windows to their size hints, raise them or
# grab the keyboard for a popup, and says so each time: the test platform talking, not
# the app. Only these "This plugin does not support …" lines are ignored.
_OFFSCREEN_NOISE = r"^This plugin does not support (propagateSizeHints|raise|grabbing)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(_OFFSCREEN_NOISE))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def demo_profile(data_dir: Path) -> Path:
    store = open_store(database_path(data_dir))
    load_demo(store, DEMO_DAY)
    store.close()
    return data_dir


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "tech-app.ini"


@pytest.fixture
def make_ctx(qtbot, settings_path: Path):  # type: ignore[no-untyped-def]
    """Build an AppContext on a profile folder; closed (worker and store) at teardown."""
    from ui.app import close_context, create_context
    from ui.settings import AppSettings, settings_at

    made = []

    def make(data_dir: Path, *, language: str = "en", now: datetime = DEMO_NOW):  # type: ignore[no-untyped-def]
        ctx = create_context(
            data_dir,
            AppSettings(settings_at(settings_path)),
            language=language,
            clock=lambda: now,
        )
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        close_context(ctx)


@pytest.fixture
def ctx(make_ctx, demo_profile: Path):  # type: ignore[no-untyped-def]
    return make_ctx(demo_profile)


@pytest.fixture
def demo_store(demo_profile: Path) -> Iterator[LocalStore]:
    store = open_store(database_path(demo_profile))
    yield store
    store.close()


@pytest.fixture
def blobs(demo_profile: Path) -> BlobStore:
    return BlobStore(blob_dir(demo_profile))
