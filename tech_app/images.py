"""Checking an image file before it becomes part of every slip: PNG or JPEG, whole, sane size.

The company logo is set once at head office and printed on every slip of every laptop.
A truncated or mislabelled file would not fail when it is set but on a technician's
laptop, offline, at the moment the customer waits for the slip. So the file is read
through here first: its structure is walked (PNG chunks with their CRCs, JPEG markers up
to the frame header) without an imaging library, which head office does not install.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from enum import StrEnum

from tech_app.errors import Invalid, ValidationError

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000  # pixels; a logo larger than this is a photograph sent by mistake

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers that carry the picture's size (not DHT 0xC4, JPG 0xC8, DAC 0xCC).
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class ImageKind(StrEnum):
    PNG = "png"
    JPEG = "jpeg"


@dataclass(frozen=True)
class ImageInfo:
    kind: ImageKind
    width: int
    height: int


def _png(field: str, data: bytes) -> ImageInfo:
    at = len(_PNG_SIGNATURE)
    size: tuple[int, int] | None = None
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        crc = data[at + 8 + length : at + 12 + length]
        if len(body) != length or len(crc) != 4:
            break
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise ValidationError(
                field,
                f"the PNG's {kind.decode('latin-1')} chunk is damaged",
                code=Invalid.IMAGE_DAMAGED,
                kind="PNG",
            )
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        if kind == b"IEND":
            if size is None:
                raise ValidationError(
                    field, "the PNG has no header chunk", code=Invalid.IMAGE_DAMAGED, kind="PNG"
                )
            return ImageInfo(ImageKind.PNG, *size)
        at += 12 + length
    raise ValidationError(
        field, "the PNG is cut short (no end chunk)", code=Invalid.IMAGE_DAMAGED, kind="PNG"
    )


def _jpeg(field: str, data: bytes) -> ImageInfo:
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            raise ValidationError(
                field, "the JPEG's markers are damaged", code=Invalid.IMAGE_DAMAGED, kind="JPEG"
            )
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _JPEG_FRAMES and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
                raise ValidationError(
                    field,
                    "the JPEG is cut short (no end marker)",
                    code=Invalid.IMAGE_DAMAGED,
                    kind="JPEG",
                )
            return ImageInfo(ImageKind.JPEG, width, height)
        at += 2 + length
    raise ValidationError(
        field, "the JPEG has no frame header", code=Invalid.IMAGE_DAMAGED, kind="JPEG"
    )


def read_image(field: str, data: bytes) -> ImageInfo:
    """A whole PNG or JPEG's kind and size (a photo from the camera or a file), or a
    ValidationError naming what is wrong with it."""
    if not data:
        raise ValidationError(field, "the file is empty", code=Invalid.FILE_EMPTY)
    if data.startswith(_PNG_SIGNATURE):
        return _png(field, data)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(field, data)
    raise ValidationError(field, "is not a PNG or JPEG image", code=Invalid.NOT_AN_IMAGE)


def check_logo(field: str, data: bytes) -> ImageInfo:
    """The image's kind and size, or a ValidationError naming what is wrong with it."""
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(
            field,
            f"the file is {len(data) // 1024} KB; a logo may be at most 2 MB",
            code=Invalid.FILE_TOO_LARGE,
            size_kb=str(len(data) // 1024),
            limit_kb=str(MAX_LOGO_BYTES // 1024),
        )
    info = read_image(field, data)
    if not (0 < info.width <= MAX_SIDE and 0 < info.height <= MAX_SIDE):
        raise ValidationError(
            field,
            f"the image is {info.width}×{info.height} pixels; "
            f"a logo may be at most {MAX_SIDE}×{MAX_SIDE}",
            code=Invalid.IMAGE_TOO_LARGE,
            width=str(info.width),
            height=str(info.height),
            limit=str(MAX_SIDE),
        )
    return info
