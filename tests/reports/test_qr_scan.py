"""The QR code on a printed slip scans back to the job and the content hash head office checks."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from reports import issue_slip
from reports.integrity import read_qr_payload
from tech_app.blobs import BlobStore
from tech_app.store.local import LocalStore


def scan_first_page(pdf: Path, tmp_path: Path) -> str:
    """Rasterise page 1 as a printer would and read the code with zbar, a real scanner library."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    scanned = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True,
        text=True,
        check=True,
    )
    return scanned.stdout.strip()


@pytest.mark.parametrize("layout", ["a4", "receipt"])
def test_the_slip_code_scans_to_the_job_id_and_full_hash(
    store: LocalStore, blobs: BlobStore, signed_heater_in: str, tmp_path: Path, layout: str
) -> None:
    out = tmp_path / f"{layout}.pdf"
    slip = issue_slip(store, blobs, signed_heater_in, out, layout=layout, lang="zh_CN")
    assert read_qr_payload(scan_first_page(out, tmp_path)) == (
        signed_heater_in,
        slip.content_hash,
    )
