"""What the app imports before its job list can paint.

The sync client (requests, keyring, urllib3) and ReportLab were a third of start-up,
paid before the first paint although nothing on the first screen uses them. They are
imported where they are first used: the sync round on its worker thread, the slip.
So are the job view's tabs, the sign-off and slip preview (Qt PDF), the pricing and
the visit operations: the first job opens right after the list's first paint
(``MainWindow.open_first_job``), and only then are they imported.

The full store is among them: sqlite-utils (with click, pluggy, dateutil), the
migrations and the record classes. On a profile it would open as it is, the window
and the list's first page are read on ``tech_app.first_page``'s read-only sqlite3
connection, and the store opens right after the first paint.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject

ROOT = Path(__file__).resolve().parents[2]
LATER = (
    "requests",
    "keyring",
    "urllib3",
    "reportlab",
    "sync.client",
    "ui.sync_worker",
    "ui.checklist_form",
    "ui.parts_panel",
    "ui.charges_panel",
    "ui.service_panel",
    "ui.intake_panel",
    "ui.signoff_dialog",
    "ui.slip_preview",
    "ui.settings_dialog",
    "ui.job_view",  # the right pane: built after the first paint
    "ui.sla_panel",
    "PySide6.QtPdf",
    "tech_app.charges",
    "tech_app.rules.pricing",
    "tech_app.lifecycle",
    "tech_app.job_overview",
    "tech_app.store.remote",
    "sqlite_utils",
    "click",
    "pluggy",
    "dateutil",
    "tech_app.store.local",
    "tech_app.store.schema",
    "tech_app.records.codec",  # the record classes but the job's (its status steps)
    "tech_app.records.checklists",
    "tech_app.records.parts",
    "tech_app.records.visit",
    "tech_app.write_rules",
    # Each costs a few ms and the first screen has no use for it: the single-instance
    # socket (after the paint), the search SQL (with the first search), the worker's
    # thread pool (with its first task), making and reading ids.
    "PySide6.QtNetwork",
    "tech_app.store.search",
    "concurrent.futures",
    "uuid",
)


# A script's start: the main window built on the profile named by its first argument.
_WINDOW_ON_PROFILE = (
    "import sys, tempfile\n"
    "from pathlib import Path\n"
    "from PySide6.QtWidgets import QApplication\n"
    "from ui.app import close_context, create_context\n"
    "from ui.main_window import MainWindow\n"
    "from ui.settings import AppSettings, settings_at\n"
    "app = QApplication([])\n"
    "settings = AppSettings(settings_at(Path(tempfile.mkdtemp()) / 's.ini'))\n"
    "ctx = create_context(Path(sys.argv[1]), settings)\n"
    "window = MainWindow(ctx)\n"
)


def _printed(script: str, *args: str) -> str:
    """What ``script`` prints, run in a fresh offscreen interpreter from the checkout."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    found = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    return found.stdout.strip()


def test_opening_the_main_window_imports_nothing_the_first_paint_does_not_show() -> None:
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import ui.app, ui.main_window\n"
        f"print(','.join(m for m in {LATER!r} if m in sys.modules))\n"
    )
    assert _printed(script) == ""


def test_building_the_window_on_a_profile_imports_nothing_more(demo_profile: Path) -> None:
    """The window itself, on a real profile, up to (not including) its first paint."""
    script = (
        _WINDOW_ON_PROFILE + "assert window.model.rowCount() > 0\n"
        "assert not ctx.store_open\n"
        f"print(','.join(m for m in {LATER!r} if m in sys.modules))\n"
        "close_context(ctx)\n"
    )
    assert _printed(script, str(demo_profile)) == ""


def test_the_qt_namespace_is_not_built_before_the_first_paint(demo_profile: Path) -> None:
    """The first use of ``Qt`` creates its 93 enums (~24 ms); nothing on the way to the
    list's first paint needs it (ui/__init__.py). Built right after, as sorting turns on."""
    script = (
        _WINDOW_ON_PROFILE + "import PySide6.QtCore as core\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "seen = []\n"
        "class Watch(QObject):\n"
        "    def eventFilter(self, _o, event):\n"
        "        if event.type() == QEvent.Type.Paint and not seen:\n"
        "            seen.append('Qt' in vars(core))\n"
        "            app.quit()\n"
        "        return False\n"
        "watch = Watch()\n"
        "window.job_list.table.viewport().installEventFilter(watch)\n"
        "window.show()\n"
        "app.exec()\n"
        "for _ in range(20):\n"
        "    app.processEvents()\n"
        "print(seen, window.job_list.table.isSortingEnabled(), window.model.rowCount() > 0)\n"
        "close_context(ctx)\n"
    )
    assert _printed(script, str(demo_profile)).split() == ["[False]", "True", "True"]


def test_after_the_first_paint_the_store_opens_and_the_first_job_with_it(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    assert not ctx.store_open  # the list is read on the first page's reader
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    first = [window.model.job_id(n) for n in range(window.model.rowCount())]
    window.show()
    qtbot.waitUntil(lambda: window.job_view.job is not None)
    assert ctx.store_open
    assert ctx.reads is ctx.store  # the reader was closed, the list reads the store
    # The view pages in more rows from the store (the viewport is taller than one segment).
    assert [window.model.job_id(n) for n in range(len(first))] == first
    assert window.job_view.job.id == first[0]
    qtbot.waitUntil(lambda: window.job_list.count_label.text() != "")  # counted on the worker
    window.job_list.search_field.setText("王")
    window.job_list.apply_filter()
    assert 0 < window.model.rowCount() < len(first)


class _FirstPaintSizes(QObject):
    def __init__(self, window, sizes: list[list[int]]) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self._window, self._sizes = window, sizes

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._sizes:
            assert self._window._job_view is None  # painted before the view was built
            self._sizes.append(self._window.splitter.sizes())
        return False


def test_the_job_view_is_built_after_the_first_paint_and_opens_jobs(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    """The right pane waits for the list's first paint, then takes the pane's place and
    size, and a job picked in the list (or a shortcut) reaches it."""
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window._job_view is None  # nothing of it before the first paint
    painted: list[list[int]] = []  # the splitter's sizes as first painted
    watcher = _FirstPaintSizes(window, painted)
    window.job_list.table.viewport().installEventFilter(watcher)
    window.show()
    qtbot.waitUntil(lambda: window._job_view is not None and window._job_view.job is not None)
    view = window.job_view
    assert painted
    assert window.splitter.widget(1) is view and view.isVisible()
    assert window.splitter.sizes() == painted[0]  # the pane kept its size
    assert view.job_id == window.model.job_id(0)
    window.job_list.select_row(2)
    assert view.job_id == window.model.job_id(2)
    window.next_action.trigger()
    assert view.job_id == window.model.job_id(3)


def test_a_job_picked_before_the_first_paint_opens_in_a_view_built_for_it(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.job_list.select_row(1)  # before show(): the view is built on demand
    assert window.job_view.job_id == window.model.job_id(1)
    window.show()
    qtbot.waitUntil(lambda: ctx.store_open)
    assert window.job_view.job_id == window.model.job_id(1)  # the first job did not replace it


def test_a_profile_needing_a_migration_is_migrated_before_the_window(
    qtbot, make_ctx, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Nothing is read from an old schema: the full store opens (and migrates) first."""
    from tech_app.profile import database_path
    from tech_app.store.plain import SCHEMA_VERSION
    from tests.tech_app.old_schema import demo_before_11, insert_before_11, old_database
    from tests.ui.conftest import DEMO_DAY, DEMO_NOW
    from ui.main_window import MainWindow

    data_dir = tmp_path / "profile"
    data_dir.mkdir()
    db = old_database(database_path(data_dir), "m011_service_systems", SCHEMA_VERSION - 1)
    insert_before_11(db, demo_before_11(DEMO_DAY), DEMO_NOW.isoformat())
    db.conn.commit()
    db.close()

    ctx = make_ctx(data_dir)
    assert ctx.store_open
    assert ctx.store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.model.rowCount() > 0
    window.show()
    qtbot.waitUntil(lambda: window.job_view.job is not None)
