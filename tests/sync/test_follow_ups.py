"""Follow-ups after a visit: due within the promise, the questionnaire, overcharges,
jewellery check reminders; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sync.server import tables as t
from sync.server.db import read_transaction
from tech_app import review_notes
from tech_app.charges import job_charges
from tech_app.demo import CHINA
from tech_app.records import Asset, Customer, Job, JobAsset, Site, TimeEntry
from tests.sync.conftest import Server
from tests.sync.office_api import at, done_job, office_session, put
from tests.sync.test_commands import run
from tests.sync.test_round_trip import complete_stove_visit
from tests.sync.test_security import state

ANSWERS = {"problem_solved": True, "on_time": True, "attitude": 5, "skill": 4}


def home(server: Server, category: str = "gas stove", purchased_on: date | None = None) -> Asset:
    key = uuid.uuid4().hex[:8]
    customer = Customer(name=f"李梅 {key}", phone="186 2100 4477")
    site = Site(customer_id=customer.id, address=f"上海市徐汇区漕溪北路 201 弄 {key}")
    asset = Asset(
        customer_id=customer.id,
        site_id=site.id,
        category=category,
        make="方太 Fotile",
        model="FD21BE",
        serial=f"FT-{key}",
        purchased_on=purchased_on,
    )
    put(server, [customer, site, asset])
    return asset


def finished(
    server: Server,
    asset: Asset,
    job_type: str,
    reported: datetime,
    completed: datetime,
    **extra: Any,
) -> Job:
    job = Job(
        number=f"F-{uuid.uuid4().hex[:10]}",
        job_type=job_type,  # type: ignore[arg-type]
        customer_id=asset.customer_id,
        site_id=asset.site_id,
        reported_at=reported,
        status="completed",  # type: ignore[arg-type]
        completed_at=completed,
        **extra,
    )
    put(server, [job, JobAsset(job_id=job.id, asset_id=asset.id)])
    return job


def listed(office: Any, server: Server, now: str, due: bool = False) -> dict[str, dict[str, Any]]:
    answer = office.get(
        f"{server.url}/office/follow-ups", params={"at": now, "due": "true" if due else "false"}
    )
    assert answer.status_code == 200, answer.text
    return {row["job_id"] or row["item"]: row for row in answer.json()}


def test_follow_up_is_due_within_the_promise(server: Server) -> None:
    office, stove = office_session(server), home(server)
    reported, completed = at(date(2025, 2, 3), 10), at(date(2025, 2, 3), 15)
    brand = finished(server, stove, "repair", reported, completed, sla_policy="stove")
    plain = finished(server, stove, "repair", reported, completed)
    fitted = finished(server, stove, "installation", reported, completed)
    rows = listed(office, server, "2025-02-07T12:00:00+08:00")
    assert rows[brand.id]["due_at"] == "2025-02-06T10:00:00+08:00"  # 72 h from the report
    assert rows[plain.id]["due_at"] == "2025-02-10T15:00:00+08:00"  # one week
    assert rows[fitted.id]["due_at"] == "2025-03-05T15:00:00+08:00"  # one month (30 days)
    assert [rows[j.id]["overdue"] for j in (brand, plain, fitted)] == [True, False, False]
    assert {rows[j.id]["kind"] for j in (brand, plain, fitted)} == {"call"}
    # Looking again schedules nothing new.
    before = state(server)
    listed(office, server, "2025-02-07T12:00:00+08:00")
    assert state(server) == before


def test_a_visit_not_completed_has_no_follow_up_yet(server: Server) -> None:
    office, stove = office_session(server), home(server)
    job = Job(
        number=f"F-{uuid.uuid4().hex[:10]}",
        job_type="repair",  # type: ignore[arg-type]
        customer_id=stove.customer_id,
        site_id=stove.site_id,
        reported_at=at(date(2025, 2, 3), 10),
    )
    put(server, [job])
    assert job.id not in listed(office, server, "2025-02-07T12:00:00+08:00")
    before = state(server)
    answer = office.post(
        f"{server.url}/office/follow-ups/{job.number}/answers",
        json={**ANSWERS, "amount_charged": "0"},
    )
    assert answer.status_code == 409 and "not completed" in answer.json()["detail"]
    assert state(server) == before


def _visit_total(device: Any, job_id: str) -> int:
    store = device.store
    first = min(e.started_at for e in store.select(TimeEntry, "job_id = ?", [job_id]))
    return job_charges(store, job_id, on_date=first.astimezone(CHINA).date()).total


def test_an_amount_above_the_slips_total_is_an_overcharge_against_the_technician(
    server: Server, device_factory: Any, tmp_path: Path
) -> None:
    office = office_session(server)
    honest, greedy = server.technician(), server.technician()
    totals = {}
    for name in (honest, greedy):
        job_id = server.dispatch_demo(name)["stove"]
        device = device_factory(server, name, name=name)
        assert device.sync().ok
        complete_stove_visit(device, job_id, tmp_path)
        assert device.sync().ok
        totals[name] = (job_id, _visit_total(device, job_id), device)
    rows = listed(office, server, datetime.now(CHINA).isoformat(), due=True)
    for job_id, _, device in totals.values():
        job = device.store.get(Job, job_id)
        assert rows[job_id]["due_at"] == (job.reported_at + timedelta(hours=72)).isoformat()

    job_id, total, _ = totals[honest]
    fair = office.post(
        f"{server.url}/office/follow-ups/{job_id}/answers",
        json={**ANSWERS, "amount_charged": f"{total / 100:.2f}", "comment": "很满意"},
    )
    assert fair.status_code == 200, fair.text
    assert fair.json()["slip_total"] == total and fair.json()["overcharge"] is None

    job_id, total, device = totals[greedy]
    over = office.post(
        f"{server.url}/office/follow-ups/{job_id}/answers",
        json={**ANSWERS, "on_time": "no", "amount_charged": f"{(total + 5000) / 100:.2f}"},
    )
    assert over.status_code == 200, over.text
    assert over.json()["overcharge"] == 5000 and over.json()["technician"] == greedy
    with read_transaction(server.engine) as conn:
        kept = conn.execute(
            sa.select(t.overcharges).where(t.overcharges.c.technician.in_([honest, greedy]))
        ).all()
    assert [(r.job_id, r.technician, r.amount, r.slip_total) for r in kept] == [
        (job_id, greedy, 5000, total)
    ]

    after = listed(office, server, datetime.now(CHINA).isoformat())
    assert after[totals[honest][0]]["overcharge"] is None
    assert after[job_id]["overcharge"] == 5000
    assert after[job_id]["answers"]["on_time"] is False and after[job_id]["done_at"]
    assert job_id not in listed(office, server, datetime.now(CHINA).isoformat(), due=True)
    # The flag is on the job, naming the technician; their laptop gets it on the next sync.
    assert device.sync().ok
    (note,) = review_notes.read(device.store.get(Job, job_id).flagged)
    assert note.code is review_notes.NoteCode.OVERCHARGE
    assert note.values["overcharge"] == "5000" and note.values["technician"] == greedy


@pytest.mark.parametrize(
    "body, status, words",
    [
        ({**ANSWERS, "attitude": 6, "amount_charged": "0"}, 422, "attitude"),
        ({**ANSWERS, "skill": 0, "amount_charged": "0"}, 422, "skill"),
        ({**ANSWERS, "amount_charged": "12.345"}, 422, "amount_charged"),
        ({**ANSWERS, "amount_charged": 12.5}, 422, "amount_charged"),
        ({**ANSWERS}, 422, "amount_charged"),
        ({**ANSWERS, "problem_solved": "maybe", "amount_charged": "0"}, 422, "problem_solved"),
        ([1, 2], 422, "answers"),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(
    server: Server, body: Any, status: int, words: str
) -> None:
    office, stove = office_session(server), home(server)
    job = finished(server, stove, "repair", at(date(2025, 2, 3), 10), at(date(2025, 2, 3), 15))
    listed(office, server, "2025-02-04T09:00:00+08:00")  # the follow-up exists
    before = state(server)
    answer = office.post(f"{server.url}/office/follow-ups/{job.id}/answers", json=body)
    assert answer.status_code == status, answer.text
    assert words in answer.json()["detail"]
    assert state(server) == before


def test_unknown_job_and_a_second_answer_are_refused(server: Server) -> None:
    office, stove = office_session(server), home(server)
    unknown = office.post(
        f"{server.url}/office/follow-ups/NO-SUCH-JOB/answers",
        json={**ANSWERS, "amount_charged": "0"},
    )
    assert unknown.status_code == 404 and "NO-SUCH-JOB" in unknown.json()["detail"]
    job = finished(server, stove, "repair", at(date(2025, 2, 3), 10), at(date(2025, 2, 3), 15))
    first = office.post(
        f"{server.url}/office/follow-ups/{job.number}/answers",
        json={**ANSWERS, "amount_charged": "0", "at": "2025-02-05T10:00"},
    )
    assert first.status_code == 200 and first.json()["overcharge"] is None
    assert first.json()["done_at"] == "2025-02-05T10:00:00+08:00"
    before = state(server)
    second = office.post(
        f"{server.url}/office/follow-ups/{job.number}/answers",
        json={**ANSWERS, "amount_charged": "0"},
    )
    assert second.status_code == 409 and "answered" in second.json()["detail"]
    assert state(server) == before


def test_jewellery_gets_a_check_reminder_every_three_months(server: Server) -> None:
    office = office_session(server)
    ring = home(server, category="jewellery", purchased_on=date(2025, 1, 10))
    label = f"{ring.make} {ring.model} ({ring.serial})"
    assert label not in listed(office, server, "2025-03-01T09:00:00+08:00", due=True)
    reminder = listed(office, server, "2025-04-11T09:00:00+08:00", due=True)[label]
    assert reminder["kind"] == "jewellery_check" and reminder["due_at"] == "2025-04-10"
    assert reminder["last_check_on"] == "2025-01-10" and reminder["overdue"] is True
    # Checked (and polished) on 12 April: the next reminder is three months on.
    done_job(
        server,
        (ring.customer_id, ring.site_id),
        "cleaning",
        at(date(2025, 4, 12), 11),
        {ring.id: None},
    )
    later = listed(office, server, "2025-04-13T09:00:00+08:00")[label]
    assert later["due_at"] == "2025-07-12" and later["overdue"] is False
    assert label not in listed(office, server, "2025-04-13T09:00:00+08:00", due=True)


def test_follow_up_commands(server: Server, capsys: Any) -> None:
    stove = home(server)
    job = finished(server, stove, "repair", at(date(2025, 2, 3), 10), at(date(2025, 2, 3), 15))
    db = ["--db", server.db_url]
    code, out, _ = run(
        ["office", "follow-ups", *db, "--due", "--json", "--at", "2025-02-04T09:00"], capsys
    )
    mine = [r for r in json.loads(out) if r["job_id"] == job.id]
    assert code == 0 and mine[0]["due_at"] == "2025-02-10T15:00:00+08:00"
    answer = ["office", "follow-up-answer", *db, job.number, "--solved", "yes", "--on-time", "yes"]
    code, _, err = run([*answer, "--attitude", "9", "--skill", "4", "--charged", "0"], capsys)
    assert code == 1 and "attitude" in err and "1 to 5" in err
    code, out, _ = run([*answer, "--attitude", "5", "--skill", "4", "--charged", "0"], capsys)
    assert code == 0 and f"follow-up of job {job.number} recorded" in out
    code, out, _ = run(["office", "follow-ups", *db, "--at", "2025-02-04T09:00"], capsys)
    line = next(x for x in out.splitlines() if job.number in x)
    assert "done" in line and "李梅" in line
