"""A jewellery counter job's registration form: fill it in, the customer signs, the counterfoil
prints; later the piece is marked ready and handed back against its counterfoil number.

The panel only calls the core (``tech_app.intake``): the form is checked as
``IntakeForm`` checks it before the signature pad opens, each refusal shown under its
field; signing records the form with its counterfoil number; the counterfoil PDF is
rendered on the worker (``reports.counterfoil_pdf``) and shown to print.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tech_app import intake
from tech_app.errors import TechAppError, ValidationError
from tech_app.intake import IntakeStatus
from tech_app.records import Customer, IntakeForm, Job
from tech_app.records.intake import read_carats
from tech_app.store.local import LocalStore
from tech_app.vocab import IntakeService, IntakeState, Material, VisitMode
from ui.context import AppContext
from ui.error_words import invalid_text
from ui.messages import error_text, show_error
from ui.signature_pad import SignaturePad
from ui.slip_preview import SlipPreview
from ui.style import FLAG_STYLE, MUTED_STYLE, OK_STYLE

# The form's fields, by the name the core gives a refusal (``jewellery_intake.<name>``).
FORM_FIELDS = (
    "product",
    "material",
    "stone_size",
    "stone_grade",
    "services",
    "service_note",
    "other_problems",
)
COLLECT_FIELD = "intake_step.counterfoil_number"


def is_intake_job(job: Job) -> bool:
    """The panel belongs to jobs done at a counter: the piece is handed in."""
    return job.visit_mode is VisitMode.COUNTER


class IntakePanel(QWidget):
    changed = Signal()
    counterfoil_ready = Signal(object)  # Path of the rendered PDF
    counterfoil_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._job_id = ""
        self._status: IntakeStatus | None = None
        self._read_only = False
        self.sign_dialog: IntakeSignDialog | None = None
        self.preview_dialog: CounterfoilDialog | None = None
        self.errors: dict[str, QLabel] = {}

        self.status_label = QLabel(self)
        self.status_label.setObjectName("intake_status")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)

        page = QWidget(self)
        form = QFormLayout()
        self.product_field = QLineEdit(page)
        self.product_field.setObjectName("intake_product")
        self.product_field.setPlaceholderText(self.tr("e.g. 18K gold diamond ring"))
        self.material_combo = QComboBox(page)
        self.material_combo.setObjectName("intake_material")
        for material, words in self.material_words().items():
            self.material_combo.addItem(words, material.value)
        self.stone_size_field = QLineEdit(page)
        self.stone_size_field.setObjectName("intake_stone_size")
        self.stone_size_field.setPlaceholderText(self.tr("carats, e.g. 0.30 (empty: no stone)"))
        self.stone_grade_field = QLineEdit(page)
        self.stone_grade_field.setObjectName("intake_stone_grade")
        self.stone_grade_field.setPlaceholderText(self.tr("colour / clarity, e.g. H / VS1"))
        services = QWidget(page)
        grid = QGridLayout(services)
        grid.setContentsMargins(0, 0, 0, 0)
        self.service_boxes: dict[IntakeService, QCheckBox] = {}
        for n, (service, words) in enumerate(self.service_words().items()):
            box = QCheckBox(words, services)
            box.setObjectName(f"service_{service.value}")
            self.service_boxes[service] = box
            grid.addWidget(box, n // 3, n % 3)
        self.service_note_field = QLineEdit(page)
        self.service_note_field.setObjectName("intake_service_note")
        self.service_note_field.setPlaceholderText(
            self.tr("sizes for a resize, what “other” means, what the customer was told")
        )
        self.other_problems_field = QPlainTextEdit(page)
        self.other_problems_field.setObjectName("intake_other_problems")
        self.other_problems_field.setPlaceholderText(
            self.tr("scratches, a bent or loose claw, a missing stone…")
        )
        self.other_problems_field.setMaximumHeight(64)
        rows: list[tuple[str, str, QWidget]] = [
            ("product", self.tr("Product"), self.product_field),
            ("material", self.tr("Material"), self.material_combo),
            ("stone_size", self.tr("Main stone size"), self.stone_size_field),
            ("stone_grade", self.tr("Stone grade"), self.stone_grade_field),
            ("services", self.tr("Requested services"), services),
            ("service_note", self.tr("Service notes"), self.service_note_field),
            ("other_problems", self.tr("Other problems noticed"), self.other_problems_field),
        ]
        for name, label, widget in rows:
            form.addRow(label, self._with_error(name, widget, page))
        self.form_widgets: list[QWidget] = [widget for _name, _label, widget in rows]
        self.placeholders = {
            field: field.placeholderText()
            for field in (
                self.product_field,
                self.stone_size_field,
                self.stone_grade_field,
                self.service_note_field,
                self.other_problems_field,
            )
        }
        self.signature_image = QLabel(page)
        self.signature_image.setObjectName("intake_signature")
        column = QVBoxLayout(page)
        column.addLayout(form)
        column.addWidget(self.signature_image)
        column.addStretch(1)

        self.sign_button = QPushButton(self.tr("Customer signs the form…"), self)
        self.sign_button.setObjectName("intake_sign")
        self.sign_button.clicked.connect(self.on_sign_clicked)
        self.print_button = QPushButton(self.tr("Print counterfoil…"), self)
        self.print_button.setObjectName("intake_print")
        self.print_button.clicked.connect(self.print_counterfoil)
        self.ready_button = QPushButton(self.tr("Mark ready for collection"), self)
        self.ready_button.setObjectName("intake_ready")
        self.ready_button.clicked.connect(self.on_ready_clicked)
        actions = QHBoxLayout()
        for button in (self.sign_button, self.print_button, self.ready_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.collect_box = QWidget(self)
        self.counterfoil_field = QLineEdit(self.collect_box)
        self.counterfoil_field.setObjectName("intake_counterfoil")
        self.counterfoil_field.setPlaceholderText(self.tr("number on the customer's counterfoil"))
        self.counterfoil_field.returnPressed.connect(self.on_collect_clicked)
        self.collect_button = QPushButton(self.tr("Hand back"), self.collect_box)
        self.collect_button.setObjectName("intake_collect")
        self.collect_button.clicked.connect(self.on_collect_clicked)
        collect = QFormLayout(self.collect_box)
        collect.setContentsMargins(0, 0, 0, 0)
        field = QHBoxLayout()
        field.addWidget(self.counterfoil_field, 1)
        field.addWidget(self.collect_button)
        holder = QWidget(self.collect_box)
        holder.setLayout(field)
        collect.addRow(
            self.tr("Counterfoil no."), self._with_error(COLLECT_FIELD, holder, self.collect_box)
        )

        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(area, 1)
        layout.addLayout(actions)
        layout.addWidget(self.collect_box)

    def _with_error(self, name: str, widget: QWidget, parent: QWidget) -> QWidget:
        """The field with a line under it where its refusal is shown."""
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(FLAG_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.errors[name] = error
        return box

    # -- words ---------------------------------------------------------------------------
    def material_words(self) -> dict[Material, str]:
        return {
            Material.GOLD_18K: self.tr("18K gold"),
            Material.PURE_GOLD: self.tr("Pure gold"),
            Material.K_GOLD: self.tr("K gold"),
            Material.PLATINUM: self.tr("Platinum"),
            Material.SILVER: self.tr("Silver"),
            Material.OTHER: self.tr("Other material"),
        }

    def service_words(self) -> dict[IntakeService, str]:
        return {
            IntakeService.CLEANING: self.tr("Cleaning"),
            IntakeService.POLISHING: self.tr("Polishing"),
            IntakeService.RESIZING: self.tr("Resizing"),
            IntakeService.STONE_SETTING: self.tr("Stone re-setting"),
            IntakeService.RESHAPING: self.tr("Reshaping"),
            IntakeService.ENGRAVING: self.tr("Engraving"),
            IntakeService.STONE_CHECK: self.tr("3-monthly stone check"),
            IntakeService.REPAIR: self.tr("Repair"),
            IntakeService.OTHER: self.tr("Other service"),
        }

    def state_words(self) -> dict[IntakeState, str]:
        return {
            IntakeState.HANDED_IN: self.tr("Handed in"),
            IntakeState.READY: self.tr("Ready for collection"),
            IntakeState.COLLECTED: self.tr("Collected"),
        }

    # -- loading -------------------------------------------------------------------------
    @property
    def status(self) -> IntakeStatus | None:
        return self._status

    def load(self, job_id: str) -> None:
        self._job_id = job_id
        self.counterfoil_field.clear()
        self.clear_errors()
        self._refresh()

    def set_read_only(self, read_only: bool) -> None:
        """A signed or cancelled job takes no new form; a piece handed in still moves on."""
        self._read_only = read_only
        self._show_buttons()

    def _refresh(self) -> None:
        self._status = intake.intake_of(self._ctx.store, self._job_id)
        status = self._status
        if status is None:
            self._fill(None)
            self.status_label.setText(
                f"<span style='{MUTED_STYLE}'>"
                + self.tr("Fill in the registration form with the customer, then let them sign it.")
                + "</span>"
            )
        else:
            self._fill(status)
            record = status.intake
            state = self.state_words()[status.state]
            style = OK_STYLE if status.state is IntakeState.COLLECTED else ""
            self.status_label.setText(
                self.tr(
                    "Counterfoil <b>{number}</b> · signed by {signer} on {day} · <span style='{style}'>{state}</span>"
                ).format(
                    number=escape(record.counterfoil_number),
                    signer=escape(record.signer_name),
                    day=self._when(record.handed_in_at),
                    style=style,
                    state=state,
                )
            )
        self._show_buttons()

    def _when(self, moment: Any) -> str:
        zone = self._ctx.store.get(Job, self._job_id).reported_at.tzinfo
        return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"

    def _fill(self, status: IntakeStatus | None) -> None:
        """The signed form as it was recorded (read only), or an empty form to fill in."""
        for field, hint in self.placeholders.items():
            field.setPlaceholderText(hint if status is None else "—")
        self.signature_image.clear()
        if status is None:
            return
        self._show_signature(status.intake.signature_sha256)
        form = status.intake.form
        self.product_field.setText(form.product)
        self.material_combo.setCurrentIndex(self.material_combo.findData(form.material.value))
        self.stone_size_field.setText("" if form.stone_size is None else str(form.stone_size))
        self.stone_grade_field.setText(form.stone_grade)
        for service, box in self.service_boxes.items():
            box.setChecked(service in form.services)
        self.service_note_field.setText(form.service_note)
        self.other_problems_field.setPlainText(form.other_problems)

    def _show_signature(self, sha256: str) -> None:
        """The customer's signature under the form, once its image is on this device."""
        if not self._ctx.blobs.has(sha256):
            return
        image = QPixmap()
        if image.loadFromData(self._ctx.blobs.get(sha256)):
            self.signature_image.setPixmap(
                image.scaled(
                    240,
                    80,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def _show_buttons(self) -> None:
        status = self._status
        state = status.state if status else None
        self.sign_button.setVisible(status is None)
        self.sign_button.setEnabled(not self._read_only)
        for widget in self.form_widgets:
            widget.setEnabled(status is None and not self._read_only)
        self.print_button.setVisible(status is not None)
        self.ready_button.setVisible(state is IntakeState.HANDED_IN)
        self.collect_box.setVisible(state is IntakeState.READY)

    # -- the form --------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def show_field_error(self, error: ValidationError) -> bool:
        """Put the refusal under its field; False when no field of this panel is named."""
        name = error.field.removeprefix("jewellery_intake.")
        label = self.errors.get(name) or self.errors.get(error.field)
        if label is None:
            return False
        label.setText(invalid_text(error, with_field=False))
        label.show()
        return True

    def typed_form(self) -> IntakeForm:
        """What was typed, checked as the core checks it (``ValidationError`` otherwise)."""
        return IntakeForm(
            product=self.product_field.text(),
            material=self.material_combo.currentData(),
            stone_size=read_carats(self.stone_size_field.text()),
            stone_grade=self.stone_grade_field.text(),
            services=tuple(s for s, box in self.service_boxes.items() if box.isChecked()),
            service_note=self.service_note_field.text(),
            other_problems=self.other_problems_field.toPlainText(),
        )

    def on_sign_clicked(self) -> None:
        self.clear_errors()
        try:
            form = self.typed_form()
        except ValidationError as exc:
            if not self.show_field_error(exc):
                show_error(self, exc)
            return
        dialog = IntakeSignDialog(self._ctx, self._job_id, form, self.service_words(), self)
        dialog.handed_in.connect(self.on_handed_in)
        self.sign_dialog = dialog
        dialog.open()

    def on_handed_in(self, _counterfoil: str) -> None:
        self._refresh()
        self._after_change()
        self.print_counterfoil()  # the customer leaves with the counterfoil

    # -- steps -----------------------------------------------------------------------------
    def on_ready_clicked(self) -> None:
        try:
            intake.mark_ready(
                self._ctx.store, self._job_id, staff=self._ctx.technician, now=self._ctx.now()
            )
        except TechAppError as exc:
            show_error(self, exc, self.tr("Cannot mark the piece ready"))
            return
        self._refresh()
        self._after_change()

    def on_collect_clicked(self) -> None:
        self.clear_errors()
        try:
            intake.collect(
                self._ctx.store,
                self._job_id,
                self.counterfoil_field.text(),
                staff=self._ctx.technician,
                now=self._ctx.now(),
            )
        except ValidationError as exc:
            if not self.show_field_error(exc):
                show_error(self, exc, self.tr("Cannot hand the piece back"))
            self.counterfoil_field.setFocus()
            return
        except TechAppError as exc:
            show_error(self, exc, self.tr("Cannot hand the piece back"))
            return
        self.counterfoil_field.clear()
        self._refresh()
        self._after_change()

    def _after_change(self) -> None:
        self._ctx.local_change()
        self.changed.emit()

    # -- the counterfoil PDF ---------------------------------------------------------------
    def print_counterfoil(self) -> None:
        """Render the form and counterfoil on the worker, then show them to print."""
        status = self._status
        if status is None:
            return
        ctx, job_id = self._ctx, self._job_id
        out = ctx.slip_dir / f"{status.intake.counterfoil_number}.pdf"
        blobs, language = ctx.blobs, ctx.language
        self.print_button.setEnabled(False)

        def work(store: LocalStore) -> Path:
            from reports.counterfoil_pdf import write_counterfoil  # ReportLab on the worker

            write_counterfoil(store, blobs, job_id, out, lang=language)
            return out

        ctx.worker.run(
            work,
            self.on_counterfoil_ready,
            self.on_counterfoil_failed,
            label=self.tr("Preparing the counterfoil"),
            owner=self,
        )

    def on_counterfoil_ready(self, path: Path) -> None:
        self.print_button.setEnabled(True)
        dialog = CounterfoilDialog(self._ctx, path, self)
        self.preview_dialog = dialog
        dialog.open()
        self.counterfoil_ready.emit(path)

    def on_counterfoil_failed(self, error: Exception) -> None:
        self.print_button.setEnabled(True)
        text = error_text(error)
        show_error(self, self.tr("The counterfoil could not be made: {error}").format(error=text))
        self.counterfoil_failed.emit(text)


class IntakeSignDialog(QDialog):
    """The customer signs the registration form; signing records it with its number."""

    handed_in = Signal(str)  # the counterfoil number

    def __init__(
        self,
        ctx: AppContext,
        job_id: str,
        form: IntakeForm,
        words: dict[IntakeService, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx, self._job_id, self._form = ctx, job_id, form
        store = ctx.store
        job = store.get(Job, job_id)
        customer = store.get(Customer, job.customer_id)
        self.setWindowTitle(self.tr("Registration form of job {number}").format(number=job.number))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(600, 420)
        heading = QLabel(f"<b>{escape(form.product)}</b> · {escape(customer.name)}", self)
        separator = "、" if ctx.chinese else ", "
        self.asked_label = asked = QLabel(
            self.tr("Requested: {services}").format(
                services=separator.join(words.get(s, s.value) for s in form.services)
            ),
            self,
        )
        asked.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "The customer checks the form and signs: it cannot be changed afterwards, "
                "and they keep the counterfoil to collect the piece."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.name_field = QLineEdit(customer.name, self)
        self.name_field.setObjectName("intake_signer")
        self.name_field.textChanged.connect(self.on_inputs_changed)
        self.pad = SignaturePad(self)
        self.pad.strokes_changed.connect(self.on_inputs_changed)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.clicked.connect(self.pad.clear)
        self.sign_button = QPushButton(self.tr("Sign and hand in"), self)
        self.sign_button.setObjectName("intake_sign_button")
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.on_sign_clicked)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("intake_sign_error")
        self.error_label.setStyleSheet(FLAG_STYLE)
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        form_layout = QFormLayout()
        form_layout.addRow(self.tr("Signed by"), self.name_field)
        pad_row = QHBoxLayout()
        pad_row.addWidget(QLabel(self.tr("Customer signature"), self))
        pad_row.addStretch(1)
        pad_row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        for widget in (heading, asked, intro):
            layout.addWidget(widget)
        layout.addLayout(form_layout)
        layout.addLayout(pad_row)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.error_label)
        bottom = QHBoxLayout()
        bottom.addWidget(buttons)
        bottom.addStretch(1)
        bottom.addWidget(self.sign_button)
        layout.addLayout(bottom)
        self.on_inputs_changed()

    def on_inputs_changed(self) -> None:
        self.sign_button.setEnabled(
            bool(self.name_field.text().strip()) and not self.pad.is_empty()
        )

    def on_sign_clicked(self) -> None:
        try:
            made = intake.hand_in(
                self._ctx.store,
                self._ctx.blobs,
                self._job_id,
                self._form,
                signer_name=self.name_field.text(),
                signature_png=self.pad.to_png(),
                received_by=self._ctx.technician,
                now=self._ctx.now(),
            )
        except ValidationError as exc:
            self.error_label.setText(invalid_text(exc))
            return
        except TechAppError as exc:
            show_error(self, exc, self.tr("Cannot record the form"))
            return
        self.handed_in.emit(made.counterfoil_number)
        self.accept()


class CounterfoilDialog(QDialog):
    """The form and counterfoil PDF, to print for the customer."""

    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Registration form and counterfoil"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 760)
        self.preview = SlipPreview(self, ctx.worker)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        if not self.preview.load(path):
            self.note.setText(
                self.tr("The counterfoil was saved to {path} but cannot be shown here").format(
                    path=path
                )
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)


__all__ = [
    "COLLECT_FIELD",
    "FORM_FIELDS",
    "CounterfoilDialog",
    "IntakePanel",
    "IntakeSignDialog",
    "is_intake_job",
]
