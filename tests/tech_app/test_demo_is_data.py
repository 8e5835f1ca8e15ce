"""The demo only supplies values: no production module reads tech_app.demo (issue 11).

The demo's own entry points may load the demo set when they run: the ``demo-data``
command, head office's ``seed-demo``, the screenshot tool. Anything else importing it
would make demo constants production defaults again.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tech_app", "sync", "reports", "ui")
# The demo's entry points, each importing it inside the function that runs the demo.
DEMO_ENTRY_POINTS = {
    "tech_app/demo.py",
    "tech_app/cli.py",  # tech-app demo-data
    "sync/server/office.py",  # tech-app office seed-demo
    "ui/screenshots.py",  # python -m ui.screenshots, on the demo day
    "ui/service_screenshots.py",  # python -m ui.service_screenshots, likewise
}
IMPORT = re.compile(
    r"^\s*(from tech_app\.demo import|import tech_app\.demo|from tech_app import demo)", re.M
)


def test_no_production_module_imports_the_demo() -> None:
    found = {
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if IMPORT.search(path.read_text(encoding="utf-8"))
    }
    assert found - DEMO_ENTRY_POINTS == set()


def test_head_office_prices_without_a_local_store() -> None:
    source = (ROOT / "sync/server/job_bill.py").read_text(encoding="utf-8")
    assert "open_store" not in source and "apply_pull_page" not in source
    assert "LocalStore" not in source


def test_the_slip_does_not_re_derive_rates() -> None:
    source = (ROOT / "reports/slip_data.py").read_text(encoding="utf-8")
    assert "DEMO_" not in source and ".startswith(" not in source
