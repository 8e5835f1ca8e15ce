"""Colours that carry meaning on screen, in one place so every panel agrees."""

from __future__ import annotations

from PySide6.QtGui import QColor

from tech_app.vocab import SlaState

_SLA = {
    SlaState.MET: QColor("#2e7d32"),
    SlaState.ON_TRACK: QColor("#1565c0"),
    SlaState.AT_RISK: QColor("#b26a00"),
    SlaState.BREACHED: QColor("#c62828"),
}
WARNING = QColor("#c62828")
FLAG_STYLE = "color: #c62828; font-weight: bold;"
OK_STYLE = "color: #2e7d32;"
MUTED_STYLE = "color: #666666;"
# Something the list does not show right now (a filter kept from last time).
NOTICE_STYLE = "color: #1565c0; font-weight: bold;"
# A field whose typed value is out of range or not understood.
FLAGGED_FIELD_STYLE = "background: #ffebee; border: 1px solid #c62828;"


def sla_colour(state: SlaState) -> QColor:
    return _SLA[state]
