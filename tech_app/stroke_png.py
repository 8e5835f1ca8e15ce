"""Pen strokes drawn into a PNG with the standard library only (no Qt in the core).

The desktop app's signature pad makes its PNG with Qt; the demo needs a signed form
without a display, so it draws its strokes here: black ink on white, grayscale.
"""

from __future__ import annotations

import itertools
import struct
import zlib
from collections.abc import Sequence

Point = tuple[float, float]


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def strokes_png(
    strokes: Sequence[Sequence[Point]], width: int, height: int, pen: float = 2.5
) -> bytes:
    """The strokes (point lists in pixels) as an 8-bit grayscale PNG of ``width`` × ``height``."""
    ink = [bytearray(b"\xff" * width) for _ in range(height)]
    radius = pen / 2
    reach = int(radius) + 1
    for stroke in strokes:
        for (x0, y0), (x1, y1) in itertools.pairwise(stroke):
            steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) * 2))
            for n in range(steps + 1):
                x = x0 + (x1 - x0) * n / steps
                y = y0 + (y1 - y0) * n / steps
                for py in range(int(y) - reach, int(y) + reach + 1):
                    for px in range(int(x) - reach, int(x) + reach + 1):
                        inside = (px - x) ** 2 + (py - y) ** 2 <= radius**2
                        if inside and 0 <= px < width and 0 <= py < height:
                            ink[py][px] = 0
    raw = b"".join(b"\x00" + bytes(row) for row in ink)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )
