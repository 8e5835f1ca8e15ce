"""A job's bill and coverage come from the rules with the service documents' numbers."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from tech_app.blobs import BlobStore
from tech_app.charges import job_charges
from tech_app.checklist import record_answer
from tech_app.coverage import default_coverage, job_warranty
from tech_app.demo import demo_id
from tech_app.errors import FrozenJobError, ValidationError
from tech_app.lifecycle import change_status
from tech_app.records import Estimate, Job, Part
from tech_app.signoff import record_consent, sign_job
from tech_app.store.local import LocalStore
from tech_app.timesheet import start_timer, stop_timer
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage, JobStatus

DAY = date(2026, 11, 28)
T0 = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
# A real PNG header and enough bytes to look like strokes on the pad.
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def labour(store: LocalStore, job_id: str, minutes: int) -> None:
    start_timer(store, job_id, "labour", "liu", now=T0)
    stop_timer(store, job_id, now=T0 + timedelta(minutes=minutes))


def test_in_warranty_heater_costs_the_customer_nothing(demo_store: LocalStore) -> None:
    job = demo_id("job:heater-in")
    decision = job_warranty(demo_store, job, DAY)[demo_id("asset:heater-in")]
    assert decision is not None and decision.covered
    tube = demo_store.get(Part, demo_id("part:SH-TUBE-58"))
    fitting = demo_store.get(Part, demo_id("part:SH-FIT-20"))
    # Bought 18 months ago: the main unit (3 years) is covered, pipes (1 year) are not.
    assert default_coverage(demo_store, job, None, tube, DAY) is Coverage.WARRANTY
    assert default_coverage(demo_store, job, None, fitting, DAY) is Coverage.CHARGED
    record_part_usage(demo_store, job, "SH-TUBE-58", 2, Coverage.WARRANTY, "liu")
    labour(demo_store, job, 90)
    charges = job_charges(demo_store, job, on_date=DAY)
    assert charges.total == 0
    assert charges.list_subtotal == 2 * 9500 + 18000 + 5000  # parts, 90 min at ¥120/h, call-out


def test_out_of_warranty_heater_is_charged_with_tax(demo_store: LocalStore) -> None:
    job = demo_id("job:heater-out")
    decision = job_warranty(demo_store, job, DAY)[demo_id("asset:heater-out")]
    assert decision is not None and not decision.covered and decision.code == "expired"
    tube = demo_store.get(Part, demo_id("part:SH-TUBE-58"))
    assert default_coverage(demo_store, job, None, tube, DAY) is Coverage.CHARGED
    record_part_usage(demo_store, job, "SH-TUBE-58", 1, Coverage.CHARGED, "liu")
    labour(demo_store, job, 45)
    charges = job_charges(demo_store, job, on_date=DAY)
    subtotal = 9500 + 9000 + 5000  # tube, 45 min at ¥120/h, call-out
    assert charges.subtotal == subtotal
    assert charges.tax == 3055  # 13% of ¥235.00, to the cent
    assert charges.total == subtotal + 3055


def test_fleet_visit_charges_the_contract_fee_per_truck(demo_store: LocalStore) -> None:
    job = demo_id("job:fleet")
    grease = demo_store.get(Part, demo_id("part:FL-GR-1KG"))
    brakes = demo_store.get(Part, demo_id("part:FL-BRK-PAD"))
    assert default_coverage(demo_store, job, None, grease, DAY) is Coverage.CONTRACT
    assert default_coverage(demo_store, job, None, brakes, DAY) is Coverage.CHARGED
    record_part_usage(demo_store, job, "FL-GR-1KG", "1.5", Coverage.CONTRACT, "liu")
    charges = job_charges(demo_store, job, on_date=DAY)
    assert charges.subtotal == 6 * 80000  # ¥800 per truck per visit, grease supplied


def test_consent_keeps_the_estimate_as_shown(demo_store: LocalStore) -> None:
    job = demo_id("job:heater-out")
    record_part_usage(demo_store, job, "SH-FIT-20", 1, Coverage.CHARGED, "liu")
    consent = record_consent(demo_store, job, "Emily Carter", planned_minutes=60, now=T0)
    shown = demo_store.get(Estimate, consent.estimate_id)
    lines = json.loads(shown.breakdown)
    assert shown.total == lines["total"] == (1800 + 12000 + 5000) * 113 // 100
    assert consent.consented_by == "Emily Carter"


def test_signing_freezes_the_job(demo_store: LocalStore, tmp_path: object) -> None:
    job = demo_id("job:stove")
    change_status(demo_store, job, "en_route", now=T0)
    change_status(demo_store, job, "on_site", now=T0 + timedelta(minutes=40))
    for key, value in [
        ("battery_voltage", "1.1"),
        ("battery_polarity", "no"),
        ("gas_leak_test", "yes"),
    ]:
        record_answer(demo_store, job, key, value)
    # The call-out is charged: the customer agrees to it before signing.
    record_consent(demo_store, job, "李梅", planned_minutes=0, now=T0 + timedelta(minutes=45))
    blobs = BlobStore(demo_store.path.parent / "blobs")  # type: ignore[union-attr]
    signature = sign_job(
        demo_store,
        blobs,
        job,
        signer_name="李梅",
        signature_png=PNG,
        rating=5,
        comment="师傅很专业",
        now=T0 + timedelta(hours=1),
    )
    signed = demo_store.get(Job, job)
    assert signed.status is JobStatus.SIGNED
    assert signed.on_site_at == T0 + timedelta(minutes=40)
    assert signed.completed_at == T0 + timedelta(hours=1)
    assert blobs.get(signature.image_sha256) == PNG
    with pytest.raises(FrozenJobError):
        record_answer(demo_store, job, "flame", "blue")


def test_an_empty_signature_is_refused(demo_store: LocalStore) -> None:
    blobs = BlobStore(demo_store.path.parent / "blobs")  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="signature"):
        sign_job(
            demo_store,
            blobs,
            demo_id("job:stove"),
            signer_name="李梅",
            signature_png=b"\x89PNG\r\n\x1a\n",
        )
