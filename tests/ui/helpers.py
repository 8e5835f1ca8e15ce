"""Small drivers for widget tests: strokes on the signature pad, message boxes, clicks."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ui.signature_pad import SignaturePad


def draw_stroke(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """Press, drag through ``points`` and release, as a mouse (or a pen's mouse events) does."""

    def send(kind: QEvent.Type, x: int, y: int, buttons: Qt.MouseButton) -> None:
        local = QPointF(x, y)
        event = QMouseEvent(
            kind,
            local,
            QPointF(pad.mapToGlobal(QPoint(x, y))),
            Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(pad, event)

    first, *rest = points
    send(QEvent.Type.MouseButtonPress, *first, Qt.MouseButton.LeftButton)
    for x, y in rest:
        send(QEvent.Type.MouseMove, x, y, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, *rest[-1], Qt.MouseButton.NoButton)


def sign_with_strokes(pad: SignaturePad) -> None:
    """A plausible two-stroke signature across the pad."""
    draw_stroke(pad, [(30, 100), (60, 60), (90, 110), (120, 50), (150, 105), (180, 70)])
    draw_stroke(pad, [(200, 90), (240, 80), (280, 95), (320, 75)])


def message_boxes(parent: QWidget) -> list[QMessageBox]:
    return [box for box in parent.findChildren(QMessageBox) if box.isVisible()]


def press(qtbot: QtBot, box: QMessageBox, text: str) -> None:
    """Press the box's button whose text contains ``text`` (Ok, Record anyway, …).

    Then wait until the box (deleted on close) is really gone: a test that returns
    first lets Python drop a top-level panel while its child box is still queued
    for deletion, which PySide 6.12 turns into a crash.
    """
    for button in box.buttons():
        assert isinstance(button, QAbstractButton)
        if text.lower() in button.text().replace("&", "").lower():
            button.click()
            qtbot.waitUntil(lambda: not shiboken6.isValid(box))
            return
    raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")


def commit_text(widget: QWidget, text: str) -> None:
    """Type text as an input method commits it: how Chinese arrives from pinyin or handwriting.

    (QTest's key clicks only cover Latin-1; a real IME sends one commit event.)
    """
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
