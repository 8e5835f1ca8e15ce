"""Desktop app benchmarks on 100,000 generated jobs, each against a bare-Qt or raw-SQLite baseline.

    python bench/app_start.py [--jobs 100000] [--runs 5] [--profile DIR]

1. start: process start to the job list painted with its first rows, against a
   bare QApplication with an empty QMainWindow painted (both measured from the
   top of a fresh interpreter, so Python's own start-up is not counted).
2. search: one keystroke in the search box to the model holding the filtered
   first page, for a CJK and a Latin term, against the same page query run with
   the sqlite3 module; reported with and without the typing pause (debounce).
3. memory: resident set size after opening the window and scrolling 50 pages
   down, against the bare window.

Prints each figure, its baseline and the ratio. The profile is generated once
(bench/generate.py) and reused when --profile points at an existing one.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

_STARTED = time.perf_counter()  # the child modes measure from here
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEMO_DAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)
SCROLL_PAGES = 50


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# -- child processes (one measurement each) -------------------------------------------
def child_bare(measure: str) -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    painted: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "at" not in painted:
                painted["at"] = time.perf_counter() - _STARTED
                app.quit()
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    return {"seconds": painted["at"], "rss_mb": _rss_mb()}


def child_app(profile: Path, measure: str) -> dict[str, float]:
    from PySide6.QtCore import QEvent, QModelIndex, QObject
    from PySide6.QtWidgets import QApplication

    from ui.app import close_context, create_context
    from ui.main_window import MainWindow
    from ui.settings import AppSettings, settings_at

    app = QApplication(sys.argv[:1])
    settings = AppSettings(settings_at(Path(tempfile.mkdtemp()) / "bench.ini"))
    ctx = create_context(profile, settings, clock=lambda: NOW)
    window = MainWindow(ctx)
    window.resize(1280, 800)
    table = window.job_list.table
    result: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and "seconds" not in result
                and window.model.rowCount() > 0
            ):
                result["seconds"] = time.perf_counter() - _STARTED
                app.quit()
            return False

    watcher = FirstPaint()
    table.viewport().installEventFilter(watcher)
    window.show()
    app.exec()
    if measure == "memory":
        for _ in range(SCROLL_PAGES):
            table.scrollToBottom()
            app.processEvents()
            if window.model.canFetchMore(QModelIndex()):
                window.model.fetchMore(QModelIndex())
        app.processEvents()
        result["rows"] = window.model.fetched_count
        result["rss_mb"] = _rss_mb()
    window.close()
    close_context(ctx)
    return result


def child_search(profile: Path) -> dict[str, float]:
    import sqlite3

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    # The list's own SQL pieces, so the raw queries are exactly the ones the model ran.
    from tech_app.job_list import _COLUMNS, _FROM, JobFilter, _where, list_jobs
    from tech_app.profile import database_path
    from ui.app import close_context, create_context
    from ui.main_window import MainWindow
    from ui.settings import AppSettings, settings_at

    app = QApplication(sys.argv[:1])
    results: dict[str, float] = {}
    raw = sqlite3.connect(database_path(profile))
    applied: list[float] = []  # when the model reported the new filter applied
    calls: list[tuple[JobFilter, int, int, str]] = []  # what the model asked the store

    def replay_raw() -> float:
        started = time.perf_counter()
        for flt, offset, limit, order_by in calls:
            where, params = _where(flt)
            sql = f"SELECT {_COLUMNS} {_FROM} WHERE {where} ORDER BY {order_by} LIMIT ? OFFSET ?"
            raw.execute(sql, [*params, limit, offset]).fetchall()
        return time.perf_counter() - started

    for delay, tag in ((None, "typed"), (0, "work")):
        settings = AppSettings(settings_at(Path(tempfile.mkdtemp()) / "bench.ini"))
        ctx = create_context(profile, settings, clock=lambda: NOW)

        def recorded(flt: JobFilter, offset: int, limit: int, order_by: str) -> list[dict]:
            calls.append((flt, offset, limit, order_by))
            return list_jobs(ctx.store, flt, offset=offset, limit=limit, order_by=order_by)  # noqa: B023

        window = MainWindow(ctx, list_page=recorded, search_delay_ms=delay)
        window.show()
        app.processEvents()
        field, model = window.job_list.search_field, window.model
        model.filter_applied.connect(lambda: applied.append(time.perf_counter()))
        for term, key in (("王", "cjk"), ("s", "latin")):
            timings, raw_timings = [], []
            for _ in range(5):
                field.clear()
                window.job_list.apply_filter()
                app.processEvents()
                applied.clear()
                calls.clear()
                started = time.perf_counter()
                if term.isascii():
                    QTest.keyClick(field, term)
                else:
                    field.insert(term)  # what an input method's commit does
                while not applied:
                    app.processEvents()
                assert model.rowCount() > 0
                timings.append(applied[0] - started)
                raw_timings.append(replay_raw())
            results[f"{key}_{tag}"] = statistics.median(timings)
            if tag == "work":
                results[f"{key}_raw"] = statistics.median(raw_timings)
        window.close()
        close_context(ctx)
    return results


# -- the parent: runs the children and prints the table ---------------------------------
def _run_child(*args: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: int, *args: str, key: str) -> float:
    return statistics.median(_run_child(*args)[key] for _ in range(runs))


def _ensure_profile(profile: Path, jobs: int) -> None:
    from tech_app.profile import database_path

    if database_path(profile).exists():
        return
    from bench.generate import generate
    from tech_app.store.local import open_store

    store = open_store(database_path(profile))
    done = generate(store, jobs, today=DEMO_DAY)
    store.close()
    print(f"generated {done.jobs} jobs in {done.seconds:.1f} s into {profile}")


def _row(name: str, figure: float, baseline: float, unit: str) -> str:
    ratio = figure / baseline if baseline else float("inf")
    return f"{name:<44} {figure:>10.3f} {unit:<3} {baseline:>10.3f} {unit:<3} {ratio:>7.1f}×"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, *rest = args.child
        if mode == "bare":
            out = child_bare(rest[0])
        elif mode == "app":
            out = child_app(Path(rest[0]), rest[1])
        else:
            out = child_search(Path(rest[0]))
        print(json.dumps(out))
        return 0

    sys.path.insert(0, str(ROOT))
    profile = args.profile or Path(tempfile.gettempdir()) / f"tech-app-bench-{args.jobs}"
    _ensure_profile(profile, args.jobs)
    runs = args.runs
    start_app = _median(runs, "app", str(profile), "start", key="seconds")
    start_bare = _median(runs, "bare", "start", key="seconds")
    search = _run_child("search", str(profile))
    memory = [_run_child("app", str(profile), "memory") for _ in range(3)]
    rss_app = statistics.median(m["rss_mb"] for m in memory)
    rss_bare = _median(3, "bare", "memory", key="rss_mb")

    print(f"\n{args.jobs} jobs, median of {runs} runs; ratio = figure / baseline")
    print(f"{'':<44} {'figure':>14} {'baseline':>14} {'ratio':>8}")
    print(_row("start → job list painted (vs bare window)", start_app, start_bare, "s"))
    for key, label in (("cjk", "keystroke 王"), ("latin", "keystroke s")):
        print(
            _row(
                f"{label} → filtered page, incl. typing pause",
                search[f"{key}_typed"],
                search[f"{key}_raw"],
                "s",
            )
        )
        print(
            _row(
                f"{label} → filtered page, work only",
                search[f"{key}_work"],
                search[f"{key}_raw"],
                "s",
            )
        )
    print(
        _row(f"RSS after {SCROLL_PAGES} pages scrolled (vs bare window)", rss_app, rss_bare, "MB")
    )
    print(f"(rows in the model after scrolling: {int(memory[0]['rows'])} of {args.jobs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
