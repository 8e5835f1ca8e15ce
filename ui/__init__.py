"""The desktop app (PySide6 Qt Widgets): the only package that imports Qt.

``ui.pyside_fix`` is imported first so its guard against a PySide6 6.12.0
reference-counting bug on Python 3.11 is in force before any widget exists; right
after it, ``ui.pyside_import_hook`` makes PySide's check of every later import cheap.

The modules the window needs for its first paint (the main window, the job list and
its model, the worker, the status bar, messages, retranslation) do not name ``Qt`` at
module level and pass no ``Qt`` enum through a Python override before that paint:
the first use of ``Qt`` builds all 93 enums of its namespace, ~24 ms of a start-up of
~300 ms. They import it inside the functions that run later (``tests/ui/
test_startup_imports.py`` keeps it so).
"""

from ui import (
    pyside_fix,  # noqa: F401 - imported for its effect
    pyside_import_hook,
)

pyside_import_hook.install()
