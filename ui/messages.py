"""Message boxes that explain an error or ask a question without blocking the event loop.

Boxes are opened with ``open()`` (window-modal) rather than ``exec()``: the
sync worker and timers keep running while a box is up, and tests can find the
box and press its buttons instead of hanging on a nested event loop.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from tech_app.errors import ConsentError, StoreError, TechAppError, ValidationError
from tech_app.money import format_money
from tech_app.store.plain import store_error
from ui.error_words import invalid_text, os_error_text, store_error_text

# QMessageBox is imported with the first box (PySide builds the class and its enums
# then, ~3 ms): the window's first paint shows none.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def _consent_text(error: ConsentError) -> str:
    amounts = {k: format_money(v) for k, v in error.params.items()}
    if error.code == ConsentError.EXCEEDED:
        return QCoreApplication.translate(
            "Messages",
            "The bill ({bill_total}) is more than the customer agreed to ({consented_total}): "
            "show the new total and record their consent again before they sign.",
        ).format(**amounts)
    return QCoreApplication.translate(
        "Messages",
        "The bill ({bill_total}) has charges the customer has not agreed to: show the "
        "estimate and record their consent before they sign.",
    ).format(**amounts)


def error_text(error: BaseException) -> str:
    """One sentence a technician understands, in their language."""
    if isinstance(error, sqlite3.Error):
        error = store_error(error)
    if isinstance(error, StoreError):
        return store_error_text(error)
    if isinstance(error, ConsentError):
        return _consent_text(error)
    if isinstance(error, ValidationError):
        return invalid_text(error)
    if isinstance(error, TechAppError):
        return str(error)
    if isinstance(error, OSError):
        return os_error_text(error)
    return QCoreApplication.translate("Messages", "Something went wrong: {error}").format(
        error=error
    )


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    from PySide6.QtCore import Qt  # not at the top: see ui/__init__.py
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("message_box")
    return box


def show_error(parent: QWidget | None, error: BaseException | str, title: str = "") -> QMessageBox:
    """Explain an error in a window-modal box and return it (already open)."""
    from PySide6.QtWidgets import QMessageBox

    text = error if isinstance(error, str) else error_text(error)
    serious = isinstance(error, StoreError | sqlite3.Error | OSError)
    box = _box(
        parent,
        QMessageBox.Icon.Critical if serious else QMessageBox.Icon.Warning,
        title or QCoreApplication.translate("Messages", "tech-app"),
        text,
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


_YES = "tech_app_yes"


def _on_button(on_yes: Callable[[], None]) -> Callable[[QAbstractButton], None]:
    # The slot holds only ``on_yes``, never the box or its buttons: a slot that owns
    # Python references to a self-deleting box's children crashes PySide when the box
    # is deleted on close (seen with 6.12.0). The yes button is known by a property.
    def clicked(button: QAbstractButton) -> None:
        if button.property(_YES):
            on_yes()

    return clicked


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    on_yes: Callable[[], None],
    *,
    yes_text: str = "",
) -> QMessageBox:
    """Ask a yes/no question; ``on_yes`` runs only if the user agrees."""
    from PySide6.QtWidgets import QMessageBox

    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes = box.addButton(
        yes_text or QCoreApplication.translate("Messages", "Yes"),
        QMessageBox.ButtonRole.YesRole,
    )
    box.addButton(QCoreApplication.translate("Messages", "No"), QMessageBox.ButtonRole.NoRole)
    yes.setProperty(_YES, "yes")
    box.setDefaultButton(yes)
    box.buttonClicked.connect(_on_button(on_yes))
    box.open()
    return box
