"""The service systems of issue 15 on the laptop, with the seeds' numbers and words:
the free oil test ("change due in N hours"), the six complaint types and their handling,
the equipment-support contract's 15 % spare pool and its 8 h loaner, the fleet's yearly
training, and the customer file read offline."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from tech_app.charges import job_charges
from tech_app.checklist import record_answer
from tech_app.customer_file import find_local_customer, local_customer_file
from tech_app.demo import demo_id
from tech_app.errors import Invalid, ValidationError
from tech_app.job_sla import job_timers
from tech_app.oil_test import Advice, oil_test_of, recommendation
from tech_app.records import ChecklistAnswer, Complaint, Contract, Customer, Job, Loan
from tech_app.rules.visit_plan import training_days
from tech_app.service_visits import (
    add_attendee,
    complaint_of,
    lend_unit,
    local_spare_pool,
    record_complaint,
    replaced_at,
    return_unit,
    spare_pool_target,
)
from tech_app.store.local import LocalStore
from tech_app.vocab import ChargeReason, ComplaintType, Coverage, OilVerdict, SlaState
from tests.conftest import DEMO_DAY
from tests.reports.conftest import at

OIL_JOB = demo_id("job:oil-test")
COMPLAINT_JOB = demo_id("job:complaint")
REPAIR_JOB = demo_id("job:xinda-repair")
TRAINING_JOB = demo_id("job:training")


# -- 1. the oil test ---------------------------------------------------------------------------
OIL_ANSWERS = {
    "equipment": "YH32-315 液压机 主油箱",
    "oil": "hydraulic",
    "hours_since_change": "1750",
    "sample_taken": "yes",
    "viscosity_40c": "44.8",
    "water_content": "0.05",
    "oil_verdict": "change_soon",
    "change_due_hours": "250",
}


def answer_oil_test(store: LocalStore, answers: dict[str, str] = OIL_ANSWERS) -> None:
    for key, value in answers.items():
        record_answer(store, OIL_JOB, key, value, now=at(9, 30))


def test_the_oil_test_says_when_the_oil_is_due_for_a_change(demo_store: LocalStore) -> None:
    answer_oil_test(demo_store)
    rows = {
        a.item_key: a.value for a in demo_store.select(ChecklistAnswer, "job_id = ?", [OIL_JOB])
    }
    test = oil_test_of(rows)
    assert test is not None
    assert (test.equipment, test.oil, test.hours_since_change, test.sample_taken) == (
        "YH32-315 液压机 主油箱",
        "hydraulic",
        1750,
        True,
    )
    assert dict(test.readings) == {"viscosity_40c": "44.8", "water_content": "0.05"}
    assert recommendation(test) == (Advice.CHANGE_DUE, {"hours": 250})
    assert recommendation(dataclasses.replace(test, verdict=OilVerdict.CHANGE_NOW)) == (
        Advice.CHANGE_NOW,
        {},
    )
    assert (
        recommendation(dataclasses.replace(test, change_due_hours=None, verdict=OilVerdict.OK))[0]
        == Advice.FIT
    )


def test_change_soon_needs_its_hours_and_no_verdict_is_no_result() -> None:
    assert oil_test_of({"equipment": "press"}) is None
    with pytest.raises(ValidationError, match="how many hours"):
        oil_test_of({"oil_verdict": "change_soon"})


def test_an_out_of_range_reading_is_flagged_like_any_checklist(demo_store: LocalStore) -> None:
    # ISO VG 46 allows 41.4–50.6 mm²/s at 40 °C; water above 0.1 % is out.
    assert record_answer(demo_store, OIL_JOB, "water_content", "0.3").out_of_range
    assert not record_answer(demo_store, OIL_JOB, "viscosity_40c", "46").out_of_range


def test_the_oil_test_is_free(demo_store: LocalStore) -> None:
    """Seeds 000/002: 免费为客户提供油品检测服务 — the call-out and the time cost nothing."""
    from tech_app.timesheet import start_timer, stop_timer
    from tech_app.vocab import TimeKind

    start_timer(demo_store, OIL_JOB, TimeKind.LABOUR, "liu", now=at(9))
    stop_timer(demo_store, OIL_JOB, now=at(9, 45))
    bill = job_charges(demo_store, OIL_JOB)
    assert bill.total == 0 and bill.lines
    assert {(line.coverage, line.reason) for line in bill.lines} == {
        (Coverage.FREE_ENTITLEMENT, ChargeReason.FREE_OIL_TEST)
    }
    assert bill.covered_value > 0  # the slip shows what was given free


# -- 2. complaints -----------------------------------------------------------------------------
def test_the_six_complaint_types_of_the_seed_in_its_order() -> None:
    # Seed 001: 全面否定型 缺乏信任型 喋喋不休型 立竿见影型 推卸责任型 发泄情绪型
    assert [t.value for t in ComplaintType] == [
        "total_denial",
        "lack_of_trust",
        "endless_talker",
        "wants_it_now",
        "shifts_blame",
        "venting",
    ]


def test_a_complaint_records_key_points_plan_time_limit_and_agreement(
    demo_store: LocalStore,
) -> None:
    taken = complaint_of(demo_store, COMPLAINT_JOB)
    assert taken is not None and taken.complaint_type is ComplaintType.WANTS_IT_NOW
    assert not taken.agreed  # taken by phone: the customer confirms on site
    agreed = record_complaint(
        demo_store,
        COMPLAINT_JOB,
        complaint_type="wants_it_now",
        key_points=taken.key_points,
        plan="今天重新密封接口；若仍漏水，免费更换电磁阀",
        deadline=at(18),
        agreed=True,
        agreed_by="赵敏",
        recorded_by="liu",
        now=at(16, 20),
    )
    assert agreed.id == taken.id and agreed.recorded_at == taken.recorded_at
    assert demo_store.select(Complaint, "job_id = ?", [COMPLAINT_JOB]) == [agreed]
    mutations = [m for m in demo_store.pending_mutations() if m["table_name"] == "complaints"]
    assert mutations, "the complaint goes to head office through the outbox"


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"key_points": " "}, "complaint.key_points", Invalid.REQUIRED),
        ({"plan": ""}, "complaint.plan", Invalid.REQUIRED),
        ({"agreed": True, "agreed_by": ""}, "complaint.agreed_by", Invalid.REQUIRED),
    ],
)
def test_a_complaint_without_what_the_seed_asks_for_is_refused(
    demo_store: LocalStore, changes: dict[str, object], field: str, code: Invalid
) -> None:
    values: dict[str, object] = {
        "complaint_type": ComplaintType.VENTING,
        "key_points": "等了三天没人来",
        "plan": "明天上午上门",
        "deadline": at(12),
    } | changes
    with pytest.raises(ValidationError) as refused:
        record_complaint(demo_store, COMPLAINT_JOB, now=at(9), **values)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.code) == (field, code)


@pytest.mark.parametrize(
    ("job_id", "deadline", "words"),
    [(COMPLAINT_JOB, at(8), "ends before it starts"), (REPAIR_JOB, at(12), "not complaint")],
)
def test_a_time_limit_before_the_complaint_and_a_complaint_on_a_repair_are_refused(
    demo_store: LocalStore, job_id: str, deadline: datetime, words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        record_complaint(
            demo_store,
            job_id,
            complaint_type="venting",
            key_points="x",
            plan="y",
            deadline=deadline,
            now=at(9),
        )


def test_handling_a_complaint_is_not_billed(demo_store: LocalStore) -> None:
    bill = job_charges(demo_store, COMPLAINT_JOB)
    assert bill.total == 0
    assert {line.reason for line in bill.lines} == {ChargeReason.COMPLAINT_HANDLING}


# -- 3. equipment support: spare pool, loaner, inspection --------------------------------------
def test_the_spare_pool_is_15_percent_of_the_delivered_quantity(demo_store: LocalStore) -> None:
    """Seed 003: 我们将保证项目中我方所提供采购量的15%的设备备件供应."""
    assert spare_pool_target(20, 15) == 3
    assert spare_pool_target(10, 15) == 2  # 1.5 spares: the promise is at least 15 %
    assert spare_pool_target(0, 15) == 0
    contract = demo_store.get(Contract, demo_id("contract:xinda"))
    pool = local_spare_pool(demo_store, contract)
    assert pool is not None
    assert (pool.target, pool.held, pool.shortfall, pool.holder) == (3, 2, 1, "liu")
    assert local_spare_pool(demo_store, demo_store.get(Contract, demo_id("contract:fleet"))) is None


def test_a_spare_used_on_a_repair_comes_off_the_pool_through_the_van_ledger(
    demo_store: LocalStore,
) -> None:
    from tech_app.van import record_part_usage

    record_part_usage(
        demo_store, REPAIR_JOB, "PR-LJ2405-SP", 1, Coverage.CONTRACT, "liu", now=at(11)
    )
    pool = local_spare_pool(demo_store, demo_store.get(Contract, demo_id("contract:xinda")))
    assert pool is not None and (pool.held, pool.shortfall) == (1, 2)


def test_the_loaner_keeps_the_8_h_promise_when_the_repair_does_not(demo_store: LocalStore) -> None:
    """Seed 003: 在8小时内无法修理时我们更换替待设备 — the loan was in place 5 h after the
    report, the repair is still open 26 h later: the promise shows met, by the loan."""
    job = demo_store.get(Job, REPAIR_JOB)
    loan = demo_store.get(Loan, demo_id("loan:xinda"))
    assert loan.lent_at - job.reported_at == timedelta(hours=5)
    now = job.reported_at + timedelta(hours=26)
    row = dataclasses.asdict(job)
    promise = {
        t.promise.name: t for t in job_timers(row, now, replaced_at=replaced_at(demo_store, job.id))
    }["repaired_or_replaced"]
    assert (promise.state, promise.done_at, promise.remaining) == (
        SlaState.MET,
        loan.lent_at,
        timedelta(hours=3),
    )
    without = {t.promise.name: t for t in job_timers(row, now)}["repaired_or_replaced"]
    assert without.state is SlaState.BREACHED


def test_a_loaner_is_returned_once(demo_store: LocalStore) -> None:
    lent = lend_unit(demo_store, REPAIR_JOB, "备用打印机 LJ2405", serial="SP0001", now=at(9))
    back = return_unit(demo_store, lent.id, now=at(17))
    assert back.returned_at == at(17)
    with pytest.raises(ValidationError) as refused:
        return_unit(demo_store, lent.id, now=at(18))
    assert refused.value.code is Invalid.LOAN_RETURNED
    with pytest.raises(ValidationError, match="required"):
        lend_unit(demo_store, REPAIR_JOB, "  ", now=at(9))


def test_the_support_contract_plans_inspection_rounds_four_a_year() -> None:
    from tech_app.demo import build_demo
    from tech_app.rules.visit_plan import UnitOnContract, plan_visits
    from tech_app.vocab import JobType

    demo = build_demo(DEMO_DAY)
    contract = next(c for c in demo.of(Contract) if c.id == demo_id("contract:xinda"))  # type: ignore[attr-defined]
    assert contract.visit_type is JobType.INSPECTION and contract.visits_per_year == 4
    units = [UnitOnContract(f"unit-{n}", "site") for n in range(3)]
    year = plan_visits(
        contract, units, first=contract.starts_on, last=DEMO_DAY + timedelta(days=400)
    )
    assert len(year) == 4
    with pytest.raises(ValidationError, match="maintenance or inspection"):
        dataclasses.replace(contract, visit_type=JobType.REPAIR)


# -- 4. operator training ----------------------------------------------------------------------
def test_the_yearly_training_is_due_once_a_contract_year() -> None:
    """Seed 004: 甲方将向乙方提供每年一次免费的日常检查培训."""
    contract = Contract(
        customer_id=demo_id("customer:fleet"),
        name="叉车季度保养协议",
        starts_on=date(2026, 9, 1),
        term_months=24,
        trainings_per_year=1,
    )
    assert training_days(contract, first=date(2026, 1, 1), last=date(2030, 1, 1)) == (
        date(2026, 9, 1),
        date(2027, 9, 1),
    )
    assert training_days(contract, first=date(2026, 9, 2), last=date(2027, 8, 31)) == ()
    none = dataclasses.replace(contract, trainings_per_year=0)
    assert training_days(none, first=date(2026, 1, 1), last=date(2030, 1, 1)) == ()


def test_attendance_is_taken_on_a_training_visit_only(demo_store: LocalStore) -> None:
    first = add_attendee(demo_store, TRAINING_JOB, "周强", role="仓库主管", now=at(15))
    add_attendee(demo_store, TRAINING_JOB, "钱师傅", role="叉车司机", now=at(15, 1))
    assert first.role == "仓库主管"
    with pytest.raises(ValidationError) as refused:
        add_attendee(demo_store, OIL_JOB, "孙工", now=at(15))
    assert refused.value.code is Invalid.WRONG_JOB_TYPE
    assert job_charges(demo_store, TRAINING_JOB).total == 0


# -- 5. the customer file ----------------------------------------------------------------------
def test_the_customer_file_is_read_offline_with_promises_units_and_complaints(
    demo_store: LocalStore,
) -> None:
    zhao = demo_store.get(Customer, demo_id("customer:zhao"))
    demo_store.save(
        dataclasses.replace(
            zhao,
            purchase_reason="旧热水器冬天不出热水，朋友推荐",
            promises="主机保修 3 年，管件电器 1 年，每年 2 次免费保养",
        )
    )
    assert find_local_customer(demo_store, "139-1788-0456") == zhao.id
    found = local_customer_file(demo_store, zhao.id)
    assert (found.customer_class, found.purchase_reason) == ("C", "旧热水器冬天不出热水，朋友推荐")
    assert "每年 2 次免费保养" in found.promises
    assert [c.complaint_type for c in found.complaints] == ["wants_it_now"]
    assert [v.job_type for v in found.visits] == ["complaint"]
    xinda = local_customer_file(demo_store, demo_id("customer:xinda"))
    assert len(xinda.units) == 3
    assert [(c.visit_type, c.delivered_quantity) for c in xinda.contracts] == [("inspection", 20)]
    assert xinda.satisfaction is None and xinda.as_json()["satisfaction"] is None


def test_satisfaction_is_the_mean_of_every_score_given() -> None:
    from tech_app.customer_file import build_customer_file

    customer = {"id": "c", "name": "王", "phone": "1", "customer_class": "A"}
    jobs = [
        {
            "id": j,
            "customer_id": "c",
            "number": j,
            "job_type": "repair",
            "status": "signed",
            "reported_at": f"2026-11-0{n}T09:00:00+08:00",
        }
        for n, j in ((1, "j1"), (2, "j2"))
    ]
    found = build_customer_file(
        customer,
        jobs=jobs,
        assets=[],
        contracts=[],
        signatures=[{"job_id": "j1", "rating": 5, "signed_at": "x"}],
        feedback=[
            {"job_id": "j2", "attitude": 4, "skill": 3, "problem_solved": 1, "recorded_at": "y"}
        ],
        refunds=[{"job_id": "j2", "amount": 3000}],
    )
    assert found.satisfaction == Decimal("4.0")
    assert [v.refunded for v in found.visits] == [0, 3000]
    assert found.visits[1].problem_solved is True


def test_what_was_lent_stays_as_recorded_only_the_return_is_added(
    demo_store: LocalStore,
) -> None:
    from tech_app.errors import RecordedOnceError

    loan = demo_store.get(Loan, demo_id("loan:xinda"))
    with pytest.raises(RecordedOnceError):
        demo_store.save(dataclasses.replace(loan, serial="SOMETHING-ELSE"))
    back = return_unit(demo_store, loan.id, now=loan.lent_at + timedelta(days=1))
    assert demo_store.get(Loan, loan.id) == back


@pytest.mark.parametrize(
    ("typed", "job"), [("投诉", COMPLAINT_JOB), ("油品检测", OIL_JOB), ("培训", TRAINING_JOB)]
)
def test_the_new_visits_are_found_by_their_chinese_words(
    demo_store: LocalStore, typed: str, job: str
) -> None:
    from tech_app.job_list import JobFilter, list_jobs

    assert [row["id"] for row in list_jobs(demo_store, JobFilter(text=typed))] == [job]
