"""One measurement in a fresh interpreter, so start-up time and RSS belong to it alone.

    python -m bench.child MODULE FUNCTION [ARG ...]

calls ``bench.MODULE.FUNCTION(started, *args)`` (``started`` is ``perf_counter`` at
the top of this file, before any import of the code under test) and prints its
result as one line of JSON. Qt runs offscreen.

Children run on compiled bytecode, kept under the bench cache folder
(``pycache/``): this machine sets ``PYTHONDONTWRITEBYTECODE=1``, so without it every
child compiled the app's modules from source, which an installed app never does (pip
byte-compiles at install). With a prefix Python reads bytecode only there (not the
``__pycache__`` folders of site-packages), so the start-up figure makes one unmeasured
run of each child first, and the bytecode of PySide6 and the app is there before
anything is timed; the baseline gets the same.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import importlib  # noqa: E402  (after the clock starts: what the child measures begins here)
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    """This process's resident set size (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_child(module: str, function: str, *args: str, timeout: float = 900) -> dict[str, Any]:
    """Run ``bench.module.function`` in a new interpreter and return what it measured."""
    from bench.data import cache_dir  # the parent only: the child stays light

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # Bytecode, as an installed app has it (see the module docstring).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, "-m", "bench.child", module, function, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.{module}.{function} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    module, function, *args = sys.argv[1:]
    measure = getattr(importlib.import_module(f"bench.{module}"), function)
    print(json.dumps(measure(STARTED, *args)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
