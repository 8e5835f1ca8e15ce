"""A technician's pull brings the earlier visits of the units on their jobs, and nothing more.

Technician A holds the fleet job. A colleague, B, serviced A's truck 1 in
October on a job that also covered one of B's own trucks, and has other jobs
A has nothing to do with. A must see that October visit of truck 1 (readings,
parts, serials) as a read-only summary, and none of B's jobs themselves.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import requests

from sync.protocol import PROTOCOL_HEADER, SCHEMA_HEADER
from sync.server import dispatch, store
from sync.server.db import read_transaction, write_transaction
from sync.server.office import _NS
from tech_app.asset_history import last_readings, previous_visits
from tech_app.demo import demo_id
from tech_app.demo_templates import FORKLIFT_QUARTERLY
from tech_app.records import ChecklistAnswer, Job, JobAsset, PartUsage
from tech_app.records.codec import from_row
from tech_app.records.history import AssetVisit
from tech_app.vocab import Coverage, JobStatus, JobType
from tests.sync.conftest import PASSWORD, Server

OCTOBER = datetime(2026, 10, 1, 6, 0, tzinfo=UTC)
PAD = demo_id("part:FL-BRK-PAD")


def rekeyed(technician: str, name: str) -> str:
    return str(uuid.uuid5(_NS, f"{technician}:{demo_id(name)}"))


def put(server: Server, *records: object) -> None:
    with write_transaction(server.engine) as conn:
        for record in records:
            dispatch.put_record(conn, record)


def colleague_job(
    server: Server,
    colleague: str,
    like: Job,
    units: list[str],
    *,
    number: str,
    status: JobStatus = JobStatus.COMPLETED,
    wear: str = "5",
) -> Job:
    """A job of the colleague's on ``units`` with a reading and a brake pad fitted on each."""
    job = Job(
        number=number,
        job_type=JobType.REPAIR,
        customer_id=like.customer_id,
        site_id=like.site_id,
        problem="Brakes squeal (colleague's private note)",
        reported_at=OCTOBER,
        assignee=colleague,
        status=status,
        on_site_at=OCTOBER,
        completed_at=OCTOBER if status is JobStatus.COMPLETED else None,
        work_done="Brake pads replaced",
    )
    put(server, job)
    for position, unit in enumerate(units):
        put(
            server,
            JobAsset(
                job_id=job.id,
                asset_id=unit,
                template_id=FORKLIFT_QUARTERLY.id,
                position=position,
                hour_meter=2100 + position,
            ),
            ChecklistAnswer(
                job_id=job.id,
                asset_id=unit,
                template_id=FORKLIFT_QUARTERLY.id,
                item_key="fork_wear",
                value=wear,
                answered_at=OCTOBER,
            ),
            PartUsage(
                job_id=job.id,
                asset_id=unit,
                part_id=PAD,
                quantity=Decimal(1),
                unit_price=42000,
                coverage=Coverage.CHARGED,
                technician=colleague,
                serial_out=f"OLD-{position}",
                serial_in=f"NEW-{position}",
                used_at=OCTOBER,
            ),
        )
    return job


def summaries(device: Any) -> dict[str, AssetVisit]:
    cursor = device.store.db.execute("SELECT * FROM asset_visits")
    names = [c[0] for c in cursor.description]
    visits = [from_row(AssetVisit, dict(zip(names, row, strict=True))) for row in cursor]
    return {f"{v.visit_job_id}:{v.asset_id}": v for v in visits}


def fleet_of(server: Server, technician: str) -> Job:
    with read_transaction(server.engine) as conn:
        found = store.load(conn, "jobs", rekeyed(technician, "job:fleet"))
    assert found is not None
    return from_row(Job, found.data)


def test_pull_brings_the_earlier_visits_of_my_units_only(
    server: Server, device_factory: Any
) -> None:
    a, b = server.technician(), server.technician()
    server.dispatch_demo(a)
    server.dispatch_demo(b)
    fleet = fleet_of(server, a)
    truck1, truck2 = rekeyed(a, "asset:truck1"), rekeyed(a, "asset:truck2")
    bs_truck = rekeyed(b, "asset:truck1")
    october = colleague_job(server, b, fleet, [truck1, bs_truck], number=f"HB-{b[:6]}-1")
    unfinished = colleague_job(
        server, b, fleet, [truck1], number=f"HB-{b[:6]}-2", status=JobStatus.ON_SITE
    )
    unrelated = colleague_job(server, b, fleet_of(server, b), [bs_truck], number=f"HB-{b[:6]}-3")

    device = device_factory(server, a)
    device.sync()

    found = summaries(device)
    assert sorted(found) == [f"{october.id}:{truck1}"]
    visit = found[f"{october.id}:{truck1}"]
    assert (visit.job_number, visit.technician, visit.hour_meter) == (october.number, b, 2100)
    assert [(r.item_key, r.value) for r in visit.readings] == [("fork_wear", "5")]
    assert [(p.part_number, p.serial_out, p.serial_in) for p in visit.parts] == [
        ("FL-BRK-PAD", "OLD-0", "NEW-0")
    ]
    # None of B's jobs, or anything hanging off them, is on A's device.
    local = device.store.db
    for job in (october, unfinished, unrelated):
        for table in ("jobs", "job_assets", "checklist_answers", "part_usage"):
            column = "id" if table == "jobs" else "job_id"
            count = local.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", [job.id])
            assert count.fetchone()[0] == 0, (table, job.number)
    assert local.execute("SELECT count(*) FROM assets WHERE id = ?", [bs_truck]).fetchone()[0] == 0
    assert "private note" not in str(visit)
    # The job view's history reads it offline, next to A's own records.
    history = previous_visits(device.store, truck1, current_job_id=fleet.id)
    assert [v.job_number for v in history] == [october.number]
    assert previous_visits(device.store, truck2, current_job_id=fleet.id) == []

    # A later correction at head office reaches A on the next sync.
    with read_transaction(server.engine) as conn:
        rows = dispatch.records_visible_to(conn, b)
    answer = next(
        from_row(ChecklistAnswer, row)
        for (table, _id), row in rows.items()
        if table == "checklist_answers"
        and row["job_id"] == october.id
        and row["asset_id"] == truck1
    )
    put(server, ChecklistAnswer(**{**answer.__dict__, "value": "6"}))
    device.sync()
    assert last_readings(device.store, truck1, current_job_id=fleet.id)["fork_wear"].value == "6"


def test_a_unit_granted_later_brings_its_history(server: Server, device_factory: Any) -> None:
    a, b, c = server.technician(), server.technician(), server.technician()
    server.dispatch_demo(a)
    server.dispatch_demo(c)
    fleet = fleet_of(server, a)
    truck1 = rekeyed(a, "asset:truck1")
    october = colleague_job(server, b, fleet, [truck1], number=f"HB-{b[:6]}-4")
    device = device_factory(server, c)
    device.sync()
    assert summaries(device) == {}
    # Head office sends C to truck 1: the history of the unit comes with it, although it
    # was written long before C's cursor.
    visit_for_c = Job(
        number=f"HC-{c[:6]}-1",
        job_type=JobType.REPAIR,
        customer_id=fleet.customer_id,
        site_id=fleet.site_id,
        reported_at=datetime(2026, 11, 28, 1, 0, tzinfo=UTC),
        assignee=c,
        status=JobStatus.ASSIGNED,
    )
    put(server, visit_for_c, JobAsset(job_id=visit_for_c.id, asset_id=truck1))
    device.sync()
    assert sorted(summaries(device)) == [f"{october.id}:{truck1}"]


def test_an_older_device_is_not_sent_summaries(server: Server) -> None:
    a, b = server.technician(), server.technician()
    server.dispatch_demo(a)
    colleague_job(server, b, fleet_of(server, a), [rekeyed(a, "asset:truck1")], number="HB-old")
    versions = {PROTOCOL_HEADER: "1", SCHEMA_HEADER: "4"}
    token = requests.post(
        f"{server.url}/auth/login", json={"user": a, "password": PASSWORD}, headers=versions
    ).json()["access_token"]
    page = requests.get(
        f"{server.url}/sync/pull",
        params={"cursor": 0, "limit": 1000},
        headers={**versions, "Authorization": f"Bearer {token}"},
    ).json()
    assert page["changes"]
    assert all(change["table"] != "asset_visits" for change in page["changes"])
