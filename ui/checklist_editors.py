"""One input widget per checklist item kind.

Editors are dumb on purpose: they emit what was entered (``answer_entered``)
and show what the form tells them (saved, flagged, refused). Validation and
saving are the core's (``check_answer``, ``record_answer``), called by the form.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from tech_app.records import ChecklistItem
from tech_app.records.checklists import NO, YES
from tech_app.vocab import ItemKind
from ui import labels
from ui.style import FLAG_STYLE, FLAGGED_FIELD_STYLE, MUTED_STYLE, OK_STYLE


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def allowed_range(item: ChecklistItem) -> str:
    """ "0.1–0.6 MPa", "≥ 0 h", "≤ 10 %" or just the unit."""
    unit = f" {item.unit}" if item.unit else ""
    if item.minimum is not None and item.maximum is not None:
        return f"{_number(item.minimum)}–{_number(item.maximum)}{unit}"
    if item.minimum is not None:
        return f"≥ {_number(item.minimum)}{unit}"
    if item.maximum is not None:
        return f"≤ {_number(item.maximum)}{unit}"
    return unit.strip()


class ItemEditor(QWidget):
    """Base of the editors: a row of input widgets plus a feedback label."""

    answer_entered = Signal(object)  # the raw value, as typed or picked

    def __init__(
        self, item: ChecklistItem, parent: QWidget | None = None, *, chinese: bool = False
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.chinese = chinese  # which of the template's words to show
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("feedback")

    def finish_row(self) -> None:
        self.row.addWidget(self.feedback, 1)

    def show_value(self, value: str) -> None:
        """Show a stored answer (when the form opens)."""
        raise NotImplementedError

    def clear_answer(self) -> None:
        """Back to unanswered, no feedback: the editor is about to show another job."""
        self.feedback.setText("")
        self.feedback.setStyleSheet("")
        self.set_field_flagged(False)
        self.clear_value()

    def clear_value(self) -> None:
        """Empty the input itself (programmatically: nothing is entered or saved)."""

    def show_previous(self, text: str) -> None:
        """The unit's reading on its last visit, beside the new one (number items only)."""

    def show_saved(self, out_of_range: bool, jump: str = "") -> None:
        """``jump`` says how far the reading moved from the last visit, when beyond tolerance."""
        problems = [self.tr("Out of range")] if out_of_range else []
        problems += [jump] if jump else []
        if problems:
            self.show_flag("; ".join(problems))
        else:
            self.feedback.setText(self.tr("Saved"))
            self.feedback.setStyleSheet(OK_STYLE)
            self.set_field_flagged(False)

    def show_flag(self, text: str) -> None:
        self.feedback.setText("⚠ " + text)
        self.feedback.setStyleSheet(FLAG_STYLE)
        self.set_field_flagged(True)

    def show_note(self, text: str) -> None:
        self.feedback.setText(text)
        self.feedback.setStyleSheet(MUTED_STYLE)
        self.set_field_flagged(False)

    @property
    def flagged(self) -> bool:
        return self.feedback.text().startswith("⚠")

    def set_field_flagged(self, flagged: bool) -> None:
        """Editors with a text field colour it; others rely on the feedback label."""


class YesNoEditor(ItemEditor):
    def __init__(
        self, item: ChecklistItem, parent: QWidget | None = None, *, chinese: bool = False
    ) -> None:
        super().__init__(item, parent, chinese=chinese)
        self.yes = QRadioButton(labels.word(YES), self)
        self.no = QRadioButton(labels.word(NO), self)
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            self.group.addButton(button)
            self.row.addWidget(button)
        self.yes.clicked.connect(self.on_yes_clicked)
        self.no.clicked.connect(self.on_no_clicked)
        self.finish_row()

    def on_yes_clicked(self) -> None:
        self.answer_entered.emit(YES)

    def on_no_clicked(self) -> None:
        self.answer_entered.emit(NO)

    def show_value(self, value: str) -> None:
        (self.yes if value == YES else self.no).setChecked(True)

    def clear_value(self) -> None:
        # An exclusive group keeps one button checked; neither is an unanswered item.
        self.group.setExclusive(False)
        self.yes.setChecked(False)
        self.no.setChecked(False)
        self.group.setExclusive(True)


class _TextFieldEditor(ItemEditor):
    """Number and text: every edit is entered (and saved) as it is typed."""

    def __init__(
        self, item: ChecklistItem, parent: QWidget | None = None, *, chinese: bool = False
    ) -> None:
        super().__init__(item, parent, chinese=chinese)
        self.field = QLineEdit(self)
        self.field.textEdited.connect(self.on_text_edited)
        self.row.addWidget(self.field, 2)

    def on_text_edited(self, text: str) -> None:
        self.answer_entered.emit(text)

    def show_value(self, value: str) -> None:
        self.field.setText(value)

    def clear_value(self) -> None:
        self.field.clear()

    def set_field_flagged(self, flagged: bool) -> None:
        self.field.setStyleSheet(FLAGGED_FIELD_STYLE if flagged else "")


class NumberEditor(_TextFieldEditor):
    def __init__(
        self, item: ChecklistItem, parent: QWidget | None = None, *, chinese: bool = False
    ) -> None:
        super().__init__(item, parent, chinese=chinese)
        self.field.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.field.setMinimumWidth(90)
        self.field.setMaximumWidth(120)
        self.range_label = QLabel(allowed_range(item), self)
        self.range_label.setStyleSheet(MUTED_STYLE)
        self.row.addWidget(self.range_label)
        self.previous_label = QLabel(self)
        self.previous_label.setObjectName("previous")
        self.previous_label.setStyleSheet(MUTED_STYLE)
        self.previous_label.hide()
        self.row.addWidget(self.previous_label)
        self.finish_row()

    def show_previous(self, text: str) -> None:
        self.previous_label.setText(text)
        self.previous_label.setVisible(bool(text))


class TextEditor(_TextFieldEditor):
    def __init__(
        self, item: ChecklistItem, parent: QWidget | None = None, *, chinese: bool = False
    ) -> None:
        super().__init__(item, parent, chinese=chinese)
        self.finish_row()


class ChoiceEditor(ItemEditor):
    def __init__(
        self, item: ChecklistItem, parent: QWidget | None = None, *, chinese: bool = False
    ) -> None:
        super().__init__(item, parent, chinese=chinese)
        self.combo = QComboBox(self)
        self.combo.addItem("—", None)
        for choice in item.choices:
            self.combo.addItem(item.choice_label(choice, chinese), choice)
        self.combo.activated.connect(self.on_activated)
        self.row.addWidget(self.combo)
        self.finish_row()

    def on_activated(self, index: int) -> None:
        choice = self.combo.itemData(index)
        if choice is not None:
            self.answer_entered.emit(choice)

    def show_value(self, value: str) -> None:
        found = self.combo.findData(value)
        if found >= 0:
            self.combo.setCurrentIndex(found)

    def clear_value(self) -> None:
        self.combo.setCurrentIndex(0)  # "—"


class PhotoEditor(ItemEditor):
    """A photo from a file; the form stores it as a blob and answers with its SHA-256."""

    photo_chosen = Signal(str)  # the file path

    def __init__(
        self, item: ChecklistItem, parent: QWidget | None = None, *, chinese: bool = False
    ) -> None:
        super().__init__(item, parent, chinese=chinese)
        self.button = QPushButton(self.tr("Attach photo…"), self)
        self.button.clicked.connect(self.on_attach_clicked)
        self.row.addWidget(self.button)
        self.finish_row()

    def on_attach_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a photo"))
        dialog.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.heic *.webp)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.on_file_selected)
        dialog.open()

    def on_file_selected(self, path: str) -> None:
        self.photo_chosen.emit(path)

    def show_value(self, value: str) -> None:
        self.show_note(self.tr("Photo {sha}…").format(sha=value[:12]))

    def show_saved(self, out_of_range: bool, jump: str = "") -> None:
        self.feedback.setText(self.tr("Photo attached"))
        self.feedback.setStyleSheet(OK_STYLE)


EDITORS: dict[ItemKind, type[ItemEditor]] = {
    ItemKind.YES_NO: YesNoEditor,
    ItemKind.NUMBER: NumberEditor,
    ItemKind.TEXT: TextEditor,
    ItemKind.CHOICE: ChoiceEditor,
    ItemKind.PHOTO: PhotoEditor,
}


def editor_for(
    item: ChecklistItem, parent: QWidget | None = None, *, chinese: bool = False
) -> ItemEditor:
    return EDITORS[item.kind](item, parent, chinese=chinese)
