"""The core stays free of Qt, HTTP and PDF libraries, so it runs without a display."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tech_app

FORBIDDEN = ("PySide6", "requests", "reportlab", "ui", "sync", "reports")


def test_importing_every_core_module_loads_no_qt_requests_or_reportlab() -> None:
    modules = [m.name for m in pkgutil.walk_packages(tech_app.__path__, "tech_app.")]
    assert "tech_app.store.local" in modules and "tech_app.cli" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]"
