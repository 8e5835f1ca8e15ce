"""The benchmarks' fixed day and moment, in a module that imports nothing of the app.

``bench.data`` (which imports the generator and through it the demo templates) re-exports
them; the start-up child takes its clock from here, so the harness's imports are not
counted as the app's start-up.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

# Fixed dates: the same seed gives the same profile whatever day the bench runs.
TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)
