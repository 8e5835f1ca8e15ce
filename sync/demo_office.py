"""Starting the demo's head office as a child process (``python -m sync.server``).

The desktop side never imports the server package: it runs it, waits for the line
that says where it listens, and talks to it over HTTP like any laptop would.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tech_app.errors import TechAppError

START_TIMEOUT_S = 60.0


@dataclass
class DemoOffice:
    url: str
    db_url: str  # for ``tech-app office --db …``
    process: subprocess.Popen[str]

    def stop(self) -> None:
        """Close its input (it shuts down cleanly on end of file), then make sure it is gone."""
        if self.process.poll() is None:
            if self.process.stdin:
                self.process.stdin.close()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream:
                stream.close()


def start_demo_office(
    folder: Path, *, today: date | None = None, password: str = "demo"
) -> DemoOffice:
    """A seeded head office on 127.0.0.1 in its own process; raises TechAppError if it fails."""
    command = [sys.executable, "-m", "sync.server", "--folder", str(folder)]
    command += ["--password", password]
    if today is not None:
        command += ["--today", today.isoformat()]
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    first = _first_line(process)
    try:
        where = json.loads(first)
        return DemoOffice(str(where["url"]), str(where["db"]), process)
    except (ValueError, KeyError, TypeError):
        reason = _reason_it_stopped(process)
        raise TechAppError(
            "the demo head office did not start"
            + (f": {reason}" if reason else "")
            + " (it needs the server extras: pip install 'tech-app[server]')"
        ) from None


def _first_line(process: subprocess.Popen[str]) -> str:
    """Its first line of output, or "" if none comes in time (read aside, so it can time out)."""
    stdout = process.stdout
    assert stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=START_TIMEOUT_S)
    except queue.Empty:
        return ""


def _reason_it_stopped(process: subprocess.Popen[str]) -> str:
    """The last line it wrote to stderr (a traceback ends with the error itself)."""
    if process.poll() is None:
        process.kill()
    try:
        _, err = process.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        return ""
    lines = [line.strip() for line in (err or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""
