"""Issuing a slip: render it, write it safely, keep the PDF and record what was issued.

The ``slips`` row carries the full content hash and the PDF's SHA-256, so head
office can later check both that a paper slip matches the job's records and
that a PDF file is the one issued. Slips may be issued after signature (the
store allows ``slips`` rows on a signed job). A slip whose content changed is a
new revision; printed again with unchanged content (another copy, the receipt
roll) it is the same revision, and the first issue's record stands.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from reports.fonts import CJK_FONT_SETTING, register_cjk_font
from reports.integrity import slip_content_hash
from reports.layout import layout_named
from reports.slip_data import SlipData, build_slip_data
from reports.slip_pdf import SlipRenderer
from tech_app.blobs import BlobStore, write_atomically
from tech_app.records import Slip
from tech_app.store.local import LocalStore, utc_now


def issue_slip(
    store: LocalStore,
    blobs: BlobStore,
    job_id: str,
    out: Path,
    *,
    layout: str = "a4",
    lang: str = "en",
    now: datetime | None = None,
) -> Slip:
    """Render the slip of a job (number or id) to ``out`` and save its Slip record."""
    data, renderer = _prepare(store, blobs, job_id, layout, lang)
    content_hash = slip_content_hash(data)
    issued = store.select(Slip, "job_id = ?", [data.job_id], order_by="revision DESC")
    if issued and issued[0].content_hash == content_hash:
        same = issued[0]
        write_atomically(Path(out), renderer.render(replace(data, revision=same.revision)))
        return same
    pdf = renderer.render(data)
    write_atomically(Path(out), pdf)
    pdf_sha256 = blobs.put(pdf)
    return store.save(
        Slip(
            job_id=data.job_id,
            revision=data.revision,
            content_hash=content_hash,
            pdf_sha256=pdf_sha256,
            created_at=now or utc_now(),
        )
    )


def draft_slip(
    store: LocalStore,
    blobs: BlobStore,
    job_id: str,
    out: Path,
    *,
    layout: str = "a4",
    lang: str = "en",
) -> Path:
    """The slip of a job not signed yet, written to ``out``: what the customer reads
    (itemised) before signing, and the paper to sign where no pad is at hand.

    No Slip record is kept: only the signed job's slip is issued.
    """
    data, renderer = _prepare(store, blobs, job_id, layout, lang)
    write_atomically(Path(out), renderer.render(data))
    return Path(out)


def _prepare(
    store: LocalStore, blobs: BlobStore, job_id: str, layout: str, lang: str
) -> tuple[SlipData, SlipRenderer]:
    geometry = layout_named(layout)  # refuse a bad layout before any work is done
    font = register_cjk_font(store.setting(CJK_FONT_SETTING))
    return build_slip_data(store, job_id, lang, blobs=blobs), SlipRenderer(font, geometry)
