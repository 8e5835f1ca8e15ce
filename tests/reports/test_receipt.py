"""The receipt layout: the same slip on an 80 mm roll, one long page."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.units import mm

from reports import build_slip_data, issue_slip
from reports.formatting import money
from tech_app.blobs import BlobStore
from tech_app.store.local import LocalStore
from tests.reports.helpers import pdf_pages, squash


def test_receipt_is_80_mm_wide_and_one_page_as_long_as_the_content(
    store: LocalStore, blobs: BlobStore, signed_heater_in: str, tmp_path: Path
) -> None:
    out = tmp_path / "receipt.pdf"
    issue_slip(store, blobs, signed_heater_in, out, layout="receipt", lang="zh_CN")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 80 * mm) < 0.01
    assert 150 * mm < float(box.height) < 2000 * mm
    data = build_slip_data(store, signed_heater_in, "zh_CN")
    text = squash(pdf_pages(out)[0])
    for wanted in (
        data.job_number,
        "王建国",
        "SH-TUBE-58",
        "SH-FIT-20",
        money(data.totals.total),
        "▲超出范围",
        "签名人",
    ):
        assert squash(wanted) in text, wanted


def test_receipt_and_a4_of_the_same_job_carry_the_same_content_hash(
    store: LocalStore, blobs: BlobStore, signed_heater_in: str, tmp_path: Path
) -> None:
    a4 = issue_slip(store, blobs, signed_heater_in, tmp_path / "a4.pdf")
    roll = issue_slip(store, blobs, signed_heater_in, tmp_path / "roll.pdf", layout="receipt")
    assert a4.content_hash == roll.content_hash
    # Unchanged content is the same revision: the first issue's record stands, and the
    # roll is that revision on another layout.
    assert roll == a4
    assert (tmp_path / "a4.pdf").read_bytes() != (tmp_path / "roll.pdf").read_bytes()
