"""One visit, many units: progress unit by unit, the hour meter per unit, one signature."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tech_app.blobs import BlobStore
from tech_app.checklist import record_answer, visit_progress
from tech_app.errors import TransitionError
from tech_app.lifecycle import change_status
from tech_app.records import Job, JobAsset, Signature
from tech_app.signoff import sign_job
from tech_app.store.local import LocalStore
from tech_app.vocab import JobStatus
from tests.tech_app.fleet_history import FLEET_JOB, GOOD_ANSWERS, TRUCKS

NOW = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def finish_truck(store: LocalStore, truck: str, hours: int) -> None:
    for key, value in {**GOOD_ANSWERS, "hour_meter": str(hours)}.items():
        record_answer(store, FLEET_JOB, key, value, asset_id=truck, now=NOW)


def on_site(store: LocalStore) -> None:
    change_status(store, FLEET_JOB, JobStatus.EN_ROUTE, now=NOW)
    change_status(store, FLEET_JOB, JobStatus.ON_SITE, now=NOW)


def test_progress_counts_the_units_whose_checklist_is_complete(demo_store: LocalStore) -> None:
    start = visit_progress(demo_store, FLEET_JOB)
    assert (start.done, start.total) == (0, 6)
    for n, truck in enumerate(TRUCKS[:4]):
        finish_truck(demo_store, truck, 2000 + n)
    # A truck with some answers but not all required ones is not done.
    record_answer(demo_store, FLEET_JOB, "hour_meter", "2100", asset_id=TRUCKS[4], now=NOW)
    progress = visit_progress(demo_store, FLEET_JOB)
    assert (progress.done, progress.total) == (4, 6)
    assert [u.asset_id for u in progress.units] == TRUCKS
    assert [u.done for u in progress.units] == [True] * 4 + [False] * 2
    assert progress.units[4].missing == 3
    assert progress.units[5].missing == 4


def test_hour_meter_is_recorded_per_unit(demo_store: LocalStore) -> None:
    finish_truck(demo_store, TRUCKS[0], 2310)
    finish_truck(demo_store, TRUCKS[1], 2475)
    meters = {
        link.asset_id: link.hour_meter
        for link in demo_store.select(JobAsset, "job_id = ?", [FLEET_JOB])
    }
    assert meters[TRUCKS[0]] == 2310
    assert meters[TRUCKS[1]] == 2475
    assert meters[TRUCKS[2]] is None
    assert [u.hour_meter for u in visit_progress(demo_store, FLEET_JOB).units[:3]] == [
        2310,
        2475,
        None,
    ]


def test_a_fractional_meter_reading_stays_an_answer_but_not_a_meter(
    demo_store: LocalStore,
) -> None:
    record_answer(demo_store, FLEET_JOB, "hour_meter", "2310.5", asset_id=TRUCKS[0], now=NOW)
    link = demo_store.select(JobAsset, "job_id = ? AND asset_id = ?", [FLEET_JOB, TRUCKS[0]])[0]
    assert link.hour_meter is None


def test_the_customer_signs_once_for_the_whole_visit(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    blobs = BlobStore(tmp_path / "blobs")
    on_site(demo_store)
    for truck in TRUCKS[:5]:
        finish_truck(demo_store, truck, 2200)
    with pytest.raises(TransitionError):  # the sixth truck is not done yet
        sign_job(demo_store, blobs, FLEET_JOB, signer_name="周强", signature_png=PNG, now=NOW)
    assert demo_store.select(Signature, "job_id = ?", [FLEET_JOB]) == []
    finish_truck(demo_store, TRUCKS[5], 2200)
    sign_job(demo_store, blobs, FLEET_JOB, signer_name="周强", signature_png=PNG, now=NOW)
    assert len(demo_store.select(Signature, "job_id = ?", [FLEET_JOB])) == 1
    assert demo_store.get(Job, FLEET_JOB).status is JobStatus.SIGNED
    assert visit_progress(demo_store, FLEET_JOB).done == 6
