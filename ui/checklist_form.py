"""The checklist of a job, generated from its template(s): one form per asset on fleet visits.

There is no Save button. Each answer goes to ``record_answer`` as it is
entered — every keystroke of a reading — so a crash, a flat battery or a
closed lid loses nothing. Readings outside the allowed range are flagged at
once (the core's ``check_answer`` decides) and are still saved: the reading is
a fact the technician saw.

On a fleet visit the technician walks unit by unit: one tab per unit, a
progress line ("4 of 6 units done") and a button to the next unit still open.
Each number shows the unit's reading on its last visit; a change beyond the
template's tolerance is flagged (the core's ``reading_change`` decides).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tech_app.asset_history import ComparedReading, reading_change
from tech_app.checklist import (
    ChecklistPart,
    VisitProgress,
    answers_of,
    record_answer,
    visit_progress,
)
from tech_app.checklist_sheet import checklist_sheet
from tech_app.errors import FrozenJobError, TechAppError, ValidationError
from tech_app.records import ChecklistAnswer, ChecklistItem, ChecklistTemplate
from tech_app.records.checklists import check_answer
from ui import labels
from ui.checklist_editors import ItemEditor, PhotoEditor, editor_for
from ui.context import AppContext
from ui.error_words import invalid_text
from ui.lazy_panel import FilledWhenShown
from ui.messages import show_error
from ui.retranslate import Retranslating
from ui.style import FLAG_STYLE


class ChecklistForm(FilledWhenShown, Retranslating, QWidget):
    answer_saved = Signal(str, str)  # item key, stored value
    changed = Signal()  # something was written; the job list and status bar refresh

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._job_id = ""
        self.editors: dict[tuple[str | None, str], ItemEditor] = {}
        self._labels: dict[tuple[str | None, str], QLabel] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._body: QWidget | None = None
        self._compared: dict[tuple[str, str], ComparedReading] = {}
        self._units: list[str] = []  # asset ids in tab order, on a fleet visit
        self._serials: dict[str, str] = {}
        self._all_trucks = False
        self._done: set[str] = set()  # asset ids whose checklist is complete
        self._read_only = False
        self.tabs: QTabWidget | None = None
        # The editors built, kept while the next job has the same templates and language.
        self._shape: tuple[bool, tuple[ChecklistTemplate, ...]] | None = None
        self._slots: list[tuple[int, ChecklistItem, ItemEditor, QLabel]] = []
        self._boxes: list[QGroupBox] = []
        self._areas: list[QScrollArea] = []
        self._part_assets: list[str | None] = []  # each part's unit, in the job shown
        self.empty_label = self.tr_label(lambda: self.tr("This job has no checklist."))
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("unit_progress")
        self.progress_label.setStyleSheet("font-weight: bold;")
        self.next_unit_button = self.tr_button(lambda: self.tr("Next unit to do"))
        self.next_unit_button.setObjectName("next_unit")
        self.next_unit_button.clicked.connect(self.on_next_unit_clicked)
        progress = QHBoxLayout()
        progress.addWidget(self.progress_label, 1)
        progress.addWidget(self.next_unit_button)
        self._layout.addLayout(progress)
        self._layout.addWidget(self.empty_label)

    def on_language_changed(self) -> None:
        """Labels, choices and notes come from the template in the language: built again
        (when on screen), on the same unit's tab."""
        self.reload()

    def refill(self) -> None:
        unit = self.tabs.currentIndex() if self.tabs is not None else 0
        self.fill(self._job_id)
        if self.tabs is not None:
            self.tabs.setCurrentIndex(unit)

    # -- building ------------------------------------------------------------------
    def fill(self, job_id: str) -> None:
        """Show the job's checklist. The next job on the same templates (and in the same
        language) keeps the editors: they are emptied and given its answers, which is
        most of what opening a job used to cost (building 30 editors)."""
        new_job = job_id != self._job_id
        self._job_id = job_id
        sheet = checklist_sheet(self._ctx.store, job_id)  # one read of what the tab shows
        parts, assets = list(sheet.parts), sheet.assets
        self.empty_label.setVisible(not parts)
        self._compared = dict(sheet.compared)
        self._serials = {a.id: f"{a.serial}" for a in assets}
        self._all_trucks = bool(assets) and all(a.category == "forklift" for a in assets)
        # Equal templates (the parsed-once record, usually the very same object) build
        # equal editors; a revision or the other language builds new ones.
        shape = (self._ctx.chinese, tuple(p.template for p in parts))
        if shape != self._shape:
            self._build(parts)
            self._shape = shape
        elif new_job:
            self._back_to_top()
        self._show_job(parts, sheet.answers)
        self._apply_read_only()
        self._show_progress(sheet.progress)

    def _build(self, parts: list[ChecklistPart]) -> None:
        """The editors for these templates, each slot named by its part's position: the
        asset ids come from the job shown (``_show_job``)."""
        self._slots = []
        self._boxes = []
        self._areas = []
        self.tabs = None
        if self._body is not None:
            self._layout.removeWidget(self._body)
            self._body.hide()  # gone from the screen now, deleted when control returns
            self._body.deleteLater()
            self._body = None
        if not parts:
            return
        if len(parts) == 1:
            self._body = self._scrolled(self._form(0, parts[0]))
        else:
            tabs = QTabWidget(self)
            tabs.setObjectName("asset_tabs")
            for index, part in enumerate(parts):
                tabs.addTab(self._scrolled(self._form(index, part)), "")
            self._body = self.tabs = tabs
        self._layout.addWidget(self._body)
        # Shown now: filled while the form itself is being shown (ui/lazy_panel.py), a new
        # child would otherwise wait for the event loop to appear.
        self._body.show()

    def _show_job(
        self,
        parts: list[ChecklistPart],
        answers: Mapping[tuple[str | None, str], ChecklistAnswer],
    ) -> None:
        """Name the slots by this job's units and show its answers, nothing of the last."""
        self.editors.clear()
        self._labels.clear()
        self._part_assets = [part.asset_id for part in parts]
        self._units = [part.asset_id or "" for part in parts] if self.tabs is not None else []
        for index, part in enumerate(parts):
            template = part.template
            title = template.title_zh if self._ctx.chinese and template.title_zh else template.title
            serial = self._serials.get(part.asset_id or "", "")
            self._boxes[index].setTitle(
                f"{title} · {serial}" if serial and self.tabs is not None else title
            )
        for index, item, editor, label in self._slots:
            asset_id = self._part_assets[index]
            key = (asset_id, item.key)
            self.editors[key] = editor
            self._labels[key] = label
            editor.clear_answer()
            label.setStyleSheet("font-weight: bold;" if item.required else "")
            compared = self._compared.get((asset_id or "", item.key))
            editor.show_previous(
                self.tr("last visit: {value}").format(
                    value=_with_unit(compared.previous.value, item.unit)
                )
                if compared is not None
                else ""
            )
        for (asset_id, key), answer in answers.items():
            shown = self.editors.get((asset_id, key))
            if shown is not None:
                shown.show_value(answer.value)
                jump = self._jump_text(asset_id, shown, answer.value)
                if answer.out_of_range or jump:
                    shown.show_saved(answer.out_of_range, jump)

    def _back_to_top(self) -> None:
        """Another job in the same editors: its first unit, from the top."""
        if self.tabs is not None:
            self.tabs.setCurrentIndex(0)
        for area in self._areas:
            area.verticalScrollBar().setValue(0)

    def _scrolled(self, inner: QWidget) -> QScrollArea:
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(inner)
        self._areas.append(area)
        return area

    def _form(self, index: int, part: ChecklistPart) -> QWidget:
        box = QGroupBox()
        self._boxes.append(box)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for item in part.template.items:
            label = QLabel(self._label_text(item))
            if item.required:
                label.setToolTip(self.tr("Required"))
            editor = editor_for(item, chinese=self._ctx.chinese)
            editor.setObjectName(f"item_{item.key}")
            self._slots.append((index, item, editor, label))
            editor.answer_entered.connect(self._saver(index, editor))
            if isinstance(editor, PhotoEditor):
                editor.photo_chosen.connect(self._photo_saver(index, editor))
            form.addRow(label, editor)
        note = QLabel(self.tr("* required"))
        form.addRow(note)
        return box

    def _label_text(self, item: ChecklistItem) -> str:
        text = item.label_zh if self._ctx.chinese and item.label_zh else item.label
        return f"{text} *" if item.required else text

    # A slot's unit is looked up when the answer comes: the editor may show another job now.
    def _saver(self, index: int, editor: ItemEditor) -> Callable[[object], None]:
        def save(raw: object) -> None:
            self.on_answer_entered(self._part_assets[index], editor, raw)

        return save

    def _photo_saver(self, index: int, editor: ItemEditor) -> Callable[[str], None]:
        def attach(path: str) -> None:
            self.attach_photo(self._part_assets[index], editor.item.key, Path(path))

        return attach

    # -- saving ----------------------------------------------------------------------
    def editor(self, item_key: str, asset_id: str | None = None) -> ItemEditor:
        self.ensure_filled()
        if asset_id is None and (None, item_key) not in self.editors:
            matches = [e for (_a, k), e in self.editors.items() if k == item_key]
            return matches[0]
        return self.editors[(asset_id, item_key)]

    def on_answer_entered(self, asset_id: str | None, editor: ItemEditor, raw: object) -> None:
        item = editor.item
        if isinstance(raw, str) and not raw.strip():
            # An empty field is not an answer; the earlier one (if any) stays stored.
            editor.show_note(self.tr("Empty answers are not saved"))
            return
        try:
            # flag a bad reading before it reaches the store
            check_answer(item, raw, decimal_comma=labels.decimal_comma())
        except ValidationError as exc:
            editor.show_flag(invalid_text(exc, with_field=False))
            return
        self._record(asset_id, editor, raw)

    def attach_photo(self, asset_id: str | None, item_key: str, path: Path) -> None:
        """Store the picture's bytes as a blob; the answer is its SHA-256."""
        editor = self.editor(item_key, asset_id)
        try:
            sha256 = self._ctx.blobs.put(path.read_bytes())
        except OSError as exc:
            show_error(self, str(exc))
            return
        self._record(asset_id, editor, sha256)

    def _record(self, asset_id: str | None, editor: ItemEditor, raw: object) -> None:
        key = editor.item.key
        try:
            answer = record_answer(
                self._ctx.store,
                self._job_id,
                key,
                raw,
                asset_id=asset_id,
                decimal_comma=labels.decimal_comma(),
                now=self._ctx.now(),
            )
        except FrozenJobError as exc:
            show_error(self, exc)
            return
        except ValidationError as exc:
            editor.show_flag(invalid_text(exc, with_field=False))
            return
        except TechAppError as exc:
            show_error(self, exc)
            return
        editor.show_saved(answer.out_of_range, self._jump_text(asset_id, editor, answer.value))
        self._labels[(asset_id, key)].setStyleSheet(
            "font-weight: bold;" if editor.item.required else ""
        )
        self._show_progress()
        self.answer_saved.emit(key, answer.value)
        self._ctx.local_change()
        self.changed.emit()

    def _jump_text(self, asset_id: str | None, editor: ItemEditor, value: str) -> str:
        """Why the reading is flagged against the last visit, or "" when it is not."""
        compared = self._compared.get((asset_id or "", editor.item.key))
        if compared is None:
            return ""
        change = reading_change(editor.item, compared.previous.value, value)
        if change is None or not change.beyond_tolerance:
            return ""
        unit = editor.item.unit
        return self.tr("{change} since last visit, allowed ±{tolerance}").format(
            change=_with_unit(_signed(change.change), unit),
            tolerance=_with_unit(format(Decimal(change.tolerance or 0).normalize(), "f"), unit),
        )

    # -- walking unit by unit ------------------------------------------------------------
    def _show_progress(self, progress: VisitProgress | None = None) -> None:
        """The units done; read again (after an answer) unless given."""
        if progress is None:
            progress = visit_progress(self._ctx.store, self._job_id)
        several = self.tabs is not None
        self.progress_label.setVisible(several)
        self.next_unit_button.setVisible(several)
        if self.tabs is None:
            return
        # A forklift round is counted in trucks, as the fleet customer counts it.
        line = (
            self.tr("{done} of {total} trucks done")
            if self._all_trucks
            else self.tr("{done} of {total} units done")
        )
        self.progress_label.setText(line.format(done=progress.done, total=progress.total))
        done = {unit.asset_id for unit in progress.units if unit.done}
        for index, asset_id in enumerate(self._units):
            serial = self._serials.get(asset_id, "?")
            self.tabs.setTabText(index, f"✔ {serial}" if asset_id in done else serial)
        self._done = done
        self.next_unit_button.setEnabled(len(done) < len(self._units))

    def next_unit_to_do(self) -> int | None:
        """The tab of the first unit after the current one (wrapping) that is not done."""
        if self.tabs is None:
            return None
        count, current = len(self._units), self.tabs.currentIndex()
        for step in range(1, count + 1):
            index = (current + step) % count
            if self._units[index] not in self._done:
                return index
        return None

    def on_next_unit_clicked(self) -> None:
        index = self.next_unit_to_do()
        if index is not None and self.tabs is not None:
            self.tabs.setCurrentIndex(index)

    # -- state -------------------------------------------------------------------------
    def mark_missing(self) -> list[str]:
        """Colour the required items still unanswered; returns their labels."""
        self.ensure_filled()
        answered = set(answers_of(self._ctx.store, self._job_id))
        missing = []
        for key, editor in self.editors.items():
            if editor.item.required and key not in answered:
                self._labels[key].setStyleSheet(FLAG_STYLE)
                missing.append(self._labels[key].text())
        return missing

    def item_labels(self) -> list[str]:
        self.ensure_filled()
        return [label.text() for label in self._labels.values()]

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        for editor in self.editors.values():
            editor.setEnabled(not self._read_only)

    def flagged_items(self) -> list[str]:
        self.ensure_filled()
        return [key for (_a, key), e in self.editors.items() if e.flagged]


def _with_unit(value: str, unit: str) -> str:
    return f"{value} {unit}" if unit else value


def _signed(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return f"+{text}" if value > 0 else text
