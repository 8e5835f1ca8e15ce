"""Small helpers for the report tests: a handwritten PNG and reading PDFs back."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from pypdf import PdfReader

SIGNATURE_SIZE = (120, 40)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def signature_png(seed: int = 1) -> bytes:
    """A greyscale PNG of a zigzag stroke, written byte by byte (no imaging library).

    Different seeds draw different strokes, so they are different images.
    """
    width, height = SIGNATURE_SIZE
    rows = []
    for y in range(height):
        row = bytearray(b"\xff" * width)
        for x in range(width):
            stroke = 20 + ((x * (3 + seed)) % 18) - (x // 30) * 2
            if abs(y - stroke) <= 1:
                row[x] = 0x20
        rows.append(b"\x00" + bytes(row))  # filter type 0 per scanline
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, as a reader (copy/paste, search) sees it."""
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def squash(text: str) -> str:
    """Text without whitespace: extraction may split or join words at line ends."""
    return "".join(text.split())
