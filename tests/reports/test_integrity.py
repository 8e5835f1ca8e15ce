"""The content hash: same facts, same hash; any change to what was charged or signed, a new one."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

import pytest

from reports import build_slip_data, slip_content_hash
from reports.integrity import canonical_bytes, short_hash
from tech_app.blobs import BlobStore
from tech_app.checklist import record_answer
from tech_app.records import PartUsage, Signature
from tech_app.records.codec import table_of, to_row
from tech_app.store.local import LocalStore
from tests.reports.helpers import signature_png


def slip_hash(store: LocalStore, job_id: str, blobs: BlobStore, lang: str = "en") -> str:
    return slip_content_hash(build_slip_data(store, job_id, lang, blobs=blobs))


def test_the_same_data_gives_the_same_hash(
    store: LocalStore, blobs: BlobStore, unsigned_heater_in: str
) -> None:
    first = build_slip_data(store, unsigned_heater_in, "en", blobs=blobs)
    again = build_slip_data(store, unsigned_heater_in, "en", blobs=blobs)
    assert first == again
    assert slip_content_hash(first) == slip_content_hash(again)
    assert len(slip_content_hash(first)) == 64
    assert short_hash(slip_content_hash(first)) == slip_content_hash(first)[:12]


def test_language_layout_and_image_bytes_are_not_part_of_the_hash(
    store: LocalStore, blobs: BlobStore, unsigned_heater_in: str
) -> None:
    english = build_slip_data(store, unsigned_heater_in, "en", blobs=blobs)
    chinese = build_slip_data(store, unsigned_heater_in, "zh_TW", blobs=blobs)
    without_image = build_slip_data(store, unsigned_heater_in, "en")  # no blob store
    assert english.signature is not None and english.signature.image is not None
    assert without_image.signature is not None and without_image.signature.image is None
    assert slip_content_hash(english) == slip_content_hash(chinese)
    assert slip_content_hash(english) == slip_content_hash(without_image)
    assert b"zh_TW" not in canonical_bytes(chinese)


def _usage(store: LocalStore, job_id: str, number: str) -> PartUsage:
    (usage,) = [
        u
        for u in store.select(PartUsage, "job_id = ?", [job_id])
        if store.db.execute("SELECT number FROM parts WHERE id = ?", [u.part_id]).fetchone()[0]
        == number
    ]
    return usage


def _tamper(store: LocalStore, changed: object) -> None:
    """Edit an evidence row in the file itself: the store refuses to (insert-only rows),
    which is exactly when a changed hash is what gives the tampering away."""
    row = {k: int(v) if isinstance(v, bool) else v for k, v in to_row(changed).items()}
    store.db[table_of(changed)].update(row["id"], row)


def change_quantity(store: LocalStore, blobs: BlobStore, job_id: str) -> None:
    _tamper(store, dataclasses.replace(_usage(store, job_id, "SH-FIT-20"), quantity=Decimal(3)))


def change_unit_price(store: LocalStore, blobs: BlobStore, job_id: str) -> None:
    _tamper(store, dataclasses.replace(_usage(store, job_id, "SH-FIT-20"), unit_price=1900))


def change_coverage(store: LocalStore, blobs: BlobStore, job_id: str) -> None:
    usage = _usage(store, job_id, "SH-FIT-20")
    _tamper(store, dataclasses.replace(usage, coverage="warranty"))


def change_signature_image(store: LocalStore, blobs: BlobStore, job_id: str) -> None:
    (signature,) = store.select(Signature, "job_id = ?", [job_id])
    _tamper(store, dataclasses.replace(signature, image_sha256=blobs.put(signature_png(9))))


def change_signer(store: LocalStore, blobs: BlobStore, job_id: str) -> None:
    (signature,) = store.select(Signature, "job_id = ?", [job_id])
    _tamper(store, dataclasses.replace(signature, signer_name="王建军"))


def change_answer(store: LocalStore, blobs: BlobStore, job_id: str) -> None:
    record_answer(store, job_id, "water_pressure", "0.45")


@pytest.mark.parametrize(
    "change",
    [
        change_quantity,
        change_unit_price,
        change_coverage,
        change_signature_image,
        change_signer,
        change_answer,
    ],
)
def test_each_kind_of_change_gives_a_new_hash(
    store: LocalStore,
    blobs: BlobStore,
    unsigned_heater_in: str,
    change: Callable[[LocalStore, BlobStore, str], None],
) -> None:
    before = slip_hash(store, unsigned_heater_in, blobs)
    change(store, blobs, unsigned_heater_in)
    assert slip_hash(store, unsigned_heater_in, blobs) != before


def test_floats_have_no_canonical_form() -> None:
    @dataclasses.dataclass(frozen=True)
    class Bad:
        amount: float

    with pytest.raises(TypeError):
        canonical_bytes(Bad(1.5))
