"""Receipt numbers: gapless per device, offline, taken only by a signature that happens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tech_app.blobs import BlobStore
from tech_app.demo import demo_id
from tech_app.errors import ConsentError, ValidationError
from tech_app.lifecycle import change_status
from tech_app.receipts import device_code
from tech_app.records import Job
from tech_app.signoff import record_consent, sign_job
from tech_app.store.local import LocalStore
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage, PaymentMethod

T0 = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
STOVE, GUIDANCE, HEATER = (demo_id(f"job:{k}") for k in ("stove", "guidance", "heater-out"))


def on_site(store: LocalStore, job_id: str) -> None:
    change_status(store, job_id, "en_route", now=T0)
    change_status(store, job_id, "on_site", now=T0)
    from tech_app.checklist import checklists_of, record_answer

    for part in checklists_of(store, job_id):
        for item in part.template.items:
            if item.required and item.kind.value != "photo":
                value = {"yes_no": "yes", "number": "1", "text": "ok"}.get(item.kind.value)
                record_answer(
                    store, job_id, item.key, value or item.choices[0], asset_id=part.asset_id
                )


def sign(store: LocalStore, tmp_path: Path, job_id: str, method: str | None = None) -> Job:
    sign_job(
        store,
        BlobStore(tmp_path / "blobs"),
        job_id,
        signer_name="customer",
        signature_png=PNG,
        payment_method=method,
        now=T0 + timedelta(hours=1),
    )
    return store.get(Job, job_id)


def test_numbers_run_without_gaps_and_a_refused_signature_takes_none(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    code = device_code(demo_store)
    assert len(code) == 6 and code == device_code(demo_store)  # fixed once chosen
    for job_id in (STOVE, HEATER):
        on_site(demo_store, job_id)
        record_part_usage(demo_store, job_id, "BAT-D", 1, Coverage.CHARGED, "liu")
    with pytest.raises(ConsentError):  # refused: no receipt number is used up
        sign(demo_store, tmp_path, STOVE, PaymentMethod.CASH)
    with pytest.raises(ValidationError) as bad:
        record_consent(demo_store, STOVE, "李梅", None)
        sign(demo_store, tmp_path, STOVE, "bitcoin")
    assert bad.value.field == "job.payment_method"
    assert demo_store.get(Job, STOVE).receipt_number == ""
    stove = sign(demo_store, tmp_path, STOVE, PaymentMethod.WECHAT)
    record_consent(demo_store, HEATER, "Emily Carter", None)
    heater = sign(demo_store, tmp_path, HEATER, "cash")
    assert stove.receipt_number == f"AX-{code}-000001"
    assert heater.receipt_number == f"AX-{code}-000002"
    assert (stove.payment_method, heater.payment_method) == (
        PaymentMethod.WECHAT,
        PaymentMethod.CASH,
    )


def test_a_free_job_gets_no_receipt(demo_store: LocalStore, tmp_path: Path) -> None:
    on_site(demo_store, GUIDANCE)
    job = sign(demo_store, tmp_path, GUIDANCE)
    assert job.receipt_number == "" and job.payment_method is None
