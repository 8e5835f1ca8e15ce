"""Sign-off: the customer reads the itemised slip, signs, rates the visit, and gets the slip.

The order is the customer's: the job view opens this dialog only once the required
checklist items are answered (``lifecycle.require_answers``); the first page is the
slip as it stands, unsigned, rendered on the worker (``reports.draft_slip``), which the
customer reads; only then the pad. Or the slip is printed and the customer signs the
paper: "The customer signed the paper copy…" records who signed it and when, with a
photo of the paper if one is taken (``sign_on_paper``: the same rules, the same freeze),
and the issued slip says it was signed on paper.

Signing (``sign_job``) is quick and happens at once, so the job is frozen
before anything else can touch it; rendering the slip (``reports.issue_slip``)
is slow and runs on the worker, after which the PDF is previewed here and can
be printed or opened in the system viewer.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tech_app.blobs import write_atomically
from tech_app.charges import job_charges
from tech_app.errors import TechAppError
from tech_app.records import Customer, Job, Slip
from tech_app.signoff import sign_job, sign_on_paper
from tech_app.store.local import LocalStore
from tech_app.vocab import JobStatus, PaymentMethod
from ui import labels
from ui.context import AppContext
from ui.messages import error_text, show_error
from ui.signature_pad import SignaturePad
from ui.slip_preview import SlipPreview
from ui.style import FLAG_STYLE
from ui.time_panel import site_clock, site_moment

RATINGS = range(1, 6)


class SignoffDialog(QDialog):
    signed = Signal(str)  # job id: the job is frozen now
    slip_ready = Signal(object)  # Path of the issued PDF
    slip_failed = Signal(str)
    draft_ready = Signal(object)  # Path of the unsigned slip the customer reads
    draft_printed = Signal()  # the unsigned slip went to the printer, for a paper signature

    def __init__(self, ctx: AppContext, job_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.job = ctx.store.get(Job, job_id)
        self.slip_path: Path | None = None
        self.setWindowTitle(self.tr("Sign off job {number}").format(number=self.job.number))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(720, 640)

        self.pages = QStackedWidget(self)
        self.review_page = self._build_review_page()
        self.pages.addWidget(self.review_page)
        self.sign_page = self._build_sign_page()
        self.pages.addWidget(self.sign_page)
        self.paper_page = self._build_paper_page()
        self.pages.addWidget(self.paper_page)
        self.preview = SlipPreview(self, ctx.worker)
        self.preview.printed.connect(self.on_slip_printed)
        self.pages.addWidget(self.preview)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.on_inputs_changed()
        if self.job.status is JobStatus.SIGNED:
            self.show_signed_slip()
        else:
            self.make_draft()

    # -- the slip the customer reads before signing ---------------------------------------
    def _build_review_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Let the customer read the slip: the work, the parts and the charges they sign for."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.draft_preview = SlipPreview(page, self._ctx.worker)
        self.draft_preview.printed.connect(self.on_draft_printed)
        self.draft_preview.print_button.hide()  # printing this one is for a paper signature
        self.paper_button = QPushButton(self.tr("Print for a signature on paper…"), page)
        self.paper_button.setObjectName("paper_button")
        self.paper_button.clicked.connect(self.draft_preview.on_print_clicked)
        # After the paper copy is printed and signed by hand: record that it was.
        self.paper_signed_button = QPushButton(self.tr("The customer signed the paper copy…"), page)
        self.paper_signed_button.setObjectName("paper_signed_button")
        self.paper_signed_button.clicked.connect(self.on_paper_signed_clicked)
        self.read_button = QPushButton(self.tr("The customer has read it: sign"), page)
        self.read_button.setObjectName("read_button")
        self.read_button.setDefault(True)
        self.read_button.clicked.connect(self.on_read_clicked)
        for button in (self.paper_button, self.paper_signed_button, self.read_button):
            button.setEnabled(False)  # until the slip is there to read
        buttons = QHBoxLayout()
        buttons.addWidget(self.paper_button)
        buttons.addWidget(self.paper_signed_button)
        buttons.addStretch(1)
        buttons.addWidget(self.read_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.draft_preview, 1)
        layout.addLayout(buttons)
        return page

    def make_draft(self) -> None:
        """Render the unsigned slip on the worker; the customer reads it before signing."""
        ctx, job_id = self._ctx, self.job.id
        out = ctx.slip_dir / f"{self.job.number}-unsigned.pdf"
        blobs, language = ctx.blobs, ctx.language
        self.status_label.setText(self.tr("Preparing the slip for the customer to read…"))

        def work(store: LocalStore) -> Path:
            import reports  # ReportLab loads on the worker, as for the signed slip

            return reports.draft_slip(store, blobs, job_id, out, lang=language)

        ctx.worker.run(
            work,
            self.on_draft_ready,
            self.on_slip_failed,
            label=self.tr("Preparing the slip"),
            owner=self,
        )

    def on_draft_ready(self, path: Path) -> None:
        if not self.draft_preview.load(path):
            self.status_label.setText(
                self.tr("The slip was saved to {path} but cannot be shown here").format(path=path)
            )
        else:
            self.status_label.setText("")
        for button in (self.paper_button, self.paper_signed_button, self.read_button):
            button.setEnabled(True)
        self.draft_ready.emit(path)

    def on_draft_printed(self) -> None:
        self.status_label.setText(
            self.tr(
                "Sent to the printer. When the customer has signed the paper, press "
                "“The customer signed the paper copy…” and keep the paper with the job."
            )
        )
        self.paper_signed_button.setDefault(True)
        self.draft_printed.emit()

    def on_slip_printed(self) -> None:
        self.status_label.setText(self.tr("Sent to the printer."))

    def on_read_clicked(self) -> None:
        self.pages.setCurrentWidget(self.sign_page)
        self.pad.setFocus()

    def _build_sign_page(self) -> QWidget:
        page = QWidget(self)
        store = self._ctx.store
        customer = store.get(Customer, self.job.customer_id)
        charges = job_charges(store, self.job.id, on_date=self._ctx.today())
        self.heading = QLabel(f"{self.job.number} · {customer.name}", page)
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.total_label = QLabel(
            self.tr("Total to pay: <b>{total}</b>").format(total=labels.money(charges.total)), page
        )
        self.name_field = QLineEdit(customer.name, page)
        self.name_field.setObjectName("signer_name")
        self.name_field.textChanged.connect(self.on_inputs_changed)
        self.rating_group = QButtonGroup(page)
        self.rating_group.setExclusive(True)
        stars = QHBoxLayout()
        for value in RATINGS:
            star = QToolButton(page)
            star.setText("★" * value)
            star.setCheckable(True)
            star.setToolTip(self.tr("{n} of 5").format(n=value))
            self.rating_group.addButton(star, value)
            stars.addWidget(star)
        stars.addStretch(1)
        self.comment_field = QPlainTextEdit(page)
        self.comment_field.setPlaceholderText(self.tr("Anything the customer wants to say"))
        self.comment_field.setMaximumHeight(70)
        # How the customer pays: recorded with the receipt number when there is a charge.
        self.payment_combo = self._payment_combo(page, charges.total)
        self.pad = SignaturePad(page)
        self.pad.strokes_changed.connect(self.on_inputs_changed)
        self.clear_button = QPushButton(self.tr("Clear"), page)
        self.clear_button.clicked.connect(self.pad.clear)
        self.sign_button = QPushButton(self.tr("Sign and issue the slip"), page)
        self.sign_button.setObjectName("sign_button")
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.on_sign_clicked)

        form = QFormLayout()
        form.addRow(self.tr("Signed by"), self.name_field)
        form.addRow(self.tr("Satisfaction"), stars)
        form.addRow(self.tr("Comment"), self.comment_field)
        form.addRow(self.tr("Payment"), self.payment_combo)
        pad_buttons = QHBoxLayout()
        pad_buttons.addWidget(QLabel(self.tr("Customer signature")))
        pad_buttons.addStretch(1)
        pad_buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.heading)
        layout.addWidget(self.total_label)
        layout.addLayout(form)
        layout.addLayout(pad_buttons)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.sign_button)
        return page

    @staticmethod
    def _payment_combo(parent: QWidget, total: int) -> QComboBox:
        combo = QComboBox(parent)
        for method in PaymentMethod:
            combo.addItem(labels.word(method.value), method.value)
        combo.setEnabled(total > 0)
        return combo

    # -- a signature on the printed paper ------------------------------------------------
    def _build_paper_page(self) -> QWidget:
        page = QWidget(self)
        store = self._ctx.store
        customer = store.get(Customer, self.job.customer_id)
        charges = job_charges(store, self.job.id, on_date=self._ctx.today())
        intro = QLabel(
            self.tr(
                "Record the signature the customer put on the printed slip. The job is "
                "then signed and frozen as with the pad, and the issued slip says it was "
                "signed on paper."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.paper_name_field = QLineEdit(customer.name, page)
        self.paper_name_field.setObjectName("paper_signer_name")
        self.paper_name_field.textChanged.connect(self.on_paper_inputs_changed)
        # On the site's clock, as the time panel shows times (not the laptop's zone).
        self._site_zone = (self.job.window_start or self.job.reported_at).tzinfo
        now = site_clock(self._ctx.now(), self._site_zone)
        self.paper_time_field = QDateTimeEdit(now, page)
        self.paper_time_field.setObjectName("paper_signed_at")
        self.paper_time_field.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.paper_time_field.setCalendarPopup(True)
        self.paper_time_field.setMaximumDateTime(now)  # not signed in the future
        self.paper_photo: bytes | None = None
        self.paper_photo_label = QLabel(self.tr("No photo (optional)"), page)
        self.paper_photo_button = QPushButton(self.tr("Attach a photo of the signed paper…"), page)
        self.paper_photo_button.clicked.connect(self.on_paper_photo_clicked)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.paper_photo_label, 1)
        photo_row.addWidget(self.paper_photo_button)
        self.paper_payment_combo = self._payment_combo(page, charges.total)
        self.paper_back_button = QPushButton(self.tr("Back to the slip"), page)
        self.paper_back_button.clicked.connect(
            lambda: self.pages.setCurrentWidget(self.review_page)
        )
        self.paper_record_button = QPushButton(self.tr("Record the paper signature"), page)
        self.paper_record_button.setObjectName("paper_record_button")
        self.paper_record_button.setDefault(True)
        self.paper_record_button.clicked.connect(self.on_paper_record_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Signed by"), self.paper_name_field)
        form.addRow(self.tr("Signed at"), self.paper_time_field)
        form.addRow(self.tr("Photo"), photo_row)
        form.addRow(self.tr("Payment"), self.paper_payment_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.paper_back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.paper_record_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def on_paper_signed_clicked(self) -> None:
        self.pages.setCurrentWidget(self.paper_page)
        self.paper_name_field.setFocus()

    def on_paper_photo_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the photo of the signed paper"))
        dialog.setNameFilter(self.tr("Images (*.jpg *.jpeg *.png *.heic *.webp)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.attach_paper_photo(Path(path)))
        dialog.open()

    def attach_paper_photo(self, path: Path) -> None:
        try:
            self.paper_photo = path.read_bytes()
        except OSError as exc:
            show_error(self, exc)
            return
        self.paper_photo_label.setText(self.tr("Photo: {name}").format(name=path.name))

    def on_paper_inputs_changed(self) -> None:
        self.paper_record_button.setEnabled(bool(self.paper_name_field.text().strip()))

    def paper_signed_at(self) -> datetime:
        return site_moment(self.paper_time_field.dateTime(), self._site_zone)

    def on_paper_record_clicked(self) -> None:
        try:
            sign_on_paper(
                self._ctx.store,
                self._ctx.blobs,
                self.job.id,
                signer_name=self.paper_name_field.text().strip(),
                signed_at=self.paper_signed_at(),
                photo=self.paper_photo,
                payment_method=self.paper_payment_combo.currentData(),
                now=self._ctx.now(),
            )
        except TechAppError as exc:
            show_error(self, exc, self.tr("Cannot record the signature yet"))
            return
        self.paper_page.setEnabled(False)
        self.review_page.setEnabled(False)
        self._after_signing()

    # -- inputs ---------------------------------------------------------------------------
    @property
    def rating(self) -> int | None:
        value = self.rating_group.checkedId()
        return value if value in RATINGS else None

    def set_rating(self, value: int) -> None:
        self.rating_group.button(value).setChecked(True)

    def on_inputs_changed(self) -> None:
        self.sign_button.setEnabled(
            bool(self.name_field.text().strip()) and not self.pad.is_empty()
        )

    # -- signing ------------------------------------------------------------------------
    def on_sign_clicked(self) -> None:
        try:
            sign_job(
                self._ctx.store,
                self._ctx.blobs,
                self.job.id,
                signer_name=self.name_field.text().strip(),
                signature_png=self.pad.to_png(),
                rating=self.rating,
                comment=self.comment_field.toPlainText().strip(),
                payment_method=self.payment_combo.currentData(),
                now=self._ctx.now(),
            )
        except TechAppError as exc:
            show_error(self, exc, self.tr("Cannot sign yet"))
            return
        for widget in (
            self.name_field,
            self.comment_field,
            self.pad,
            self.clear_button,
            self.sign_button,
        ):
            widget.setEnabled(False)
        for star in self.rating_group.buttons():
            star.setEnabled(False)
        self._after_signing()

    def _after_signing(self) -> None:
        self.status_label.setText(self.tr("Signed. Issuing the slip…"))
        self._ctx.local_change()
        self.signed.emit(self.job.id)
        self.issue_slip()

    def show_signed_slip(self) -> None:
        """A signed job: preview its slip (from the blob store if the file went missing),
        or issue it now if signing succeeded but the slip did not."""
        store = self._ctx.store
        slips = store.select(Slip, "job_id = ?", [self.job.id], order_by="revision")
        if not slips:
            self.status_label.setText(self.tr("Signed. Issuing the slip…"))
            self.issue_slip()
            return
        path = self._slip_path()
        try:
            if not path.exists():
                write_atomically(path, self._ctx.blobs.get(slips[-1].pdf_sha256))
        except (OSError, TechAppError) as exc:
            self.on_slip_failed(exc)
            return
        self.on_slip_issued((slips[-1], path))

    def _slip_path(self) -> Path:
        return self._ctx.slip_dir / f"{self.job.number}.pdf"

    def issue_slip(self) -> None:
        """Render the slip on the worker; the GUI stays responsive meanwhile."""
        ctx, job_id = self._ctx, self.job.id
        out = self._slip_path()
        blobs, language, moment = ctx.blobs, ctx.language, ctx.now()

        def work(store: LocalStore) -> tuple[Slip, Path]:
            # Runs on the worker thread with the worker's own connection. ReportLab is
            # imported here, not at start-up: it costs a fifth of a second to load.
            import reports

            slip = reports.issue_slip(store, blobs, job_id, out, lang=language, now=moment)
            return slip, out

        ctx.worker.run(
            work,
            self.on_slip_issued,
            self.on_slip_failed,
            label=self.tr("Issuing the slip"),
            owner=self,
        )

    def on_slip_issued(self, result: tuple[Slip, Path]) -> None:
        _slip, path = result
        self.slip_path = path
        self._ctx.local_change()
        self.sign_page.setEnabled(False)  # signed: nothing left to enter
        if self.preview.load(path):
            self.pages.setCurrentWidget(self.preview)
            self.status_label.setText(self.tr("Signed. The slip is ready to print or send."))
        else:
            self.status_label.setText(
                self.tr("The slip was saved to {path} but cannot be shown here").format(path=path)
            )
        self.slip_ready.emit(path)

    def on_slip_failed(self, error: Exception) -> None:
        text = error_text(error)
        self.status_label.setText(
            self.tr("Signed, but the slip could not be made: {error}").format(error=text)
        )
        self.status_label.setStyleSheet(FLAG_STYLE)
        self.slip_failed.emit(text)
