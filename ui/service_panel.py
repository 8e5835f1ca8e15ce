"""The job's "Service" tab: what the service systems ask of a visit, beside the checklist.

On every job: call or text the customer and open the address in the map application
(links from ``tech_app.on_site``, opened by the system), find a part or a unit by a
scanned barcode, and read the customer's file offline. On a complaint visit: the
complaint's type, key points, plan with its time limit, and the customer's agreement.
On a contract visit: the replacement unit lent and returned, and the spare pool. On a
training visit: who attended. The panel only calls the core; the rules are there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from html import escape

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tech_app import on_site, service_visits
from tech_app.customer_file import CustomerFile, local_customer_file
from tech_app.errors import NotFoundError, TechAppError, ValidationError
from tech_app.records import Contract, Customer, Job, Site
from tech_app.vocab import ComplaintType, JobStatus, JobType
from ui import labels
from ui.camera import CameraDialog, Cameras, ChooseFile, available_cameras, choose_photo_file
from ui.context import AppContext
from ui.error_words import invalid_text
from ui.lazy_panel import FilledWhenShown
from ui.messages import show_error
from ui.retranslate import Retranslating
from ui.style import FLAG_STYLE, MUTED_STYLE, OK_STYLE

OpenUrl = Callable[[QUrl], object]
COMPLAINT_TIME_LIMIT = timedelta(hours=24)  # the time limit offered until one is typed
THUMBNAIL = 96  # pixels: the newest photo of the visit beside the count


def _qt_moment(moment: datetime, zone: tzinfo | None) -> QDateTime:
    """The moment as the site's clock shows it (the job's time zone), not the laptop's:
    the edit holds wall-clock date and time, and the zone is put back when it is read."""
    local = moment.astimezone(zone or UTC)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def _py_moment(value: QDateTime, zone: tzinfo | None) -> datetime:
    day, clock = value.date(), value.time()
    return datetime(
        day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=zone or UTC
    )


class ServicePanel(FilledWhenShown, Retranslating, QWidget):
    changed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        open_url: OpenUrl = QDesktopServices.openUrl,
        cameras: Cameras = available_cameras,
        choose_file: ChooseFile = choose_photo_file,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._open_url = open_url
        self._cameras = cameras
        self._choose_file = choose_file
        self.camera_dialog: CameraDialog | None = None
        self.job: Job | None = None
        self.file_dialog: CustomerFileDialog | None = None
        self._phone = ""
        self._address = ""

        page = QWidget(self)
        column = QVBoxLayout(page)
        column.addWidget(self._build_on_site(page))
        self.complaint_box = self._build_complaint(page)
        self.loan_box = self._build_loans(page)
        self.training_box = self._build_training(page)
        for box in (self.complaint_box, self.loan_box, self.training_box):
            column.addWidget(box)
        column.addStretch(1)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area)

    # -- building ---------------------------------------------------------------------------
    def _build_on_site(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(parent)
        self.keep_text(lambda: box.setTitle(self.tr("On site")))
        self.call_button = self.tr_button(lambda: self.tr("Call"), box)
        self.sms_button = self.tr_button(lambda: self.tr("Text message"), box)
        self.map_button = self.tr_button(lambda: self.tr("Open in map"), box)
        self.file_button = self.tr_button(lambda: self.tr("Customer file…"), box)
        self.call_button.clicked.connect(lambda: self._open(on_site.tel_url(self._phone)))
        self.sms_button.clicked.connect(lambda: self._open(on_site.sms_url(self._phone)))
        self.map_button.clicked.connect(lambda: self._open(on_site.map_url(self._address)))
        self.file_button.clicked.connect(self.open_customer_file)
        self.photo_button = self.tr_button(lambda: self.tr("Photo…"), box)
        self.photo_button.clicked.connect(self.on_take_photo)
        buttons = QHBoxLayout()
        for button in (
            self.call_button,
            self.sms_button,
            self.map_button,
            self.photo_button,
            self.file_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.scan_edit = QLineEdit(box)
        self.scan_edit.setObjectName("scan_edit")
        self.keep_text(
            lambda: self.scan_edit.setPlaceholderText(
                self.tr("Scan or type a part number or a serial")
            )
        )
        self.scan_edit.returnPressed.connect(self.on_scanned)
        self.scan_result = QLabel(box)
        self.scan_result.setWordWrap(True)
        self.thumbnail = QLabel(box)
        self.thumbnail.setObjectName("photo_thumbnail")
        self.photo_count = QLabel(box)
        self.photo_count.setStyleSheet(MUTED_STYLE)
        photos = QHBoxLayout()
        photos.addWidget(self.thumbnail)
        photos.addWidget(self.photo_count, 1)
        layout = QVBoxLayout(box)
        layout.addLayout(buttons)
        layout.addWidget(self.scan_edit)
        layout.addWidget(self.scan_result)
        layout.addLayout(photos)
        return box

    def _build_complaint(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(parent)
        self.keep_text(lambda: box.setTitle(self.tr("Complaint")))
        self.type_combo = QComboBox(box)
        for kind in ComplaintType:
            self.type_combo.addItem("", kind.value)
        self.keep_text(self._name_types)
        self.key_points_edit = QPlainTextEdit(box)
        self.plan_edit = QPlainTextEdit(box)
        for edit in (self.key_points_edit, self.plan_edit):
            edit.setFixedHeight(60)
        self.deadline_edit = QDateTimeEdit(box)
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.agreed_check = QCheckBox(box)
        self.keep_text(
            lambda: self.agreed_check.setText(self.tr("The customer agrees to the plan"))
        )
        self.agreed_by_edit = QLineEdit(box)
        self.keep_text(lambda: self.agreed_by_edit.setPlaceholderText(self.tr("Who agreed")))
        self.save_complaint_button = self.tr_button(lambda: self.tr("Save complaint"), box)
        self.save_complaint_button.clicked.connect(self.on_save_complaint)
        self.complaint_error = QLabel(box)
        self.complaint_error.setStyleSheet(FLAG_STYLE)
        self.complaint_error.setWordWrap(True)
        self.complaint_saved = QLabel(box)
        self.complaint_saved.setStyleSheet(OK_STYLE)
        form = QFormLayout(box)
        self.tr_row(form, lambda: self.tr("Type"), self.type_combo)
        self.tr_row(form, lambda: self.tr("Key points"), self.key_points_edit)
        self.tr_row(form, lambda: self.tr("Plan"), self.plan_edit)
        self.tr_row(form, lambda: self.tr("Time limit"), self.deadline_edit)
        agreement = QHBoxLayout()
        agreement.addWidget(self.agreed_check)
        agreement.addWidget(self.agreed_by_edit, 1)
        self.tr_row(form, lambda: self.tr("Agreement"), agreement)
        form.addRow(self.save_complaint_button, self.complaint_saved)
        form.addRow(self.complaint_error)
        return box

    def _build_loans(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(parent)
        self.keep_text(lambda: box.setTitle(self.tr("Replacement unit")))
        self.loan_unit_edit = QLineEdit(box)
        self.keep_text(lambda: self.loan_unit_edit.setPlaceholderText(self.tr("Unit lent")))
        self.loan_serial_edit = QLineEdit(box)
        self.keep_text(lambda: self.loan_serial_edit.setPlaceholderText(self.tr("Serial no.")))
        self.lend_button = self.tr_button(lambda: self.tr("Lend"), box)
        self.lend_button.clicked.connect(self.on_lend)
        self.return_button = self.tr_button(lambda: self.tr("Mark returned"), box)
        self.return_button.clicked.connect(self.on_return)
        self.loans_label = QLabel(box)
        self.loans_label.setWordWrap(True)
        self.pool_label = QLabel(box)
        self.pool_label.setStyleSheet(MUTED_STYLE)
        row = QHBoxLayout()
        row.addWidget(self.loan_unit_edit, 2)
        row.addWidget(self.loan_serial_edit, 1)
        row.addWidget(self.lend_button)
        row.addWidget(self.return_button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.loans_label)
        layout.addWidget(self.pool_label)
        return box

    def _build_training(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(parent)
        self.keep_text(lambda: box.setTitle(self.tr("Training attendance")))
        self.attendee_edit = QLineEdit(box)
        self.keep_text(lambda: self.attendee_edit.setPlaceholderText(self.tr("Name")))
        self.role_edit = QLineEdit(box)
        self.keep_text(lambda: self.role_edit.setPlaceholderText(self.tr("Role")))
        self.add_attendee_button = self.tr_button(lambda: self.tr("Add"), box)
        self.add_attendee_button.clicked.connect(self.on_add_attendee)
        self.attendee_edit.returnPressed.connect(self.on_add_attendee)
        self.attendance_label = QLabel(box)
        self.attendance_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.attendee_edit, 2)
        row.addWidget(self.role_edit, 1)
        row.addWidget(self.add_attendee_button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.attendance_label)
        return box

    def _name_types(self) -> None:
        for index in range(self.type_combo.count()):
            self.type_combo.setItemText(index, labels.word(self.type_combo.itemData(index)))

    # -- loading -----------------------------------------------------------------------------
    def fill(self, job_id: str) -> None:
        store = self._ctx.store
        self.job = store.get(Job, job_id)
        customer = store.get(Customer, self.job.customer_id)
        site = store.get(Site, self.job.site_id)
        self._phone = site.contact_phone or customer.phone
        self._address = site.address
        self.scan_result.clear()
        kind = self.job.job_type
        self.complaint_box.setVisible(kind is JobType.COMPLAINT)
        self.training_box.setVisible(kind is JobType.TRAINING)
        self.loan_box.setVisible(
            bool(self.job.contract_id) or self.job.sla_policy == "equipment_support"
        )
        self._show_complaint()
        self._show_loans()
        self._show_attendance()
        self._show_photos()
        frozen = self.job.status in (JobStatus.SIGNED, JobStatus.CANCELLED)
        for widget in (
            self.save_complaint_button,
            self.add_attendee_button,
            self.lend_button,
            self.photo_button,
        ):
            widget.setEnabled(not frozen)

    def on_language_changed(self) -> None:
        if self.job is not None and not self.is_stale:  # a stale page words itself when shown
            self._show_loans()
            self._show_attendance()
            self._show_photos()

    def _show_photos(self) -> None:
        assert self.job is not None
        photos = on_site.photos_of(self._ctx.store, self.job.id)
        self.thumbnail.clear()
        self.photo_count.setText(
            self.tr("{n} photo(s) of this visit").format(n=len(photos)) if photos else ""
        )
        if photos and self._ctx.blobs.has(photos[-1].sha256):
            image = QImage.fromData(self._ctx.blobs.get(photos[-1].sha256))
            self.thumbnail.setPixmap(
                QPixmap.fromImage(image).scaled(
                    THUMBNAIL,
                    THUMBNAIL,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def _zone(self) -> tzinfo | None:
        assert self.job is not None
        return (self.job.window_start or self.job.reported_at).tzinfo

    def _show_complaint(self) -> None:
        assert self.job is not None
        self.complaint_error.clear()
        self.complaint_saved.clear()
        found = service_visits.complaint_of(self._ctx.store, self.job.id)
        now = self._ctx.now()
        if found is None:
            self.type_combo.setCurrentIndex(0)
            self.key_points_edit.setPlainText("")
            self.plan_edit.setPlainText("")
            self.deadline_edit.setDateTime(_qt_moment(now + COMPLAINT_TIME_LIMIT, self._zone()))
            self.agreed_check.setChecked(False)
            self.agreed_by_edit.setText("")
            return
        self.type_combo.setCurrentIndex(self.type_combo.findData(found.complaint_type.value))
        self.key_points_edit.setPlainText(found.key_points)
        self.plan_edit.setPlainText(found.plan)
        self.deadline_edit.setDateTime(_qt_moment(found.deadline, self._zone()))
        self.agreed_check.setChecked(found.agreed)
        self.agreed_by_edit.setText(found.agreed_by)

    def _show_loans(self) -> None:
        assert self.job is not None
        store = self._ctx.store
        loans = service_visits.loans_of(store, self.job.id)
        lines = []
        zone = self._zone()
        for loan in loans:
            back = (
                self.tr("returned {when}").format(when=labels.date_time(loan.returned_at, zone))
                if loan.returned_at
                else self.tr("with the customer")
            )
            lines.append(
                self.tr("{unit} {serial}: lent {when}, {back}").format(
                    unit=loan.unit,
                    serial=loan.serial,
                    when=labels.date_time(loan.lent_at, zone),
                    back=back,
                )
            )
        self.loans_label.setText("\n".join(lines) or self.tr("No unit lent on this visit."))
        self.return_button.setEnabled(any(loan.returned_at is None for loan in loans))
        self.pool_label.clear()
        if self.job.contract_id:
            pool = service_visits.local_spare_pool(store, store.get(Contract, self.job.contract_id))
            if pool is not None:
                self.pool_label.setText(
                    self.tr(
                        "Spare pool: {held} of {target} held by {holder} (short {short})"
                    ).format(
                        held=format(pool.held.normalize(), "f"),
                        target=pool.target,
                        holder=pool.holder or "—",
                        short=format(pool.shortfall.normalize(), "f"),
                    )
                )

    def _show_attendance(self) -> None:
        assert self.job is not None
        people = service_visits.attendance_of(self._ctx.store, self.job.id)
        lines = [f"{a.attendee}  {a.role}".strip() for a in people]
        if lines:
            lines.append(self.tr("{n} operator(s) attended").format(n=len(people)))
        self.attendance_label.setText("\n".join(lines) or self.tr("Nobody recorded yet."))

    # -- actions -----------------------------------------------------------------------------
    def _open(self, url: str) -> None:
        self._open_url(QUrl(url))

    def on_scanned(self) -> None:
        code = self.scan_edit.text().strip()
        if not code:
            return
        try:
            found = on_site.find_scanned(self._ctx.store, code)
        except NotFoundError:
            self.scan_result.setText(self.tr("Nothing has the code {code}").format(code=code))
            self.scan_result.setStyleSheet(FLAG_STYLE)
            return
        self.scan_result.setStyleSheet(OK_STYLE)
        if found.part is not None:
            part = found.part
            name = part.name_zh if self._ctx.chinese and part.name_zh else part.name
            self.scan_result.setText(
                self.tr("Part {number}: {name}, {price}").format(
                    number=part.number, name=name, price=labels.money(part.unit_price)
                )
            )
        elif found.asset is not None:
            unit = found.asset
            self.scan_result.setText(
                self.tr("Unit {serial}: {make} {model}").format(
                    serial=unit.serial, make=unit.make, model=unit.model
                )
            )
        self.scan_edit.selectAll()

    def on_take_photo(self) -> None:
        """The camera where the laptop has one, else a file."""
        cameras = self._cameras()
        if cameras:
            self.camera_dialog = CameraDialog(cameras[0], self)
            self.camera_dialog.captured.connect(self.save_photo)
            self.camera_dialog.open()
            return
        path = self._choose_file(self)
        if path is None:
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            show_error(self, exc)
            return
        self.save_photo(data)

    def save_photo(self, data: bytes) -> None:
        assert self.job is not None
        try:
            on_site.add_photo(
                self._ctx.store, self._ctx.blobs, self.job.id, data, now=self._ctx.now()
            )
        except TechAppError as exc:
            show_error(self, exc)
            return
        self._show_photos()
        self._changed()

    def on_save_complaint(self) -> None:
        assert self.job is not None
        self.complaint_error.clear()
        deadline = _py_moment(self.deadline_edit.dateTime(), self._zone())
        try:
            service_visits.record_complaint(
                self._ctx.store,
                self.job.id,
                complaint_type=self.type_combo.currentData(),
                key_points=self.key_points_edit.toPlainText(),
                plan=self.plan_edit.toPlainText(),
                deadline=deadline,
                agreed=self.agreed_check.isChecked(),
                agreed_by=self.agreed_by_edit.text(),
                recorded_by=self._ctx.technician,
                now=self._ctx.now(),
            )
        except ValidationError as exc:
            self.complaint_error.setText(invalid_text(exc))
            return
        self.complaint_saved.setText(self.tr("Saved"))
        self._changed()

    def on_lend(self) -> None:
        assert self.job is not None
        try:
            service_visits.lend_unit(
                self._ctx.store,
                self.job.id,
                self.loan_unit_edit.text(),
                serial=self.loan_serial_edit.text().strip(),
                lent_by=self._ctx.technician,
                now=self._ctx.now(),
            )
        except TechAppError as exc:
            show_error(self, exc)
            return
        self.loan_unit_edit.clear()
        self.loan_serial_edit.clear()
        self._show_loans()
        self._changed()

    def on_return(self) -> None:
        assert self.job is not None
        out = [
            loan
            for loan in service_visits.loans_of(self._ctx.store, self.job.id)
            if loan.returned_at is None
        ]
        if not out:
            return
        try:
            service_visits.return_unit(self._ctx.store, out[0].id, now=self._ctx.now())
        except TechAppError as exc:
            show_error(self, exc)
            return
        self._show_loans()
        self._changed()

    def on_add_attendee(self) -> None:
        assert self.job is not None
        try:
            service_visits.add_attendee(
                self._ctx.store,
                self.job.id,
                self.attendee_edit.text(),
                role=self.role_edit.text().strip(),
                now=self._ctx.now(),
            )
        except ValidationError as exc:
            show_error(self, invalid_text(exc))
            return
        self.attendee_edit.clear()
        self._show_attendance()
        self._changed()

    def open_customer_file(self) -> None:
        assert self.job is not None
        found = local_customer_file(self._ctx.store, self.job.customer_id)
        self.file_dialog = CustomerFileDialog(found, self)
        self.file_dialog.open()

    def _changed(self) -> None:
        self._ctx.local_change()
        self.changed.emit()


class CustomerFileDialog(QDialog):
    """The customer file (客户档案) as this laptop has it, read only."""

    def __init__(self, found: CustomerFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Customer file: {name}").format(name=found.name))
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setText(self._html(found))
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(self.body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def _html(self, found: CustomerFile) -> str:
        def row(name: str, value: object) -> str:
            return f"<tr><td><b>{escape(name)}</b></td><td>{escape(str(value))}</td></tr>"

        satisfaction = found.satisfaction
        headings = {
            "units": self.tr("Units"),
            "contracts": self.tr("Contracts"),
            "visits": self.tr("Visits"),
            "complaints": self.tr("Complaints"),
        }

        def heading(key: str) -> str:
            return f"<h4>{escape(headings[key])}</h4><ul>"

        parts = [
            f"<h3>{escape(found.name)}</h3><table>",
            row(self.tr("Phone"), found.phone),
            row(self.tr("Class"), found.customer_class),
            row(self.tr("Purchase reason"), found.purchase_reason or "—"),
            row(self.tr("Promises made"), found.promises or "—"),
            row(self.tr("Satisfaction"), satisfaction if satisfaction is not None else "—"),
            "</table>",
            heading("units"),
            *(
                f"<li>{escape(' '.join(v for v in (u.make, u.model, u.serial) if v))}</li>"
                for u in found.units
            ),
            "</ul>",
            heading("contracts"),
            *(f"<li>{escape(c.name)} ({escape(c.starts_on)})</li>" for c in found.contracts),
            "</ul>",
            heading("visits"),
            *(
                f"<li>{escape(v.number)} · {escape(labels.word(v.job_type))} · "
                f"{escape(labels.word(v.status))}"
                + (f" · ★{v.rating}" if v.rating else "")
                + "</li>"
                for v in found.visits
            ),
            "</ul>",
            heading("complaints"),
            *(
                f"<li>{escape(labels.word(c.complaint_type))}: {escape(c.key_points)} → "
                f"{escape(c.plan)}</li>"
                for c in found.complaints
            ),
            "</ul>",
        ]
        return "".join(parts)
