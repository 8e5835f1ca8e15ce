"""Reading an office CSV in the encoding it was saved in.

Chinese Excel saves "CSV" in the system's code page (GB18030/GBK) unless told UTF-8,
and then often with a byte-order mark. The text is decoded strictly, never guessed
with replacement characters: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's
"Unicode text"), then GB18030 (a superset of GBK and GB2312). A file that is none of
them is refused naming the line where decoding failed; ``encoding`` (``--encoding``)
overrides the detection for anything else (``big5``, ``latin-1`` …).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from tech_app.errors import TechAppError


class EncodingProblem(TechAppError):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(message)


@dataclass(frozen=True)
class SheetText:
    text: str
    encoding: str  # what it was read as, for the confirmation line


def read_sheet(path: Path, encoding: str | None = None) -> SheetText:
    """The file's text; OSError if it cannot be read, EncodingProblem if it is no text."""
    data = Path(path).read_bytes()
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise EncodingProblem(
                0, f"--encoding: {encoding!r} is not an encoding Python knows"
            ) from None
        return SheetText(_decode(data, encoding), encoding)
    if data.startswith(codecs.BOM_UTF8):
        return SheetText(_decode(data, "utf-8-sig"), "UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return SheetText(_decode(data, "utf-16"), "UTF-16")
    for candidate, name in (("utf-8", "UTF-8"), ("gb18030", "GB18030")):
        try:
            return SheetText(data.decode(candidate), name)
        except UnicodeDecodeError:
            continue
    # Neither: say where UTF-8 decoding broke, the usual case of a damaged export.
    _decode(data, "utf-8")
    raise AssertionError("unreachable: utf-8 decoding failed above")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EncodingProblem(
            line,
            f"the file is not {encoding} text (byte {exc.start + 1}); save it from Excel as "
            "'CSV UTF-8' or give --encoding",
        ) from None
