"""A unit repaired again inside its last repair's promise is flagged on the new job."""

from __future__ import annotations

import json
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from tech_app import review_notes
from tech_app.demo import PARTS, demo_id
from tech_app.records import Job, JobAsset, PartUsage
from tech_app.records.codec import table_of, to_row
from tech_app.review_notes import NoteCode
from tests.sync.conftest import Server
from tests.sync.office_api import at, office_session, put, record
from tests.sync.test_follow_ups import finished, home


def send(office: Any, server: Server, *records: object) -> None:
    """Dispatch through the API, as the office screens do."""
    for item in records:
        row = json.loads(json.dumps(to_row(item), ensure_ascii=False))
        answer = office.post(
            f"{server.url}/office/records", json={"table": table_of(item), "row": row}
        )
        assert answer.status_code == 200, answer.text


def new_repair(asset: Any, reported_day: date, job_type: str = "repair", **extra: Any) -> Job:
    return Job(
        number=f"R-{uuid.uuid4().hex[:10]}",
        job_type=job_type,  # type: ignore[arg-type]
        customer_id=asset.customer_id,
        site_id=asset.site_id,
        problem="又打不着火了 Will not light again",
        reported_at=at(reported_day, 9),
        **extra,
    )


def test_the_same_unit_again_inside_the_promise_is_flagged_replace_unit(
    server: Server, device_factory: Any
) -> None:
    office, stove, other = office_session(server), home(server), home(server)
    put(server, PARTS)
    first = finished(
        server, stove, "repair", at(date(2025, 3, 10), 9), at(date(2025, 3, 10), 15), assignee=""
    )
    # The first repair fitted an ignition needle: 12 months of its own.
    put(
        server,
        [
            PartUsage(
                job_id=first.id,
                asset_id=stove.id,
                part_id=demo_id("part:ST-IGN-01"),
                quantity=Decimal(1),
                unit_price=2500,
                coverage="charged",  # type: ignore[arg-type]
                technician="liu",
                used_at=at(date(2025, 3, 10), 14),
            )
        ],
    )
    technician = server.technician()
    again = new_repair(stove, date(2025, 5, 2), assignee=technician, status="assigned")
    elsewhere = new_repair(other, date(2025, 5, 2))
    too_late = new_repair(stove, date(2026, 3, 10))
    service = new_repair(stove, date(2025, 5, 2), job_type="maintenance")
    for job, asset in ((again, stove), (elsewhere, other), (too_late, stove), (service, stove)):
        send(office, server, job, JobAsset(job_id=job.id, asset_id=asset.id))

    flagged = record(server, Job, again.id).flagged
    assert review_notes.read(flagged) == (
        review_notes.note(
            NoteCode.RECURRING_FAULT,
            serial=stove.serial,
            earlier_job=first.number,
            technician="",  # the earlier repair was nobody's job: head office's own
            repaired_on="2025-03-10",
            promised_until="2026-03-09",
        ),
    )
    for job in (elsewhere, too_late, service):
        assert record(server, Job, job.id).flagged == ""
    # Linking the unit again changes nothing: the job is flagged once.
    send(office, server, JobAsset(job_id=again.id, asset_id=stove.id, position=1))
    assert record(server, Job, again.id).flagged == flagged
    # The technician sees the flag on the job before setting off.
    device = device_factory(server, technician)
    assert device.sync().ok
    assert device.store.get(Job, again.id).flagged == flagged


def test_a_repair_without_parts_is_promised_three_months(server: Server) -> None:
    office, stove = office_session(server), home(server)
    first = finished(server, stove, "repair", at(date(2025, 3, 10), 9), at(date(2025, 3, 10), 15))
    inside = new_repair(stove, date(2025, 6, 7))
    outside = new_repair(stove, date(2025, 6, 8))
    for job in (inside, outside):
        send(office, server, job, JobAsset(job_id=job.id, asset_id=stove.id))
    (note,) = review_notes.read(record(server, Job, inside.id).flagged)
    assert note.code is NoteCode.RECURRING_FAULT and note.values["earlier_job"] == first.number
    assert record(server, Job, outside.id).flagged == ""
