"""Screenshots of the sync status bar's states, on a real demo head office.

    python -m ui.sync_screenshots [--out docs/screenshots]

Starts ``tech-app demo``'s embedded head office, opens the app on its profile and grabs
the status bar: synced, a change waiting, a change head office refused, and offline
with a change waiting, in English and in Chinese. Offscreen by default (``xvfb-run -a``
works too).
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
from ui.i18n import install_translator, remove_translators, set_locale
from ui.main_window import MainWindow
from ui.screenshots import WINDOW_SIZE, save, wait_for
from ui.settings import AppSettings, settings_at
from ui.sync_worker import BackgroundSync, SyncTiming

TIMING = SyncTiming(after_edit_ms=60_000, every_ms=600_000, probe_ms=600_000, attempts=1)


def shoot(language: str, out: Path) -> list[Path]:
    """The four states in one language: its own demo head office and profile."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translator(app, language)
    set_locale(language)
    # The profile outlives the head office here, so it cannot sit in the demo's temp folder.
    profile = tempfile.TemporaryDirectory(prefix="tech-app-shots-")
    session = start_demo(Path(profile.name) / "profile")
    settings = AppSettings(settings_at(session.data_dir / "settings.ini"))
    ctx = create_context(session.data_dir, settings, language=language, sync_timing=TIMING)
    window = MainWindow(ctx)
    window.resize(*WINDOW_SIZE)
    window.show()
    source = ctx.sync_status
    assert isinstance(source, BackgroundSync)
    stopped = False
    shots: list[Path] = []

    def synced() -> None:
        source.sync_now()
        wait_for(lambda: not source.running)

    def edit(**fields: Any) -> None:
        job = ctx.store.get(Job, window.model.job_id(0))
        ctx.store.save(dataclasses.replace(job, **fields))
        ctx.local_change()

    try:
        synced()
        shots.append(save(window.status, out / f"sync_online_{language}.png"))
        edit(findings="burner cap cracked")
        shots.append(save(window.status, out / f"sync_waiting_{language}.png"))
        edit(priority=1)  # a dispatch field: head office refuses it
        synced()
        shots.append(save(window.status, out / f"sync_refused_{language}.png"))
        session.stop()
        stopped = True
        edit(findings="burner cap replaced")
        synced()
        shots.append(save(window.status, out / f"sync_offline_{language}.png"))
    finally:
        window.close()
        close_context(ctx)
        if not stopped:
            session.stop()
        profile.cleanup()
        remove_translators(app, translators)
    return shots


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--lang", action="append", choices=("en", "zh_CN"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    for language in args.lang or ["en", "zh_CN"]:
        for path in shoot(language, args.out):
            print(f"{path}  {path.stat().st_size // 1024} KB")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
