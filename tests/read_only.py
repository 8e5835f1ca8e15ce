"""A profile folder the test process really cannot write, also when tests run as root.

Root ignores file modes through the CAP_DAC_OVERRIDE capability. Under root the
write-protected folder is used without it: a subprocess starts through
``setpriv --bounding-set=-dac_override``, the test process lowers it from its
effective set for a block. Then the kernel, not a mock, refuses the write.
"""

from __future__ import annotations

import ctypes
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CAP_DAC_OVERRIDE = 1
_LINUX_CAPABILITY_VERSION_3 = 0x20080522


def make_read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)


def make_writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    make_read_only(folder)
    try:
        yield folder
    finally:
        make_writable(folder)


def command_prefix() -> list[str]:
    """What to put before a command so that file modes apply to it."""
    return ["setpriv", "--bounding-set=-dac_override"] if os.geteuid() == 0 else []


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def _capabilities(new: Any = None) -> Any:
    libc = ctypes.CDLL(None, use_errno=True)
    header = _Header(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_Data * 2)()
    if new is not None:
        data = new
    call = libc.capset if new is not None else libc.capget
    if call(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget/capset failed")
    return data


@contextmanager
def without_root_override() -> Iterator[None]:
    """Within the block file modes apply to this process even when it runs as root."""
    if os.geteuid() != 0:
        yield
        return
    saved = _capabilities()
    lowered = (_Data * 2)()
    ctypes.memmove(lowered, saved, ctypes.sizeof(saved))
    lowered[0].effective &= ~(1 << CAP_DAC_OVERRIDE)
    _capabilities(lowered)
    try:
        yield
    finally:
        _capabilities(saved)
