"""A slip signed on paper: printed unsigned, signed by hand, recorded, and the job frozen.

The same sign-off rules as the pad (required answers, consent, payment, frozen after);
the signature row says ``on_paper`` and carries no image; a photo of the signed paper,
when one was taken, is a photo of the job saved in the same step.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest

from tech_app.blobs import BlobStore
from tech_app.errors import ConsentError, FrozenJobError, Invalid, ValidationError
from tech_app.records import Job, Photo, Signature
from tech_app.signoff import PAPER_COPY_PHOTO, record_consent, sign_on_paper
from tech_app.store.local import LocalStore
from tech_app.vocab import JobStatus
from tests.tech_app.test_consent import HEATER, T0, answer_checklist, on_site_with_fitting, work

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4
DONE = T0 + timedelta(hours=3)


@pytest.fixture
def heater(demo_store: LocalStore) -> LocalStore:
    on_site_with_fitting(demo_store)
    work(demo_store, 114)
    return demo_store


def paper(store: LocalStore, tmp_path: Path, **kwargs: object) -> Signature:
    options: dict[str, object] = {
        "signer_name": "Emily Carter",
        "signed_at": DONE - timedelta(minutes=5),
        "now": DONE,
    }
    options.update(kwargs)
    return sign_on_paper(store, BlobStore(tmp_path / "blobs"), HEATER, **options)  # type: ignore[arg-type]


def test_a_paper_signature_signs_and_freezes_the_job(heater: LocalStore, tmp_path: Path) -> None:
    record_consent(heater, HEATER, "Emily Carter", planned_minutes=114, now=T0)
    answer_checklist(heater)
    signature = paper(heater, tmp_path, photo=JPEG, payment_method="cash")
    assert signature.on_paper and signature.image_sha256 == ""
    assert signature.signed_at == DONE - timedelta(minutes=5)
    job = heater.get(Job, HEATER)
    assert job.status is JobStatus.SIGNED
    assert job.receipt_number  # paid like a pad signature
    (photo,) = heater.select(Photo, "job_id = ?", [HEATER])
    assert signature.paper_photo_id == photo.id and photo.item_key == PAPER_COPY_PHOTO
    assert BlobStore(tmp_path / "blobs").get(photo.sha256) == JPEG
    with pytest.raises(FrozenJobError):
        heater.save(dataclasses.replace(job, findings="changed after signing"))
    # One outbox mutation per row, like every local write: it syncs like a pad signature.
    tables = [r[0] for r in heater.db.execute("SELECT table_name FROM outbox ORDER BY mutation_id")]
    # the photo, completed, the receipt number, the signature, signed
    assert tables[-5:] == ["photos", "jobs", "jobs", "signatures", "jobs"]


def test_without_a_photo_no_photo_is_kept(heater: LocalStore, tmp_path: Path) -> None:
    record_consent(heater, HEATER, "Emily Carter", planned_minutes=114, now=T0)
    answer_checklist(heater)
    signature = paper(heater, tmp_path)
    assert signature.paper_photo_id is None
    assert heater.select(Photo, "job_id = ?", [HEATER]) == []


def test_the_same_consent_rule_as_the_pad(heater: LocalStore, tmp_path: Path) -> None:
    answer_checklist(heater)
    with pytest.raises(ConsentError):
        paper(heater, tmp_path, photo=JPEG)
    assert heater.select(Signature, "job_id = ?", [HEATER]) == []
    assert heater.select(Photo, "job_id = ?", [HEATER]) == []  # nothing half recorded


def test_the_same_required_answers_as_the_pad(heater: LocalStore, tmp_path: Path) -> None:
    record_consent(heater, HEATER, "Emily Carter", planned_minutes=114, now=T0)
    with pytest.raises(ValidationError) as caught:
        paper(heater, tmp_path, photo=JPEG)
    assert caught.value.code is Invalid.UNANSWERED
    assert heater.select(Signature, "job_id = ?", [HEATER]) == []
    assert heater.select(Photo, "job_id = ?", [HEATER]) == []
    assert heater.get(Job, HEATER).status is JobStatus.ON_SITE


def test_a_paper_cannot_be_signed_later_than_now(heater: LocalStore, tmp_path: Path) -> None:
    record_consent(heater, HEATER, "Emily Carter", planned_minutes=114, now=T0)
    answer_checklist(heater)
    with pytest.raises(ValidationError) as caught:
        paper(heater, tmp_path, signed_at=DONE + timedelta(hours=1))
    assert caught.value.code is Invalid.IN_FUTURE


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"on_paper": True, "image_sha256": "a" * 64}, "signature.image_sha256"),
        ({"on_paper": False, "image_sha256": ""}, "signature.image_sha256"),
        (
            {"on_paper": False, "image_sha256": "a" * 64, "paper_photo_id": "x" * 8},
            "signature.paper_photo_id",
        ),
    ],
)
def test_a_signature_is_either_drawn_or_on_paper(fields: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Signature(job_id=HEATER, signer_name="Emily Carter", signed_at=T0, **fields)  # type: ignore[arg-type]
    assert caught.value.field == field
