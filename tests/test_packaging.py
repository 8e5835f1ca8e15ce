"""What each install needs: head office without Qt, the app without the server."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import ui

ROOT = Path(__file__).resolve().parents[1]
DESKTOP_ONLY = ("pyside6", "reportlab", "requests", "keyring")


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~; ]", r, maxsplit=1)[0].lower() for r in requirements}


def _loaded(script_imports: str, prefixes: tuple[str, ...]) -> list[str]:
    script = (
        "import importlib, sys\n"
        f"{script_imports}\n"
        f"print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert run.returncode == 0, run.stderr
    return eval(run.stdout)  # a printed list of module names


def test_a_head_office_install_asks_for_no_desktop_library() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    server_install = _names(project["dependencies"]) | _names(
        project["optional-dependencies"]["server"]
    )
    assert not {n for n in server_install if n.startswith(DESKTOP_ONLY)}, server_install


def test_head_office_runs_without_importing_qt_reportlab_or_requests() -> None:
    imports = (
        "import sync.server.app, sync.server.embedded, sync.server.__main__, sync.commands\n"
        "sync.server.app.create_app('sqlite://')"
    )
    assert _loaded(imports, ("PySide6", "reportlab", "requests", "ui")) == []
    # Head office recomputes a signed slip's content hash (``sync.server.slip_check``)
    # with the slip's data modules, never a renderer.
    assert set(_loaded(imports, ("reports",))) <= SLIP_DATA_MODULES


# The ReportLab-free half of ``reports``: what a slip shows, and its content hash.
SLIP_DATA_MODULES = {
    "reports",
    "reports.facts",
    "reports.gather",
    "reports.integrity",
    "reports.labels",
    "reports.service_facts",
    "reports.service_labels",
    "reports.slip_data",
}


def test_the_slip_data_modules_import_no_reportlab() -> None:
    imports = f"for name in {sorted(SLIP_DATA_MODULES)!r}: importlib.import_module(name)"
    assert _loaded(imports, ("reportlab", "PySide6", "requests", "sync", "ui")) == []


def test_the_wire_format_imports_no_client_store() -> None:
    assert _loaded("import sync.protocol", ("tech_app.store", "sync.client", "sync.server")) == []


def test_the_desktop_app_never_imports_the_server() -> None:
    modules = [m.name for m in pkgutil.walk_packages(ui.__path__, "ui.")]
    assert "ui.demo_session" in modules
    imports = f"for name in {modules!r}: importlib.import_module(name)"
    assert _loaded(imports, ("sync.server", "fastapi", "sqlalchemy", "uvicorn")) == []


def test_no_desktop_module_names_the_server_even_inside_a_function() -> None:
    # Importing every module catches top-level imports; a deferred import inside a
    # function (how the demo used to start head office) shows only in the source.
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path.name}: {n}" for n in names if n.startswith("sync.server")]
    assert found == []
