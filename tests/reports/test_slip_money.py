"""The slip bills each seed's service system right, to the cent, and says why, in zh_CN and en.

Every scenario drives a demo job through the core as a technician would (timers, part
lines, the recorded cause), then reads the slip record: each line's amount, who pays and
the reason in the reader's words, and the totals. The numbers are the seeds' and the demo
company's settings (¥50 call-out, ¥120/h labour, 13% VAT; the fleet agreement's ¥800 per
truck per visit, ¥150/h outside it, ¥100/h waiting).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from reports import build_slip_data, issue_slip
from reports.charge_words import coverage_text, line_name
from reports.slip_data import SlipData
from tech_app.blobs import BlobStore
from tech_app.coverage import default_coverage
from tech_app.demo import CHINA, demo_id
from tech_app.records import Job, JobAsset, Part, ServiceCard
from tech_app.store.local import LocalStore
from tech_app.timesheet import start_timer, stop_timer
from tech_app.van import record_part_usage
from tech_app.vocab import JobStatus, JobType, TimeKind
from tests.reports.conftest import DEMO_DAY, FLEET, FLEET_DAY, HEATER_IN, TECH, at
from tests.reports.helpers import pdf_pages, squash

Row = tuple[str, int, str]  # (line, amount in fen, coverage and reason in words)


def rows(data: SlipData) -> list[Row]:
    labels = data.labels
    out: list[Row] = []
    for fee in data.fees:
        words = coverage_text(fee.coverage, fee.reason, fee.detail, fee.list_amount, labels)
        out.append((line_name(fee.kind, labels), fee.amount, words))
    for time in data.times:
        words = coverage_text(time.coverage, time.reason, time.detail, time.list_amount, labels)
        out.append((line_name(time.kind, labels), time.amount, words))
    for part in data.parts:
        words = coverage_text(part.coverage, part.reason, part.detail, part.list_amount, labels)
        out.append((part.part_number, part.amount, words))
    return out


def totals(data: SlipData) -> tuple[int, int, int]:
    return data.totals.subtotal, data.totals.tax, data.totals.total


def timed(
    store: LocalStore, job_id: str, kind: TimeKind, start: datetime, minutes: int, **extra: bool
) -> datetime:
    start_timer(store, job_id, kind, TECH, now=start, **extra)
    stop_timer(store, job_id, now=start + timedelta(minutes=minutes))
    return start + timedelta(minutes=minutes)


def use(store: LocalStore, job_id: str, part_key: str, quantity: str, when: datetime) -> None:
    part = store.select(Part, "number = ?", [part_key])[0]
    coverage = default_coverage(store, job_id, None, part, when.date())
    record_part_usage(store, job_id, part_key, quantity, coverage, TECH, now=when)


# -- fleet agreement ----------------------------------------------------------------------
def fleet_visit(store: LocalStore) -> None:
    t = at(8, 0, FLEET_DAY)
    t = timed(store, FLEET, TimeKind.TRAVEL, t, 40)
    t = timed(store, FLEET, TimeKind.WAITING, t, 90)  # truck 4 was out on a delivery
    t = timed(store, FLEET, TimeKind.LABOUR, t, 285)  # the quarterly service of 6 trucks
    t = timed(store, FLEET, TimeKind.LABOUR, t, 30, out_of_scope=True)  # a torn seat belt
    use(store, FLEET, "FL-GR-1KG", "2", t)
    use(store, FLEET, "FL-BRK-PAD", "1", t + timedelta(minutes=1))


FLEET_ROWS = {
    "en": [
        ("Contract visit fee", 480000, "Charged · per unit per visit"),
        ("Travel", 0, "Contract · paid by the visit fee"),
        ("Labour", 0, "Contract (¥712.50) · paid by the visit fee"),
        ("Work outside the agreement", 7500, "Charged · outside the agreement"),
        ("Waiting", 15000, "Charged · unit not available at the agreed time"),
        ("FL-GR-1KG", 0, "Contract (¥90.00) · supplied under the agreement"),
        ("FL-BRK-PAD", 32000, "Charged · wear part, bought by the customer"),
    ],
    "zh_CN": [
        ("协议保养费", 480000, "收费 · 每台每次"),
        ("路途", 0, "协议 · 含在保养费内"),
        ("维修工时", 0, "协议 (¥712.50) · 含在保养费内"),
        ("协议外工时", 7500, "收费 · 协议范围以外"),
        ("等待", 15000, "收费 · 约定时间车辆未到位"),
        ("FL-GR-1KG", 0, "协议 (¥90.00) · 按协议免费提供"),
        ("FL-BRK-PAD", 32000, "收费 · 易损件，由客户购买"),
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_fleet_visit_bills_only_what_the_agreement_leaves_out(store: LocalStore, lang: str) -> None:
    fleet_visit(store)
    data = build_slip_data(store, FLEET, lang)
    assert rows(data) == FLEET_ROWS[lang]
    assert totals(data) == (534500, 69485, 603985)  # ¥5,345.00 + 13% = ¥6,039.85


# -- solar water heater ----------------------------------------------------------------------
def heater_repair(store: LocalStore, cause: str = "") -> None:
    job = store.get(Job, HEATER_IN)
    store.save(dataclasses.replace(job, fault_cause=cause))
    t = timed(store, HEATER_IN, TimeKind.TRAVEL, at(8, 20), 35)
    t = timed(store, HEATER_IN, TimeKind.LABOUR, t, 90)
    record_part_usage(store, HEATER_IN, "SH-TUBE-58", 2, "warranty", TECH, now=t)


@pytest.mark.parametrize(
    ("lang", "why"),
    [
        ("en", "Charged · not covered: damage from the user's own dismantling"),
        ("zh_CN", "收费 · 不属保修范围：用户自行拆机造成的损坏"),
    ],
)
def test_heater_in_warranty_dismantled_by_the_user_is_charged_saying_why(
    store: LocalStore, lang: str, why: str
) -> None:
    heater_repair(store, "user_dismantling")
    data = build_slip_data(store, HEATER_IN, lang)
    assert [(amount, words) for _name, amount, words in rows(data)] == [
        (5000, why),  # call-out
        (0, why),  # travel (no travel rate)
        (18000, why),  # 90 min at ¥120/h
        (19000, why),  # 2 collector tubes
    ]
    assert totals(data) == (42000, 5460, 47460)
    (unit,) = data.assets
    assert unit.warranty[0].code == "excluded:user_dismantling"


def test_heater_in_warranty_with_a_quality_fault_is_free(store: LocalStore) -> None:
    heater_repair(store)
    data = build_slip_data(store, HEATER_IN, "zh_CN")
    assert [(amount, words) for _n, amount, words in rows(data)] == [
        (0, "保修 (¥50.00) · 保修期内"),
        (0, "保修 · 保修期内"),
        (0, "保修 (¥180.00) · 保修期内"),
        (0, "保修 (¥190.00) · 保修期内"),
    ]
    assert totals(data) == (0, 0, 0)


def _maintenance(store: LocalStore, n: int, day: date) -> str:
    job = Job(
        id=demo_id(f"job:heater-maintenance-{n}"),
        number=f"SV-MT-{n:02d}",
        job_type=JobType.MAINTENANCE,
        customer_id=demo_id("customer:wang"),
        site_id=demo_id("site:wang"),
        reported_at=datetime.combine(day, datetime.min.time(), CHINA),
        window_start=datetime.combine(day, datetime.min.time(), CHINA) + timedelta(hours=9),
        window_end=datetime.combine(day, datetime.min.time(), CHINA) + timedelta(hours=10),
        assignee=TECH,
        status=JobStatus.ASSIGNED,
    )
    store.save(job)
    store.save(JobAsset(job_id=job.id, asset_id=demo_id("asset:heater-in")))
    timed(store, job.id, TimeKind.LABOUR, job.window_start or job.reported_at, 60)
    return job.id


@pytest.mark.parametrize(
    ("lang", "free", "used"),
    [
        ("en", "Free (¥50.00) · free maintenance visit of the year", "this year's free visits"),
        ("zh_CN", "免费 (¥50.00) · 本年度免费保养", "本年度免费保养次数已用完"),
    ],
)
def test_heater_gets_two_free_maintenance_visits_a_year(
    store: LocalStore, lang: str, free: str, used: str
) -> None:
    visits = [_maintenance(store, n, date(2026, month, 10)) for n, month in enumerate((3, 7, 10))]
    first, second, third = (build_slip_data(store, v, lang) for v in visits)
    assert rows(first)[0][2] == free and totals(first) == (0, 0, 0)
    assert rows(second)[0][2] == free and totals(second) == (0, 0, 0)
    assert [amount for _n, amount, _w in rows(third)] == [5000, 12000]
    assert all(used in words for _n, _a, words in rows(third))
    assert totals(third) == (17000, 2210, 19210)
    # A new year brings two free visits again.
    next_year = build_slip_data(store, _maintenance(store, 9, date(2027, 1, 15)), lang)
    assert totals(next_year) == (0, 0, 0)


# -- water-dispenser card ----------------------------------------------------------------------
DISPENSER = demo_id("job:dispenser")
CARD = demo_id("card:dispenser")


def _earlier_card_visit(store: LocalStore, n: int, day: date) -> None:
    dispenser = store.get(Job, DISPENSER)
    store.save(
        dataclasses.replace(
            dispenser,
            id=demo_id(f"job:dispenser-earlier-{n}"),
            number=f"SV-WD-{n:02d}",
            reported_at=datetime.combine(day, datetime.min.time(), CHINA),
            window_start=datetime.combine(day, datetime.min.time(), CHINA),
            window_end=datetime.combine(day, datetime.min.time(), CHINA) + timedelta(hours=1),
            status=JobStatus.SIGNED,
        )
    )


def card_visit(store: LocalStore) -> None:
    for n, days in enumerate((50, 20)):
        _earlier_card_visit(store, n, DEMO_DAY - timedelta(days=days))
    t = timed(store, DISPENSER, TimeKind.LABOUR, at(14, 0, DEMO_DAY + timedelta(days=1)), 20)
    use(store, DISPENSER, "WD-FILTER", "1", t)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "Prepaid card (¥50.00) · card visit"), ("zh_CN", "服务卡 (¥50.00) · 服务卡次数")],
)
def test_visit_3_of_a_yearly_card_is_covered_and_counted_down(
    store: LocalStore, lang: str, words: str
) -> None:
    card_visit(store)
    data = build_slip_data(store, DISPENSER, lang)
    assert [amount for _n, amount, _w in rows(data)] == [0, 0, 0]  # call-out, labour, filter
    assert rows(data)[0][2] == words
    assert totals(data) == (0, 0, 0)
    assert data.totals.card_remaining == 9  # 12 visits, this is the third


@pytest.mark.parametrize(
    ("lang", "why"),
    [("en", "Charged · the card has no visits left"), ("zh_CN", "收费 · 服务卡次数已用完")],
)
def test_an_exhausted_card_is_charged_with_a_clear_line(
    store: LocalStore, lang: str, why: str
) -> None:
    store.save(dataclasses.replace(store.get(ServiceCard, CARD), visits=2))
    card_visit(store)
    data = build_slip_data(store, DISPENSER, lang)
    assert rows(data) == [
        (line_name("call_out", data.labels), 5000, why),
        (line_name("labour", data.labels), 4000, why),
        ("WD-FILTER", 8800, why),
    ]
    assert totals(data) == (17800, 2314, 20114)  # the ¥201.14 that used to bill visit 3
    assert data.totals.card_remaining == 0


# -- jewellery and phone guidance ----------------------------------------------------------------
RING = demo_id("job:ring")
GUIDANCE = demo_id("job:guidance")


@pytest.mark.parametrize(
    ("lang", "free"),
    [("en", "Free (¥80.00) · free servicing"), ("zh_CN", "免费 (¥80.00) · 免费保养服务")],
)
def test_a_counter_resize_bills_the_gold_only(store: LocalStore, lang: str, free: str) -> None:
    t = timed(store, RING, TimeKind.LABOUR, at(10, 0, DEMO_DAY + timedelta(days=1)), 40)
    record_part_usage(store, RING, "JW-SIZE-AU", "0.5", "charged", TECH, now=t)
    data = build_slip_data(store, RING, lang)
    assert data.fees == ()  # a counter job has no call-out
    assert [(amount, words) for _n, amount, words in rows(data)] == [
        (0, free),
        (26000, data.labels["coverage.charged"]),
    ]
    assert totals(data) == (26000, 3380, 29380)


@pytest.mark.parametrize(
    ("lang", "free"),
    [
        ("en", "Free (¥20.00) · guidance by phone is free"),
        ("zh_CN", "免费 (¥20.00) · 电话指导免费"),
    ],
)
def test_phone_guidance_has_no_call_out_and_costs_nothing(
    store: LocalStore, lang: str, free: str
) -> None:
    timed(store, GUIDANCE, TimeKind.LABOUR, at(8, 0), 10)
    data = build_slip_data(store, GUIDANCE, lang)
    assert data.fees == ()
    assert rows(data) == [(line_name("labour", data.labels), 0, free)]
    assert totals(data) == (0, 0, 0)


def test_the_printed_slip_says_why_a_line_is_charged(
    store: LocalStore, blobs: BlobStore, tmp_path: Path
) -> None:
    """Read back from the PDF: the reason and the card's count are on the page."""
    store.save(dataclasses.replace(store.get(ServiceCard, CARD), visits=2))
    card_visit(store)
    out = tmp_path / "card.pdf"
    issue_slip(store, blobs, DISPENSER, out, lang="zh_CN")
    text = squash("".join(pdf_pages(out)))
    for wanted in ("服务卡次数已用完", "服务卡剩余次数", "¥201.14"):
        assert squash(wanted) in text, wanted


@pytest.mark.parametrize(
    ("lang", "wanted"),
    [
        ("en", ("Receipt no.", "Alipay", "Outcome (three guarantees)", "Repaired", "Tax ID")),
        ("zh_CN", ("收据号", "支付宝", "三包处理结果", "包修（已修复）", "税号")),
    ],
)
def test_the_slip_prints_the_receipt_number_payment_and_outcome(
    store: LocalStore, blobs: BlobStore, tmp_path: Path, lang: str, wanted: tuple[str, ...]
) -> None:
    from tech_app.lifecycle import change_status
    from tech_app.receipts import device_code
    from tech_app.signoff import record_consent, sign_job
    from tech_app.vocab import Outcome
    from tests.reports.helpers import signature_png

    t = timed(store, RING, TimeKind.LABOUR, at(10, 0, DEMO_DAY + timedelta(days=1)), 40)
    record_part_usage(store, RING, "JW-SIZE-AU", "0.5", "charged", TECH, now=t)
    change_status(store, RING, "en_route", now=t)
    change_status(store, RING, "on_site", now=t)
    job = store.get(Job, RING)
    store.save(dataclasses.replace(job, outcome=Outcome.REPAIRED))
    record_consent(store, RING, "陈静", None, now=t)
    from tests.sync.helpers import answer_everything

    answer_everything(store, blobs, RING)
    sign_job(
        store,
        blobs,
        RING,
        signer_name="陈静",
        signature_png=signature_png(9),
        payment_method="alipay",
        now=t + timedelta(minutes=5),
    )
    data = build_slip_data(store, RING, lang)
    assert data.receipt_number == f"AX-{device_code(store)}-000001"
    assert (data.payment_method, data.outcome) == ("alipay", "repaired")
    out = tmp_path / "ring.pdf"
    issue_slip(store, blobs, RING, out, lang=lang)
    text = squash("".join(pdf_pages(out)))
    for word in (*wanted, data.receipt_number, "91310104MA1FR0XX3K"):
        assert squash(word) in text, word
