"""The desktop app (PySide6 Qt Widgets): the only package that imports Qt.

``ui.pyside_fix`` is imported first so its guard against a PySide6 6.12.0
reference-counting bug on Python 3.11 is in force before any widget exists; right
after it, ``ui.pyside_import_hook`` makes PySide's check of every later import cheap.
"""

from ui import (
    pyside_fix,  # noqa: F401 - imported for its effect
    pyside_import_hook,
)

pyside_import_hook.install()
