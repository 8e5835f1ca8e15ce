"""PDF documents of a visit: the signed service slip (A4 or 80 mm receipt) and the
condition report of a fleet visit.

Imports ``tech_app`` and ReportLab only (never Qt, ``ui`` or ``sync``). The slip's
data and its content hash (``slip_data``, ``gather``, ``facts``, ``integrity`` …) need
no ReportLab: head office recomputes a signed slip's content hash with them, on an
install without ReportLab. So the package itself imports nothing; the names below are
loaded when first asked for (PEP 562).
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "ConditionData": "reports.condition_data",
    "build_condition_data": "reports.condition_data",
    "write_condition_report": "reports.condition_report",
    "FontNotFoundError": "reports.fonts",
    "slip_content_hash": "reports.integrity",
    "draft_slip": "reports.issue",
    "issue_slip": "reports.issue",
    "SlipData": "reports.slip_data",
    "build_slip_data": "reports.slip_data",
    "render_slip": "reports.slip_pdf",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'reports' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)


__all__ = sorted(_WHERE)
