"""Generated profiles, cached between runs: generating 100,000 jobs takes a minute.

A profile is kept under ``~/.cache/tech-app-bench`` (or ``$TECH_APP_BENCH_CACHE``)
in a folder named after its scale, seed and generator version, and reused while
they match. It is written to a ``.partial`` folder first and renamed when done,
so an interrupted generation is never taken for a finished one; a lock file makes a
second bench run started meanwhile wait for the first one's profile instead of
generating into the same folder. Benchmarks that
write work on a copy (``scratch_copy``), so the cached profile stays as generated.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

from bench.clock import NOW, TODAY  # noqa: F401  (NOW re-exported: benchmarks import it here)
from bench.generate import Scale, generate_scale
from tech_app.profile import database_path
from tech_app.store.local import open_store

# Bump when generate.py writes different data, so old caches are not reused.
GENERATOR_VERSION = 5  # 5: part lines have removed_at (local schema 8)
SEED = 1


def cache_dir() -> Path:
    found = os.environ.get("TECH_APP_BENCH_CACHE")
    return Path(found) if found else Path.home() / ".cache" / "tech-app-bench"


def profile_for(scale: Scale, *, seed: int = SEED, log: bool = True) -> Path:
    """The folder of a generated, VACUUM-ed profile at ``scale``; generated on first use."""
    folder = cache_dir() / f"profile-{scale.label}-seed{seed}-v{GENERATOR_VERSION}"
    if (folder / "generated.json").exists():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(folder.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "generated.json").exists():  # another run may have made it meanwhile
            _generate(folder, scale, seed, log=log)
    return folder


def _generate(folder: Path, scale: Scale, seed: int, *, log: bool) -> None:
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    started = time.perf_counter()
    store = open_store(database_path(partial))
    done = generate_scale(store, scale, today=TODAY, seed=seed)
    store.close()
    vacuum(database_path(partial))
    seconds = time.perf_counter() - started
    (partial / "generated.json").write_text(
        json.dumps({"scale": scale.__dict__, "seed": seed, "seconds": round(seconds, 1)})
    )
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    if log:
        print(
            f"generated {done.jobs:,} jobs, {done.answers:,} answers, {done.part_lines:,} "
            f"part lines in {seconds:.0f} s -> {folder}",
            flush=True,
        )


def vacuum(db_file: Path) -> None:
    """VACUUM and fold the WAL back in, so the file size is the database's real size."""
    conn = sqlite3.connect(db_file)
    try:
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def scratch_copy(profile: Path, into: Path) -> Path:
    """A copy of a profile's database for benchmarks that write."""
    target = database_path(into)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(database_path(profile), target)
    return into
