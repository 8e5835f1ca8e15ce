"""What the app imports before its job list can paint.

The sync client (requests, keyring, urllib3) and ReportLab were a third of start-up,
paid before the first paint although nothing on the first screen uses them. They are
imported where they are first used: the sync round on its worker thread, the slip.
So are the job view's tabs, the sign-off and slip preview (Qt PDF), the pricing and
the visit operations: the first job opens right after the list's first paint
(``MainWindow.open_first_job``), and only then are they imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LATER = (
    "requests",
    "keyring",
    "urllib3",
    "reportlab",
    "sync.client",
    "ui.sync_worker",
    "ui.checklist_form",
    "ui.parts_panel",
    "ui.charges_panel",
    "ui.service_panel",
    "ui.intake_panel",
    "ui.signoff_dialog",
    "ui.slip_preview",
    "ui.settings_dialog",
    "PySide6.QtPdf",
    "tech_app.charges",
    "tech_app.rules.pricing",
    "tech_app.lifecycle",
    "tech_app.job_overview",
    "tech_app.store.remote",
)


def test_opening_the_main_window_imports_nothing_the_first_paint_does_not_show() -> None:
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


def test_building_the_window_on_a_profile_imports_nothing_more(demo_profile: Path) -> None:
    """The window itself, on a real profile, up to (not including) its first paint."""
    script = (
        "import sys, tempfile\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from ui.app import close_context, create_context\n"
        "from ui.main_window import MainWindow\n"
        "from ui.settings import AppSettings, settings_at\n"
        "app = QApplication([])\n"
        "settings = AppSettings(settings_at(Path(tempfile.mkdtemp()) / 's.ini'))\n"
        "ctx = create_context(Path(sys.argv[1]), settings)\n"
        "window = MainWindow(ctx)\n"
        "assert window.model.rowCount() > 0\n"
        f"print(','.join(m for m in {LATER!r} if m in sys.modules))\n"
        "close_context(ctx)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    found = subprocess.run(
        [sys.executable, "-c", script, str(demo_profile)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == ""
