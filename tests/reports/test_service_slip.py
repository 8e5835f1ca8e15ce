"""The slip's own sections for the service systems, read back from the PDF: the oil test's
recommendation, the complaint's type and plan, the loaner unit, the training's attendance."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reports import build_slip_data
from reports.integrity import canonical_value
from reports.slip_pdf import render_slip
from tech_app.checklist import record_answer
from tech_app.demo import demo_id
from tech_app.service_visits import add_attendee, record_complaint
from tech_app.store.local import LocalStore
from tests.reports.conftest import at
from tests.reports.helpers import squash

OIL_JOB = demo_id("job:oil-test")
COMPLAINT_JOB = demo_id("job:complaint")
REPAIR_JOB = demo_id("job:xinda-repair")
TRAINING_JOB = demo_id("job:training")

pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def text_of(store: LocalStore, job_id: str, lang: str, tmp_path: Path) -> str:
    pdf = tmp_path / f"{lang}.pdf"
    pdf.write_bytes(render_slip(build_slip_data(store, job_id, lang)))
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return squash(done.stdout)


def answer_oil(store: LocalStore) -> None:
    for key, value in (
        ("equipment", "YH32-315 液压机"),
        ("oil", "hydraulic"),
        ("hours_since_change", "1750"),
        ("sample_taken", "yes"),
        ("viscosity_40c", "44.8"),
        ("oil_verdict", "change_soon"),
        ("change_due_hours", "250"),
    ):
        record_answer(store, OIL_JOB, key, value, now=at(9, 30))


@pdftotext
def test_the_oil_test_has_its_section_with_the_change_due_in_hours(
    store: LocalStore, tmp_path: Path
) -> None:
    answer_oil(store)
    zh = text_of(store, OIL_JOB, "zh_CN", tmp_path)
    for words in ("油品检测", "液压油", "换油后运行小时数", "1750h", "已取油样", "即将到换油期"):
        assert words in zh, words
    assert "距换油期还有250小时" in zh
    assert "油品检测免费" in zh  # the free visit says why nothing is charged
    en = text_of(store, OIL_JOB, "en", tmp_path)
    assert "Oilchangeduein250h" in en and "Hydraulicoil" in en


@pdftotext
def test_the_complaint_section_shows_type_plan_time_limit_and_agreement(
    store: LocalStore, tmp_path: Path
) -> None:
    record_complaint(
        store,
        COMPLAINT_JOB,
        complaint_type="wants_it_now",
        key_points="电磁阀接口又漏水",
        plan="重新密封接口，必要时免费更换电磁阀",
        deadline=at(18),
        agreed=True,
        agreed_by="赵敏",
        now=at(16, 20),
    )
    zh = text_of(store, COMPLAINT_JOB, "zh_CN", tmp_path)
    for words in ("投诉要点", "电磁阀接口又漏水", "立竿见影型", "处理时限", "赵敏已同意"):
        assert words in zh, words
    en = text_of(store, COMPLAINT_JOB, "en", tmp_path)
    assert "Wantsitfixednow" in en and "AgreedbyCustomer".lower() not in en.lower()
    assert "Agreedby赵敏" in en


@pdftotext
def test_the_loaner_and_the_training_attendance_are_on_their_slips(
    store: LocalStore, tmp_path: Path
) -> None:
    loan = text_of(store, REPAIR_JOB, "zh_CN", tmp_path)
    assert "备用设备" in loan and "LNV-LJ2405-SP0003" in loan and "在客户处" in loan
    add_attendee(store, TRAINING_JOB, "周强", role="仓库主管", now=at(15))
    add_attendee(store, TRAINING_JOB, "钱师傅", role="叉车司机", now=at(15, 1))
    training = text_of(store, TRAINING_JOB, "zh_CN", tmp_path)
    for words in ("培训签到", "周强", "仓库主管", "钱师傅", "共2人参加", "合计¥0.00"):
        assert words in training, words
    assert "2operator(s)attended" in text_of(store, TRAINING_JOB, "en", tmp_path)


def test_a_visit_without_service_sections_keeps_its_content_hash(store: LocalStore) -> None:
    """Slips issued before the service systems must verify as before: an empty section
    is no part of the hashed record."""
    plain = canonical_value(build_slip_data(store, demo_id("job:heater-in")))
    assert isinstance(plain, dict) and "service" not in plain
    add_attendee(store, TRAINING_JOB, "周强", now=at(15))
    trained = canonical_value(build_slip_data(store, TRAINING_JOB))
    assert isinstance(trained, dict) and trained["service"]["attendance"] == [
        {"attendee": "周强", "role": ""}
    ]


@pdftotext
def test_a_quarterly_inspection_round_ends_in_an_inspection_report(
    store: LocalStore, tmp_path: Path
) -> None:
    """Seed 003: 承诺按季度进行巡检，每年提供4次巡检 … 提交巡检报告."""
    from reports.condition_data import build_condition_data
    from reports.condition_report import ConditionReportRenderer
    from reports.fonts import register_cjk_font

    job = demo_id("job:xinda-inspection")
    printers = [demo_id(f"asset:xinda-printer{n}") for n in (1, 2, 3)]
    for n, asset in enumerate(printers):
        for key, value in (
            ("page_count", str(12000 + 1000 * n)),
            ("errors_logged", "7" if n == 2 else "1"),
            ("firmware_current", "yes"),
            ("cleaned", "yes"),
        ):
            record_answer(store, job, key, value, asset_id=asset, now=at(10))
    data = build_condition_data(store, job, "zh_CN")
    assert data.contract_name.startswith("打印设备技术支持协议") and len(data.units) == 3
    pdf = tmp_path / "inspection.pdf"
    pdf.write_bytes(ConditionReportRenderer(register_cjk_font()).render(data))
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = squash(done.stdout)
    assert "巡检报告" in text and "LNV-LJ2405-X0003" in text
    assert "上次巡检以来的故障记录数" in text  # 7 errors > 5 allowed: flagged on the report
