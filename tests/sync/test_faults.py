"""Fault injection: each test breaks something, then compares both sides record by record."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from sync.client import round as sync_round
from sync.server import auth, dispatch, office, store
from sync.server import tables as t
from sync.server.db import read_transaction, write_transaction
from tech_app import review_notes
from tech_app.records import Job, Photo
from tech_app.review_notes import NoteCode
from tech_app.store import remote
from tech_app.store.local import utc_now
from tests.sync.conftest import (
    PASSWORD,
    Server,
    assert_same,
    local_rows,
    server_rows,
)
from tests.sync.helpers import Recording, complete_job
from tests.sync.own_server import own_server  # noqa: F401  (the `server` fixture: its resume test dispatches 20,000 jobs)
from tests.sync.test_round_trip import complete_stove_visit


# (1) -------------------------------------------------------------------------------------
def test_push_committed_but_response_lost_is_replayed(
    server: Server, device_factory: Any, tmp_path: Path
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    session = Recording()
    device = device_factory(server, tech, session=session)
    assert device.sync().ok
    complete_stove_visit(device, jobs["stove"], tmp_path)
    lost = []

    def drop_first_push_answer(method: str, path: str, response: requests.Response) -> None:
        if path == "/sync/push" and not lost:
            lost.append(response.json())
            raise requests.ConnectionError("connection reset after the server committed")

    session.after = drop_first_push_answer
    report = device.sync()
    assert report.ok, report.errors
    assert lost and lost[0]["results"], "the first push was applied at head office"
    assert session.count("POST", "/sync/push") == 2
    assert report.rejected == []
    assert remote.unconfirmed_count(device.store) == 0
    assert_same(server, device)
    # Nothing doubled: one usage line and one signature, the mutation log answered the replay.
    seen = server.visible(tech)
    assert len([k for k in seen if k[0] == "part_usage"]) == 1
    assert len([k for k in seen if k[0] == "signatures"]) == 1


# (2) -------------------------------------------------------------------------------------
KILL_AFTER_PAGE = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from sync.client import SyncClient, sync_once, round as sync_round
    from sync.tokens import TokenStore
    from tech_app.blobs import BlobStore
    from tech_app.store import remote
    from tech_app.store.local import open_store

    profile = Path(sys.argv[1])
    sync_round.PULL_LIMIT = int(sys.argv[2])
    kill_after = int(sys.argv[3])
    store = open_store(profile / "tech-app.sqlite3")
    original = remote.apply_pull_page
    pages = []

    def apply_then_die(*args, **kwargs):
        result = original(*args, **kwargs)
        pages.append(1)
        if len(pages) >= kill_after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    remote.apply_pull_page = apply_then_die
    client = SyncClient(remote.server_url(store), token_store=TokenStore(profile))
    print(sync_once(store, BlobStore(profile / "blobs"), client))
    """
)


def test_client_killed_after_applying_a_pull_page_resumes(
    server: Server, device_factory: Any
) -> None:
    tech = server.technician()
    server.dispatch_demo(tech)
    device = device_factory(server, tech)
    device.store.close()
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_PAGE, str(device.profile), "20", "2"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    from tech_app.store.local import open_store

    device.store = open_store(device.profile / "tech-app.sqlite3")
    stored_cursor = remote.cursor(device.store)
    assert stored_cursor > 0
    assert device.store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    session = Recording()
    device.client.session = session
    report = device.sync()
    assert report.ok, report.errors
    first_pull = next(kw for m, p, kw in session.calls if p == "/sync/pull")
    assert first_pull["params"]["cursor"] == stored_cursor  # resumed, not started over
    assert_same(server, device)


# (3) -------------------------------------------------------------------------------------
def _photo_job(device: Any, job_id: str, size: int) -> tuple[str, bytes]:
    from tech_app.lifecycle import change_status

    data = hashlib.sha256(b"seed").digest() * (size // 32)
    sha = device.blobs.put(data)
    change_status(device.store, job_id, "en_route")
    change_status(device.store, job_id, "on_site")
    device.store.save(
        Photo(job_id=job_id, sha256=sha, caption="铭牌 nameplate", taken_at=utc_now())
    )
    return sha, data


def test_connection_drops_mid_blob_upload_and_resumes_from_server_offset(
    server: Server, device_factory: Any
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    session = Recording()
    device = device_factory(server, tech, session=session)
    assert device.sync().ok
    sha, data = _photo_job(device, jobs["heater-in"], 3 * 1024 * 1024)
    chunk = 1024 * 1024

    # The first chunk arrived before the drop.
    headers = {
        "X-Tech-App-Protocol": "1",
        "Authorization": f"Bearer {device.client._tokens.access_token}",
        "Content-Range": f"bytes 0-{chunk - 1}/{len(data)}",
    }
    assert requests.put(f"{server.url}/blobs/{sha}", data=data[:chunk], headers=headers).ok
    # The second chunk is cut off half way: the socket closes mid body.
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as raw:
        head = (
            f"PUT /blobs/{sha} HTTP/1.1\r\nHost: {host}\r\nX-Tech-App-Protocol: 1\r\n"
            f"Authorization: {headers['Authorization']}\r\n"
            f"Content-Range: bytes {chunk}-{2 * chunk - 1}/{len(data)}\r\n"
            f"Content-Length: {chunk}\r\n\r\n"
        )
        raw.sendall(head.encode() + data[chunk : chunk + chunk // 2])
    offset, complete = device.client.blob_offset(sha)
    assert (offset, complete) == (chunk, False)

    # And the client's own connection drops on its next chunk, every retry: the round fails…
    def drop(method: str, path: str, kwargs: dict[str, Any]) -> None:
        if method == "PUT":
            raise requests.ConnectionError("network gone")

    session.before = drop
    failed = device.sync()
    assert not failed.ok and "cannot be reached" in failed.errors[0]
    # …and the next one resumes from head office's offset, sending only the rest.
    session.before = None
    session.calls.clear()
    report = device.sync()
    assert report.ok, report.errors
    sent = sum(len(kw["data"]) for m, p, kw in session.calls if m == "PUT")
    assert sent == len(data) - chunk
    stored = server.blob(sha)
    assert stored is not None and hashlib.sha256(stored).hexdigest() == sha
    # A repeat is a no-op.
    assert requests.put(
        f"{server.url}/blobs/{sha}",
        data=data,
        headers={k: v for k, v in headers.items() if k != "Content-Range"},
    ).json()["complete"]
    assert_same(server, device)


# (4) -------------------------------------------------------------------------------------
def test_access_token_expires_between_two_batches(
    server: Server, device_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    session = Recording()
    device = device_factory(server, tech, session=session)
    assert device.sync().ok
    complete_stove_visit(device, jobs["stove"], tmp_path)
    monkeypatch.setattr(sync_round, "PUSH_BATCH", 5)
    expired = []

    def expire_after_first_batch(method: str, path: str, response: requests.Response) -> None:
        if path == "/sync/push" and not expired:
            with write_transaction(server.engine) as conn:
                auth.expire_access_tokens(conn, tech)
            expired.append(True)

    session.after = expire_after_first_batch
    report = device.sync()
    assert report.ok, report.errors
    assert session.count("POST", "/auth/refresh") == 1
    assert session.count("POST", "/sync/push") >= 3
    assert remote.unconfirmed_count(device.store) == 0
    assert_same(server, device)


# (5) -------------------------------------------------------------------------------------
def test_a_mutation_that_can_never_apply_is_rejected_and_later_ones_go_through(
    server: Server, device_factory: Any
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    device = device_factory(server, tech)
    assert device.sync().ok
    store = device.store
    job = store.get(Job, jobs["ring"])
    store.save(dataclasses.replace(job, priority=1))  # a dispatch field: head office owns it
    store.save(dataclasses.replace(store.get(Job, jobs["ring"]), findings="主石松动 stone loose"))
    report = device.sync()
    assert report.ok
    assert len(report.rejected) == 1 and "head office owns priority" in report.rejected[0]
    assert report.pushed == 1
    rejected = remote.rejected_mutations(store)
    assert len(rejected) == 1 and "priority" in rejected[0]["reason"]  # kept visible
    assert store.get(Job, jobs["ring"]).findings == "主石松动 stone loose"
    assert server.visible(tech)[("jobs", jobs["ring"])]["findings"] == "主石松动 stone loose"
    assert_same(server, device)


# (6) -------------------------------------------------------------------------------------
def test_office_cancels_reassigns_deletes_jobs_completed_offline(
    server: Server, device_factory: Any
) -> None:
    tech, other = server.technician(), server.technician()
    jobs = server.dispatch_demo(tech)
    device = device_factory(server, tech)
    assert device.sync().ok
    for key in ("stove", "heater-in", "printer"):
        complete_job(device.store, device.blobs, jobs[key], f"findings on {key}")
    with write_transaction(server.engine) as conn:
        dispatch.cancel(conn, jobs["stove"])
        dispatch.assign(conn, jobs["heater-in"], other)
        dispatch.delete(conn, jobs["printer"])
    report = device.sync()
    assert report.ok, report.errors
    assert report.rejected == []
    assert remote.unconfirmed_count(device.store) == 0
    # Head office kept every piece of work and flags the three jobs for review.
    with read_transaction(server.engine) as conn:
        listed = {j["id"]: j for j in dispatch.list_jobs(conn)}
        answers = conn.execute(
            sa.select(sa.func.count()).where(
                t.records.c.table_name == "checklist_answers",
                t.records.c.job_id.in_([jobs["stove"], jobs["heater-in"], jobs["printer"]]),
            )
        ).scalar_one()
        conflicts = dispatch.conflicts(conn, jobs["stove"])

    def codes(key: str) -> list[NoteCode]:
        return [n.code for n in review_notes.read(listed[jobs[key]]["flagged"])]

    assert listed[jobs["stove"]]["status"] == "cancelled"
    assert codes("stove") == [NoteCode.WORK_AFTER_CANCEL]
    assert listed[jobs["heater-in"]]["assignee"] == other
    assert codes("heater-in") == [NoteCode.WORK_AFTER_REASSIGN]
    assert listed[jobs["printer"]]["status"] == "deleted"
    assert codes("printer") == [NoteCode.WORK_AFTER_DELETE]
    assert answers == sum(
        len(
            device.store.db.execute(
                "SELECT id FROM checklist_answers WHERE job_id = ?", [jobs[k]]
            ).fetchall()
        )
        for k in ("stove", "heater-in", "printer")
    )
    assert any(c["field"] == "status" and c["losing_value"] == "completed" for c in conflicts)
    # The device keeps the work too: the removed jobs stay, flagged.
    for key in ("heater-in", "printer"):
        assert remote.KEPT_FLAG in review_notes.read(device.store.get(Job, jobs[key]).flagged)
    assert device.store.get(Job, jobs["stove"]).status == "cancelled"
    # Record by record: what the technician can still see matches; the kept jobs match
    # head office's copy of the work.
    local, visible = local_rows(device.store), server_rows(server, tech)
    kept = {k for k in local if k not in visible}
    removed = (jobs["heater-in"], jobs["printer"])
    # Their work, plus the customers, sites and units the kept jobs still point at.
    assert kept and all(
        _job_of(local, k) in removed
        for k in kept
        if k[0] not in ("customers", "sites", "assets", "contracts")
    )
    for key in visible:
        assert local[key] == visible[key], key
    with read_transaction(server.engine) as conn:
        for table, record_id in kept:
            found = store.load(conn, table, record_id)
            assert found is not None
            data = found.data
            if table in ("customers", "sites", "assets", "contracts"):
                continue
            if table != "jobs":
                assert data == local[(table, record_id)], (table, record_id)
            else:
                assert data["findings"] == local[(table, record_id)]["findings"]


def _job_of(local: dict[tuple[str, str], dict[str, Any]], key: tuple[str, str]) -> str:
    return key[1] if key[0] == "jobs" else str(local[key].get("job_id"))


# (7) -------------------------------------------------------------------------------------
def test_same_field_on_two_laptops_later_write_wins_and_loser_is_logged(
    server: Server, device_factory: Any
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    one, two = device_factory(server, tech, "one"), device_factory(server, tech, "two")
    assert one.sync().ok and two.sync().ok
    for device, text in ((one, "漏水：阀门老化 (laptop one)"), (two, "漏水：密封圈 (laptop two)")):
        job = device.store.get(Job, jobs["heater-in"])
        device.store.save(dataclasses.replace(job, findings=text))
    assert one.sync().ok
    report = two.sync()
    assert report.ok and report.conflicts == 1
    assert one.sync().ok
    for device in (one, two):
        assert device.store.get(Job, jobs["heater-in"]).findings == "漏水：密封圈 (laptop two)"
        assert_same(server, device)
    with read_transaction(server.engine) as conn:
        logged = dispatch.conflicts(conn, jobs["heater-in"])
    assert [(c["field"], c["losing_value"], c["winning_value"]) for c in logged] == [
        ("findings", "漏水：阀门老化 (laptop one)", "漏水：密封圈 (laptop two)")
    ]
    assert listed_conflicts(server, jobs["heater-in"]) == 1


def listed_conflicts(server: Server, job_id: str) -> int:
    with read_transaction(server.engine) as conn:
        return next(j["conflicts"] for j in dispatch.list_jobs(conn) if j["id"] == job_id)


# (8) -------------------------------------------------------------------------------------
FIRST_SYNC = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from sync.client import SyncClient, sync_once
    from sync.tokens import TokenStore
    from tech_app.blobs import BlobStore
    from tech_app.store import remote
    from tech_app.store.local import open_store

    profile = Path(sys.argv[1])
    store = open_store(profile / "tech-app.sqlite3")
    client = SyncClient(remote.server_url(store), token_store=TokenStore(profile))
    print(sync_once(store, BlobStore(profile / "blobs"), client))
    """
)


def test_first_sync_of_20000_jobs_killed_halfway_resumes(
    server: Server, device_factory: Any
) -> None:
    tech = server.technician()
    with write_transaction(server.engine) as conn:
        ids = office.bulk_jobs(conn, tech, 20_000)
    device = device_factory(server, tech)
    device.store.close()
    database = device.profile / "tech-app.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", FIRST_SYNC, str(device.profile)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    halfway = False
    try:
        while time.monotonic() < deadline and process.poll() is None:
            with sqlite3.connect(database, timeout=5) as check:
                jobs_now = check.execute("SELECT count(*) FROM jobs").fetchone()[0]
            if jobs_now >= 8_000:
                halfway = True
                break
            time.sleep(0.05)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    assert halfway, "the first sync never got half way"
    from tech_app.store.local import open_store

    device.store = open_store(database)
    already = device.store.db.execute("SELECT count(*) FROM jobs").fetchone()[0]
    assert 0 < already < 20_000
    session = Recording()
    device.client.session = session
    report = device.sync()
    assert report.ok, report.errors
    pulls = [kw for m, p, kw in session.calls if p == "/sync/pull"]
    assert pulls[0]["params"]["cursor"] > 0  # resumed where the killed process stopped
    assert report.pulled <= 20_000 - already + sync_round.PULL_LIMIT
    assert report.pages == len(pulls)
    assert all(kw["params"]["limit"] == sync_round.PULL_LIMIT for kw in pulls)  # bounded pages
    assert device.store.db.execute("SELECT count(*) FROM jobs").fetchone()[0] == 20_000
    local_ids = {r[0] for r in device.store.db.execute("SELECT id FROM jobs")}
    assert local_ids == set(ids)
    assert_same(server, device)


# (9) -------------------------------------------------------------------------------------
def test_a_client_of_an_older_protocol_is_told_to_update(
    server: Server, device_factory: Any
) -> None:
    tech = server.technician()
    server.dispatch_demo(tech)
    session = Recording()
    device = device_factory(server, tech, session=session)

    def old_version(method: str, path: str, kwargs: dict[str, Any]) -> None:
        kwargs["headers"]["X-Tech-App-Protocol"] = "0"

    session.before = old_version
    report = device.sync()
    assert not report.ok
    assert "please update" in report.errors[0]
    assert local_rows(device.store) == {}
    answer = requests.get(f"{server.url}/sync/pull", headers={"X-Tech-App-Protocol": "0"})
    assert answer.status_code == 426 and "please update" in answer.json()["detail"]
    login = requests.post(f"{server.url}/auth/login", json={"user": tech, "password": PASSWORD})
    assert login.status_code == 426


# Tombstone retention -----------------------------------------------------------------------
def test_a_cursor_older_than_tombstone_retention_resyncs_and_keeps_the_outbox(
    server: Server, device_factory: Any
) -> None:
    from sync.server.store import purge_tombstones

    tech, other = server.technician(), server.technician()
    jobs = server.dispatch_demo(tech)
    device = device_factory(server, tech)
    assert device.sync().ok
    old_cursor = remote.cursor(device.store)
    job = device.store.get(Job, jobs["ring"])
    device.store.save(dataclasses.replace(job, findings="离线记录 written offline"))
    with write_transaction(server.engine) as conn:
        dispatch.assign(conn, jobs["dispenser"], other)
        purge_tombstones(conn, time.time() + 1)  # every tombstone is past retention
    session = Recording()
    device.client.session = session
    report = device.sync()
    assert report.ok, report.errors
    pulls = [kw["params"]["cursor"] for m, p, kw in session.calls if p == "/sync/pull"]
    assert pulls[0] == old_cursor and 0 in pulls[1:]  # 410, then a full pull from zero
    assert report.pushed == 1  # the outbox was kept and sent
    assert ("jobs", jobs["dispenser"]) not in local_rows(device.store)
    assert_same(server, device)
