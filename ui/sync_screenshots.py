"""Screenshots of the sync status bar's states, on a real demo head office.

    python -m ui.sync_screenshots [--out docs/screenshots]

Starts ``tech-app demo``'s embedded head office, opens the app on its profile and grabs
the status bar: synced, a change waiting, a change head office refused, and offline
with a change waiting. Offscreen by default (``xvfb-run -a`` works too).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import dataclasses
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from tech_app.records import Job
from ui.app import close_context, create_context
from ui.demo_session import start_demo
from ui.main_window import MainWindow
from ui.screenshots import save, wait_for
from ui.settings import AppSettings, settings_at
from ui.sync_worker import BackgroundSync, SyncTiming

TIMING = SyncTiming(after_edit_ms=60_000, every_ms=600_000, probe_ms=600_000, attempts=1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    # The profile outlives the head office here, so it cannot sit in the demo's temp folder.
    profile = tempfile.TemporaryDirectory(prefix="tech-app-shots-")
    session = start_demo(Path(profile.name) / "profile")
    settings = AppSettings(settings_at(session.data_dir / "settings.ini"))
    ctx = create_context(session.data_dir, settings, sync_timing=TIMING)
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    source = ctx.sync_status
    assert isinstance(source, BackgroundSync)
    stopped = False

    def synced() -> None:
        source.sync_now()
        wait_for(lambda: not source.running)

    def edit(**fields: Any) -> None:
        job = ctx.store.get(Job, window.model.job_id(0))
        ctx.store.save(dataclasses.replace(job, **fields))
        ctx.local_change()

    try:
        synced()
        save(window.status, args.out / "sync_online_en.png")
        edit(findings="burner cap cracked")
        save(window.status, args.out / "sync_waiting_en.png")
        edit(priority=1)  # a dispatch field: head office refuses it
        synced()
        save(window.status, args.out / "sync_refused_en.png")
        session.stop()
        stopped = True
        edit(findings="burner cap replaced")
        synced()
        save(window.status, args.out / "sync_offline_en.png")
    finally:
        close_context(ctx)
        if not stopped:
            session.stop()
        profile.cleanup()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
