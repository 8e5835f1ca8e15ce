"""Office plans a fleet visit → the technician syncs, completes it unit by unit offline
with one signature → syncs back → condition report per unit → the follow-up is due."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reports.condition_data import build_condition_data
from reports.condition_report import write_condition_report
from tech_app.checklist import checklists_of, record_answer
from tech_app.lifecycle import change_status
from tech_app.records import Job, JobAsset
from tech_app.signoff import sign_job
from tests.sync.conftest import Server, png_bytes
from tests.sync.helpers import answer_everything
from tests.sync.office_api import make_fleet, office_session, record


def test_a_planned_fleet_visit_from_office_to_follow_up(
    server: Server, device_factory: Any, tmp_path: Path
) -> None:
    fleet, office = make_fleet(server, starts_on=date(2026, 2, 1)), office_session(server)
    technician = server.technician()
    planned = office.post(
        f"{server.url}/office/plan-visits",
        json={"from": "2026-02-01", "until": "2026-02-28", "assignee": technician},
    ).json()
    [visit] = [v for v in planned["visits"] if v["site_id"] == fleet.site.id]
    job_id = visit["job_id"]

    device = device_factory(server, technician)
    assert device.sync().ok
    store = device.store
    change_status(store, job_id, "en_route")
    change_status(store, job_id, "on_site")
    units = checklists_of(store, job_id)
    assert len(units) == 6
    answer_everything(store, device.blobs, job_id)
    for n, unit in enumerate(units):  # each truck's own hour meter
        record_answer(store, job_id, "hour_meter", str(2000 + 100 * n), asset_id=unit.asset_id)
    job = store.get(Job, job_id)
    store.save(
        dataclasses.replace(job, findings="6 trucks serviced", work_done="quarterly service")
    )
    change_status(store, job_id, "completed")
    sign_job(store, device.blobs, job_id, signer_name="周强", signature_png=png_bytes(3), rating=5)
    assert device.sync().ok and store.pending_count() == 0

    done = record(server, Job, job_id)
    assert done.status.value == "signed" and done.completed_at is not None
    links = store.select(JobAsset, "job_id = ?", [job_id])
    assert sorted(link.hour_meter for link in links) == [2000 + 100 * n for n in range(6)]
    report = build_condition_data(store, job_id)
    assert len(report.units) == 6  # one section per truck
    pdf = write_condition_report(store, device.blobs, job_id, tmp_path / "condition.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")

    rows = office.get(
        f"{server.url}/office/follow-ups",
        params={"due": "true", "at": done.completed_at.isoformat()},
    ).json()
    [follow_up] = [r for r in rows if r["job_id"] == job_id]
    assert follow_up["due_at"] == (done.completed_at + timedelta(weeks=1)).isoformat()
    assert follow_up["technician"] == technician and follow_up["overdue"] is False
    # Planning again leaves the signed visit as it is.
    again = office.post(
        f"{server.url}/office/plan-visits", json={"from": "2026-02-01", "until": "2026-02-28"}
    ).json()
    assert visit["number"] not in again["created"] + again["changed"] + again["cancelled"]
