"""The job's overview is one read that agrees with each rule asked on its own."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from tech_app.coverage import job_warranty
from tech_app.demo import demo_id
from tech_app.errors import NotFoundError
from tech_app.job_flags import FlagCode, job_flags
from tech_app.job_overview import job_overview
from tech_app.job_sla import job_timers
from tech_app.lifecycle import change_status
from tech_app.records import Customer, Job, Site
from tech_app.records.jobs import next_steps
from tech_app.store.local import LocalStore
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage, JobStatus
from tests.conftest import DEMO_DAY

NOW = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)
JOBS = ("heater-in", "heater-out", "fleet", "dispenser", "ring")


@pytest.mark.parametrize("name", JOBS)
def test_the_overview_says_what_each_rule_says(demo_store: LocalStore, name: str) -> None:
    job_id = demo_id(f"job:{name}")
    shown = job_overview(demo_store, job_id, DEMO_DAY, NOW)
    job = demo_store.get(Job, job_id)
    assert shown.job == job
    assert shown.customer == demo_store.get(Customer, job.customer_id)
    assert shown.site == demo_store.get(Site, job.site_id)
    assert {u.asset.id: u.warranty for u in shown.units} == job_warranty(
        demo_store, job_id, DEMO_DAY
    )
    assert shown.flags == job_flags(demo_store, job_id, DEMO_DAY)
    assert shown.timers == job_timers(dataclasses.asdict(job), NOW)
    assert shown.next_steps == next_steps(job.status) and shown.priced


def test_the_overview_follows_the_bill(demo_store: LocalStore) -> None:
    heater_out = demo_id("job:heater-out")
    change_status(demo_store, heater_out, "en_route")
    change_status(demo_store, heater_out, "on_site")
    record_part_usage(demo_store, heater_out, "SH-FIT-20", 1, Coverage.CHARGED, "liu")
    shown = job_overview(demo_store, heater_out, DEMO_DAY, NOW)
    assert [f.code for f in shown.flags] == [FlagCode.CONSENT_MISSING]
    assert JobStatus.COMPLETED in shown.next_steps


def test_a_job_that_is_not_there_is_refused(demo_store: LocalStore) -> None:
    with pytest.raises(NotFoundError):
        job_overview(demo_store, demo_id("job:nowhere"), DEMO_DAY, NOW)
