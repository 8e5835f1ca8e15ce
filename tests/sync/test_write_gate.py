"""The write gate: a signed job is frozen on every path; late or office writes take no one's work.

Each case was first seen failing against the head office before the gate: a signed job
changed by a push, by ``POST /office/records`` and deleted by ``DELETE /office/jobs``; a
re-imported sheet put a visit in progress back to assigned with its findings emptied;
a former assignee's late push overwrote the new assignee's findings without a trace.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sync.server import dispatch, store
from sync.server import tables as t
from sync.server.db import read_transaction, write_transaction
from sync.server.office import ImportFailed, import_jobs
from tech_app import review_notes
from tech_app.lifecycle import change_status
from tech_app.records import Job, Slip
from tests.sync.conftest import Server
from tests.sync.office_api import office_session
from tests.sync.test_round_trip import complete_stove_visit
from tests.sync.test_security import login, mutation, push

CSV_HEADER = (
    "job_number,job_type,problem,reported_at,window_start,window_end,assignee,priority,"
    "customer_name,customer_phone,site_address,asset_category,asset_make,asset_model,"
    "asset_serial,template\n"
)


def job_rows(server: Server, job_id: str) -> dict[tuple[str, str], tuple[str, int, bool]]:
    """Every stored row of a job (the job and what hangs off it): data, version, deleted."""
    with read_transaction(server.engine) as conn:
        keys = conn.execute(
            sa.select(t.records.c.table_name, t.records.c.id).where(t.records.c.job_id == job_id)
        ).all()
        rows = [store.load(conn, key.table_name, key.id) for key in keys]
    return {
        (r.table, r.id): (json.dumps(r.data, sort_keys=True), r.version, r.deleted)
        for r in rows
        if r is not None
    }


def stored_job(server: Server, job_id: str) -> dict[str, Any]:
    with read_transaction(server.engine) as conn:
        found = store.load(conn, "jobs", job_id)
    assert found is not None
    return found.data


def conflicts_of(server: Server, job_id: str) -> list[dict[str, Any]]:
    with read_transaction(server.engine) as conn:
        return dispatch.conflicts(conn, job_id)


@pytest.fixture
def signed(server: Server, device_factory: Any, tmp_path: Path) -> dict[str, Any]:
    """A stove repair signed on one laptop and synced; a second laptop synced before that."""
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    first = device_factory(server, tech, "first")
    second = device_factory(server, tech, "second")
    assert first.sync().ok and second.sync().ok
    complete_stove_visit(first, jobs["stove"], tmp_path)
    report = first.sync()
    assert report.ok and report.rejected == [], report.rejected
    assert stored_job(server, jobs["stove"])["status"] == "signed"
    return {"tech": tech, "job": jobs["stove"], "first": first, "second": second}


def test_a_signed_job_cannot_change_through_a_push(server: Server, signed: dict[str, Any]) -> None:
    job_id = signed["job"]
    before = job_rows(server, job_id)

    # A second laptop that synced before the signature edits the findings offline.
    late = signed["second"]
    local = late.store.get(Job, job_id)
    late.store.save(dataclasses.replace(local, findings="changed on the other laptop"))
    report = late.sync()
    assert len(report.rejected) == 1 and "signed" in report.rejected[0], report.rejected
    assert job_rows(server, job_id) == before

    # A crafted push: status back to on_site, a part line added, the slip's hash rewritten.
    token = login(server, signed["tech"]).json()["access_token"]
    slip = next(key[1] for key in before if key[0] == "slips")
    with read_transaction(server.engine) as conn:
        slip_row = store.load(conn, "slips", slip)
        usage = next(store.load(conn, k[0], k[1]) for k in before if k[0] == "part_usage")
    assert slip_row is not None and usage is not None
    new_line = str(uuid.uuid4())
    answer = push(
        server,
        token,
        [
            mutation(1, "jobs", job_id, "update", {"status": "on_site"}),
            mutation(2, "jobs", job_id, "update", {"work_done": "nothing really"}),
            mutation(
                3,
                "part_usage",
                new_line,
                "insert",
                {**usage.data, "id": new_line, "quantity": "5"},
            ),
            mutation(4, "slips", slip, "update", {"content_hash": "0" * 64}),
        ],
        client=f"crafted-{uuid.uuid4().hex[:8]}",
    )
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * 4, results
    assert "signed" in results[0]["reason"] and "signed" in results[2]["reason"]
    assert "never changed" in results[3]["reason"] or "signed" in results[3]["reason"]
    assert job_rows(server, job_id) == before
    # An amendment is how a signed job changes: it is accepted, the job itself is not touched.
    report = signed["first"].sync()
    assert report.ok
    from tech_app.lifecycle import amend

    amend(signed["first"].store, job_id, "wrong part number", "BAT-D was BAT-C")
    report = signed["first"].sync()
    assert report.ok and report.rejected == [], report.rejected
    after = job_rows(server, job_id)
    assert {k: v for k, v in after.items() if k[0] != "amendments"} == before
    assert sum(1 for k in after if k[0] == "amendments") == 1


def test_a_signed_job_cannot_change_through_any_office_route(
    server: Server, signed: dict[str, Any], tmp_path: Path
) -> None:
    job_id = signed["job"]
    before = job_rows(server, job_id)
    office = office_session(server)
    job = stored_job(server, job_id)
    with read_transaction(server.engine) as conn:
        slip_id = next(k[1] for k in before if k[0] == "slips")
        slip = store.load(conn, "slips", slip_id)
    assert slip is not None
    other = server.technician()
    attempts = {
        "change the problem": office.post(
            f"{server.url}/office/records",
            json={"table": "jobs", "row": {**job, "problem": "something else"}},
        ),
        "rewrite the slip": office.post(
            f"{server.url}/office/records",
            json={"table": "slips", "row": {**slip.data, "content_hash": "1" * 64}},
        ),
        "delete": office.delete(f"{server.url}/office/jobs/{job_id}"),
        "assign": office.post(
            f"{server.url}/office/jobs/{job_id}/assign", json={"technician": other}
        ),
        "schedule": office.post(
            f"{server.url}/office/jobs/{job_id}/schedule",
            json={"start": "2026-12-02T09:00:00+08:00", "end": "2026-12-02T10:00:00+08:00"},
        ),
        "cancel": office.post(f"{server.url}/office/jobs/{job_id}/cancel"),
    }
    for what, answer in attempts.items():
        assert answer.status_code == 409, (what, answer.status_code, answer.text)
        assert "signed" in answer.json()["detail"] or "never changed" in answer.json()["detail"]
    assert job_rows(server, job_id) == before
    # The job sent again unchanged is a harmless no-op; its visit fields are the
    # technician's, so an office row that differs only there changes nothing either.
    for row in (job, {**job, "findings": "office rewrote it", "status": "assigned"}):
        again = office.post(f"{server.url}/office/records", json={"table": "jobs", "row": row})
        assert again.status_code == 200, again.text
        assert job_rows(server, job_id) == before


def test_the_laptop_refuses_to_edit_signature_slip_and_amendment_rows(
    server: Server, signed: dict[str, Any]
) -> None:
    from tech_app.errors import RecordedOnceError
    from tech_app.lifecycle import amend
    from tech_app.records import Amendment, Signature

    local = signed["first"].store
    job_id = signed["job"]
    amend(local, job_id, "typo", "the flame was blue")
    for cls, change in (
        (Signature, {"signer_name": "someone else"}),
        (Slip, {"content_hash": "2" * 64}),
        (Amendment, {"text": "rewritten"}),
    ):
        (row,) = local.select(cls, "job_id = ?", [job_id])
        with pytest.raises(RecordedOnceError):
            local.save(dataclasses.replace(row, **change))
        assert local.get(cls, row.id) == row


def _sheet(tmp_path: Path, number: str, technician: str, problem: str) -> Path:
    sheet = tmp_path / f"jobs-{uuid.uuid4().hex[:6]}.csv"
    sheet.write_text(
        CSV_HEADER + f"{number},repair,{problem},2026-11-28T08:00,2026-11-29T09:00,"
        f"2026-11-29T10:00,{technician},2,李梅,186 2100 4477,上海市徐汇区漕溪北路 201 弄,"
        "gas stove,方太,FD21BE,FT-1,\n",
        encoding="utf-8",
    )
    return sheet


def _import(server: Server, sheet: Path) -> int:
    return import_jobs(server.engine, sheet)


def test_reimporting_a_sheet_keeps_the_visit_in_progress(
    server: Server, device_factory: Any, tmp_path: Path
) -> None:
    tech = server.technician()
    number = f"IM-{uuid.uuid4().hex[:8]}"
    sheet = _sheet(tmp_path, number, tech, "燃气灶打不着火")
    assert _import(server, sheet) == 1
    device = device_factory(server, tech)
    assert device.sync().ok
    (job,) = device.store.select(Job, "number = ?", [number])
    change_status(device.store, job.id, "en_route")
    change_status(device.store, job.id, "on_site")
    device.store.save(dataclasses.replace(device.store.get(Job, job.id), findings="电池装反了"))
    assert device.sync().ok
    # The office imports the same sheet again (and one with a better problem text).
    assert _import(server, sheet) == 1
    assert _import(server, _sheet(tmp_path, number, tech, "燃气灶打不着火，电池可能没电")) == 1
    at_office = stored_job(server, job.id)
    assert (at_office["status"], at_office["findings"]) == ("on_site", "电池装反了")
    assert at_office["problem"] == "燃气灶打不着火，电池可能没电"
    assert device.sync().ok
    local = device.store.get(Job, job.id)
    assert (local.status.value, local.findings) == ("on_site", "电池装反了")
    assert local.problem == "燃气灶打不着火，电池可能没电"


def test_reimporting_a_signed_job_with_changes_is_refused_with_its_line(
    server: Server, device_factory: Any, tmp_path: Path
) -> None:
    tech = server.technician()
    number = f"IM-{uuid.uuid4().hex[:8]}"
    sheet = _sheet(tmp_path, number, tech, "燃气灶打不着火")
    _import(server, sheet)
    device = device_factory(server, tech)
    assert device.sync().ok
    (job,) = device.store.select(Job, "number = ?", [number])
    from tests.sync.conftest import png_bytes
    from tests.sync.helpers import complete_job

    complete_job(device.store, device.blobs, job.id, "电池没电")
    from tech_app.signoff import sign_job

    sign_job(device.store, device.blobs, job.id, signer_name="李梅", signature_png=png_bytes(3))
    assert device.sync().ok
    before = job_rows(server, job.id)
    assert _import(server, sheet) == 1  # the same sheet: nothing to change, nothing refused
    with pytest.raises(ImportFailed) as refused:
        _import(server, _sheet(tmp_path, number, tech, "换一个问题"))
    assert refused.value.line == 2 and "signed" in str(refused.value)
    assert job_rows(server, job.id) == before


def test_a_former_assignees_late_push_overwrites_nothing_and_is_logged(
    server: Server, device_factory: Any
) -> None:
    a, b = server.technician(), server.technician()
    jobs = server.dispatch_demo(a)
    job_id = jobs["printer"]
    laptop_a = device_factory(server, a, "a")
    assert laptop_a.sync().ok
    change_status(laptop_a.store, job_id, "en_route")
    change_status(laptop_a.store, job_id, "on_site")
    laptop_a.store.save(
        dataclasses.replace(laptop_a.store.get(Job, job_id), findings="A: paper jam")
    )
    # Offline, A keeps working while the office gives the job to B.
    with write_transaction(server.engine) as conn:
        dispatch.assign(conn, job_id, b)
    laptop_b = device_factory(server, b, "b")
    assert laptop_b.sync().ok
    change_status(laptop_b.store, job_id, "en_route")
    change_status(laptop_b.store, job_id, "on_site")
    laptop_b.store.save(
        dataclasses.replace(laptop_b.store.get(Job, job_id), findings="B: fuser worn")
    )
    assert laptop_b.sync().ok

    report = laptop_a.sync()
    assert report.ok, report.errors
    at_office = stored_job(server, job_id)
    assert at_office["findings"] == "B: fuser worn"
    assert at_office["assignee"] == b and at_office["status"] == "on_site"
    assert review_notes.read(at_office["flagged"]) == (
        review_notes.note(
            review_notes.NoteCode.WORK_AFTER_REASSIGN,
            technician=a,
            job=at_office["number"],
            assignee=b,
        ),
    )
    logged = {(c["field"], c["losing_value"]) for c in conflicts_of(server, job_id)}
    assert ("findings", "A: paper jam") in logged
    assert laptop_b.sync().ok
    assert laptop_b.store.get(Job, job_id).findings == "B: fuser worn"


def test_office_records_cannot_put_a_started_visit_back(server: Server) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    job_id = jobs["heater-in"]
    token = login(server, tech).json()["access_token"]
    answer = push(
        server,
        token,
        [
            mutation(1, "jobs", job_id, "update", {"status": "en_route"}),
            mutation(2, "jobs", job_id, "update", {"status": "on_site", "findings": "水箱漏水"}),
        ],
        client=f"laptop-{uuid.uuid4().hex[:8]}",
    )
    assert [r["status"] for r in answer.json()["results"]] == ["applied", "applied"]
    job = stored_job(server, job_id)
    office = office_session(server)
    wiped = {**job, "status": "assigned", "findings": "", "window_start": None, "window_end": None}
    answer = office.post(f"{server.url}/office/records", json={"table": "jobs", "row": wiped})
    assert answer.status_code == 200, answer.text
    after = stored_job(server, job_id)
    assert (after["status"], after["findings"]) == ("on_site", "水箱漏水")
    assert after["window_start"] is None  # the office's own field did change
    # Cancelling stays the office's call, even for a started visit.
    assert office.post(f"{server.url}/office/jobs/{job_id}/cancel").status_code == 200
    assert stored_job(server, job_id)["status"] == "cancelled"
