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
        self._rows: list[tuple[QLabel, QLabel, QLabel]] = []  # name, due, state
        self.none_label = self.tr_label(lambda: self.tr("No service-level promise on this job"))
        self._grid.addWidget(self.none_label, 0, 0)

    def show_timers(self, timers: tuple[SlaTimer, ...], zone: tzinfo | None) -> None:
        """One row per promise: name, deadline, state. The rows' labels are kept and
        written again (every open and every half minute), not built anew."""
        self.state_labels.clear()
        self.none_label.setVisible(not timers)
        while len(self._rows) < len(timers):
            row = (QLabel(self), QLabel(self), QLabel(self))
            for column, label in enumerate(row):
                self._grid.addWidget(label, len(self._rows) + 1, column)
            self._rows.append(row)
        for index, (name, due, state) in enumerate(self._rows):
            shown = index < len(timers)
            for label in (name, due, state):
                label.setVisible(shown)
            if not shown:
                continue
            timer = timers[index]
            name.setText(labels.promise_name(timer.promise.name))
            due.setText(
                self.tr("due {deadline}").format(
                    deadline=labels.short_date_time(timer.deadline, zone)
                )
            )
            state.setText(self._state_text(timer))
            style = f"color: {sla_colour(timer.state).name()}; font-weight: bold;"
            if state.styleSheet() != style:  # a style sheet is costly to set: only a change
                state.setStyleSheet(style)
            state.setObjectName(f"sla_{timer.promise.name}")
            self.state_labels[timer.promise.name] = state
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
