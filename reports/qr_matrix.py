"""The module matrix of a QR code, for the slip's mark, without ReportLab's pure-Python cost.

ReportLab's ``qrencoder`` builds the Reed–Solomon generator polynomial again for every
block by polynomial multiplication, divides one coefficient at a time through ``glog``
and ``gexp`` calls, and lays out the function patterns and the data path anew for every
code: most of a slip's QR time (``bench/slips.py``). The code it makes is the standard
one, so this module makes the same one, faster:

- Reed–Solomon is table-driven: per error-correction length, the generator times each
  of the 256 field elements, held as one integer, so each data byte costs one shift and
  one XOR (an LFSR over GF(256), primitive polynomial 0x11d as QR specifies).
- Per version, the function patterns (finders, separators, timing, alignment, the
  reserved format and version areas) and the zigzag order of the data modules are
  computed once; a code is then the template plus one pass over its data bits.

ReportLab's tables are kept where they are plain data (blocks per version and level,
alignment positions, the BCH format and version words), so the two cannot disagree on
them; ``tests/reports/test_qr_matrix.py`` compares codewords and whole matrices with
``qrencoder`` over many payloads, versions and levels.

Segments are one mode for the whole payload, as ``qrencoder.QRCode.addData`` picks it:
numeric, else alphanumeric, else bytes (UTF-8). ReportLab would try Kanji before bytes;
a slip's payload is ASCII (``integrity.qr_payload``), so that mode is not needed here.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from reportlab.graphics.barcode.qrencoder import QRErrorCorrectLevel, QRRSBlock, QRUtil

LEVELS: Final = {
    "L": QRErrorCorrectLevel.L,
    "M": QRErrorCorrectLevel.M,
    "Q": QRErrorCorrectLevel.Q,
    "H": QRErrorCorrectLevel.H,
}
MAX_VERSION: Final = 40
ALPHANUMERIC: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_ALPHANUMERIC_VALUE: Final = {c: i for i, c in enumerate(ALPHANUMERIC)}
_NUMERIC: Final = re.compile("[0-9]*")
_ALPHANUMERIC_TEXT: Final = re.compile("[-0-9A-Z $%*+./:]*")

# mode -> (mode indicator, character-count bits for versions 1-9, 10-26, 27-40)
_MODES: Final = {
    "numeric": (0x1, (10, 12, 14)),
    "alphanumeric": (0x2, (9, 11, 13)),
    "byte": (0x4, (8, 16, 16)),
}
_PAD: Final = (0xEC, 0x11)  # the pad codewords, alternating

# The eight data masks, (row, column) -> dark is flipped; the standard's formulas.
MASKS: Final = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i * j) % 3 + (i + j) % 2) % 2 == 0,
)

# GF(256) with the QR primitive polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP: Final = [0] * 512
_LOG: Final = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]


def _multiply(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@cache
def _generator(ec_count: int) -> tuple[int, ...]:
    """Coefficients of (x - a^0)(x - a^1)...(x - a^(n-1)), highest power first."""
    poly = [1]
    for i in range(ec_count):
        root = _EXP[i]
        poly = [
            a ^ _multiply(b, root)
            for a, b in zip([*poly, 0], [0, *poly], strict=True)  # poly * x + poly * root
        ]
    return tuple(poly)


@cache
def _ec_table(ec_count: int) -> tuple[int, ...]:
    """For each field element f: f times the generator (its leading 1 dropped), as one
    big-endian integer of ``ec_count`` bytes, so a division step is a shift and an XOR."""
    tail = _generator(ec_count)[1:]
    return tuple(
        int.from_bytes(bytes(_multiply(c, factor) for c in tail), "big") for factor in range(256)
    )


def ec_codewords(data: bytes, ec_count: int) -> bytes:
    """The Reed–Solomon remainder of ``data`` for ``ec_count`` error-correction codewords."""
    table = _ec_table(ec_count)
    top = 8 * (ec_count - 1)
    keep = (1 << (8 * ec_count)) - 1
    remainder = 0
    for byte in data:
        remainder = ((remainder << 8) & keep) ^ table[byte ^ (remainder >> top)]
    return remainder.to_bytes(ec_count, "big")


def _mode_of(payload: str) -> str:
    if _NUMERIC.fullmatch(payload):
        return "numeric"
    if _ALPHANUMERIC_TEXT.fullmatch(payload):
        return "alphanumeric"
    return "byte"


def _count_bits(mode: str, version: int) -> int:
    sizes = _MODES[mode][1]
    return sizes[0] if version < 10 else sizes[1] if version < 27 else sizes[2]


def _data_bits(payload: str, mode: str) -> tuple[int, int]:
    """(value, bit length) of the payload's characters in ``mode``, after the header."""
    value, length = 0, 0
    if mode == "numeric":
        for start in range(0, len(payload), 3):
            group = payload[start : start + 3]
            bits = (4, 7, 10)[len(group) - 1]
            value, length = (value << bits) | int(group), length + bits
    elif mode == "alphanumeric":
        for start in range(0, len(payload), 2):
            pair = payload[start : start + 2]
            if len(pair) == 2:
                number = _ALPHANUMERIC_VALUE[pair[0]] * 45 + _ALPHANUMERIC_VALUE[pair[1]]
                value, length = (value << 11) | number, length + 11
            else:
                value, length = (value << 6) | _ALPHANUMERIC_VALUE[pair], length + 6
    else:
        raw = payload.encode("utf-8")
        value, length = int.from_bytes(raw, "big") if raw else 0, 8 * len(raw)
    return value, length


def _character_count(payload: str, mode: str) -> int:
    return len(payload.encode("utf-8")) if mode == "byte" else len(payload)


def _blocks(version: int, level: int) -> list[tuple[int, int]]:
    """(data codewords, error-correction codewords) of each block."""
    return [
        (b.dataCount, b.totalCount - b.dataCount) for b in QRRSBlock.getRSBlocks(version, level)
    ]


def codewords(payload: str, level: str = "M") -> tuple[int, bytes]:
    """(version, the final interleaved codewords: data then error correction)."""
    code_level = LEVELS[level]
    mode = _mode_of(payload)
    indicator = _MODES[mode][0]
    value, length = _data_bits(payload, mode)
    for version in range(1, MAX_VERSION + 1):
        blocks = _blocks(version, code_level)
        capacity = 8 * sum(data for data, _ in blocks)
        count_bits = _count_bits(mode, version)
        if 4 + count_bits + length <= capacity:
            break
    else:
        raise ValueError(f"{len(payload)} characters do not fit a QR code at level {level}")
    bits = (indicator << count_bits) | _character_count(payload, mode)
    bits, used = (bits << length) | value, 4 + count_bits + length
    terminator = min(4, capacity - used)
    bits, used = bits << terminator, used + terminator
    to_byte = -used % 8
    bits, used = bits << to_byte, used + to_byte
    stream = bits.to_bytes(used // 8, "big") + bytes(
        _PAD[i % 2] for i in range((capacity - used) // 8)
    )
    data_blocks, ec_blocks, offset = [], [], 0
    for data_count, ec_count in blocks:
        block = stream[offset : offset + data_count]
        offset += data_count
        data_blocks.append(block)
        ec_blocks.append(ec_codewords(block, ec_count))
    out = bytearray()
    for group in (data_blocks, ec_blocks):
        for i in range(max(len(b) for b in group)):
            out.extend(b[i] for b in group if i < len(b))
    return version, bytes(out)


def _bch_format(level: int, mask: int) -> int:
    return int(QRUtil.getBCHTypeInfo((level << 3) | mask))


@cache
def _template(version: int) -> tuple[tuple[tuple[bool, ...], ...], tuple[tuple[int, int], ...]]:
    """The function patterns of ``version`` (format and version areas left light) and the
    (row, column) of each data module in the order the codeword bits fill them."""
    size = version * 4 + 17
    dark = [[False] * size for _ in range(size)]
    reserved = [[False] * size for _ in range(size)]

    def put(row: int, col: int, value: bool) -> None:
        dark[row][col] = value
        reserved[row][col] = True

    for top, left in ((0, 0), (size - 7, 0), (0, size - 7)):
        for r in range(-1, 8):
            for c in range(-1, 8):
                row, col = top + r, left + c
                if 0 <= row < size and 0 <= col < size:  # the finder and its light separator
                    ring = max(abs(r - 3), abs(c - 3))
                    put(row, col, ring != 2 and ring != 4)
    positions = QRUtil.getPatternPosition(version)
    for row in positions:
        for col in positions:
            if reserved[row][col]:
                continue  # an alignment pattern never overlaps a finder
            for r in range(-2, 3):
                for c in range(-2, 3):
                    put(row + r, col + c, max(abs(r), abs(c)) != 1)
    for i in range(8, size - 8):
        put(i, 6, i % 2 == 0)
        put(6, i, i % 2 == 0)
    for i in range(9):  # format information, around the top-left finder
        reserved[8][i] = reserved[i][8] = True
    for i in range(8):  # ... and split between the other two
        reserved[8][size - 1 - i] = reserved[size - 1 - i][8] = True
    if version >= 7:
        for i in range(18):
            reserved[i // 3][i % 3 + size - 11] = reserved[i % 3 + size - 11][i // 3] = True
    path = []
    upward = True
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1  # the vertical timing pattern takes column 6 out of the pairs
        rows = range(size - 1, -1, -1) if upward else range(size)
        for row in rows:
            for col in (right, right - 1):
                if not reserved[row][col]:
                    path.append((row, col))
        upward = not upward
    return tuple(tuple(r) for r in dark), tuple(path)


def qr_matrix(payload: str, level: str = "M", mask: int = 2) -> list[list[bool]]:
    """Rows of modules, True for dark, without the quiet zone."""
    version, words = codewords(payload, level)
    template, path = _template(version)
    size = len(template)
    modules = [list(row) for row in template]
    flip = MASKS[mask]
    bits = int.from_bytes(words, "big")
    count = 8 * len(words)
    for index, (row, col) in enumerate(path):
        # Remainder bits past the codewords are light, before masking.
        dark = index < count and bool((bits >> (count - 1 - index)) & 1)
        modules[row][col] = dark ^ flip(row, col)
    format_bits = _bch_format(LEVELS[level], mask)
    for i in range(15):  # placed as the standard (and qrencoder.setupTypeInfo) places it
        bit = bool((format_bits >> i) & 1)
        modules[i if i < 6 else i + 1 if i < 8 else size - 15 + i][8] = bit
        modules[8][size - i - 1 if i < 8 else 15 - i if i < 9 else 14 - i] = bit
    modules[size - 8][8] = True  # the dark module
    if version >= 7:
        version_bits = int(QRUtil.getBCHTypeNumber(version))
        for i in range(18):
            bit = bool((version_bits >> i) & 1)
            modules[i // 3][i % 3 + size - 11] = modules[i % 3 + size - 11][i // 3] = bit
    return modules
