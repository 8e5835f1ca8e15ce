"""Demo jobs driven through the core API, as a technician would, for the report tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tech_app.blobs import BlobStore
from tech_app.checklist import record_answer
from tech_app.demo import CHINA, demo_id, load_demo
from tech_app.lifecycle import change_status
from tech_app.records import Job, Signature
from tech_app.signoff import record_consent, sign_job
from tech_app.store import open_store
from tech_app.store.local import LocalStore
from tech_app.timesheet import start_timer, stop_timer
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage, TimeKind
from tests.reports.helpers import signature_png

DEMO_DAY = date(2026, 11, 28)
TECH = "liu"
COMPANY = "AnXin Home Service"
HEATER_IN = demo_id("job:heater-in")
HEATER_OUT = demo_id("job:heater-out")
STOVE = demo_id("job:stove")
FLEET = demo_id("job:fleet")


def at(hour: int, minute: int = 0, day: date = DEMO_DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    s = open_store(tmp_path / "db.sqlite3")
    load_demo(s, DEMO_DAY)  # the demo company's settings name it and give its hotline
    yield s
    s.close()


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs")


def work(store: LocalStore, job_id: str, start: datetime, travel: int, labour: int) -> datetime:
    """Drive there, work, stop the clock; returns when the work ended."""
    change_status(store, job_id, "en_route", now=start)
    start_timer(store, job_id, TimeKind.TRAVEL, TECH, now=start)
    arrived = start + timedelta(minutes=travel)
    change_status(store, job_id, "on_site", now=arrived)
    start_timer(store, job_id, TimeKind.LABOUR, TECH, now=arrived)
    end = arrived + timedelta(minutes=labour)
    stop_timer(store, job_id, now=end)
    return end


def write_up(store: LocalStore, job_id: str, findings: str, work_done: str) -> None:
    job = store.get(Job, job_id)
    store.save(dataclasses.replace(job, findings=findings, work_done=work_done))


def heater_in_on_site(store: LocalStore, blobs: BlobStore) -> datetime:
    """王建国's heater: in warranty, a cracked tube (warranty) and two fittings (charged)."""
    end = work(store, HEATER_IN, at(8, 20), travel=35, labour=70)
    for key, value in (
        ("tank_leak", "yes"),
        ("tubes_intact", "no"),
        ("water_pressure", "0.72"),
        ("water_temp", "58"),
        ("cause", "quality"),
    ):
        record_answer(store, HEATER_IN, key, value, now=end)
    record_part_usage(store, HEATER_IN, "SH-TUBE-58", 1, Coverage.WARRANTY, TECH, now=end)
    record_part_usage(
        store, HEATER_IN, "SH-FIT-20", 2, Coverage.CHARGED, TECH, now=end + timedelta(minutes=1)
    )
    # The fittings are charged: the customer agrees to them before signing.
    record_consent(store, HEATER_IN, "王建国", planned_minutes=0, now=end + timedelta(minutes=2))
    write_up(store, HEATER_IN, "集热管破裂，水箱底部漏水。", "更换集热管 1 支，更换管件 2 个。")
    return end


@pytest.fixture
def signed_heater_in(store: LocalStore, blobs: BlobStore) -> str:
    end = heater_in_on_site(store, blobs)
    sign_job(
        store,
        blobs,
        HEATER_IN,
        signer_name="王建国",
        signature_png=signature_png(1),
        rating=5,
        comment="很满意",
        now=end + timedelta(minutes=5),
    )
    return HEATER_IN


@pytest.fixture
def unsigned_heater_in(store: LocalStore, blobs: BlobStore) -> str:
    """Worked and signed on the pad, but not yet frozen: every fact can still change."""
    end = heater_in_on_site(store, blobs)
    store.save(
        Signature(
            job_id=HEATER_IN,
            signer_name="王建国",
            signed_at=end,
            image_sha256=blobs.put(signature_png(1)),
            rating=5,
        )
    )
    return HEATER_IN


@pytest.fixture
def signed_heater_out(store: LocalStore, blobs: BlobStore) -> str:
    """Emily Carter's heater, out of warranty: parts picked, estimate agreed, then repaired."""
    change_status(store, HEATER_OUT, "en_route", now=at(10, 30))
    start_timer(store, HEATER_OUT, TimeKind.TRAVEL, TECH, now=at(10, 30))
    change_status(store, HEATER_OUT, "on_site", now=at(10, 55))
    start_timer(store, HEATER_OUT, TimeKind.LABOUR, TECH, now=at(10, 55))
    for key, value in (("tank_leak", "no"), ("tubes_intact", "yes"), ("water_pressure", "0.35")):
        record_answer(store, HEATER_OUT, key, value, now=at(11, 0))
    record_part_usage(store, HEATER_OUT, "SH-FIT-20", 2, Coverage.CHARGED, TECH, now=at(11, 5))
    record_part_usage(store, HEATER_OUT, "SH-VALVE", 1, Coverage.CHARGED, TECH, now=at(11, 6))
    record_consent(store, HEATER_OUT, "Emily Carter", planned_minutes=60, now=at(11, 10))
    stop_timer(store, HEATER_OUT, now=at(11, 50))
    write_up(
        store,
        HEATER_OUT,
        "Fitting cracked by frost; valve sticks open.",
        "Replaced two fittings and the electric valve.",
    )
    sign_job(
        store,
        blobs,
        HEATER_OUT,
        signer_name="Emily Carter",
        signature_png=signature_png(2),
        rating=4,
        now=at(11, 55),
    )
    return HEATER_OUT


FLEET_DAY = DEMO_DAY + timedelta(days=1)
# truck -> (hour meter, fork heel wear %): truck 3's forks are past the 10 % limit.
FLEET_READINGS = {
    1: ("1968", "4"),
    2: ("2131", "6"),
    3: ("2287", "12"),
    4: ("2402", "5"),
    5: ("2555", "7"),
    6: ("2731", "3"),
}


@pytest.fixture
def signed_fleet(store: LocalStore, blobs: BlobStore) -> str:
    end = work(store, FLEET, at(8, 0, FLEET_DAY), travel=40, labour=300)
    for truck, (meter, wear) in FLEET_READINGS.items():
        asset = demo_id(f"asset:truck{truck}")
        for key, value in (
            ("hour_meter", meter),
            ("hydraulic_oil", "yes"),
            ("fork_wear", wear),
            ("brake_test", "pass"),
            ("tyre_tread", "12"),
        ):
            record_answer(store, FLEET, key, value, asset_id=asset, now=end)
    record_answer(
        store,
        FLEET,
        "recommendation",
        "Replace the fork pair.",
        asset_id=demo_id("asset:truck3"),
        now=end,
    )
    sign_job(
        store,
        blobs,
        FLEET,
        signer_name="周强",
        signature_png=signature_png(3),
        rating=4,
        now=end + timedelta(minutes=10),
    )
    return FLEET
