"""Run every benchmark and print one table: figure, value, baseline, ratio, target, met?

    python -m bench              # the issue's scale (100,000 jobs; ~15 min, first run
                                 # also generates the profile, ~1 min)
    python -m bench --quick      # a tenth of the data, fewer repetitions (< 2 min)
    python -m bench --only search,open

Each figure is measured against its baseline in the same run: absolute times
drift on shared machines, ratios hold. Qt benchmarks run offscreen in child
processes (``bench/child.py``). Generated profiles are cached (``bench/data.py``).
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import (
    app_start,
    db_size,
    memory,
    office_push,
    open_job,
    record_answer,
    search_typing,
    slips,
    sync_first,
)
from bench.data import profile_for
from bench.figures import Figure, markdown_table, notes
from bench.generate import Scale


@dataclass(frozen=True)
class Plan:
    """How much data and how many repetitions one run uses."""

    quick: bool
    scale: Scale
    sync_scale: Scale  # the profile whose jobs head office sends in the first sync
    sync_scaling: tuple[int, ...]  # smaller first syncs, jobs each: cost per page as it grows
    start_runs: int
    search_repeats: int
    open_repeats: int
    answers: int
    slips: int
    idle_syncs: int
    memory_runs: int

    @classmethod
    def full(cls) -> Plan:
        return cls(False, Scale.full(), Scale.quick(), (1_000, 5_000), 5, 7, 20, 500, 300, 20, 3)

    @classmethod
    def quick_run(cls) -> Plan:
        sync_scale = Scale(1_000, 200, 400, 500, 10_000, 2_000, 50)
        return cls(True, Scale.quick(), sync_scale, (250, 500), 3, 3, 10, 100, 40, 10, 1)


def shrunk(scale: Scale, jobs: int) -> Scale:
    """``scale`` with ``jobs`` jobs and its customers, units and records in proportion;
    the catalogue and head office stay (they do not grow with one technician's jobs)."""

    def share(count: int) -> int:
        return max(1, count * jobs // scale.jobs)

    return Scale(
        jobs,
        share(scale.customers),
        share(scale.assets),
        scale.parts,
        share(scale.answers),
        share(scale.part_lines),
        scale.technicians,
    )


def machine() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion
    from reportlab import Version as reportlab_version

    ram_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    return (
        f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
        f"{ram_gb:.0f} GB RAM, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"Qt {qVersion()} (PySide6 {pyside_version}), ReportLab {reportlab_version}, "
        f"node {node.stdout.strip() or 'absent'}"
    )


def steps(plan: Plan) -> list[tuple[str, Callable[[], list[Figure]]]]:
    jobs = plan.scale.jobs

    def profile() -> Path:
        return profile_for(plan.scale)

    return [
        ("start", lambda: [app_start.measure(profile(), plan.start_runs, jobs)]),
        ("search", lambda: search_typing.measure(profile(), plan.search_repeats, jobs)),
        ("open", lambda: open_job.measure(profile(), plan.open_repeats)),
        ("answer", lambda: [record_answer.measure(profile(), plan.answers)]),
        ("slips", lambda: [slips.measure(plan.slips)]),
        (
            "sync",
            lambda: sync_first.measure(
                profile_for(plan.sync_scale),
                plan.sync_scale,
                plan.idle_syncs,
                [profile_for(shrunk(plan.sync_scale, jobs)) for jobs in plan.sync_scaling],
            ),
        ),
        ("office", lambda: office_push.measure(plan.scale.technicians)),
        ("memory", lambda: [memory.measure(profile(), plan.memory_runs, jobs)]),
        ("size", lambda: [db_size.measure(profile())]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller data, fewer repetitions")
    parser.add_argument("--only", help="comma-separated: start,search,open,answer,slips,sync,...")
    args = parser.parse_args(argv)
    plan = Plan.quick_run() if args.quick else Plan.full()
    chosen = steps(plan)
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {name for name, _ in chosen}
        if unknown:
            parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
        chosen = [(name, run) for name, run in chosen if name in wanted]

    began = time.perf_counter()
    mode = (
        "QUICK mode: a tenth of the data and fewer repetitions; not the issue's figures"
        if plan.quick
        else "full scale"
    )
    print(f"tech-app benchmarks, {mode}", flush=True)
    print(
        f"profile: {plan.scale.jobs:,} jobs, {plan.scale.customers:,} customers, "
        f"{plan.scale.assets:,} assets, {plan.scale.answers:,} answers, "
        f"{plan.scale.part_lines:,} part lines; first sync: {plan.sync_scale.jobs:,} jobs of one "
        f"technician among {1 + len(sync_first.COLLEAGUES)} as large at head office (and "
        f"{', '.join(f'{n:,}' for n in plan.sync_scaling)} jobs for scaling); "
        f"push herd: {plan.scale.technicians} technicians",
        flush=True,
    )
    figures: list[Figure] = []
    failed: list[str] = []
    for name, run in chosen:
        step_began = time.perf_counter()
        try:
            found = run()
        except Exception:  # one broken benchmark must not hide the others' figures
            failed.append(f"{name}: {traceback.format_exc(limit=3)}")
            print(f"  {name}: FAILED", file=sys.stderr, flush=True)
            continue
        figures += found
        print(f"  {name}: {time.perf_counter() - step_began:.0f} s", file=sys.stderr, flush=True)

    print()
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {machine()}")
    print(f"command: python -m bench{' --quick' if plan.quick else ''}; {mode}")
    print()
    print(markdown_table(figures))
    print()
    print(notes(figures))
    print(f"\ntotal {time.perf_counter() - began:.0f} s")
    for failure in failed:
        print(f"\nFAILED {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
