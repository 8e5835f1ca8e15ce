"""One job: who and where, its units and warranty, SLA countdowns, status steps, and the
visit's panels (checklist, parts, time, charges, each unit's earlier visits, history).

Opening a job paints its overview from one core read (``tech_app.job_overview``);
each tab behind it reads the job when it is shown (``ui/lazy_panel.py``), the tab on
screen at once. Every edit goes through a core operation; the view then refreshes only
the parts that show what changed (a hidden tab is marked stale) and emits
``job_changed`` for the list and the status bar. A signed job is frozen: the panels
turn read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from html import escape
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tech_app.errors import TechAppError, TransitionError
from tech_app.records import Job
from tech_app.records.jobs import next_steps
from tech_app.vocab import JobStatus
from ui import labels
from ui.context import AppContext
from ui.job_flags_banner import FlagBanner
from ui.lazy_panel import FilledWhenShown
from ui.messages import show_error
from ui.retranslate import Retranslating, announce_new_words
from ui.sla_panel import SlaPanel
from ui.style import FLAG_STYLE, MUTED_STYLE, OK_STYLE

# The tabs behind the overview, the sign-off, pricing and the visit operations are
# imported with the first job shown (``JobView._build_pages``), not before the main
# window's first paint: start-up pays only for the list and this frame.
if TYPE_CHECKING:
    from tech_app.job_overview import JobOverview
    from tech_app.timesheet import TimerChange
    from ui.asset_history_view import AssetHistoryView
    from ui.charges_panel import ChargesPanel
    from ui.checklist_form import ChecklistForm
    from ui.history_model import HistoryModel
    from ui.intake_panel import IntakePanel
    from ui.parts_panel import PartsPanel
    from ui.service_panel import ServicePanel
    from ui.signoff_dialog import SignoffDialog
    from ui.time_panel import TimePanel

Page = TypeVar("Page", bound=FilledWhenShown)


class _FilledPage(Generic[Page]):
    """``view.checklist``: the page ``view._checklist``, built (with the view's other
    pages) and filled with the job shown before it is handed out."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._attribute = f"_{name}"

    def __get__(self, view: JobView, owner: type | None = None) -> Page:
        view._build_pages()
        page: Page = getattr(view, self._attribute)
        page.ensure_filled()
        return page


# Steps a technician takes on site. Going back to "assigned"/"new" and cancelling
# are dispatch decisions that belong to head office, so they get no button here;
# "signed" is reached only through the sign-off dialog.
_PRIMARY = (JobStatus.EN_ROUTE, JobStatus.ON_SITE, JobStatus.COMPLETED)
_SIGNABLE = frozenset({JobStatus.ON_SITE, JobStatus.COMPLETED})
_HAS_SIGNOFF = _SIGNABLE | {JobStatus.SIGNED}  # a signed job's dialog shows its slip
_CLOCK_MS = 30_000


class JobView(Retranslating, QWidget):
    job_changed = Signal(str)  # job id
    status_message = Signal(str)
    # A status step moved the timers (a TimerChange; ``timer_words`` says it), for an undo.
    timers_moved = Signal(object)
    timers_settled = Signal()  # the offered undo no longer applies (the timers moved again)

    # Built with the first job shown (``_build_pages``).
    _checklist: ChecklistForm
    _parts: PartsPanel
    _time: TimePanel
    _charges: ChargesPanel
    _intake: IntakePanel
    _service: ServicePanel
    _unit_history: AssetHistoryView
    _history_model: HistoryModel
    history_table: QTableView

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.job: Job | None = None
        self.shown: JobOverview | None = None  # what the overview shows, as last read
        self._zone: tzinfo | None = None
        self.signoff_dialog: SignoffDialog | None = None

        self.title = QLabel(self)
        self.title.setObjectName("job_title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.frozen_label = self.tr_label(
            lambda: self.tr("Signed: this job is frozen. Later changes are recorded as amendments.")
        )
        self.frozen_label.setStyleSheet(MUTED_STYLE)
        self.frozen_label.setWordWrap(True)
        self.flag_banner = FlagBanner(self)
        self.step_buttons: dict[JobStatus, QPushButton] = {}
        steps = QHBoxLayout()
        for status, words in (
            (JobStatus.EN_ROUTE, lambda: self.tr("En route")),
            (JobStatus.ON_SITE, lambda: self.tr("On site")),
            (JobStatus.WAITING_PARTS, lambda: self.tr("Waiting for parts")),
            (JobStatus.COMPLETED, lambda: self.tr("Complete")),
        ):
            button = self.tr_button(words, self)
            button.setObjectName(f"step_{status.value}")
            button.clicked.connect(self._stepper(status))
            self.step_buttons[status] = button
            steps.addWidget(button)
        self.sign_button = self.tr_button(lambda: self.tr("Sign off…"), self)
        self.sign_button.setObjectName("sign_off")
        self.sign_button.clicked.connect(self.open_signoff)
        steps.addWidget(self.sign_button)
        steps.addStretch(1)

        self.tabs = QTabWidget(self)
        self.overview = self._build_overview()
        self.tabs.addTab(self.overview, "")
        self._pages_built = False
        self.keep_text(self._name_tabs)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(steps)
        layout.addWidget(self.frozen_label)
        layout.addWidget(self.flag_banner)
        layout.addWidget(self.tabs, 1)

        self._history_stale = False
        self.tabs.currentChanged.connect(self.on_tab_changed)
        self._clock = QTimer(self)
        self._clock.setInterval(_CLOCK_MS)
        self._clock.timeout.connect(self.refresh_clock)
        self.setEnabled(False)

    def _build_overview(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.customer_label = QLabel(page)
        self.address_label = QLabel(page)
        self.phone_button = QToolButton(page)
        self.phone_button.setObjectName("phone_button")
        self.keep_text(
            lambda: self.phone_button.setToolTip(self.tr("Click to copy the phone number"))
        )
        self.phone_button.clicked.connect(self.on_phone_clicked)
        self.phone_button.setAutoRaise(True)
        self.phone_button.setStyleSheet("color: #1565c0; text-decoration: underline;")
        self.phone_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.contact_label = QLabel(page)
        copy_hint = self.tr_label(lambda: self.tr("(click to copy)"), page)
        copy_hint.setStyleSheet(MUTED_STYLE)
        contact = QHBoxLayout()
        contact.addWidget(self.phone_button)
        contact.addWidget(copy_hint)
        contact.addWidget(self.contact_label, 1)
        self.assets_label = QLabel(page)
        self.contract_label = QLabel(page)
        self.problem_label = QLabel(page)
        self.sla_panel = SlaPanel(page)
        for label in (
            self.address_label,
            self.assets_label,
            self.problem_label,
            self.contract_label,
            self.customer_label,
        ):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tr_row(form, lambda: self.tr("Customer"), self.customer_label)
        self.tr_row(form, lambda: self.tr("Address"), self.address_label)
        self.tr_row(form, lambda: self.tr("Contact"), contact)
        self.tr_row(form, lambda: self.tr("Units"), self.assets_label)
        self.tr_row(form, lambda: self.tr("Contract"), self.contract_label)
        self.tr_row(form, lambda: self.tr("Problem"), self.problem_label)
        self.tr_row(form, lambda: self.tr("SLA"), self.sla_panel)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(page)
        return area

    def _build_pages(self) -> None:
        """The tabs behind the overview, once: with the first job shown (or asked for),
        after the main window's first paint."""
        if self._pages_built:
            return
        self._pages_built = True
        from ui.asset_history_view import AssetHistoryView
        from ui.charges_panel import ChargesPanel
        from ui.checklist_form import ChecklistForm
        from ui.history_model import HistoryModel
        from ui.intake_panel import IntakePanel
        from ui.parts_panel import PartsPanel
        from ui.service_panel import ServicePanel
        from ui.time_panel import TimePanel

        ctx = self._ctx
        self._checklist = ChecklistForm(ctx, self)
        self._parts = PartsPanel(ctx, self)
        self._time = TimePanel(ctx, self)
        self._charges = ChargesPanel(ctx, self)
        self._intake = IntakePanel(ctx, self)
        self._intake.hide()  # until a counter job puts it in a tab
        self._service = ServicePanel(ctx, self)
        self._unit_history = AssetHistoryView(ctx, self)
        self._history_model = HistoryModel(self)
        self.history_table = QTableView(self)
        self.history_table.setModel(self._history_model)
        self.history_table.verticalHeader().hide()
        self.history_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        for page in (
            self._service,
            self._checklist,
            self._parts,
            self._time,
            self._charges,
            self._unit_history,
            self.history_table,
        ):
            self.tabs.addTab(page, "")
        self._name_tabs()

        for panel in (self._checklist, self._parts, self._time, self._charges, self._intake):
            panel.changed.connect(self.on_panel_changed)
        self._service.changed.connect(self.on_panel_changed)
        self._service.changed.connect(self.refresh_clock)  # a loaner may keep the 8 h promise
        self._parts.changed.connect(self._charges.reload)
        self._time.changed.connect(self._charges.reload)
        # What changes a flag: parts and time (the bill), the cause and the consent.
        for panel in (self._parts, self._time, self._charges):
            panel.changed.connect(self.refresh_flags)
        self._time.changed.connect(self.timers_settled)  # a timer moved by hand: no undo

    def _name_tabs(self) -> None:
        # By page, not by position: a counter job's intake tab comes and goes at index 1.
        pages: list[tuple[QWidget, str]] = [(self.overview, self.tr("Overview"))]
        if self._pages_built:
            pages += [
                (self._intake, self.tr("Jewellery intake")),
                (self._service, self.tr("Service")),
                (self._checklist, self.tr("Checklist")),
                (self._parts, self.tr("Parts")),
                (self._time, self.tr("Time")),
                (self._charges, self.tr("Charges")),
                (self._unit_history, self.tr("Unit history")),
                (self.history_table, self.tr("History")),
            ]
        for page, text in pages:
            index = self.tabs.indexOf(page)
            if index >= 0:
                self.tabs.setTabText(index, text)

    def on_language_changed(self) -> None:
        """The job's own texts again (from the overview already read); each panel
        re-renders its part itself."""
        if self.shown is not None:
            self._show_overview(self.shown)
            self._show_status()
        announce_new_words(self._history_model)

    def _stepper(self, status: JobStatus) -> Callable[[], None]:
        return lambda: self.change_status(status)

    # -- loading -------------------------------------------------------------------------
    @property
    def job_id(self) -> str:
        return self.job.id if self.job else ""

    # The tab pages read their job when shown (ui/lazy_panel.py). Reached through the view
    # they are filled first, so what a caller reads is the current job's, shown or not.
    checklist: _FilledPage[ChecklistForm] = _FilledPage()
    parts: _FilledPage[PartsPanel] = _FilledPage()
    time: _FilledPage[TimePanel] = _FilledPage()
    charges: _FilledPage[ChargesPanel] = _FilledPage()
    service: _FilledPage[ServicePanel] = _FilledPage()
    unit_history: _FilledPage[AssetHistoryView] = _FilledPage()

    @property
    def intake(self) -> IntakePanel:
        self._build_pages()
        return self._intake

    @property
    def history_model(self) -> HistoryModel:
        self._build_pages()
        if self._history_stale and self.job is not None:
            self._show_history()
        return self._history_model

    def show_job(self, job_id: str) -> None:
        """The overview first (one core read, ``job_overview``); each tab reads its own
        records when it is shown, the current one at once."""
        overview = self._read_overview(job_id)
        if overview is None:
            return
        self._build_pages()
        job = overview.job
        self._zone = (job.window_start or job.reported_at).tzinfo
        self.setEnabled(True)
        self._show_overview(overview)
        self._unit_history.zone = self._zone
        for panel in (
            self._checklist,
            self._parts,
            self._time,
            self._charges,
            self._service,
            self._unit_history,
        ):
            panel.load(job_id)
        from ui.intake_panel import is_intake_job

        self._show_intake_tab(is_intake_job(job))
        self._show_status()
        self._clock.start()

    def _read_overview(self, job_id: str) -> JobOverview | None:
        from tech_app.job_overview import job_overview

        try:
            overview = job_overview(self._ctx.store, job_id, self._ctx.today(), self._ctx.now())
        except TechAppError as exc:
            show_error(self, exc)
            return None
        self.shown, self.job = overview, overview.job
        return overview

    def _show_overview(self, overview: JobOverview) -> None:
        customer, site, contract = overview.customer, overview.site, overview.contract
        self.customer_label.setText(
            self.tr("{name} (class {cls})").format(name=customer.name, cls=customer.customer_class)
        )
        self.address_label.setText(site.address)
        self.phone_button.setText(site.contact_phone or customer.phone)
        self.contact_label.setText(site.contact_name or customer.name)
        self._show_assets(overview)
        if contract is not None:
            self.contract_label.setText(
                self.tr("{name} — {visits} visits a year, {fee} per unit per visit").format(
                    name=contract.name,
                    visits=contract.visits_per_year or "—",
                    fee=labels.money(contract.visit_fee),
                )
            )
        else:
            self.contract_label.setText(self.tr("None"))
        self.problem_label.setText(overview.job.problem)

    def _show_intake_tab(self, shown: bool) -> None:
        """A counter job (jewellery) gets the registration form as its second tab; other
        jobs have no such tab at all."""
        index = self.tabs.indexOf(self._intake)
        if shown:
            assert self.job is not None
            if index < 0:
                self.tabs.insertTab(1, self._intake, self.tr("Jewellery intake"))
            self._intake.load(self.job.id)
        elif index >= 0:
            self.tabs.removeTab(index)

    def _show_assets(self, overview: JobOverview) -> None:
        lines = []
        for unit in overview.units:
            asset, decision = unit.asset, unit.warranty
            if decision is None:
                none = self.tr("No warranty terms")
                verdict = f"<span style='{MUTED_STYLE}'>{none}</span>"
            else:
                style = OK_STYLE if decision.covered else FLAG_STYLE
                mark = "✔" if decision.covered else "✘"
                verdict = (
                    f"<span style='{style}'>{mark} {labels.warranty_headline(decision)}</span>"
                )
            # The core explains its decision in English; Chinese readers get the headline.
            reason = (
                f"<br><small>{escape(decision.reason)}</small>"
                if decision and not self._ctx.chinese
                else ""
            )
            unit_name = escape(f"{asset.make} {asset.model}")
            lines.append(f"<b>{unit_name}</b> · {escape(asset.serial)} — {verdict}{reason}")
        self.assets_label.setText("<br>".join(lines) or self.tr("No units on this job"))

    def _show_status(self) -> None:
        """Title, steps, frozen state, SLA and flags, from the overview last read."""
        assert self.job is not None and self.shown is not None
        job = self.job
        self.title.setText(
            f"{job.number} · {labels.word(job.job_type)} · {labels.word(job.status)}"
        )
        allowed = set(self.shown.next_steps)
        for status, button in self.step_buttons.items():
            button.setVisible(status in allowed)
        self.sign_button.setVisible(job.status in _HAS_SIGNOFF)
        signed = job.status is JobStatus.SIGNED
        self.sign_button.setText(self.tr("Slip…") if signed else self.tr("Sign off…"))
        frozen = job.status in (JobStatus.SIGNED, JobStatus.CANCELLED)
        self.frozen_label.setVisible(job.status is JobStatus.SIGNED)
        for panel in (self._checklist, self._parts, self._time, self._charges, self._intake):
            panel.set_read_only(frozen)
        self.sla_panel.show_timers(self.shown.timers, self._zone)
        self.flag_banner.show_flags(self.shown.flags)
        self.on_panel_changed()  # the history: read again when it is on screen

    def _show_history(self) -> None:
        from ui.history import collapse, describe, job_changes
        from ui.history_model import HistoryEntry

        assert self.job is not None
        self._history_stale = False
        store, chinese = self._ctx.store, self._ctx.chinese
        entries = [
            HistoryEntry(c.at, describe(c, store, chinese), c.state)
            for c in collapse(job_changes(store, self.job.id))
        ]
        self._history_model.set_entries(entries, self._zone)

    def refresh_flags(self) -> None:
        """The bill changed (parts, time, the cause, a consent): the overview again."""
        if self.job is not None and self._read_overview(self.job.id) is not None:
            assert self.shown is not None
            self.flag_banner.show_flags(self.shown.flags)

    def refresh_clock(self) -> None:
        # Off screen (a closed window whose profile is closed too) nothing counts down.
        if self.job is None or not self.isVisible():
            return
        from tech_app.job_overview import sla_timers_of

        timers = sla_timers_of(self._ctx.store, self.job, self._ctx.now())
        self.sla_panel.show_timers(timers, self._zone)

    # -- actions ---------------------------------------------------------------------------
    def change_status(self, status: JobStatus) -> None:
        from tech_app import lifecycle

        if self.job is None:
            return
        try:
            self.job, moved = lifecycle.take_step(
                self._ctx.store, self.job.id, status, self._ctx.technician, now=self._ctx.now()
            )
        except TransitionError as exc:
            if status is JobStatus.COMPLETED:
                self.checklist.mark_missing()
            show_error(self, exc, self.tr("Cannot change the status"))
            return
        except TechAppError as exc:
            show_error(self, exc)
            return
        self.timers_settled.emit()
        if moved:
            self._time.load(self.job.id)
            self._charges.reload()
            self.timers_moved.emit(moved)
        self._after_change()

    def timer_words(self, change: TimerChange) -> str:
        started = change.started.kind if change.started else None
        stopped = change.stopped.kind if change.stopped else None
        if started and stopped:
            return self.tr("{stopped} timer stopped · {started} timer started").format(
                stopped=labels.word(stopped), started=labels.word(started)
            )
        if started:
            return self.tr("{kind} timer started").format(kind=labels.word(started))
        return self.tr("{kind} timer stopped").format(kind=labels.word(stopped))

    def undo_timers(self, change: TimerChange) -> bool:
        """Put back the timers a status step moved (the status stays); False if refused."""
        from tech_app.timesheet import undo_timer_change

        try:
            undo_timer_change(self._ctx.store, change)
        except TechAppError as exc:
            show_error(self, exc, self.tr("Cannot undo"))
            return False
        if self.job is not None and self.job.id == change.job_id:
            self._time.load(change.job_id)
            self._charges.reload()
            self.refresh_flags()
        self._ctx.local_change()
        self.status_message.emit(self.tr("Timers put back as they were"))
        return True

    def take_next_step(self) -> None:
        if self.job is None:
            return
        allowed = next_steps(self.job.status)
        primary = next((s for s in _PRIMARY if s in allowed), None)
        if primary is not None:
            self.change_status(primary)
        elif self.job.status in _SIGNABLE:
            self.open_signoff()

    def open_signoff(self) -> None:
        """Sign-off for a finished visit; for a signed job, its slip."""
        from tech_app import lifecycle
        from ui.signoff_dialog import SignoffDialog

        if self.job is None or self.job.status not in _HAS_SIGNOFF:
            return
        if self.job.status is not JobStatus.SIGNED:
            try:
                lifecycle.require_answers(self._ctx.store, self.job)
            except TransitionError as exc:
                # Before the pad: the customer must not sign a visit that cannot be finished.
                self.checklist.mark_missing()
                self.tabs.setCurrentWidget(self.checklist)
                show_error(self, exc, self.tr("Cannot sign yet"))
                return
        dialog = SignoffDialog(self._ctx, self.job.id, self)
        dialog.signed.connect(self.on_signed)
        self.signoff_dialog = dialog
        dialog.open()

    def on_signed(self, job_id: str) -> None:
        if self.job is not None and job_id == self.job.id:
            self.job = self._ctx.store.get(Job, job_id)
            self._charges.reload()
            self._after_change()

    def on_phone_clicked(self) -> None:
        phone = self.phone_button.text().strip()
        QGuiApplication.clipboard().setText(phone)
        self.status_message.emit(self.tr("Copied {phone}").format(phone=phone))

    def on_panel_changed(self) -> None:
        """Answers, parts, time and consent change nothing the job list shows: no reload.

        The history is re-read only when it is on screen (answers save per keystroke).
        """
        self._history_stale = True
        if self.tabs.currentWidget() is self.history_table:
            self._show_history()

    def on_tab_changed(self, _index: int) -> None:
        if self._history_stale and self.tabs.currentWidget() is self.history_table:
            self._show_history()

    def _after_change(self) -> None:
        assert self.job is not None
        if self._read_overview(self.job.id) is not None:
            self._show_status()
        self._ctx.local_change()
        self.job_changed.emit(self.job.id)
