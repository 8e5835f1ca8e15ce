"""PDF documents of a visit: the signed service slip (A4 or 80 mm receipt) and the
condition report of a fleet visit.

Imports ``tech_app`` and ReportLab only (never Qt, ``ui`` or ``sync``).
"""

from reports.condition_data import ConditionData, build_condition_data
from reports.condition_report import write_condition_report
from reports.fonts import FontNotFoundError
from reports.integrity import slip_content_hash
from reports.issue import draft_slip, issue_slip
from reports.slip_data import SlipData, build_slip_data
from reports.slip_pdf import render_slip

__all__ = [
    "ConditionData",
    "FontNotFoundError",
    "SlipData",
    "build_condition_data",
    "build_slip_data",
    "draft_slip",
    "issue_slip",
    "render_slip",
    "slip_content_hash",
    "write_condition_report",
]
