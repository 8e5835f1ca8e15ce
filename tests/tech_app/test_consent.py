"""Consent is enforced in the core: a charged job is not signed without the customer's
consent to its price, and a bill past the consented estimate needs consent again.

The numbers are issue 11's: the out-of-warranty heater's estimate ¥334.48 (call-out
¥50, a ¥18 fitting, 114 min at ¥120/h, 13% VAT) and a final bill of ¥345.78 (5 more
minutes).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tech_app.blobs import BlobStore
from tech_app.charges import job_charges
from tech_app.demo import DEMO_SETTINGS, demo_id
from tech_app.errors import ConsentError
from tech_app.lifecycle import change_status
from tech_app.records import Job, Signature
from tech_app.rules.consent import allowed_total, check_consent
from tech_app.signoff import record_consent, sign_job
from tech_app.store.local import LocalStore
from tech_app.timesheet import start_timer, stop_timer
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage, JobStatus

T0 = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
HEATER = demo_id("job:heater-out")


def on_site_with_fitting(store: LocalStore) -> None:
    change_status(store, HEATER, "en_route", now=T0 - timedelta(minutes=30))
    change_status(store, HEATER, "on_site", now=T0)
    record_part_usage(store, HEATER, "SH-FIT-20", 1, Coverage.CHARGED, "liu", now=T0)


def work(store: LocalStore, minutes: int) -> None:
    start_timer(store, HEATER, "labour", "liu", now=T0)
    stop_timer(store, HEATER, now=T0 + timedelta(minutes=minutes))


def complete(store: LocalStore) -> None:
    change_status(store, HEATER, "completed", now=T0 + timedelta(hours=3))


def sign(store: LocalStore, tmp_path: Path) -> Signature:
    return sign_job(
        store,
        BlobStore(tmp_path / "blobs"),
        HEATER,
        signer_name="Emily Carter",
        signature_png=PNG,
        now=T0 + timedelta(hours=3),
    )


@pytest.fixture
def heater(demo_store: LocalStore) -> LocalStore:
    on_site_with_fitting(demo_store)
    return demo_store


def answer_checklist(store: LocalStore) -> None:
    from tech_app.checklist import checklists_of, record_answer

    for part in checklists_of(store, HEATER):
        for item in part.template.items:
            if item.required:
                value = {"yes_no": "yes", "number": "1", "choice": None, "text": "ok"}[
                    item.kind.value
                ]
                if value is None:
                    value = item.choices[0]
                if item.kind.value == "photo":
                    continue
                record_answer(store, HEATER, item.key, value, asset_id=part.asset_id)


def test_a_charged_job_cannot_be_signed_without_consent(heater: LocalStore, tmp_path: Path) -> None:
    work(heater, 114)
    answer_checklist(heater)
    with pytest.raises(ConsentError) as caught:
        sign(heater, tmp_path)
    assert caught.value.code == "consent_missing"
    assert caught.value.params == {"bill_total": 33448}
    assert heater.select(Signature, "job_id = ?", [HEATER]) == []
    assert heater.get(Job, HEATER).status is JobStatus.ON_SITE


def test_consent_to_the_estimate_then_signing(heater: LocalStore, tmp_path: Path) -> None:
    consent = record_consent(heater, HEATER, "Emily Carter", planned_minutes=114, now=T0)
    assert (consent.consented_by, consent.consented_at) == ("Emily Carter", T0)
    work(heater, 114)
    answer_checklist(heater)
    assert job_charges(heater, HEATER).total == 33448
    sign(heater, tmp_path)
    assert heater.get(Job, HEATER).status is JobStatus.SIGNED


def test_a_bill_past_the_consented_estimate_needs_consent_again(
    heater: LocalStore, tmp_path: Path
) -> None:
    record_consent(heater, HEATER, "Emily Carter", planned_minutes=114, now=T0)
    work(heater, 119)
    answer_checklist(heater)
    with pytest.raises(ConsentError) as caught:
        sign(heater, tmp_path)
    assert caught.value.code == "consent_exceeded"
    assert caught.value.params == {
        "bill_total": 34578,
        "consented_total": 33448,
        "allowed_total": 33448,
    }
    # The customer is shown the bill as it stands and agrees again.
    record_consent(heater, HEATER, "Emily Carter", None, now=T0 + timedelta(hours=2))
    sign(heater, tmp_path)
    assert heater.get(Job, HEATER).status is JobStatus.SIGNED


def test_the_margin_is_a_company_setting(heater: LocalStore, tmp_path: Path) -> None:
    heater.save(dataclasses.replace(DEMO_SETTINGS, consent_margin=Decimal("0.05")))
    record_consent(heater, HEATER, "Emily Carter", planned_minutes=114, now=T0)
    work(heater, 119)  # ¥345.78 is within 5% of ¥334.48 (up to ¥351.20)
    answer_checklist(heater)
    sign(heater, tmp_path)
    assert heater.get(Job, HEATER).status is JobStatus.SIGNED


def test_the_status_step_to_signed_checks_consent_too(heater: LocalStore, tmp_path: Path) -> None:
    """A signature row saved some other way does not let the job go to signed."""
    work(heater, 30)
    answer_checklist(heater)
    complete(heater)
    blobs = BlobStore(tmp_path / "blobs")
    heater.save(
        Signature(
            job_id=HEATER,
            signer_name="Emily Carter",
            signed_at=T0 + timedelta(hours=3),
            image_sha256=blobs.put(PNG),
        )
    )
    with pytest.raises(ConsentError):
        change_status(heater, HEATER, JobStatus.SIGNED, now=T0 + timedelta(hours=3))
    assert heater.get(Job, HEATER).status is JobStatus.COMPLETED


def test_a_free_job_needs_no_consent(demo_store: LocalStore, tmp_path: Path) -> None:
    guidance = demo_id("job:guidance")
    change_status(demo_store, guidance, "en_route", now=T0)
    change_status(demo_store, guidance, "on_site", now=T0)
    assert job_charges(demo_store, guidance).total == 0
    sign_job(
        demo_store,
        BlobStore(tmp_path / "blobs"),
        guidance,
        signer_name="李梅",
        signature_png=PNG,
        now=T0 + timedelta(minutes=10),
    )
    assert demo_store.get(Job, guidance).status is JobStatus.SIGNED


@pytest.mark.parametrize(
    ("bill", "consented", "margin", "code"),
    [
        (0, None, Decimal(0), None),
        (5650, None, Decimal(0), "consent_missing"),
        (33448, 33448, Decimal(0), None),
        (34578, 33448, Decimal(0), "consent_exceeded"),
        (34578, 33448, Decimal("0.05"), None),
        (35121, 33448, Decimal("0.05"), "consent_exceeded"),  # 5% of 33448 is 35120.4
        (30000, 33448, Decimal(0), None),
    ],
)
def test_check_consent(bill: int, consented: int | None, margin: Decimal, code: str | None) -> None:
    if code is None:
        check_consent(bill, consented, margin)
    else:
        with pytest.raises(ConsentError) as caught:
            check_consent(bill, consented, margin)
        assert caught.value.code == code


def test_the_allowed_total_is_rounded_down() -> None:
    assert allowed_total(33448, Decimal("0.05")) == 35120
