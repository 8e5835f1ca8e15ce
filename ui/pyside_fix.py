"""WORKAROUND for PySide6 6.12.0 on CPython 3.11: singletons returned without a reference.

That release returns ``None`` from every void method (``setText``,
``setEnabled``…) and ``True`` from ``Signal.emit``/``disconnect`` without
taking a reference, which is harmless on CPython 3.12+ where these objects are
immortal, but on 3.11 each call drops one reference: after a few thousand
calls the interpreter aborts ("Fatal Python error: none_dealloc: deallocating
None"). Measured here: 20,000 ``QLabel.setText`` calls crash a bare script.

When a probe at import shows the leak, ``None``, ``True`` and ``False`` are
given a reserve of references large enough to never run out — what CPython
3.12 does by design. Nothing else changes; a fixed PySide6 or Python 3.12+
makes the probe find nothing and this module a no-op. Remove it once the
project requires either.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

_RESERVE = 1 << 40  # references; a process makes far fewer calls than that


class _Probe(QObject):
    pinged = Signal()


def singletons_leak() -> bool:
    """Do void calls or emits drop references to None/True on this PySide6 build?"""
    probe = _Probe()
    before = (sys.getrefcount(None), sys.getrefcount(True))
    for _ in range(16):
        probe.setObjectName("probe")
        probe.pinged.emit()
    after = (sys.getrefcount(None), sys.getrefcount(True))
    # A leaky build drops one reference a call (32 here); anything else running (the
    # import machinery, a collection) moves the counts by a few either way.
    return before[0] - after[0] >= 16 or before[1] - after[1] >= 16


def _reserve(obj: object) -> None:
    import ctypes  # only on a build that needs it: ~3 ms of every start otherwise

    # ob_refcnt is the first field of every CPython object (Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE


def apply() -> bool:
    """Make None, True and False effectively immortal if this build needs it."""
    if sys.version_info >= (3, 12) or not singletons_leak():
        return False
    for singleton in (None, True, False):
        _reserve(singleton)
    return True


APPLIED = apply()
