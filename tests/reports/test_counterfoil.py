"""The registration form and counterfoil: the data record, and the PDF read back as text."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from reports.counterfoil_data import build_counterfoil_data
from reports.counterfoil_pdf import services_text, write_counterfoil
from reports.labels import LANGUAGES, Labels
from tech_app import intake
from tech_app.blobs import BlobStore
from tech_app.cli import main
from tech_app.demo import demo_id
from tech_app.errors import Invalid, ValidationError
from tech_app.records import IntakeForm, Job
from tech_app.store.local import LocalStore
from tests.reports.conftest import at
from tests.reports.helpers import signature_png, squash

RING = demo_id("job:ring")
FORM = IntakeForm(
    product="周大生 18K金钻石戒指",
    material="gold_18k",
    stone_size="0.30",
    stone_grade="H / VS1",
    services=("resizing", "cleaning", "polishing"),
    service_note="改圈口 14→16 号",
    other_problems="主石一爪轻微松动",
)
# What each language must print: the titles, the material and a requested service.
WORDS = {
    "zh_CN": ("售后服务登记表", "回执联", "凭此联取件", "18K 金", "改圈口", "售后服务免费", "陈静"),
    "zh_TW": ("售後服務登記表", "回執聯", "憑此聯取件", "18K 金", "改圈口", "售後服務免費", "陈静"),
    "en": ("Service registration form", "Counterfoil", "Resizing", "18K gold", "free of charge"),
}


@pytest.fixture
def handed_in(store: LocalStore, blobs: BlobStore) -> str:
    made = intake.hand_in(
        store,
        blobs,
        RING,
        FORM,
        signer_name="陈静",
        signature_png=signature_png(3),
        received_by="liu",
        now=at(15, 10),
    )
    return made.counterfoil_number


def pdf_text(path: Path) -> str:
    """The PDF as ``pdftotext`` reads it: what a search or a copy-paste finds."""
    found = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return squash(found.stdout.decode("utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_reads_back_with_the_counterfoil_number_and_its_words(
    store: LocalStore, blobs: BlobStore, handed_in: str, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"counterfoil-{lang}.pdf"
    write_counterfoil(store, blobs, RING, out, lang=lang)
    text = pdf_text(out)
    job = store.get(Job, RING)
    # Both halves carry the number: the shop's copy, and the part the customer keeps.
    assert text.count(handed_in) >= 3, text
    for wanted in (job.number, "周大生18K金钻石戒指", "改圈口14→16号", *WORDS[lang]):
        assert squash(wanted) in text, (lang, wanted)


def test_the_record_holds_what_the_form_says(
    store: LocalStore, blobs: BlobStore, handed_in: str
) -> None:
    intake.mark_ready(store, RING, now=at(16))
    data = build_counterfoil_data(store, RING, "zh_CN", blobs=blobs)
    assert data.counterfoil_number == handed_in
    assert data.services == ("cleaning", "polishing", "resizing")
    assert data.signature.signer_name == "陈静" and data.signature.image == signature_png(3)
    assert data.state == "ready" and data.ready_at == at(16) and data.collected_at is None
    assert data.labour_free and data.polishing  # the pricing serves jewellery free
    assert data.handed_in_at == at(15, 10)  # in the company's zone (Asia/Shanghai)
    assert data.company.name.startswith("安心家电")
    ticked = services_text(data, Labels("zh_CN"))
    assert "■ 清洗" in ticked and "■ 改圈口" in ticked and "□ 刻字" in ticked


def test_a_job_with_nothing_handed_in_has_no_counterfoil(store: LocalStore) -> None:
    with pytest.raises(ValidationError) as refused:
        build_counterfoil_data(store, RING)
    assert refused.value.code is Invalid.NOT_HANDED_IN


def test_the_command_writes_the_pdf_and_refuses_a_job_without_a_form(
    store: LocalStore, blobs: BlobStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "profile"
    assert main(["--data-dir", str(profile), "demo-data", "--today", "2026-11-28"]) == 0
    capsys.readouterr()
    ring = "SV-261128-07"
    out = tmp_path / "out.pdf"
    assert main(["--data-dir", str(profile), "counterfoil", ring, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert ring in said and "-C000001" in said and out.exists()
    assert "Counterfoil" in pdf_text(out)
    stove = "SV-261128-04"
    assert main(["--data-dir", str(profile), "counterfoil", stove, "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "nothing was handed in" in error and "Traceback" not in error


def test_collected_pieces_print_their_collection(
    store: LocalStore, blobs: BlobStore, handed_in: str, tmp_path: Path
) -> None:
    intake.mark_ready(store, RING, now=at(16))
    intake.collect(store, RING, handed_in, now=at(16) + timedelta(days=1))
    out = tmp_path / "collected.pdf"
    write_counterfoil(store, blobs, RING, out, lang="zh_CN")
    text = pdf_text(out)
    assert "已取件" in text and "取件时间" in text
