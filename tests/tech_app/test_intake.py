"""Jewellery intake: the signed registration form, its counterfoil number, and the piece's steps."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tech_app import intake
from tech_app.blobs import BlobStore
from tech_app.demo import demo_id
from tech_app.errors import FrozenJobError, Invalid, RecordedOnceError, ValidationError
from tech_app.lifecycle import change_status
from tech_app.receipts import NEXT_SETTING, take_receipt_number
from tech_app.records import IntakeForm, IntakeStep, JewelleryIntake, Job
from tech_app.records.intake import INTAKE_STEPS, check_intake_step, step_id
from tech_app.store.local import LocalStore
from tech_app.vocab import IntakeService, IntakeState, Material, VisitMode

T0 = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
RING, STOVE = demo_id("job:ring"), demo_id("job:stove")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(200))

# The demo ring, as seed 001's form asks for it.
FORM: dict[str, Any] = {
    "product": "18K金钻石戒指",
    "material": "gold_18k",
    "stone_size": "0.30",
    "stone_grade": "H / VS1",
    "services": ["resizing", "cleaning", "polishing"],
    "service_note": "改圈口 14→16 号",
    "other_problems": "戒托一爪轻微松动",
}


def form(**changes: Any) -> IntakeForm:
    return IntakeForm(**{**FORM, **changes})


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs")


def handed_in(store: LocalStore, blobs: BlobStore, job_id: str = RING) -> JewelleryIntake:
    return intake.hand_in(
        store, blobs, job_id, form(), signer_name="陈静", signature_png=PNG, now=T0
    )


# -- the form checks itself ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {"stone_size": Decimal("0.30"), "services": ("cleaning", "polishing", "resizing")}),
        ({"stone_size": "０．３０"}, {"stone_size": Decimal("0.30")}),  # full-width digits
        ({"stone_size": "0.5 ct"}, {"stone_size": Decimal("0.5")}),
        ({"stone_size": "1ct"}, {"stone_size": Decimal("1")}),
        ({"stone_size": ""}, {"stone_size": None}),  # a plain gold ring has no stone
        ({"stone_size": None, "stone_grade": ""}, {"stone_size": None}),
        ({"material": Material.PLATINUM}, {"material": Material.PLATINUM}),
        ({"services": ["polishing", "polishing"]}, {"services": ("polishing",)}),
        ({"services": "stone_check"}, {"services": ("stone_check",)}),
        ({"product": "  足金手镯  "}, {"product": "足金手镯"}),
        ({"services": ["other"], "service_note": "刻字 “LOVE”"}, {"service_note": "刻字 “LOVE”"}),
    ],
)
def test_a_form_reads_what_the_counter_typed(
    changes: dict[str, Any], expected: dict[str, Any]
) -> None:
    made = form(**changes)
    for name, value in expected.items():
        assert getattr(made, name) == value, name


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"product": ""}, "product", Invalid.REQUIRED),
        ({"product": "   "}, "product", Invalid.REQUIRED),
        ({"product": "戒" * 121}, "product", Invalid.TOO_LONG),
        ({"material": "wood"}, "material", None),
        ({"stone_size": "abc"}, "stone_size", Invalid.NOT_A_NUMBER),
        ({"stone_size": "0.3 g"}, "stone_size", Invalid.WRONG_UNIT),
        ({"stone_size": "0"}, "stone_size", Invalid.NOT_POSITIVE),
        ({"stone_size": "-0.3"}, "stone_size", Invalid.NOT_POSITIVE),
        ({"stone_size": "250"}, "stone_size", Invalid.TOO_LARGE),
        ({"stone_size": "0.3333"}, "stone_size", Invalid.TOO_MANY_DECIMALS),
        ({"services": []}, "services", Invalid.NO_SERVICE),
        ({"services": ["gilding"]}, "services", Invalid.NOT_A_CHOICE),
        ({"services": ["other"], "service_note": ""}, "service_note", Invalid.REQUIRED),
        ({"stone_grade": "x" * 61}, "stone_grade", Invalid.TOO_LONG),
        ({"other_problems": "bad\x00text"}, "other_problems", None),
    ],
)
def test_a_wrong_value_is_refused_naming_its_field(
    changes: dict[str, Any], field: str, code: Invalid | None
) -> None:
    with pytest.raises(ValidationError) as refused:
        form(**changes)
    assert refused.value.field == f"jewellery_intake.{field}"
    assert refused.value.code == code


# -- handing in ---------------------------------------------------------------------------
def test_hand_in_records_the_signed_form_with_a_counterfoil_number(
    demo_store: LocalStore, blobs: BlobStore
) -> None:
    before = demo_store.pending_count()
    made = handed_in(demo_store, blobs)
    assert demo_store.get(JewelleryIntake, made.id) == made
    assert made.form == form()
    assert made.signer_name == "陈静" and blobs.get(made.signature_sha256) == PNG
    assert made.received_by == "liu"  # the profile's technician took it in
    assert made.counterfoil_number.startswith("AX-") and made.counterfoil_number.endswith(
        "-C000001"
    )
    assert demo_store.pending_count() == before + 1  # one mutation: the form
    status = intake.intake_of(demo_store, RING)
    assert status is not None and status.state is IntakeState.HANDED_IN


def test_counterfoil_numbers_are_gapless_and_a_refused_hand_in_takes_none(
    demo_store: LocalStore, blobs: BlobStore
) -> None:
    # The guidance job is by phone: refused, and the series is not touched.
    with pytest.raises(ValidationError) as refused:
        handed_in(demo_store, blobs, demo_id("job:guidance"))
    assert refused.value.code is Invalid.NOT_COUNTER_JOB
    with pytest.raises(ValidationError) as empty:
        intake.hand_in(demo_store, blobs, RING, form(), signer_name="陈静", signature_png=b"no")
    assert empty.value.code is Invalid.SIGNATURE_MISSING
    with pytest.raises(ValidationError) as unsigned:
        intake.hand_in(demo_store, blobs, RING, form(), signer_name=" ", signature_png=PNG)
    assert unsigned.value.field == "jewellery_intake.signer_name"
    assert intake.intake_of(demo_store, RING) is None
    first = handed_in(demo_store, blobs)
    # A second counter job on the same device takes the next number.
    job = demo_store.get(Job, STOVE)
    demo_store.save(dataclasses.replace(job, visit_mode=VisitMode.COUNTER))
    second = handed_in(demo_store, blobs, STOVE)
    assert first.counterfoil_number.endswith("-C000001")
    assert second.counterfoil_number.endswith("-C000002")
    # Receipts keep their own series.
    assert demo_store.setting(NEXT_SETTING) is None
    receipt = take_receipt_number(demo_store, _settings(demo_store))
    assert receipt.endswith("-000001")


def _settings(store: LocalStore) -> Any:
    from tech_app.company import company_settings

    return company_settings(store)


def test_a_job_takes_one_form_and_not_when_cancelled_or_signed(
    demo_store: LocalStore, blobs: BlobStore
) -> None:
    first = handed_in(demo_store, blobs)
    with pytest.raises(ValidationError) as twice:
        handed_in(demo_store, blobs)
    assert twice.value.code is Invalid.ALREADY_HANDED_IN
    assert twice.value.params["counterfoil"] == first.counterfoil_number
    job = demo_store.get(Job, STOVE)
    demo_store.save(dataclasses.replace(job, visit_mode=VisitMode.COUNTER))
    change_status(demo_store, STOVE, "cancelled", now=T0)
    with pytest.raises(ValidationError) as cancelled:
        handed_in(demo_store, blobs, STOVE)
    assert cancelled.value.code is Invalid.JOB_CANCELLED
    assert demo_store.setting("counterfoil.next") == "2"  # only the first took a number


# -- frozen once signed -------------------------------------------------------------------
@pytest.mark.parametrize(
    "change",
    [
        {"product": "足金手镯"},
        {"services": (IntakeService.CLEANING,)},
        {"stone_size": Decimal("0.5")},
        {"counterfoil_number": "AX-000000-C999999"},
        {"signer_name": "someone else"},
    ],
)
def test_the_signed_form_is_never_edited(
    demo_store: LocalStore, blobs: BlobStore, change: dict[str, Any]
) -> None:
    made = handed_in(demo_store, blobs)
    before = demo_store.pending_count()
    with pytest.raises(RecordedOnceError):
        demo_store.save(dataclasses.replace(made, **change))
    assert demo_store.get(JewelleryIntake, made.id) == made
    assert demo_store.pending_count() == before


def test_a_step_is_recorded_once(demo_store: LocalStore, blobs: BlobStore) -> None:
    handed_in(demo_store, blobs)
    ready = intake.mark_ready(demo_store, RING, now=T0 + timedelta(days=1))
    assert ready.id == step_id(ready.intake_id, IntakeState.READY)
    with pytest.raises(RecordedOnceError):
        demo_store.save(dataclasses.replace(ready, staff="tom"))


# -- the steps ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("current", "wanted", "allowed"),
    [
        (IntakeState.HANDED_IN, IntakeState.READY, True),
        (IntakeState.READY, IntakeState.COLLECTED, True),
        (IntakeState.HANDED_IN, IntakeState.COLLECTED, False),  # not before it is ready
        (IntakeState.HANDED_IN, IntakeState.HANDED_IN, False),
        (IntakeState.READY, IntakeState.READY, False),
        (IntakeState.READY, IntakeState.HANDED_IN, False),
        (IntakeState.COLLECTED, IntakeState.READY, False),
        (IntakeState.COLLECTED, IntakeState.COLLECTED, False),
    ],
)
def test_the_steps_go_one_way(current: IntakeState, wanted: IntakeState, allowed: bool) -> None:
    assert (wanted in INTAKE_STEPS[current]) is allowed
    if allowed:
        check_intake_step(current, wanted)
        return
    with pytest.raises(ValidationError) as refused:
        check_intake_step(current, wanted)
    assert refused.value.code is Invalid.INTAKE_STEP_NOT_ALLOWED
    assert refused.value.params == {"current": current.value, "wanted": wanted.value}


def test_no_step_without_a_form(demo_store: LocalStore) -> None:
    with pytest.raises(ValidationError) as refused:
        intake.mark_ready(demo_store, RING)
    assert refused.value.code is Invalid.NOT_HANDED_IN


def test_collecting_before_ready_is_refused_and_changes_nothing(
    demo_store: LocalStore, blobs: BlobStore
) -> None:
    made = handed_in(demo_store, blobs)
    before = demo_store.pending_count()
    with pytest.raises(ValidationError) as refused:
        intake.collect(demo_store, RING, made.counterfoil_number)
    assert refused.value.code is Invalid.INTAKE_STEP_NOT_ALLOWED
    assert demo_store.pending_count() == before


def _typed_variants(number: str) -> list[str]:
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in number)
    return [
        number,
        number.lower(),
        number.replace("-", " "),
        f"  {number}  ",
        full_width,  # a Chinese input method: ＡＸ－…
        number.replace("-", ""),
    ]


def test_collection_accepts_the_number_as_people_type_it(
    demo_store: LocalStore, blobs: BlobStore
) -> None:
    made = handed_in(demo_store, blobs)
    variants = _typed_variants(made.counterfoil_number)
    assert all(
        intake.normalise_counterfoil(v) == intake.normalise_counterfoil(made.counterfoil_number)
        for v in variants
    )
    intake.mark_ready(demo_store, RING, now=T0 + timedelta(days=1))
    step = intake.collect(demo_store, RING, variants[4], staff="tom", now=T0 + timedelta(days=2))
    assert step.counterfoil_number == made.counterfoil_number and step.staff == "tom"
    status = intake.intake_of(demo_store, RING)
    assert status is not None and status.state is IntakeState.COLLECTED
    assert [s.state for s in status.steps] == [IntakeState.READY, IntakeState.COLLECTED]
    again = intake.find_by_counterfoil(demo_store, variants[1])
    assert again is not None and again.intake.id == made.id


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", Invalid.REQUIRED),
        ("   ", Invalid.REQUIRED),
        ("AX-000000-C000001", Invalid.COUNTERFOIL_MISMATCH),
        ("C000001", Invalid.COUNTERFOIL_MISMATCH),  # the serial alone is not the number
        ("回执联", Invalid.COUNTERFOIL_MISMATCH),
    ],
)
def test_a_wrong_counterfoil_number_is_refused_and_changes_nothing(
    demo_store: LocalStore, blobs: BlobStore, typed: str, code: Invalid
) -> None:
    handed_in(demo_store, blobs)
    intake.mark_ready(demo_store, RING, now=T0 + timedelta(days=1))
    before = demo_store.pending_count()
    with pytest.raises(ValidationError) as refused:
        intake.collect(demo_store, RING, typed)
    assert refused.value.code is code
    assert refused.value.field == "intake_step.counterfoil_number"
    assert demo_store.pending_count() == before
    status = intake.intake_of(demo_store, RING)
    assert status is not None and status.state is IntakeState.READY


def test_a_piece_is_collected_after_the_slip_is_signed(
    demo_store: LocalStore, blobs: BlobStore
) -> None:
    """The customer may sign the slip before the piece is handed back: the job freezes,
    the steps of its piece may still be added, the form may not change."""
    made = handed_in(demo_store, blobs)
    intake.mark_ready(demo_store, RING, now=T0)
    demo_store.db.execute("UPDATE jobs SET status = 'signed' WHERE id = ?", [RING])
    step = intake.collect(demo_store, RING, made.counterfoil_number, now=T0)
    assert step.state is IntakeState.COLLECTED
    with pytest.raises(RecordedOnceError):
        demo_store.save(dataclasses.replace(made, product="x"))
    # A new form on a signed job is refused like any change to it.
    job = demo_store.get(Job, STOVE)
    demo_store.save(dataclasses.replace(job, visit_mode=VisitMode.COUNTER))
    demo_store.db.execute("UPDATE jobs SET status = 'signed' WHERE id = ?", [STOVE])
    with pytest.raises(FrozenJobError):
        handed_in(demo_store, blobs, STOVE)
    assert demo_store.setting("counterfoil.next") == "2"


def test_a_step_record_checks_itself() -> None:
    intake_id = demo_id("intake:test")
    with pytest.raises(ValidationError) as handed:
        IntakeStep(intake_id=intake_id, job_id=RING, state=IntakeState.HANDED_IN, stepped_at=T0)
    assert handed.value.field == "intake_step.state"
    with pytest.raises(ValidationError) as unchecked:
        IntakeStep(intake_id=intake_id, job_id=RING, state=IntakeState.COLLECTED, stepped_at=T0)
    assert unchecked.value.code is Invalid.REQUIRED
    with pytest.raises(ValidationError) as other_id:
        IntakeStep(
            id=demo_id("another"),
            intake_id=intake_id,
            job_id=RING,
            state=IntakeState.READY,
            stepped_at=T0,
        )
    assert other_id.value.field == "intake_step.id"


# -- what it costs: the pricing's answer ----------------------------------------------------
def test_the_counterfoil_promises_what_the_pricing_charges(demo_store: LocalStore) -> None:
    # The demo company services jewellery free, and a counter job has no call-out.
    assert intake.servicing_terms(demo_store, RING) == intake.ServicingTerms(
        labour_free=True, call_out=False
    )
    # The stove repair on site: labour charged, call-out fee.
    assert intake.servicing_terms(demo_store, STOVE) == intake.ServicingTerms(
        labour_free=False, call_out=True
    )


# -- finding the job by what the customer brings back ---------------------------------------
def test_the_job_is_found_by_its_counterfoil_number(
    demo_store: LocalStore, blobs: BlobStore
) -> None:
    from tech_app.job_list import JobFilter, list_jobs

    made = handed_in(demo_store, blobs)
    ring = demo_store.get(Job, RING).number
    device = made.counterfoil_number.split("-")[1]
    for typed in (made.counterfoil_number, "C000001", f"{device}-C000001", "c000001"):
        found = [row["number"] for row in list_jobs(demo_store, JobFilter(text=typed))]
        assert found == [ring], typed
    assert list_jobs(demo_store, JobFilter(text="C000002")) == []
