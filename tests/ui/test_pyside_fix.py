"""A long session must not exhaust the references PySide6 6.12.0 drops on Python 3.11."""

from __future__ import annotations

import subprocess
import sys

SESSION = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import ui  # applies the guard
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Pinger(QObject):
    flagged = Signal(bool)

app = QApplication([])
label, pinger = QLabel(), Pinger()
pinger.flagged.connect(lambda value: None)
for n in range(50_000):  # a day of typing: void calls and emits
    label.setText(str(n))
    pinger.flagged.emit(True)
print("alive")
"""


def test_fifty_thousand_void_calls_and_emits_do_not_kill_the_process() -> None:
    done = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "alive"
