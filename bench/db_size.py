"""The local database size of the generated profile, VACUUM-ed (a report, no baseline)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.figures import Figure
from tech_app.profile import database_path


def measure(profile: Path) -> Figure:
    db_file = database_path(profile)
    conn = sqlite3.connect(db_file)
    try:
        pages, page_size = (
            conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_count", "page_size")
        )
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        counts = {
            table: conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
            for table in ("jobs", "customers", "assets", "checklist_answers", "part_usage")
        }
    finally:
        conn.close()
    size_mb = db_file.stat().st_size / 1e6
    per_job_kb = db_file.stat().st_size / max(1, counts["jobs"]) / 1000
    return Figure(
        name="local DB size, generated profile (VACUUM-ed)",
        value=size_mb,
        baseline=None,
        unit="MB",
        target="report",
        met=None,
        note=f"{pages * page_size / 1e6:.0f} MB in pages, {free} free pages; "
        + ", ".join(f"{n:,} {table}" for table, n in counts.items())
        + f"; {per_job_kb:.1f} KB per job",
    )
