"""Our QR encoder makes exactly the code ReportLab's ``qrencoder`` makes, only faster."""

from __future__ import annotations

import hashlib
import random
import uuid

import pytest
from reportlab.graphics.barcode import qrencoder

from reports.integrity import qr_payload
from reports.qr_matrix import ALPHANUMERIC, LEVELS, MASKS, codewords, ec_codewords, qr_matrix


def reference(payload: str, level: str, mask: int) -> tuple[int, bytes, list[list[bool]]]:
    """Version, codewords and matrix as ReportLab makes them with the same fixed mask."""
    code = qrencoder.QRCode(None, LEVELS[level])
    code.addData(payload)
    code.version = code.calculate_version()
    words = qrencoder.QRCode.createData(code.version, code.errorCorrectLevel, code.dataList)
    code.makeImpl(False, mask)
    return code.version, bytes(words), [[bool(m) for m in row] for row in code.modules]


def payloads() -> list[str]:
    """Every mode, lengths from empty to version 20 and more, and the slip's own payloads."""
    rng = random.Random(12)
    alphabets = ["0123456789", ALPHANUMERIC, "abcdefXYZ0123456789:-_/?=&", "aé中 z"]
    found = ["", "0", "A", "a", qr_payload(str(uuid.UUID(int=0)), "0" * 64)]
    for n in range(40):
        job = str(uuid.UUID(int=rng.getrandbits(128)))
        found.append(qr_payload(job, hashlib.sha256(job.encode()).hexdigest()))
        alphabet = alphabets[n % len(alphabets)]
        length = rng.choice([1, 2, 3, 7, 20, 41, 77, 120, 200, 333])
        found.append("".join(rng.choice(alphabet) for _ in range(length)))
    return found


@pytest.mark.parametrize("level", sorted(LEVELS))
def test_codewords_and_modules_match_reportlab(level: str) -> None:
    versions = set()
    for n, payload in enumerate(payloads()):
        mask = n % len(MASKS)
        version, words, modules = reference(payload, level, mask)
        assert codewords(payload, level) == (version, words), payload
        assert qr_matrix(payload, level, mask) == modules, (payload, mask)
        versions.add(version)
    assert min(versions) == 1 and max(versions) >= 10  # small codes and ones with version bits


def test_reed_solomon_matches_the_textbook_example() -> None:
    # ISO/IEC 18004 annex I: "01234567" at version 1-M, its 16 data and 10 EC codewords.
    data = bytes([16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17])
    assert list(ec_codewords(data, 10)) == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85]
    assert codewords("01234567", "M") == (1, data + ec_codewords(data, 10))
