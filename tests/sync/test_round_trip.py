"""Office dispatches → technician syncs → completes a visit offline → syncs → head office has it all."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from tech_app.checklist import record_answer
from tech_app.lifecycle import change_status
from tech_app.records import Job, Signature, Slip
from tech_app.signoff import record_consent, sign_job
from tech_app.store import remote
from tech_app.timesheet import start_timer, stop_timer
from tech_app.van import record_part_usage
from tests.sync.conftest import Server, assert_same, png_bytes


def complete_stove_visit(device: Any, job_id: str, tmp_path: Path, seed: int = 0) -> dict[str, str]:
    store, tech = device.store, device.technician
    change_status(store, job_id, "en_route")
    change_status(store, job_id, "on_site")
    record_answer(store, job_id, "battery_voltage", "1.2")  # out of range: flagged, kept
    record_answer(store, job_id, "battery_polarity", "no")
    record_answer(store, job_id, "gas_leak_test", "yes")
    record_answer(store, job_id, "flame", "blue")
    record_part_usage(store, job_id, "BAT-D", 2, "charged", tech)
    start_timer(store, job_id, "labour", tech)
    stop_timer(store, job_id)
    record_consent(store, job_id, "李梅", None)  # the batteries and call-out are charged
    signature = sign_job(
        store, device.blobs, job_id, signer_name="李梅", signature_png=png_bytes(seed), rating=5
    )
    hashes = {"signature": signature.image_sha256}
    try:
        from reports import issue_slip
    except ImportError:  # the reports package is optional for sync
        return hashes
    slip = issue_slip(store, device.blobs, job_id, tmp_path / f"slip-{seed}.pdf")
    hashes["slip"] = slip.pdf_sha256
    return hashes


def test_full_round_trip(server: Server, device_factory: Any, tmp_path: Path) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    device = device_factory(server, tech)

    first = device.sync()
    assert first.ok, first.errors
    assert first.pulled >= 70 and first.pushed == 0
    assert device.store.get(Job, jobs["stove"]).assignee == tech
    assert_same(server, device)

    hashes = complete_stove_visit(device, jobs["stove"], tmp_path)
    assert remote.unconfirmed_count(device.store) > 10

    second = device.sync()
    assert second.ok, second.errors
    assert second.rejected == []
    assert second.pushed > 10
    assert second.blobs_up == len(hashes)
    assert remote.unconfirmed_count(device.store) == 0
    assert_same(server, device)
    # Head office holds every record of the visit and the blobs, verified by hash.
    seen = server.visible(tech)
    assert seen[("jobs", jobs["stove"])]["status"] == "signed"
    assert len([k for k in seen if k[0] == "signatures"]) == 1
    for sha in hashes.values():
        data = server.blob(sha)
        assert data is not None and hashlib.sha256(data).hexdigest() == sha
    signature = device.store.select(Signature)[0]
    assert signature.image_sha256 == hashes["signature"]
    if "slip" in hashes:
        assert device.store.select(Slip)[0].pdf_sha256 == hashes["slip"]

    # A round with nothing to do moves nothing.
    third = device.sync()
    assert third.ok and third.pushed == 0 and third.pulled == 0


def test_second_laptop_gets_the_visit_and_its_blobs(
    server: Server, device_factory: Any, tmp_path: Path
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    laptop = device_factory(server, tech, "laptop")
    assert laptop.sync().ok
    hashes = complete_stove_visit(laptop, jobs["stove"], tmp_path)
    assert laptop.sync().ok
    spare = device_factory(server, tech, "spare")
    report = spare.sync()
    assert report.ok, report.errors
    assert report.blobs_down == len(hashes)
    assert spare.store.get(Job, jobs["stove"]).status == "signed"
    assert_same(server, spare)


def test_embedded_server_for_the_demo(tmp_path: Path) -> None:
    from sync.client import SyncClient, sync_once
    from sync.server.embedded import start_embedded_server
    from tech_app.blobs import BlobStore
    from tech_app.store.local import open_store

    url, stop = start_embedded_server(tmp_path / "office")
    try:
        store = open_store(tmp_path / "liu" / "tech-app.sqlite3")
        client = SyncClient(url)
        client.login("liu", "demo")
        report = sync_once(store, BlobStore(tmp_path / "liu" / "blobs"), client)
        assert report.ok, report.errors
        assert (
            store.db.execute("SELECT count(*) FROM jobs WHERE assignee = 'liu'").fetchone()[0] == 13
        )
        assert store.db.execute("SELECT count(*) FROM jobs").fetchone()[0] == 13
        store.close()
    finally:
        stop()
