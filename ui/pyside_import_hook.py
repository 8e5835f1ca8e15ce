"""A cheaper answer to PySide6's question about every module imported after it.

PySide6 hooks the import system: for each module imported once it is loaded, its
``shibokensupport.feature`` asks whether the module's source mentions "PySide6" (the
modules that do may switch ``__feature__`` options), and asks it with
``inspect.getsource``, which resolves the module's file through ``inspect`` and
``linecache`` every time. The app imports ~260 modules after PySide6 before its first
paint; measured, that question took a sixth of its start-up. The same question is
answered here by reading the file's bytes; anything without a ``.py`` file still goes
to PySide's own answer. tech-app uses no ``__feature__`` options, so nothing else
depends on the answer, but it stays the same answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType


def install() -> None:
    """Replace PySide's source check with a byte search of the file; idempotent."""
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "reads_bytes", False):
        return

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    mod_uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[attr-defined]
