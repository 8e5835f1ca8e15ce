"""App start to the job list painted, against a bare QApplication with an empty window.

Both are measured in a fresh interpreter from the top of ``bench/child.py`` (so
Python's own start-up is not counted; this module imports nothing of the app at
its top, so the baseline carries none of it) to the first paint: for the app, the
first paint of the job table's viewport with rows in the model; for the
baseline, the first paint of an empty ``QMainWindow``. The memory figure
(``bench/memory.py``) uses the same children.

The app child takes its fixed clock from ``bench.clock``: until issue 12 it imported
``bench.data``, whose generator and demo templates (~25 ms) were counted as the
app's start-up though the app never imports them.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.child import rss_mb, run_child
from bench.figures import Figure

START_TARGET = 1.5
SCROLL_PAGES = 50  # the memory figure scrolls this many pages of the job list


# -- children ----------------------------------------------------------------------------
def bare_window(started: float) -> dict[str, float]:
    """The baseline: QApplication + empty QMainWindow, until its first paint."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    painted: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "at" not in painted:
                painted["at"] = time.perf_counter() - started
                app.quit()
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    return {"seconds": painted["at"], "rss_mb": rss_mb()}


def app_window(started: float, profile: str, scroll_pages: str = "0") -> dict[str, Any]:
    """The app on the profile until the job list paints rows; then scroll, if asked."""
    from PySide6.QtCore import QEvent, QModelIndex, QObject
    from PySide6.QtWidgets import QApplication

    from bench.clock import NOW  # not bench.data: it imports the generator
    from ui.app import close_context, create_context
    from ui.main_window import MainWindow
    from ui.settings import AppSettings, settings_at

    app = QApplication(sys.argv[:1])
    settings = AppSettings(settings_at(Path(tempfile.mkdtemp()) / "bench.ini"))
    ctx = create_context(Path(profile), settings, clock=lambda: NOW)
    window = MainWindow(ctx)
    window.resize(1280, 800)
    table = window.job_list.table
    result: dict[str, Any] = {}

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and "seconds" not in result
                and window.model.rowCount() > 0
            ):
                result["seconds"] = time.perf_counter() - started
                app.quit()
            return False

    watcher = FirstPaint()
    table.viewport().installEventFilter(watcher)
    window.show()
    app.exec()
    for _ in range(int(scroll_pages)):
        table.scrollToBottom()
        app.processEvents()
        if window.model.canFetchMore(QModelIndex()):
            window.model.fetchMore(QModelIndex())
    app.processEvents()
    result["rows"] = window.model.fetched_count
    result["rss_mb"] = rss_mb()
    window.close()
    close_context(ctx)
    return result


# -- the figure ----------------------------------------------------------------------------
def measure(profile: Path, runs: int, jobs: int) -> Figure:
    # Alternate app and baseline so drift on a shared machine hits both alike.
    app_runs, bare_runs = [], []
    # Unmeasured: writes the bytecode both children then run on (bench/child.py).
    run_child("app_start", "app_window", str(profile))
    run_child("app_start", "bare_window")
    for _ in range(runs):
        app_runs.append(run_child("app_start", "app_window", str(profile))["seconds"])
        bare_runs.append(run_child("app_start", "bare_window")["seconds"])
    app, bare = statistics.median(app_runs), statistics.median(bare_runs)
    return Figure(
        name=f"app start → job list painted ({jobs:,} jobs)",
        value=app * 1000,
        baseline=bare * 1000,
        unit="ms",
        target=f"≤ {START_TARGET}×",
        met=app <= START_TARGET * bare,
        note=f"median of {runs} fresh processes each; baseline: QApplication + empty "
        "QMainWindow painted",
    )
