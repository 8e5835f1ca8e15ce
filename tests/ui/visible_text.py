"""What a person sees in a window: every visible text of its widgets, and which is English.

Used by the zh_CN visit test: labels, buttons, check and radio boxes, combo boxes
(current item and the list), tabs, group titles, placeholders, window titles, table
headers and cells. A text is English when it holds a Latin word of three letters or
more after removing what is customer data or product names (``allowed``) and file
paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

_WORD = re.compile(r"[A-Za-z]{3,}")
_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/][^\s，。（）]*")


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _model_texts(model: QAbstractItemModel) -> Iterator[str]:
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            yield str(model.index(row, column).data() or "")


def visible_texts(
    root: QWidget, skip: Callable[[QWidget], bool] = lambda _w: False
) -> Iterator[tuple[str, str]]:
    """(widget object name or class, text) for each visible text under ``root``.

    ``skip`` leaves out widgets (and so their texts) a test must not judge yet.
    """
    yield "window", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if (not widget.isVisibleTo(root) and widget is not root) or skip(widget):
            continue
        where = widget.objectName() or type(widget).__name__
        if isinstance(widget, QHeaderView):
            # What the header paints: its own model's titles (the job list's header has a
            # model of its own, see ui/job_list_panel.py).
            model = widget.model()
            yield from (
                (where, str(model.headerData(s, widget.orientation()) or ""))
                for s in range(widget.count())
            )
        elif isinstance(widget, QLabel):
            yield where, _plain(widget.text())
        elif isinstance(widget, QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QComboBox):
            yield from ((where, widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, QTabBar):
            yield from ((where, widget.tabText(i)) for i in range(widget.count()))
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            yield where, widget.placeholderText()
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from ((where, t) for t in _model_texts(widget.model()))


def english(texts: Iterable[tuple[str, str]], allowed: Iterable[str]) -> list[tuple[str, str]]:
    """The texts that still hold an English word once ``allowed`` strings are taken out."""
    keep = sorted({a for a in allowed if a}, key=len, reverse=True)
    found = []
    for where, text in texts:
        # A file path is where the user's file lives, not a sentence: left out.
        rest = _PATH.sub(" ", text)
        for data in keep:
            rest = rest.replace(data, " ")
        if _WORD.search(rest):
            found.append((where, text))
    return found
