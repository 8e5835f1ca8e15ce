"""The A4 slip read back from the PDF: what the customer and head office must find on it."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader

from reports import build_slip_data, issue_slip
from reports.formatting import money
from tech_app.blobs import BlobStore
from tech_app.checklist import record_answer
from tech_app.records import Job
from tech_app.signoff import record_consent, sign_job
from tech_app.store.local import LocalStore
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage
from tests.reports.conftest import (
    COMPANY,
    HEATER_IN,
    HEATER_OUT,
    STOVE,
    TECH,
    at,
    heater_in_on_site,
    work,
)
from tests.reports.helpers import pdf_pages, signature_png, squash


def test_zh_cn_slip_shows_job_customer_parts_totals_and_signer(
    store: LocalStore, blobs: BlobStore, signed_heater_in: str, tmp_path: Path
) -> None:
    out = tmp_path / "slip.pdf"
    issue_slip(store, blobs, signed_heater_in, out, lang="zh_CN")
    text = squash("".join(pdf_pages(out)))
    job = store.get(Job, signed_heater_in)
    # A warranty visit: call-out, travel, labour and the tube free; the fitting pair
    # (pipes, past their 1-year period) charged: 2 × ¥18.00 + 13% VAT.
    subtotal, tax, total = 3600, 468, 4068
    for wanted in (
        job.number,
        "王建国",
        "SH-TUBE-58",
        "SH-FIT-20",
        "售后服务单",
        "签名人",
        money(subtotal),
        money(tax),
        money(total),
    ):
        assert squash(wanted) in text, wanted
    assert "▲超出范围" in text  # 0.72 MPa is above the 0.6 MPa allowed
    assert "在保修期内" in text and "已过保修期" in text  # main unit yes, pipes no


def test_english_slip_shows_the_consent_and_the_estimate_agreed(
    store: LocalStore, blobs: BlobStore, signed_heater_out: str, tmp_path: Path
) -> None:
    out = tmp_path / "slip.pdf"
    issue_slip(store, blobs, signed_heater_out, out, lang="en")
    text = squash("".join(pdf_pages(out)))
    data = build_slip_data(store, signed_heater_out, "en")
    assert data.estimate is not None and data.estimate.consented_by == "Emily Carter"
    for wanted in (
        "Estimate agreed before repair",
        "Consented by",
        "Emily Carter",
        money(data.estimate.total),
        "Warranty expired",
        "SH-VALVE",
        money(data.totals.total),
        "Signed by",
        "★★★★☆",
    ):
        assert squash(wanted) in text, wanted


def test_zh_tw_slip_uses_traditional_labels_and_marks_out_of_range(
    store: LocalStore, blobs: BlobStore, tmp_path: Path
) -> None:
    end = work(store, STOVE, at(13, 10), travel=20, labour=30)
    for key, value in (
        ("battery_voltage", "1.1"),
        ("battery_polarity", "no"),
        ("gas_leak_test", "yes"),
    ):
        record_answer(store, STOVE, key, value, now=end)
    record_part_usage(store, STOVE, "BAT-D", 1, Coverage.CHARGED, TECH, now=end)
    record_consent(store, STOVE, "李梅", planned_minutes=None, now=end)
    sign_job(store, blobs, STOVE, signer_name="李梅", signature_png=signature_png(4), now=end)
    out = tmp_path / "stove.pdf"
    issue_slip(store, blobs, STOVE, out, lang="zh_TW")
    text = squash("".join(pdf_pages(out)))
    for wanted in ("售後服務單", "工單號", "使用零件", "客戶簽名", "▲超出範圍", "李梅", "BAT-D"):
        assert wanted in text, wanted
    assert "售后服务单" not in text  # no simplified label leaks into the traditional slip


def test_a_long_job_repeats_the_header_and_numbers_every_page(
    store: LocalStore, blobs: BlobStore, tmp_path: Path
) -> None:
    end = heater_in_on_site(store, blobs)
    for n in range(60):
        record_part_usage(
            store,
            HEATER_IN,
            "BAT-D",
            1,
            Coverage.CHARGED,
            TECH,
            confirm_negative=True,
            now=end + timedelta(minutes=2, seconds=n),
        )
    job = store.get(Job, HEATER_IN)
    store.save(dataclasses.replace(job, work_done="Replaced the batteries one by one. " * 40))
    out = tmp_path / "long.pdf"
    issue_slip(store, blobs, job.id, out, lang="en")
    pages = pdf_pages(out)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        flat = squash(page)
        assert squash(COMPANY) in flat
        assert job.number in flat
        assert squash(f"Page {number} of {len(pages)}") in flat
    # The parts table repeats its header where it continues on a new page.
    continued = [p for p in pages[1:] if "BAT-D" in p]
    assert continued and all("Part no." in p for p in continued)


def test_fonts_are_embedded_subsets_and_no_standard_font_is_referenced(
    store: LocalStore, blobs: BlobStore, signed_heater_in: str, tmp_path: Path
) -> None:
    out = tmp_path / "slip.pdf"
    issue_slip(store, blobs, signed_heater_in, out, lang="zh_CN")
    fonts = {}
    for page in PdfReader(out).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name  # embedded TrueType
        assert name[7] == "+", name  # ABCDEF+Name: a subset


def test_a_job_without_signature_or_parts_still_prints(
    store: LocalStore, blobs: BlobStore, tmp_path: Path
) -> None:
    out = tmp_path / "empty.pdf"
    issue_slip(store, blobs, HEATER_OUT, out, lang="en")
    text = squash("".join(pdf_pages(out)))
    assert "Notsignedyet" in text and "Nopartsused." in text


def test_a_choice_answer_prints_as_the_templates_words_not_its_key() -> None:
    from reports.facts import ChecklistRow
    from reports.labels import Labels
    from reports.slip_pdf import answer_text

    row = ChecklistRow(
        asset_id=None,
        item_key="brake_test",
        label="Brake test",
        label_zh="制动测试",
        kind="choice",
        value="adjusted",
        unit="",
        minimum=None,
        maximum=None,
        out_of_range=False,
        required=True,
        choice_label="Adjusted",
        choice_label_zh="已调整",
    )
    assert answer_text(row, Labels("zh_CN")) == "已调整"
    assert answer_text(row, Labels("en")) == "Adjusted"


def test_a_slip_signed_on_paper_says_so_instead_of_an_image(
    store: LocalStore, blobs: BlobStore, tmp_path: Path
) -> None:
    from tech_app.signoff import sign_on_paper

    end = heater_in_on_site(store, blobs)
    sign_on_paper(
        store,
        blobs,
        HEATER_IN,
        signer_name="王建国",
        signed_at=end + timedelta(minutes=4),
        photo=b"\xff\xd8\xff\xe0" + bytes(200),
        now=end + timedelta(minutes=5),
    )
    data = build_slip_data(store, HEATER_IN, blobs=blobs)
    assert data.signature is not None and data.signature.on_paper
    assert data.signature.image is None  # the photo of the paper is no signature image
    for lang, words in (
        ("zh_CN", "客户已在本单的纸质打印件上签名"),
        ("zh_TW", "客戶已在本單的紙本列印件上簽名"),
        ("en", "Signed on the printed paper copy of this slip"),
    ):
        out = tmp_path / f"paper-{lang}.pdf"
        issue_slip(store, blobs, HEATER_IN, out, lang=lang)
        text = squash("".join(pdf_pages(out)))
        assert squash(words) in text, lang
        assert squash("王建国") in text
