"""Charges: the estimate the customer agrees to before repair, and the running total after.

Both come from the core's pricing (``job_estimate``, ``job_charges``); this
panel only shows them. Consent keeps the estimate exactly as it was shown
(``record_consent`` stores it with the customer's name).
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tech_app.charges import job_bills
from tech_app.company import company_settings
from tech_app.coverage import record_fault_cause
from tech_app.errors import TechAppError
from tech_app.records import Consent, Customer, Estimate, Job
from tech_app.rules.consent import allowed_total
from tech_app.rules.pricing import Bill
from tech_app.signoff import consented_total, record_consent
from tech_app.vocab import Exclusion
from ui import labels
from ui.charges_model import ChargesModel
from ui.context import AppContext
from ui.lazy_panel import FilledWhenShown
from ui.messages import show_error
from ui.retranslate import Retranslating, announce_new_words
from ui.style import OK_STYLE

DEFAULT_PLANNED_MINUTES = 60


def _table(model: ChargesModel, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setSelectionMode(QTableView.SelectionMode.NoSelection)
    return table


class ChargesPanel(FilledWhenShown, Retranslating, QWidget):
    consent_recorded = Signal()
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._job_id = ""

        estimate_box = QGroupBox(self)
        self.keep_text(lambda: estimate_box.setTitle(self.tr("Estimate before repair")))
        self.planned_minutes = QSpinBox(estimate_box)
        self.planned_minutes.setRange(0, 24 * 60)
        self.planned_minutes.setSingleStep(15)
        self.keep_text(lambda: self.planned_minutes.setSuffix(self.tr(" min")))
        self.planned_minutes.setValue(DEFAULT_PLANNED_MINUTES)
        self.planned_minutes.setMaximumWidth(120)
        self.planned_minutes.valueChanged.connect(self.on_planned_changed)
        self.estimate_model = ChargesModel(self)
        self.estimate_table = _table(self.estimate_model, estimate_box)
        self.estimate_total = QLabel(estimate_box)
        self.consent_check = QCheckBox(estimate_box)
        self.keep_text(
            lambda: self.consent_check.setText(
                self.tr("The customer has seen these charges and agrees to them")
            )
        )
        self.consent_name = QLineEdit(estimate_box)
        self.keep_text(
            lambda: self.consent_name.setPlaceholderText(self.tr("Name of the person agreeing"))
        )
        self.consent_button = self.tr_button(lambda: self.tr("Record consent"), estimate_box)
        self.consent_button.clicked.connect(self.on_consent_clicked)
        self.consent_check.toggled.connect(self.on_consent_inputs_changed)
        self.consent_name.textChanged.connect(self.on_consent_inputs_changed)
        self.consent_label = QLabel(estimate_box)
        self.consent_label.setStyleSheet(OK_STYLE)
        planned = QFormLayout()
        self.tr_row(planned, lambda: self.tr("Planned labour"), self.planned_minutes)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent_name, 1)
        consent_row.addWidget(self.consent_button)
        box = QVBoxLayout(estimate_box)
        box.addLayout(planned)
        box.addWidget(self.estimate_table, 1)
        box.addWidget(self.estimate_total)
        box.addWidget(self.consent_check)
        box.addLayout(consent_row)
        box.addWidget(self.consent_label)

        running_box = QGroupBox(self)
        self.keep_text(lambda: running_box.setTitle(self.tr("Charges so far")))
        self.running_model = ChargesModel(self)
        self.running_table = _table(self.running_model, running_box)
        self.running_total = QLabel(running_box)
        # The cause decides a warranty exclusion: the bill below follows it at once.
        self.fault_cause = QComboBox(running_box)
        self.fault_cause.addItem("", "")
        for cause in Exclusion:
            self.fault_cause.addItem("", cause.value)
        self.keep_text(self._name_causes)
        self.fault_cause.activated.connect(self.on_fault_cause_chosen)
        self.agree_bill_button = self.tr_button(
            lambda: self.tr("The customer agrees to the bill as it stands"), running_box
        )
        self.agree_bill_button.clicked.connect(self.on_agree_bill_clicked)
        self.bill_warning = QLabel(running_box)
        self.bill_warning.hide()
        self.agree_bill_button.hide()
        # One row with the total, so the panel is no taller; the warning and the button
        # show only when the customer has charges to agree to.
        total_row = QHBoxLayout()
        total_row.addWidget(self.running_total, 1)
        total_row.addWidget(self.tr_label(lambda: self.tr("Cause of the fault"), running_box))
        total_row.addWidget(self.fault_cause)
        agree_row = QHBoxLayout()
        agree_row.addWidget(self.bill_warning, 1)
        agree_row.addWidget(self.agree_bill_button)
        inner = QVBoxLayout(running_box)
        inner.addWidget(self.running_table, 1)
        inner.addLayout(total_row)
        inner.addLayout(agree_row)

        layout = QVBoxLayout(self)
        layout.addWidget(estimate_box, 3)
        layout.addWidget(running_box, 2)

    def _name_causes(self) -> None:
        self.fault_cause.setItemText(0, self.tr("Quality or installation fault"))
        for index in range(1, self.fault_cause.count()):
            self.fault_cause.setItemText(index, labels.word(self.fault_cause.itemData(index)))

    def on_language_changed(self) -> None:
        self.reload()
        for model in (self.estimate_model, self.running_model):
            announce_new_words(model)

    def fill(self, job_id: str) -> None:
        self._job_id = job_id
        job = self._ctx.store.get(Job, job_id)
        customer = self._ctx.store.get(Customer, job.customer_id)
        self.consent_name.setText(customer.name)
        self.consent_check.setChecked(False)
        self.refresh()

    def refill(self) -> None:
        self.refresh()  # the name typed and the box ticked stay

    def refresh(self) -> None:
        """Reprice after parts or time changed."""
        if not self._job_id:
            return
        store, day = self._ctx.store, self._ctx.today()
        try:
            estimate, running = job_bills(
                store, self._job_id, self.planned_minutes.value(), on_date=day
            )
        except TechAppError as exc:
            show_error(self, exc)
            return
        self.estimate_model.set_lines(estimate.lines)
        self.estimate_total.setText(self._totals(estimate))
        self.running_model.set_lines(running.lines)
        self.running_total.setText(self._totals(running))
        cause = store.get(Job, self._job_id).fault_cause
        self.fault_cause.setCurrentIndex(max(0, self.fault_cause.findData(cause)))
        self._running = running
        self._show_consent()

    def _totals(self, charges: Bill) -> str:
        return self.tr("Subtotal {subtotal} · tax {tax} · <b>total {total}</b>").format(
            subtotal=labels.money(charges.subtotal),
            tax=labels.money(charges.tax),
            total=labels.money(charges.total),
        )

    def _show_consent(self) -> None:
        store = self._ctx.store
        consents = store.select(Consent, "job_id = ?", [self._job_id], order_by="consented_at")
        given = consents[-1] if consents else None
        if given is None:
            self.consent_label.setText("")
        else:
            shown = store.get(Estimate, given.estimate_id)
            self.consent_label.setText(
                self.tr("✔ {name} agreed to {total} at {when}").format(
                    name=given.consented_by,
                    total=labels.money(shown.total),
                    when=labels.clock_time(given.consented_at, self._zone()),
                )
            )
        self.on_consent_inputs_changed()

    def _zone(self) -> tzinfo | None:
        job = self._ctx.store.get(Job, self._job_id)
        return (job.window_start or job.reported_at).tzinfo

    def on_planned_changed(self, _value: int) -> None:
        self.refresh()

    def _needs_new_consent(self) -> bool:
        """The bill has charges the customer has not agreed to (none yet, or past the
        consented total and the company's margin): the sign-off would be refused."""
        running = getattr(self, "_running", None)
        if running is None or not running.needs_consent or running.total <= 0:
            return False
        agreed = consented_total(self._ctx.store, self._job_id)
        if agreed is None:
            return True
        margin = company_settings(self._ctx.store).consent_margin
        return running.total > allowed_total(agreed, margin)

    def on_consent_inputs_changed(self) -> None:
        ready = (
            self.consent_check.isEnabled()
            and self.consent_check.isChecked()
            and bool(self.consent_name.text().strip())
        )
        self.consent_button.setEnabled(ready)
        over = bool(self._job_id) and self._needs_new_consent()
        self.bill_warning.setText(
            self.tr("The customer must agree to these charges before signing.") if over else ""
        )
        self.agree_bill_button.setEnabled(ready and over)
        self.bill_warning.setVisible(over)
        self.agree_bill_button.setVisible(over)

    def on_fault_cause_chosen(self, _index: int) -> None:
        cause = str(self.fault_cause.currentData() or "")
        try:
            record_fault_cause(self._ctx.store, self._job_id, cause)
        except TechAppError as exc:
            show_error(self, exc)
            return
        self._ctx.local_change()
        self.refresh()
        self.changed.emit()

    def on_agree_bill_clicked(self) -> None:
        self._record_consent(None)  # to the bill as it stands

    def on_consent_clicked(self) -> None:
        self._record_consent(self.planned_minutes.value())  # to the estimate

    def _record_consent(self, planned_minutes: int | None) -> None:
        try:
            record_consent(
                self._ctx.store,
                self._job_id,
                self.consent_name.text().strip(),
                planned_minutes,
                now=self._ctx.now(),
            )
        except TechAppError as exc:
            show_error(self, exc)
            return
        self.consent_check.setChecked(False)
        self._show_consent()
        self._ctx.local_change()
        self.consent_recorded.emit()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.planned_minutes,
            self.consent_check,
            self.consent_name,
            self.fault_cause,
        ):
            widget.setEnabled(not read_only)
        if not self.is_stale:  # else filling it soon says it
            self.on_consent_inputs_changed()
