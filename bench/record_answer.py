"""Recording one checklist answer (validated write + outbox mutation, committed), against a
raw sqlite3 INSERT + COMMIT of one answer row in the same WAL database.

Both run on a scratch copy of the generated profile, on the open-job benchmark's
job (on site, 30 items). The app side is ``tech_app.checklist.record_answer``
alternating each yes/no item between yes and no, so every call really changes
the answer; the baseline inserts rows under fresh item keys into the same table
(same indexes) with the sqlite3 module's defaults, one transaction each.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from bench.data import NOW, scratch_copy
from bench.figures import Figure
from bench.generate import OPEN_JOB_NUMBER
from tech_app.checklist import checklists_of, record_answer
from tech_app.profile import database_path
from tech_app.store.local import open_store
from tech_app.vocab import ItemKind

RATIO_TARGET = 2.0


def measure(profile: Path, count: int) -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-answer-") as temp:
        copy = scratch_copy(profile, Path(temp))
        store = open_store(database_path(copy))
        job_id = store.find_job(OPEN_JOB_NUMBER).id
        (checklist,) = checklists_of(store, job_id)
        keys = [item.key for item in checklist.template.items if item.kind is ItemKind.YES_NO]
        app_times = []
        for n in range(count):
            value = ("yes", "no")[(n // len(keys)) % 2]
            began = time.perf_counter()
            record_answer(store, job_id, keys[n % len(keys)], value, now=NOW)
            app_times.append(time.perf_counter() - began)
        template_id, asset_id = checklist.template.id, checklist.asset_id
        store.close()

        raw = sqlite3.connect(database_path(copy))
        raw_times = []
        stamp = datetime.now(UTC).isoformat()
        for n in range(count):
            began = time.perf_counter()
            raw.execute(
                "INSERT INTO checklist_answers (id, job_id, asset_id, template_id, item_key, "
                "value, out_of_range, answered_at, version, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, 0, ?, 1, ?)",
                [str(uuid.uuid4()), job_id, asset_id, template_id, f"raw_{n}", "yes", stamp, stamp],
            )
            raw.commit()
            raw_times.append(time.perf_counter() - began)
        mode = raw.execute("PRAGMA journal_mode").fetchone()[0]
        raw.close()
    assert mode == "wal", mode
    value, baseline = statistics.median(app_times), statistics.median(raw_times)
    return Figure(
        name="record a checklist answer (write + outbox, committed)",
        value=value * 1000,
        baseline=baseline * 1000,
        unit="ms",
        target=f"≤ {RATIO_TARGET:g}×",
        met=value <= RATIO_TARGET * baseline,
        note=f"median of {count}; baseline: sqlite3 INSERT + COMMIT, WAL",
    )
