"""What the app imports before its job list can paint.

The sync client (requests, keyring, urllib3) and ReportLab were a third of start-up,
paid before the first paint although nothing on the first screen uses them. They are
imported where they are first used: the sync round on its worker thread, the slip.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LATER = ("requests", "keyring", "urllib3", "reportlab", "sync.client")


def test_opening_the_main_window_imports_no_sync_client_or_reportlab() -> None:
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import ui.app, ui.main_window\n"
        f"print(','.join(m for m in {LATER!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    found = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == ""
