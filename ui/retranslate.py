"""Texts that follow the language without a restart (issue 13): the usual Qt way.

Installing or removing a translator sends ``QEvent.LanguageChange`` to every widget; a
widget using ``Retranslating`` sets each text it registered with ``keep_text`` again, then
``on_language_changed`` re-renders what comes from data (a job's checklist, its history),
and its models announce new headers (``headerDataChanged``) and cells (``dataChanged``).
A text is registered as the function that sets it, so the source string stays a literal
``self.tr("…")`` that lupdate finds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

if TYPE_CHECKING:  # a form's own module imports the class (the main window has none)
    from PySide6.QtWidgets import QFormLayout

Words = Callable[[], str]


class Retranslating:
    """Mixin for QWidget subclasses (put it first: ``class Panel(Retranslating, QWidget)``)."""

    def keep_text(self, apply: Callable[[], object]) -> None:
        """Set a text now and on every language change."""
        apply()
        texts: list[Callable[[], object]] | None = self.__dict__.get("_kept_texts")
        if texts is None:
            texts = []
            self.__dict__["_kept_texts"] = texts
        texts.append(apply)

    def tr_label(self, words: Words, parent: QWidget | None = None) -> QLabel:
        """A label whose text follows the language."""
        label = QLabel(parent or self)  # type: ignore[arg-type]
        self.keep_text(lambda: label.setText(words()))
        return label

    def tr_button(self, words: Words, parent: QWidget | None = None) -> QPushButton:
        button = QPushButton(parent or self)  # type: ignore[arg-type]
        self.keep_text(lambda: button.setText(words()))
        return button

    def tr_row(self, form: QFormLayout, words: Words, field: object) -> None:
        """``form.addRow(words, field)`` with the row's label following the language."""
        form.addRow(self.tr_label(words), field)  # type: ignore[call-overload]

    def retranslate(self) -> None:
        for apply in self.__dict__.get("_kept_texts", ()):
            apply()
        self.on_language_changed()

    def on_language_changed(self) -> None:
        """Texts built from data: re-render them (nothing by default)."""

    def changeEvent(self, event: QEvent) -> None:
        # Only in a window on screen: a closed one (its profile maybe closed too) is not
        # shown again, and the event is posted, so it may arrive after the close.
        window = self.window()  # type: ignore[attr-defined]
        if event.type() == QEvent.Type.LanguageChange and window.isVisible():
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


def announce_new_words(model: QAbstractItemModel) -> None:
    """A model's words changed (not its rows): headers and every cell are asked again."""
    from PySide6.QtCore import Qt  # not at the top: see ui/__init__.py

    columns, rows = model.columnCount(), model.rowCount()
    if columns:
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
    if rows and columns:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
