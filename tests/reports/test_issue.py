"""Issuing a slip: the file, the blob, and the Slip record with its hashes and revision."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports import build_slip_data, issue_slip, slip_content_hash
from reports.integrity import short_hash
from tech_app.blobs import BlobStore
from tech_app.errors import NotFoundError, ValidationError
from tech_app.lifecycle import amend
from tech_app.records import Slip
from tech_app.store.local import LocalStore
from tests.reports.helpers import pdf_pages, squash

ISSUED = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def test_issue_saves_a_slip_row_with_the_right_hashes(
    store: LocalStore, blobs: BlobStore, signed_heater_in: str, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "slip.pdf"
    slip = issue_slip(store, blobs, signed_heater_in, out, lang="zh_CN", now=ISSUED)
    pdf = out.read_bytes()
    assert slip.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert blobs.get(slip.pdf_sha256) == pdf
    assert slip.content_hash == slip_content_hash(build_slip_data(store, signed_heater_in))
    assert slip.revision == 1 and slip.created_at == ISSUED
    assert store.select(Slip, "job_id = ?", [signed_heater_in]) == [slip]
    # The page shows the short hash; the PDF's metadata keeps the full one.
    assert short_hash(slip.content_hash) in squash("".join(pdf_pages(out)))
    assert PdfReader(out).metadata.subject == slip.content_hash
    assert not list(out.parent.glob(".slip.pdf.*"))  # no temp file left behind


def test_a_reprint_with_unchanged_content_is_the_same_revision(
    store: LocalStore, blobs: BlobStore, signed_heater_in: str, tmp_path: Path
) -> None:
    first = issue_slip(store, blobs, signed_heater_in, tmp_path / "1.pdf", now=ISSUED)
    again = issue_slip(store, blobs, signed_heater_in, tmp_path / "2.pdf", now=ISSUED)
    roll = issue_slip(
        store, blobs, signed_heater_in, tmp_path / "3.pdf", layout="receipt", now=ISSUED
    )
    assert first == again == roll
    assert store.select(Slip, "job_id = ?", [signed_heater_in]) == [first]
    assert "evision" not in squash(pdf_pages(tmp_path / "2.pdf")[0])  # the first says none


def test_a_changed_slip_is_the_next_revision_and_prints_it(
    store: LocalStore, blobs: BlobStore, signed_heater_in: str, tmp_path: Path
) -> None:
    first = issue_slip(store, blobs, signed_heater_in, tmp_path / "1.pdf", now=ISSUED)
    amend(store, signed_heater_in, "wrong fitting count", "One fitting, not two.", now=ISSUED)
    second = issue_slip(store, blobs, signed_heater_in, tmp_path / "2.pdf", now=ISSUED)
    assert (first.revision, second.revision) == (1, 2)
    assert first.content_hash != second.content_hash
    assert "Reissuedafterachange:revision2" in squash(pdf_pages(tmp_path / "2.pdf")[0])


def test_a_job_is_found_by_number(
    store: LocalStore, blobs: BlobStore, signed_heater_in: str, tmp_path: Path
) -> None:
    number = store.db.execute(
        "SELECT number FROM jobs WHERE id = ?", [signed_heater_in]
    ).fetchone()[0]
    slip = issue_slip(store, blobs, number, tmp_path / "slip.pdf")
    assert slip.job_id == signed_heater_in


def test_unknown_job_layout_or_language_is_refused_before_writing(
    store: LocalStore, blobs: BlobStore, tmp_path: Path
) -> None:
    out = tmp_path / "slip.pdf"
    with pytest.raises(NotFoundError):
        issue_slip(store, blobs, "SV-000000-99", out)
    with pytest.raises(ValidationError, match="layout"):
        issue_slip(store, blobs, "SV-261128-02", out, layout="a5")
    with pytest.raises(ValidationError, match="lang"):
        issue_slip(store, blobs, "SV-261128-02", out, lang="fr")
    assert not out.exists()
    assert store.select(Slip) == []


def test_the_revision_shows_only_on_a_slip_issued_again_in_the_readers_words(
    store: LocalStore, blobs: BlobStore, signed_heater_in: str, tmp_path: Path
) -> None:
    issue_slip(store, blobs, signed_heater_in, tmp_path / "1.pdf", lang="zh_CN", now=ISSUED)
    first = squash("".join(pdf_pages(tmp_path / "1.pdf")))
    assert "版" not in first and "Revision" not in first
    amend(store, signed_heater_in, "配件数量有误", "管件 1 个，不是 2 个。", now=ISSUED)
    issue_slip(store, blobs, signed_heater_in, tmp_path / "2.pdf", lang="zh_CN", now=ISSUED)
    second = squash("".join(pdf_pages(tmp_path / "2.pdf")))
    assert squash("修改后重新出具：第 2 版") in second
    assert squash("第 2 次修订") in second  # the amendment itself, in the same words
