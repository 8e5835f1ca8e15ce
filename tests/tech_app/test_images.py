"""A logo is checked whole before it reaches every slip: kind, structure and size."""

from __future__ import annotations

import struct
import zlib

import pytest

from tech_app.errors import ValidationError
from tech_app.images import ImageInfo, ImageKind, check_logo


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int = 30, height: int = 10) -> bytes:
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw))
        + _chunk(b"IEND", b"")
    )


def jpeg(width: int = 64, height: int = 48) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + frame + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\xff\xd9"


def test_a_png_and_a_jpeg_are_read_with_their_size() -> None:
    assert check_logo("logo", png(30, 10)) == ImageInfo(ImageKind.PNG, 30, 10)
    assert check_logo("logo", jpeg(64, 48)) == ImageInfo(ImageKind.JPEG, 64, 48)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a PNG or JPEG"),
        (png()[:-12], "cut short"),
        (png()[:40] + b"\x00" + png()[41:], "damaged"),
        (jpeg()[:-2], "cut short"),
        (b"\xff\xd8\xff\xe0\x00\x04ab", "no frame header"),
        (png(5000, 10), "5000×10"),
        (png() + b"\x00" * (2 * 1024 * 1024), "at most 2 MB"),
    ],
    ids=[
        "empty",
        "svg",
        "png-truncated",
        "png-bad-crc",
        "jpeg-truncated",
        "jpeg-no-frame",
        "too-wide",
        "too-big",
    ],
)
def test_a_bad_logo_is_refused_saying_why(data: bytes, says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_logo("logo", data)
    assert refused.value.field == "logo"
    assert says in refused.value.reason
