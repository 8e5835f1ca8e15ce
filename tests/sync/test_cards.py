"""Prepaid cards from the office: sold, named on a sheet's jobs, counted, and billed.

The water-dispenser card (承包制度) of the seeds: a yearly card of N visits; each visit
on it that is not cancelled uses one; the visit after the last is charged like any.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sync.server import cards, job_bill
from sync.server.db import make_engine, migrate, read_transaction, write_transaction
from sync.server.office import ImportFailed, import_jobs
from sync.server.office_input import parse_visit_mode
from tech_app.errors import NotFoundError, ValidationError
from tech_app.vocab import CardPlan, ChargeReason, Coverage, VisitMode
from tests.sync.test_commands import run

HEADER = (
    "job_number,job_type,reported_at,customer_name,customer_phone,site_address,"
    "asset_category,asset_make,asset_model,asset_serial,visit_mode,card_number\n"
)
CUSTOMER = "张伟,139 2233 4455,深圳市南山区科技园南区 8 栋,water dispenser,沁园,QY-5,WD-77"


@pytest.fixture
def office(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    return url


def _sheet(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def _import(office: str, path: Path) -> int:
    return import_jobs(make_engine(office), path)


def test_a_card_is_sold_named_by_jobs_and_counted_down(
    office: str, tmp_path: Path, capsys: Any
) -> None:
    first = _sheet(tmp_path, "first.csv", [f"WD-1,清洗,2026-03-01 09:00,{CUSTOMER},,"])
    assert _import(office, first) == 1
    code, out, err = run(
        ["office", "--db", office, "sell-card", "139-2233-4455", "--plan", "yearly",
         "--visits", "2", "--from", "2026-03-01", "--number", "WD-2026-0388",
         "--serial", "WD-77", "--json"],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    (sold,) = json.loads(out)
    assert (sold["number"], sold["customer"], sold["visits"], sold["used"], sold["left"]) == (
        "WD-2026-0388", "张伟", 2, 0, 2,
    )  # fmt: skip
    assert (sold["starts_on"], sold["ends_on"]) == ("2026-03-01", "2027-02-28")

    visits = _sheet(
        tmp_path,
        "visits.csv",
        [
            f"WD-2,清洗,2026-04-01 09:00,{CUSTOMER},上门,WD-2026-0388",
            f"WD-3,cleaning,2026-05-01 09:00,{CUSTOMER},,WD-2026-0388",
            f"WD-4,cleaning,2026-06-01 09:00,{CUSTOMER},,ＷＤ-2026-0388",
        ],
    )
    assert _import(office, visits) == 3
    code, out, _ = run(
        ["office", "--db", office, "cards", "--customer", "张伟", "--at", "2026-06-03T12:00",
         "--json"],
        capsys,
    )  # fmt: skip
    (listed,) = json.loads(out)
    assert (listed["used"], listed["left"], listed["state"]) == (3, 0, "exhausted")

    # Head office prices each visit as the laptop would: two on the card, the third charged.
    engine = make_engine(office)
    with read_transaction(engine) as conn:
        bills = {
            number: job_bill.job_bill(conn, cards_job_id(conn, number))
            for number in ("WD-2", "WD-3", "WD-4")
        }
    assert [bills["WD-2"].card_remaining, bills["WD-3"].card_remaining] == [1, 0]
    covered = {line.coverage for line in bills["WD-3"].lines}
    assert covered == {Coverage.CARD}
    assert ChargeReason.CARD_EXHAUSTED in {line.reason for line in bills["WD-4"].lines}


def cards_job_id(conn: Any, number: str) -> str:
    from sync.server.dispatch import find_job

    return find_job(conn, number).id


def test_a_sheet_naming_a_card_the_customer_lacks_imports_nothing(
    office: str, tmp_path: Path
) -> None:
    _import(office, _sheet(tmp_path, "a.csv", [f"WD-1,清洗,2026-03-01 09:00,{CUSTOMER},,"]))
    with write_transaction(make_engine(office)) as conn:
        cards.sell(conn, "张伟", CardPlan.MONTHLY, 1, date(2026, 3, 1),
                   number="M-1")  # fmt: skip
    bad = _sheet(tmp_path, "b.csv", [f"WD-9,清洗,2026-03-05 09:00,{CUSTOMER},,M-2"])
    with pytest.raises(ImportFailed) as refused:
        _import(office, bad)
    assert "line 2" in str(refused.value) and "card_number" in str(refused.value)
    assert "their cards: M-1" in str(refused.value)
    with read_transaction(make_engine(office)) as conn, pytest.raises(NotFoundError):
        cards_job_id(conn, "WD-9")


def test_selling_refuses_a_taken_number_an_unknown_customer_or_unit(
    office: str, tmp_path: Path, capsys: Any
) -> None:
    _import(office, _sheet(tmp_path, "a.csv", [f"WD-1,清洗,2026-03-01 09:00,{CUSTOMER},,"]))
    base = ["office", "--db", office, "sell-card", "--plan", "monthly", "--from", "2026-03-01"]
    assert run([*base, "张伟", "--number", "M-7", "--visits", "4"], capsys)[0] == 0
    for extra, says in (
        (["张伟", "--number", "M-7", "--visits", "4"], "already sold"),
        (["王芳", "--visits", "4"], "no customer '王芳'"),
        (["张伟", "--serial", "XX-1", "--visits", "4"], "no unit with serial 'XX-1'"),
        (["张伟", "--job-type", "dancing", "--visits", "4"], "is not a job type"),
        (["张伟", "--visits", "99999999999999999999"], "must be at most 1000"),
    ):
        code, _, err = run([*base, *extra], capsys)
        assert code == 1 and says in err and "Traceback" not in err, err
    code, out, _ = run(["office", "--db", office, "cards", "--json"], capsys)
    assert [card["number"] for card in json.loads(out)] == ["M-7"]  # nothing else was sold


@pytest.mark.parametrize(
    ("typed", "mode"),
    [("", VisitMode.ON_SITE), ("到店", VisitMode.COUNTER), ("phone", VisitMode.PHONE),
     ("電話", VisitMode.PHONE), ("上门", VisitMode.ON_SITE)],
)  # fmt: skip
def test_the_sheet_says_where_the_work_happens(typed: str, mode: VisitMode) -> None:
    assert parse_visit_mode("visit_mode", typed) is mode


def test_an_unknown_visit_mode_lists_the_valid_ones() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_visit_mode("visit_mode", "drive-in")
    assert "on_site (上门), counter (到店), phone (电话)" in refused.value.reason


def test_a_counter_job_from_the_sheet_has_no_call_out(office: str, tmp_path: Path) -> None:
    from sync.server import company

    with write_transaction(make_engine(office)) as conn:
        company.update(conn, company.parse_assignments(["call_out_fee=50.00"]))
    sheet = _sheet(
        tmp_path,
        "c.csv",
        ["J-1,维修,2026-03-01 09:00,李梅,186 2100 4477,上海市徐汇区,ring,周大福,足金戒指,R-1,到店,",
         "J-2,维修,2026-03-01 09:00,李梅,186 2100 4477,上海市徐汇区,ring,周大福,足金戒指,R-1,,"],
    )  # fmt: skip
    _import(office, sheet)
    with read_transaction(make_engine(office)) as conn:
        counter = job_bill.job_bill(conn, cards_job_id(conn, "J-1"))
        on_site = job_bill.job_bill(conn, cards_job_id(conn, "J-2"))
    assert counter.total == 0 and on_site.total > 0


def test_the_demo_seed_sells_each_technician_a_card_of_its_own_number(
    office: str, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TECH_APP_PASSWORD", "secret-pass")
    assert run(["office", "--db", office, "seed-demo"], capsys)[0] == 0
    _, out, _ = run(["office", "--db", office, "cards", "--json"], capsys)
    numbers = [card["number"] for card in json.loads(out)]
    assert len(numbers) == 2 and len(set(numbers)) == 2
