"""The signature pad: strokes from the mouse, a pen or a finger become a PNG; clear empties it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPointingDevice
from PySide6.QtTest import QTest

from tests.ui.helpers import draw_stroke
from ui.signature_pad import SignaturePad


def ink_pixels(png: bytes) -> int:
    image = QImage.fromData(png, "PNG")
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < 128
    )


def test_mouse_strokes_become_a_png(qtbot) -> None:  # type: ignore[no-untyped-def]
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    assert pad.is_empty()
    with qtbot.waitSignal(pad.strokes_changed):
        draw_stroke(pad, [(20, 80), (120, 40), (220, 120), (380, 60)])
    assert not pad.is_empty() and pad.stroke_count == 1
    png = pad.to_png()
    assert png.startswith(b"\x89PNG")
    image = QImage.fromData(png, "PNG")
    assert (image.width(), image.height()) == (800, 320)  # twice the pad: crisp on paper
    assert ink_pixels(png) > 50


def test_clear_removes_every_stroke(qtbot) -> None:  # type: ignore[no-untyped-def]
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    draw_stroke(pad, [(20, 80), (200, 80)])
    with qtbot.waitSignal(pad.strokes_changed):
        pad.clear()
    assert pad.is_empty()
    assert ink_pixels(pad.to_png()) == 0


def test_a_finger_draws_like_the_mouse(qtbot) -> None:  # type: ignore[no-untyped-def]
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    pad.show()
    qtbot.waitExposed(pad)
    screen = QPointingDevice(
        "test touchscreen",
        1,
        QPointingDevice.DeviceType.TouchScreen,
        QPointingDevice.PointerType.Finger,
        QPointingDevice.Capability.Position,
        1,
        0,
    )
    QTest.touchEvent(pad, screen).press(0, QPointF(30, 80).toPoint())
    QTest.touchEvent(pad, screen).move(0, QPointF(150, 50).toPoint())
    QTest.touchEvent(pad, screen).move(0, QPointF(300, 110).toPoint())
    QTest.touchEvent(pad, screen).release(0, QPointF(300, 110).toPoint())
    qtbot.waitUntil(lambda: not pad.is_empty())
    assert ink_pixels(pad.to_png()) > 30
    assert pad.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
