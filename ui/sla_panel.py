"""SLA countdowns of one job, coloured met / on track / at risk / breached."""

from __future__ import annotations

from datetime import timedelta, tzinfo

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from tech_app.rules.sla import SlaTimer
from tech_app.vocab import SlaState
from ui import labels
from ui.retranslate import Retranslating
from ui.style import sla_colour


class SlaPanel(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.state_labels: dict[str, QLabel] = {}
        self._rows: list[QLabel] = []
        self.none_label = self.tr_label(lambda: self.tr("No service-level promise on this job"))
        self._grid.addWidget(self.none_label, 0, 0)

    def show_timers(self, timers: tuple[SlaTimer, ...], zone: tzinfo | None) -> None:
        for label in self._rows:
            # Out of the layout and hidden now; deleted when control returns to the loop.
            self._grid.removeWidget(label)
            label.hide()
            label.deleteLater()
        self._rows.clear()
        self.state_labels.clear()
        self.none_label.setVisible(not timers)
        for row, timer in enumerate(timers):
            name = QLabel(labels.promise_name(timer.promise.name), self)
            due = QLabel(
                self.tr("due {deadline}").format(
                    deadline=labels.short_date_time(timer.deadline, zone)
                ),
                self,
            )
            state = QLabel(self._state_text(timer), self)
            colour = sla_colour(timer.state).name()
            state.setStyleSheet(f"color: {colour}; font-weight: bold;")
            state.setObjectName(f"sla_{timer.promise.name}")
            self.state_labels[timer.promise.name] = state
            self._rows += [name, due, state]
            self._grid.addWidget(name, row + 1, 0)
            self._grid.addWidget(due, row + 1, 1)
            self._grid.addWidget(state, row + 1, 2)
        self._grid.setColumnStretch(2, 1)

    def _state_text(self, timer: SlaTimer) -> str:
        left = labels.duration(timer.remaining)
        if timer.state is SlaState.MET:
            return self.tr("Met ({margin} early)").format(margin=left)
        if timer.done_at is not None:
            return self.tr("Breached ({late} late)").format(late=left)
        if timer.remaining < timedelta(0):
            return self.tr("Breached — overdue by {late}").format(late=left)
        if timer.state is SlaState.AT_RISK:
            return self.tr("At risk — {left} left").format(left=left)
        return self.tr("On track — {left} left").format(left=left)
