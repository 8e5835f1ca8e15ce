"""Resident memory of the app with the whole profile open and the job list scrolled,
against a bare QApplication with an empty window (children in ``bench/app_start.py``)."""

from __future__ import annotations

import statistics
from pathlib import Path

from bench.app_start import SCROLL_PAGES
from bench.child import run_child
from bench.figures import Figure

LIMIT_MB = 80


def measure(profile: Path, runs: int, jobs: int) -> Figure:
    apps = [
        run_child("app_start", "app_window", str(profile), str(SCROLL_PAGES)) for _ in range(runs)
    ]
    bare = statistics.median(run_child("app_start", "bare_window")["rss_mb"] for _ in range(runs))
    app = statistics.median(a["rss_mb"] for a in apps)
    return Figure(
        name=f"memory: app RSS, {jobs:,} jobs, list scrolled",
        value=app,
        baseline=bare,
        unit="MB",
        target=f"≤ +{LIMIT_MB} MB",
        met=app - bare <= LIMIT_MB,
        ratio_text=f"+{app - bare:.0f} MB",
        note=f"after scrolling {SCROLL_PAGES} pages ({int(apps[0]['rows']):,} rows in the "
        f"model); median of {runs} processes",
    )
