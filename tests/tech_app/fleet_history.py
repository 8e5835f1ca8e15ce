"""An earlier quarterly visit of the demo fleet, so the current visit has history to compare."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from tech_app.checklist import record_answer
from tech_app.demo import demo_id
from tech_app.demo_templates import FORKLIFT_QUARTERLY
from tech_app.records import Job, JobAsset
from tech_app.store.local import LocalStore
from tech_app.vocab import JobStatus

FLEET_JOB = demo_id("job:fleet")
TRUCKS = [demo_id(f"asset:truck{n}") for n in range(1, 7)]
PREVIOUS_VISIT = datetime(2026, 8, 20, 2, 0, tzinfo=UTC)
# Every truck's readings on the previous visit.
PREVIOUS_READINGS = {"hour_meter": "1950", "fork_wear": "2", "tyre_tread": "18"}
# Answers that complete a truck's checklist (its required items).
GOOD_ANSWERS = {
    "hour_meter": "2300",
    "hydraulic_oil": "yes",
    "fork_wear": "3",
    "brake_test": "pass",
}


def add_previous_visit(
    store: LocalStore,
    *,
    number: str = "SV-260820-01",
    assignee: str = "liu",
    at: datetime = PREVIOUS_VISIT,
) -> Job:
    """A completed visit in August covering all six trucks, with readings for each."""
    fleet = store.get(Job, FLEET_JOB)
    job = store.save(
        dataclasses.replace(
            fleet,
            id=demo_id(f"job:{number}"),
            number=number,
            reported_at=at,
            window_start=None,
            window_end=None,
            assignee=assignee,
            status=JobStatus.COMPLETED,
            on_site_at=at,
            completed_at=at,
            work_done="Quarterly maintenance of 6 trucks",
        )
    )
    for position, truck in enumerate(TRUCKS):
        store.save(
            JobAsset(
                job_id=job.id,
                asset_id=truck,
                template_id=FORKLIFT_QUARTERLY.id,
                position=position,
            )
        )
        for key, value in PREVIOUS_READINGS.items():
            record_answer(store, job.id, key, value, asset_id=truck, now=at)
    return job
