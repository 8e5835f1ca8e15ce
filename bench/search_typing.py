"""Search-as-you-type: one keystroke in the search box to the model holding the filtered page.

Measured in a fresh offscreen app on the generated profile, for a CJK term (王,
committed as an input method does) and a Latin one (a typed "s"), with the
typing pause (debounce) switched off so the figure is the work itself; the
figure with the app's real pause is reported alongside. The baseline replays
the very page queries the model ran (``tech_app.job_list.page_sql``, after the
same capped count of matches that picks the query's shape) with the bare sqlite3
module on the same file. Each keystroke starts from a settled app: the match
count the panel runs on its worker after every change has finished.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.child import run_child
from bench.data import NOW
from bench.figures import Figure

RATIO_TARGET = 2.0
LIMIT_MS = 50.0
TERMS = (("王", "CJK 王"), ("s", "Latin s"))


def keystrokes(started: float, profile: str, repeats: str) -> dict[str, Any]:
    import sqlite3

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tech_app.job_list import JobFilter, list_jobs, page_sql, walk_window_order
    from tech_app.profile import database_path
    from ui.app import close_context, create_context
    from ui.main_window import MainWindow
    from ui.settings import AppSettings, settings_at

    app = QApplication(sys.argv[:1])
    results: dict[str, Any] = {}
    raw = sqlite3.connect(database_path(Path(profile)))
    # When the model reported the new filter applied, and how many page reads it took.
    applied: list[tuple[float, int]] = []
    calls: list[tuple[JobFilter, int, int, str]] = []  # what the model asked the store

    def replay_raw() -> float:
        began = time.perf_counter()
        for flt, offset, limit, order_by in calls:
            # The same plan decision (a capped count of matches), then the same page query.
            walk = walk_window_order(raw, flt, offset=offset, limit=limit, order_by=order_by)
            sql, params = page_sql(flt, offset=offset, limit=limit, order_by=order_by, walk=walk)
            raw.execute(sql, params).fetchall()
        return time.perf_counter() - began

    counted: list[int] = []  # match counts the panel reported

    def settle() -> None:
        # The match count runs on the worker after each filter; let it finish so
        # neither the keystroke nor the raw replay shares the CPU with it.
        while not counted:
            app.processEvents()
        counted.clear()

    for delay, tag in ((None, "typed"), (0, "work")):
        settings = AppSettings(settings_at(Path(tempfile.mkdtemp()) / "bench.ini"))
        ctx = create_context(Path(profile), settings, clock=lambda: NOW)

        def recorded(flt: JobFilter, offset: int, limit: int, order_by: str) -> list[dict]:
            calls.append((flt, offset, limit, order_by))
            return list_jobs(ctx.store, flt, offset=offset, limit=limit, order_by=order_by)  # noqa: B023

        window = MainWindow(ctx, list_page=recorded, search_delay_ms=delay)
        window.show()
        app.processEvents()
        field, model = window.job_list.search_field, window.model
        model.filter_applied.connect(lambda: applied.append((time.perf_counter(), len(calls))))
        window.job_list.count_changed.connect(counted.append)
        for term, _label in TERMS:
            timings, raw_timings = [], []
            for _ in range(int(repeats)):
                counted.clear()
                field.clear()
                window.job_list.apply_filter()
                settle()
                applied.clear()
                calls.clear()
                began = time.perf_counter()
                if term.isascii():
                    QTest.keyClick(field, term)
                else:
                    field.insert(term)  # what an input method's commit does
                while not applied:
                    app.processEvents()
                assert model.rowCount() > 0
                timings.append(applied[0][0] - began)
                settle()
                del calls[applied[0][1] :]  # pages the view asked for later are not the keystroke's
                raw_timings.append(replay_raw())
            results[f"{term}:{tag}"] = statistics.median(timings)
            if tag == "work":
                results[f"{term}:raw"] = statistics.median(raw_timings)
                results[f"{term}:queries"] = len(calls)
        window.close()
        close_context(ctx)
    return results


def measure(profile: Path, repeats: int, jobs: int) -> list[Figure]:
    found = run_child("search_typing", "keystrokes", str(profile), str(repeats))
    figures = []
    for term, label in TERMS:
        work, raw = found[f"{term}:work"], found[f"{term}:raw"]
        figures.append(
            Figure(
                name=f"search-as-you-type, {label} ({jobs:,} jobs)",
                value=work * 1000,
                baseline=raw * 1000,
                unit="ms",
                target=f"≤ {RATIO_TARGET:g}× and < {LIMIT_MS:g} ms",
                met=work <= RATIO_TARGET * raw and work * 1000 < LIMIT_MS,
                note=f"keystroke to filtered model without the typing pause, median of "
                f"{repeats}; page queries per keystroke: {found[f'{term}:queries']}; with the "
                f"app's typing pause: {found[f'{term}:typed'] * 1000:.0f} ms",
            )
        )
    return figures
