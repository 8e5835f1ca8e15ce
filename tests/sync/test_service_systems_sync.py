"""The service systems end to end: laptop → head office → the office's commands.

A complaint agreed on site, an oil test and a training's attendance reach head office
through the outbox and show in its complaint list and customer files; a follow-up
overcharge is refunded (never more than it) and counts in the technician's rating; the
support contract's spare pool (15 % of 20 printers) is replenished through the van
ledger; head office keeps refunds for itself.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sync.server import gate
from sync.server.db import read_transaction, write_transaction
from sync.server.follow_ups import Answers, record_answers
from sync.server.office import _NS
from sync.server.service_office import (
    customer_file,
    customers_by_class,
    list_complaints,
    technician_ratings,
)
from tech_app.checklist import record_answer
from tech_app.demo import CHINA, demo_id
from tech_app.errors import ValidationError
from tech_app.job_sla import job_timers, replacements
from tech_app.records import Job, Refund
from tech_app.records.codec import to_row
from tech_app.service_visits import add_attendee, record_complaint
from tech_app.vocab import PaymentMethod, SlaState
from tests.sync.conftest import Server, job_id_for
from tests.sync.test_commands import run
from tests.sync.test_round_trip import complete_stove_visit


def rekeyed(technician: str, name: str) -> str:
    return str(uuid.uuid5(_NS, f"{technician}:{demo_id(name)}"))


@pytest.fixture
def synced(server: Server, device_factory: Any) -> dict[str, Any]:
    tech = server.technician()
    server.dispatch_demo(tech)
    device = device_factory(server, tech)
    assert device.sync().ok
    return {"tech": tech, "device": device}


def test_complaint_oil_test_and_training_reach_head_office(
    server: Server, synced: dict[str, Any], capsys: Any
) -> None:
    tech, device = synced["tech"], synced["device"]
    store = device.store
    complaint_job = job_id_for(tech, "complaint")
    now = datetime.now(CHINA)
    record_complaint(
        store,
        complaint_job,
        complaint_type="wants_it_now",
        key_points="电磁阀接口又漏水",
        plan="今天重新密封接口，必要时免费更换电磁阀",
        deadline=now + timedelta(hours=2),
        agreed=True,
        agreed_by="赵敏",
        recorded_by=tech,
        now=now,
    )
    training = job_id_for(tech, "training")
    add_attendee(store, training, "周强", role="仓库主管")
    add_attendee(store, training, "钱师傅", role="叉车司机")
    for key, value in (("oil_verdict", "change_soon"), ("change_due_hours", "250")):
        record_answer(store, job_id_for(tech, "oil-test"), key, value)
    report = device.sync()
    assert report.ok and report.rejected == [], (report.errors, report.rejected)

    seen = server.visible(tech)
    assert len([k for k in seen if k[0] == "training_attendance"]) == 2
    with read_transaction(server.engine) as conn:
        complaints = [c for c in list_complaints(conn) if c["technician"] == tech]
        zhao = customer_file(conn, rekeyed(tech, "customer:zhao"))
        class_c = {c["id"]: c for c in customers_by_class(conn, "C")}
    assert [(c["complaint_type"], c["agreed"], c["agreed_by"]) for c in complaints] == [
        ("wants_it_now", True, "赵敏")
    ]
    assert [c.plan for c in zhao.complaints] == ["今天重新密封接口，必要时免费更换电磁阀"]
    assert class_c[zhao.customer_id]["complaints"] == 1

    db = ["--db", server.db_url]
    code, out, _ = run(["office", "complaints", *db, "--json"], capsys)
    assert code == 0 and any(r["agreed_by"] == "赵敏" for r in json.loads(out))
    code, out, _ = run(["office", "customers", *db, "--class", "A", "--json"], capsys)
    assert code == 0 and {r["class"] for r in json.loads(out)} == {"A"}
    code, out, _ = run(
        ["office", "customer-file", *db, rekeyed(tech, "customer:xinda"), "--json"], capsys
    )
    document = json.loads(out)
    assert code == 0 and document["customer_class"] == "A" and len(document["units"]) == 3
    assert document["contracts"][0]["delivered_quantity"] == 20


def test_the_loan_keeps_the_promise_at_head_office_too(
    server: Server, synced: dict[str, Any]
) -> None:
    tech = synced["tech"]
    with read_transaction(server.engine) as conn:
        from sync.server.record_rows import live_by_id, live_rows

        job = live_by_id(conn, "jobs")[job_id_for(tech, "xinda-repair")]
        lent = replacements(live_rows(conn, "loans"))[job["id"]]
    reported = datetime.fromisoformat(job["reported_at"])
    timers = {
        t.promise.name: t for t in job_timers(job, reported + timedelta(hours=26), replaced_at=lent)
    }
    assert timers["repaired_or_replaced"].state is SlaState.MET
    assert lent - reported == timedelta(hours=5)


def test_an_overcharge_is_refunded_and_counts_in_the_rating(
    server: Server, synced: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    tech, device = synced["tech"], synced["device"]
    stove = job_id_for(tech, "stove")
    complete_stove_visit(device, stove, tmp_path, seed=71)
    assert device.sync().ok
    job = device.store.get(Job, stove)
    day = job.reported_at.date()
    with write_transaction(server.engine) as conn:
        from sync.server.job_bill import slip_total

        total = slip_total(conn, stove)
        record_answers(
            conn,
            stove,
            Answers(True, False, 4, 5, total + 5000, "多收了五十元"),
            datetime.now(CHINA),
        )
    db = ["--db", server.db_url]
    refund = ["office", "refund", *db, job.number, "--method", "wechat", "--by", "王会计"]
    code, _, err = run([*refund, "--amount", "60.00"], capsys)
    assert code == 1 and "more than the ¥50.00 left to refund" in err
    code, out, _ = run([*refund, "--amount", "30.00", "--json"], capsys)
    paid = json.loads(out)
    assert code == 0 and (paid["amount"], paid["left_to_refund"], paid["technician"]) == (
        3000,
        2000,
        tech,
    )
    with write_transaction(server.engine) as conn, pytest.raises(gate.Refused):
        # A laptop never writes a refund: it is head office's record.
        refund_row = Refund(
            job_id=stove,
            amount=100,
            method=PaymentMethod.CASH,
            refunded_by=tech,
            refunded_at=datetime.now(CHINA),
        )
        row = json.loads(json.dumps(to_row(refund_row)))
        gate.write(conn, gate.Actor.technician(tech, "laptop", 0), "refunds", row)

    first, last = day - timedelta(days=1), datetime.now(CHINA).date() + timedelta(days=1)
    with read_transaction(server.engine) as conn:
        rows = {
            r["technician"]: r for r in technician_ratings(conn, first, last, datetime.now(CHINA))
        }
    mine = rows[tech]
    assert (mine["overcharges"], mine["overcharged_amount"], mine["refunded_amount"]) == (
        1,
        5000,
        3000,
    )
    assert (mine["follow_ups_answered"], mine["on_time"], mine["attitude_average"]) == (
        1,
        0,
        "4.00",
    )
    span = ["--from", first.isoformat(), "--to", last.isoformat()]
    code, out, _ = run(["office", "ratings", *db, *span, "--csv"], capsys)
    table = {r["technician"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and table[tech]["refunded_amount"] == "3000"
    with read_transaction(server.engine) as conn, pytest.raises(ValidationError):
        technician_ratings(conn, last, first, datetime.now(CHINA))


def test_the_spare_pool_is_replenished_through_the_van_ledger(
    server: Server, synced: dict[str, Any], capsys: Any
) -> None:
    tech, device = synced["tech"], synced["device"]
    db = ["--db", server.db_url]
    contract = rekeyed(tech, "contract:xinda")
    code, out, _ = run(["office", "spare-pool", *db, contract, "--json"], capsys)
    assert code == 0 and json.loads(out) | {"contract": ""} == {
        "contract": "",
        "target": 3,
        "held": "2",
        "shortfall": "1",
        "holder": tech,
    }
    code, out, _ = run(["office", "spare-pool", *db, contract, "--replenish"], capsys)
    assert code == 0 and "spare pool 3 of 3" in out and "restocked 1" in out
    code, out, _ = run(["office", "spare-pool", *db, contract, "--replenish", "--json"], capsys)
    assert json.loads(out)["added"] == "0"
    # The restock is a ledger row like any other: the laptop's pool follows on the next sync.
    assert device.sync().ok
    from tech_app.records import Contract
    from tech_app.service_visits import local_spare_pool

    pool = local_spare_pool(device.store, device.store.get(Contract, contract))
    assert pool is not None and pool.held == 3
    code, _, err = run(["office", "spare-pool", *db, rekeyed(tech, "contract:fleet")], capsys)
    assert code == 1 and "keeps no spare pool" in err


def test_a_training_visit_runs_laptop_to_slip_to_head_office(
    server: Server, synced: dict[str, Any], tmp_path: Path
) -> None:
    """The yearly training: attendance taken, signed, the slip issued with the attendance,
    all of it at head office after one sync; nothing is charged."""
    from reports import issue_slip
    from tech_app.charges import job_charges
    from tech_app.signoff import sign_job
    from tests.sync.conftest import png_bytes
    from tests.sync.helpers import complete_job

    tech, device = synced["tech"], synced["device"]
    training = job_id_for(tech, "training")
    for name, role in (("周强", "仓库主管"), ("钱师傅", "叉车司机")):
        add_attendee(device.store, training, name, role=role)
    complete_job(device.store, device.blobs, training, "两名司机完成日常检查培训")
    assert job_charges(device.store, training).total == 0
    sign_job(device.store, device.blobs, training, signer_name="周强", signature_png=png_bytes(83))
    slip = issue_slip(device.store, device.blobs, training, tmp_path / "training.pdf")
    report = device.sync()
    assert report.ok and report.rejected == [], (report.errors, report.rejected)
    seen = server.visible(tech)
    assert seen[("jobs", training)]["status"] == "signed"
    assert seen[("slips", slip.id)]["content_hash"] == slip.content_hash
    names = sorted(r["attendee"] for k, r in seen.items() if k[0] == "training_attendance")
    assert names == ["周强", "钱师傅"]
    # Frozen with the job: an attendee added after signature is refused on the laptop.
    with pytest.raises(ValidationError):
        add_attendee(device.store, training, "迟到的人")


def test_the_office_writes_the_file_and_the_laptop_reads_it_offline(
    server: Server, synced: dict[str, Any], capsys: Any
) -> None:
    from tech_app.customer_file import local_customer_file

    tech, device = synced["tech"], synced["device"]
    zhao = rekeyed(tech, "customer:zhao")
    code, out, _ = run(
        [
            "office",
            "customer-file",
            "--db",
            server.db_url,
            zhao,
            "--purchase-reason",
            "旧热水器冬天不出热水",
            "--promises",
            "主机保修 3 年，管件电器 1 年",
            "--class",
            "B",
            "--json",
        ],
        capsys,
    )
    assert code == 0 and json.loads(out)["promises"] == "主机保修 3 年，管件电器 1 年"
    assert device.sync().ok
    found = local_customer_file(device.store, zhao)
    assert (found.purchase_reason, found.customer_class) == ("旧热水器冬天不出热水", "B")


def test_head_office_lets_a_laptop_add_only_the_loans_return(
    server: Server, synced: dict[str, Any]
) -> None:
    tech = synced["tech"]
    loan_id = rekeyed(tech, "loan:xinda")
    actor = gate.Actor.technician(tech, "laptop", 10**9)
    with write_transaction(server.engine) as conn:
        from sync.server import store as server_store

        stored = server_store.load(conn, "loans", loan_id)
        assert stored is not None
        with pytest.raises(gate.Refused, match="recorded once; only returned_at"):
            gate.write(conn, actor, "loans", {**stored.data, "serial": "SWAPPED"})
        returned = {**stored.data, "returned_at": datetime.now(CHINA).isoformat()}
        gate.write(conn, actor, "loans", returned)
        after = server_store.load(conn, "loans", loan_id)
        assert after is not None and after.data["returned_at"] == returned["returned_at"]


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("油品检测", "oil_testing"),
        ("投诉", "complaint"),
        ("培训", "training"),
        ("巡检", "inspection"),
    ],
)
def test_a_sheet_names_the_new_visits_in_chinese(cell: str, code: str) -> None:
    from sync.server.office_input import parse_job_type

    assert parse_job_type("job_type", cell).value == code
