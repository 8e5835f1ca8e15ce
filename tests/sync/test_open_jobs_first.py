"""A new laptop shows the technician's open jobs before the history has come down.

Head office answers ``/sync/open-jobs`` with the jobs still to do and what opening one
needs; the device stores them without moving its cursor, and the ordinary pull then
brings everything, nothing doubled. Whatever goes wrong with the early part, the
ordinary pull still brings it all.
"""

from __future__ import annotations

from typing import Any

import requests

from sync.client import sync_once
from sync.server import gate
from sync.server import store as server_store
from sync.server.db import write_transaction
from tech_app.records import Customer, Job, Part
from tech_app.store import remote
from tests.sync.conftest import Server, assert_same
from tests.sync.helpers import Recording


def _sign_at_head_office(server: Server, job_id: str) -> None:
    """Set up a finished visit directly (as a device's signature would leave it)."""
    with write_transaction(server.engine) as conn:
        job = server_store.load(conn, "jobs", job_id)
        assert job is not None
        gate.write(conn, gate.SERVER, "jobs", {**job.data, "status": "signed"}, deleted=False)


def test_open_jobs_come_with_what_they_need_and_nothing_else(server: Server) -> None:
    tech, other = server.technician(), server.technician()
    jobs, theirs = server.dispatch_demo(tech), server.dispatch_demo(other)
    _sign_at_head_office(server, jobs["stove"])
    token = requests.post(
        f"{server.url}/auth/login",
        json={"user": tech, "password": "s3cret-pw"},
        headers={"X-Tech-App-Protocol": "1"},
    ).json()["access_token"]
    answer = requests.get(
        f"{server.url}/sync/open-jobs",
        headers={"Authorization": f"Bearer {token}", "X-Tech-App-Protocol": "1"},
    )
    assert answer.status_code == 200, answer.text
    page = answer.json()
    assert page["cursor"] == 0 and not page["has_more"]
    tables = [c["table"] for c in page["changes"]]
    sent_jobs = {c["id"] for c in page["changes"] if c["table"] == "jobs"}
    open_ids = set(jobs.values()) - {jobs["stove"]}
    assert open_ids <= sent_jobs and jobs["stove"] not in sent_jobs
    assert not sent_jobs & set(theirs.values())  # another technician's work stays theirs
    visible = server.visible(tech)
    for change in page["changes"]:
        assert (change["table"], change["id"]) in visible  # never more than a pull sends
        if change["table"] not in ("jobs", "customers", "sites", "assets", "contracts"):
            job_id = change["row"].get("job_id")
            assert job_id is None or job_id in sent_jobs
    # Parents first: a job's customer and site, the catalogue, then the jobs, then their rows.
    assert tables.index("parts") < tables.index("jobs")
    assert max(i for i, t in enumerate(tables) if t == "customers") < tables.index("jobs")
    assert "job_assets" in tables and "checklist_templates" in tables


def test_a_first_sync_cut_short_still_leaves_the_open_jobs(
    server: Server, device_factory: Any
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    session = Recording()

    def no_pull(method: str, path: str, _kw: dict[str, Any]) -> None:
        if path == "/sync/pull":
            raise requests.ConnectionError("the van left the yard")

    session.before = no_pull
    device = device_factory(server, tech, session=session)
    shown: list[int] = []
    report = sync_once(
        device.store, device.blobs, device.client, on_records=lambda: shown.append(1)
    )
    assert not report.ok and report.early > 0
    assert shown == [1]  # the list was told to show them before the round ended
    assert remote.cursor(device.store) == 0  # the history is still to come, from the start
    for key in ("fleet", "printer", "ring"):
        job = device.store.get(Job, jobs[key])
        assert device.store.get(Customer, job.customer_id) is not None
    assert device.store.select(Part, "1 = 1")  # the catalogue, to record a part line

    session.before = None
    assert device.sync().ok
    assert_same(server, device)  # everything, nothing doubled
    later: list[int] = []
    assert sync_once(
        device.store, device.blobs, device.client, on_records=lambda: later.append(1)
    ).ok
    assert later == []  # only a device with nothing yet asks


def test_a_head_office_without_open_jobs_first_still_syncs_everything(
    server: Server, device_factory: Any
) -> None:
    tech = server.technician()
    server.dispatch_demo(tech)
    session = Recording()

    def older_head_office(method: str, path: str, _kw: dict[str, Any]) -> None:
        if path == "/sync/open-jobs":
            raise requests.ConnectionError("no such route on this head office")

    session.before = older_head_office
    device = device_factory(server, tech, session=session)
    report = device.sync()
    assert report.ok, report.errors
    assert report.early == 0
    assert_same(server, device)
