"""Render the sample slips and the fleet condition report in docs/samples/.

Loads the demo set into a throw-away profile, completes and signs the demo
jobs through the core API as a technician would, then issues:

- slip-heater-in-zh_CN.pdf    王建国's solar heater, in warranty (simplified Chinese)
- slip-heater-out-en.pdf      Emily Carter's heater, out of warranty, with consent (English)
- slip-stove-zh_TW.pdf        李梅's gas stove (traditional Chinese)
- receipt-heater-in-zh_CN.pdf the 王建国 slip on an 80 mm receipt roll
- receipt-heater-out-en.pdf   the Emily Carter slip on an 80 mm receipt roll
- condition-fleet-en.pdf      the quarterly visit of six forklifts
- slip-oil-test-zh_CN.pdf     the free oil test of a hydraulic press ("change due in 250 h")
- slip-complaint-en.pdf       a complaint handled: type, key points, plan, time limit, agreement

plus a PNG preview of the first page of each (needs pdftoppm from poppler-utils).
Re-runnable: the same code gives the same PDFs byte for byte.

    python docs/samples/make_samples.py [--out DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from reports import issue_slip
from reports.condition_report import write_condition_report
from reports.counterfoil_pdf import write_counterfoil
from tech_app.blobs import BlobStore
from tech_app.checklist import record_answer
from tech_app.demo import CHINA, DEMO_SETTINGS, demo_id, load_demo
from tech_app.lifecycle import change_status
from tech_app.receipts import DEVICE_SETTING
from tech_app.records import Job
from tech_app.signoff import record_consent, sign_job
from tech_app.store.local import LocalStore, open_store
from tech_app.timesheet import start_timer, stop_timer
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage, TimeKind

DEMO_DAY = date(2026, 11, 28)
TECHNICIAN = "liu"
HERE = Path(__file__).parent


def at(hour: int, minute: int = 0, day: date = DEMO_DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA)


def signature_png(seed: int) -> bytes:
    """A pen-like squiggle, different per signer, drawn the same way every run."""
    image = Image.new("L", (360, 120), 255)
    pen = ImageDraw.Draw(image)
    points = [(20 + i * 8, 70 - ((i * (7 + seed)) % 37) + (i % 5) * 4) for i in range(40)]
    pen.line(points, fill=20, width=4, joint="curve")
    pen.line([(40, 95), (300, 88)], fill=60, width=2)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def logo_png() -> bytes:
    image = Image.new("RGB", (240, 80), "white")
    pen = ImageDraw.Draw(image)
    pen.ellipse((4, 4, 76, 76), fill=(31, 78, 121))
    pen.rectangle((28, 22, 52, 58), fill="white")
    pen.rectangle((90, 30, 230, 50), fill=(31, 78, 121))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def configure_company(store: LocalStore, blobs: BlobStore) -> None:
    # The company settings head office sends (tech-app office settings); the demo's
    # values with a logo, as an office would set them.
    store.save(dataclasses.replace(DEMO_SETTINGS, logo_sha256=blobs.put(logo_png())))
    store.set_setting("technician_name", "刘师傅 Liu Wei")
    # A fixed device code, so the samples' receipt numbers (and hashes) do not change
    # from one run to the next; a real device picks its own (tech_app.receipts).
    store.set_setting(DEVICE_SETTING, "0A17F3")


def arrive(store: LocalStore, job_id: str, start: datetime, travel: int) -> datetime:
    change_status(store, job_id, "en_route", now=start)
    start_timer(store, job_id, TimeKind.TRAVEL, TECHNICIAN, now=start)
    on_site = start + timedelta(minutes=travel)
    change_status(store, job_id, "on_site", now=on_site)
    start_timer(store, job_id, TimeKind.LABOUR, TECHNICIAN, now=on_site)
    return on_site


def answer(
    store: LocalStore, job_id: str, asset: str, answers: dict[str, object], now: datetime
) -> None:
    for key, value in answers.items():
        record_answer(store, job_id, key, value, asset_id=demo_id(f"asset:{asset}"), now=now)


def finish(
    store: LocalStore,
    blobs: BlobStore,
    job_id: str,
    *,
    end: datetime,
    findings: str,
    work_done: str,
    signer: str,
    rating: int,
    comment: str = "",
    seed: int = 1,
    agreed_by: str = "",
    payment: str = "",
) -> None:
    stop_timer(store, job_id, now=end)
    if agreed_by:  # charges beyond the estimate (or the agreement): agreed before signing
        record_consent(store, job_id, agreed_by, None, now=end + timedelta(minutes=1))
    job = store.get(Job, job_id)
    store.save(dataclasses.replace(job, findings=findings, work_done=work_done))
    sign_job(
        store,
        blobs,
        job_id,
        signer_name=signer,
        signature_png=signature_png(seed),
        rating=rating,
        comment=comment,
        payment_method=payment or None,
        now=end + timedelta(minutes=3),
    )


def heater_in(store: LocalStore, blobs: BlobStore) -> str:
    job_id = demo_id("job:heater-in")
    on_site = arrive(store, job_id, at(8, 20), 35)
    answer(
        store,
        job_id,
        "heater-in",
        {
            "tank_leak": "yes",
            "tubes_intact": "no",
            "water_pressure": "0.72",
            "water_temp": "58",
            "cause": "quality",
        },
        on_site,
    )
    usage = on_site + timedelta(minutes=30)
    for part, qty, coverage in (
        ("SH-TUBE-58", 1, Coverage.WARRANTY),
        ("SH-FIT-20", 2, Coverage.CHARGED),
    ):
        record_part_usage(
            store,
            job_id,
            part,
            qty,
            coverage,
            TECHNICIAN,
            now=usage,
            asset_id=demo_id("asset:heater-in"),
        )
    # The fittings are charged: the customer agrees to the estimate before the repair.
    record_consent(store, job_id, "王建国", planned_minutes=70, now=usage)
    finish(
        store,
        blobs,
        job_id,
        end=on_site + timedelta(minutes=70),
        findings="第 7 支集热管根部破裂，水沿水箱底部流出；进水压力 0.72 MPa，高于允许值。",
        work_done="更换集热管 1 支（主机保修期内，免费）；更换老化管件 2 个（管件保修期 1 年"
        "已过，按成本收费）；试压合格。建议加装减压阀。",
        signer="王建国",
        rating=5,
        comment="师傅很专业，准时。",
        seed=3,
        payment="wechat",
    )
    return job_id


def heater_out(store: LocalStore, blobs: BlobStore) -> str:
    job_id = demo_id("job:heater-out")
    on_site = arrive(store, job_id, at(10, 30), 25)
    answer(
        store,
        job_id,
        "heater-out",
        {
            "tank_leak": "no",
            "tubes_intact": "yes",
            "water_pressure": "0.35",
            "water_temp": "41",
            "cause": "wear",
        },
        on_site,
    )
    # Parts are picked first, so the estimate the customer agrees to includes them.
    picked = on_site + timedelta(minutes=12)
    for part, qty in (("SH-FIT-20", 2), ("SH-VALVE", 1)):
        record_part_usage(
            store,
            job_id,
            part,
            qty,
            Coverage.CHARGED,
            TECHNICIAN,
            now=picked,
            asset_id=demo_id("asset:heater-out"),
            serial_in="EV-2611-0042" if part == "SH-VALVE" else "",
        )
    shown = on_site + timedelta(minutes=15)
    record_consent(store, job_id, "Emily Carter", planned_minutes=60, now=shown)
    finish(
        store,
        blobs,
        job_id,
        end=shown + timedelta(minutes=45),
        findings="Fitting on the roof inlet cracked by frost; the electric valve sticks "
        "half open, so the tank drains overnight. Unit bought over four years ago: "
        "out of warranty.",
        work_done="Showed the fee schedule and got consent. Replaced two DN20 fittings and "
        "the electric valve; refilled and checked the morning temperature cycle.",
        signer="Emily Carter",
        rating=4,
        comment="Quick and tidy.",
        seed=5,
        payment="bank_card",
    )
    return job_id


def stove(store: LocalStore, blobs: BlobStore) -> str:
    job_id = demo_id("job:stove")
    on_site = arrive(store, job_id, at(13, 10), 20)
    answer(
        store,
        job_id,
        "stove",
        {
            "battery_voltage": "1.1",
            "battery_polarity": "no",
            "gas_leak_test": "yes",
            "flame": "blue",
            "burner_cleaned": "yes",
        },
        on_site,
    )
    record_part_usage(
        store,
        job_id,
        "BAT-D",
        1,
        Coverage.CHARGED,
        TECHNICIAN,
        now=on_site + timedelta(minutes=10),
        asset_id=demo_id("asset:stove"),
    )
    record_part_usage(
        store,
        job_id,
        "ST-IGN-01",
        1,
        Coverage.WARRANTY,
        TECHNICIAN,
        now=on_site + timedelta(minutes=12),
        asset_id=demo_id("asset:stove"),
    )
    record_consent(store, job_id, "李梅", planned_minutes=35, now=on_site + timedelta(minutes=13))
    finish(
        store,
        blobs,
        job_id,
        end=on_site + timedelta(minutes=35),
        findings="点火电池电量不足（1.1 V）且正负极装反；点火针积碳。",
        work_done="更换 1 号电池并指导客户正确安装；更换点火针（保修）；清洁炉头，燃气泄漏检测合格。",
        signer="李梅",
        rating=5,
        seed=7,
        payment="cash",
    )
    return job_id


FLEET_READINGS = {
    # truck: (hour meter, hydraulic oil OK, fork wear %, brake test, tyre mm, recommendation)
    1: ("1968", "yes", "4", "pass", "14", ""),
    2: ("2131", "yes", "6", "adjusted", "11", "Brake shoes at 40 %: plan replacement next visit."),
    3: (
        "2287",
        "yes",
        "12",
        "pass",
        "12",
        "Fork heel wear 12 % (limit 10 %): replace the fork pair before further heavy lifting.",
    ),
    4: (
        "2402",
        "no",
        "5",
        "pass",
        "10",
        "Hydraulic oil below minimum: topped up, check the tilt cylinder seal for leaks.",
    ),
    5: (
        "2555",
        "yes",
        "7",
        "fail",
        "9",
        "Brake test failed: truck taken out of service until brake shoes (FL-BRK-PAD) are fitted.",
    ),
    6: (
        "2731",
        "yes",
        "3",
        "pass",
        "4",
        "Tyre tread 4 mm (minimum 5 mm): replace the drive tyres within two weeks.",
    ),
}


def fleet(store: LocalStore, blobs: BlobStore) -> str:
    job_id = demo_id("job:fleet")
    day = DEMO_DAY + timedelta(days=1)
    on_site = arrive(store, job_id, at(8, 0, day), 40)
    for truck, (meter, oil, wear, brake, tyre, advice) in FLEET_READINGS.items():
        answers: dict[str, object] = {
            "hour_meter": meter,
            "hydraulic_oil": oil,
            "fork_wear": wear,
            "brake_test": brake,
            "tyre_tread": tyre,
            "mast_chain": "yes",
        }
        if advice:
            answers["recommendation"] = advice
        answer(store, job_id, f"truck{truck}", answers, on_site + timedelta(minutes=45 * truck))
    record_part_usage(
        store,
        job_id,
        "FL-GR-1KG",
        2,
        Coverage.CONTRACT,
        TECHNICIAN,
        now=on_site + timedelta(hours=3),
    )
    start_timer(store, job_id, TimeKind.WAITING, TECHNICIAN, now=on_site + timedelta(hours=5))
    start_timer(
        store, job_id, TimeKind.LABOUR, TECHNICIAN, now=on_site + timedelta(hours=5, minutes=30)
    )
    finish(
        store,
        blobs,
        job_id,
        end=on_site + timedelta(hours=6),
        findings="Six trucks inspected; truck 5 failed the brake test, trucks 3, 4 and 6 "
        "need attention (see the condition report).",
        work_done="Quarterly maintenance of six trucks per agreement: greased chassis and "
        "mast chains, checked hydraulics, brakes, forks and tyres.",
        signer="周强",
        rating=4,
        seed=11,
        agreed_by="周强",  # the 30 minutes waiting for truck 4 are charged
        payment="invoice",  # settled within a month, per the agreement
    )
    return job_id


def oil_test(store: LocalStore, blobs: BlobStore) -> str:
    """Seeds 000/002: the free oil test; the oil is due for a change in 250 h."""
    job_id = demo_id("job:oil-test")
    on_site = arrive(store, job_id, at(8, 30), 30)
    answer(
        store,
        job_id,
        "press",
        {
            "equipment": "YH32-315 液压机 主油箱（46 号抗磨液压油）",
            "oil": "hydraulic",
            "hours_since_change": "1750",
            "sample_taken": "yes",
            "viscosity_40c": "44.8",
            "water_content": "0.05",
            "contamination_nas": "8",
            "acid_number": "0.6",
            "oil_verdict": "change_soon",
            "change_due_hours": "250",
            "recommendation": "油样送化验室复核；换油时清洗滤芯",
        },
        on_site + timedelta(minutes=40),
    )
    finish(
        store,
        blobs,
        job_id,
        end=on_site + timedelta(minutes=50),
        findings="油液颜色偏深，黏度与水分在范围内。",
        work_done="现场检测并抽取废油油样。",
        signer="孙工",
        rating=5,
        seed=21,
    )
    return job_id


def complaint(store: LocalStore, blobs: BlobStore) -> str:
    """Seed 001: a customer who wants it fixed now (立竿见影型), handled and agreed."""
    from tech_app.service_visits import complaint_of, record_complaint

    job_id = demo_id("job:complaint")
    on_site = arrive(store, job_id, at(15, 30), 25)
    taken = complaint_of(store, job_id)
    assert taken is not None
    record_complaint(
        store,
        job_id,
        complaint_type=taken.complaint_type,
        key_points=taken.key_points,
        plan="接口重新密封并试压 30 分钟无渗漏；一周内回访",
        deadline=taken.deadline,
        agreed=True,
        agreed_by="赵敏",
        recorded_by=TECHNICIAN,
        now=on_site + timedelta(minutes=10),
    )
    finish(
        store,
        blobs,
        job_id,
        end=on_site + timedelta(minutes=45),
        findings="电磁阀接口密封圈安装偏位。",
        work_done="重新安装密封圈，试压无渗漏。",
        signer="赵敏",
        rating=4,
        seed=22,
    )
    return job_id


def preview(pdf: Path) -> None:
    if shutil.which("pdftoppm") is None:
        print("  (pdftoppm not found: apt-get install poppler-utils for the PNG previews)")
        return
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(pdf.with_suffix("")),
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        store = open_store(Path(temp) / "db.sqlite3")
        blobs = BlobStore(Path(temp) / "blobs")
        load_demo(store, DEMO_DAY, TECHNICIAN, blobs)  # with the ring's signed intake form
        configure_company(store, blobs)
        jobs = {
            "heater-in": heater_in(store, blobs),
            "heater-out": heater_out(store, blobs),
            "stove": stove(store, blobs),
            "fleet": fleet(store, blobs),
            "oil-test": oil_test(store, blobs),
            "complaint": complaint(store, blobs),
        }
        issued = datetime(2026, 11, 28, 18, 0, tzinfo=CHINA)
        slips = [
            ("slip-heater-in-zh_CN.pdf", "heater-in", "a4", "zh_CN"),
            ("slip-heater-out-en.pdf", "heater-out", "a4", "en"),
            ("slip-stove-zh_TW.pdf", "stove", "a4", "zh_TW"),
            ("receipt-heater-in-zh_CN.pdf", "heater-in", "receipt", "zh_CN"),
            ("receipt-heater-out-en.pdf", "heater-out", "receipt", "en"),
            ("slip-oil-test-zh_CN.pdf", "oil-test", "a4", "zh_CN"),
            ("slip-complaint-en.pdf", "complaint", "a4", "en"),
        ]
        for name, job, layout, lang in slips:
            slip = issue_slip(
                store, blobs, jobs[job], out / name, layout=layout, lang=lang, now=issued
            )
            print(f"{name}: revision {slip.revision}, content hash {slip.content_hash[:12]}")
            preview(out / name)
        report = write_condition_report(store, blobs, jobs["fleet"], out / "condition-fleet-en.pdf")
        print(f"{report.name}")
        preview(report)
        counterfoil = out / "counterfoil-ring-zh_CN.pdf"
        write_counterfoil(store, blobs, demo_id("job:ring"), counterfoil, lang="zh_CN")
        print(f"{counterfoil.name}")
        preview(counterfoil)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
