"""A jewellery intake travels: counter laptop → head office → the counter's second laptop.

The form is signed on one laptop, made ready there, collected on the other against the
counterfoil number; both ends and head office end up with the same rows and the
signature image. Head office refuses a change to a signed form on every path.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

import pytest

from sync.server import dispatch, gate
from sync.server import store as server_store
from sync.server.db import read_transaction, write_transaction
from tech_app import intake
from tech_app.errors import Invalid, ValidationError
from tech_app.records import IntakeForm, JewelleryIntake
from tech_app.vocab import IntakeState
from tests.sync.conftest import DAY, Server, assert_same, png_bytes
from tests.sync.office_api import office_session
from tests.sync.test_security import login, mutation, push

FORM = IntakeForm(
    product="周大生 18K金钻石戒指",
    material="gold_18k",
    stone_size="０．３０",
    stone_grade="H / VS1",
    services=("resizing", "cleaning", "polishing", "stone_check"),
    service_note="改圈口 14→16 号",
    other_problems="主石一爪轻微松动",
)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.fixture
def handed_in(server: Server, device_factory: Any) -> dict[str, Any]:
    """The demo ring handed in on the counter laptop and synced."""
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    counter = device_factory(server, tech, "counter")
    assert counter.sync().ok
    made = intake.hand_in(
        counter.store,
        counter.blobs,
        jobs["ring"],
        FORM,
        signer_name="陈静",
        signature_png=png_bytes(61),  # bytes no other sync test uses (blobs are shared)
    )
    report = counter.sync()
    assert report.ok and report.rejected == [], (report.errors, report.rejected)
    assert report.blobs_up == 1
    return {"tech": tech, "job": jobs["ring"], "counter": counter, "intake": made}


def test_an_intake_goes_round_both_laptops(
    server: Server, device_factory: Any, handed_in: dict[str, Any]
) -> None:
    counter, made, job_id = handed_in["counter"], handed_in["intake"], handed_in["job"]
    stored = server.visible(handed_in["tech"])[("jewellery_intakes", made.id)]
    assert stored["counterfoil_number"] == made.counterfoil_number
    assert stored["services"] == '["cleaning", "polishing", "resizing", "stone_check"]'
    image = server.blob(made.signature_sha256)
    assert image is not None and hashlib.sha256(image).hexdigest() == made.signature_sha256
    assert_same(server, counter)

    intake.mark_ready(counter.store, job_id)
    assert counter.sync().ok

    # The customer comes back when the other laptop is at the counter.
    spare = device_factory(server, handed_in["tech"], "spare")
    first = spare.sync()
    assert first.ok, first.errors
    assert first.blobs_down == 1 and spare.blobs.has(made.signature_sha256)
    status = intake.intake_of(spare.store, job_id)
    assert status is not None and status.intake == made and status.state is IntakeState.READY
    with pytest.raises(ValidationError) as wrong:
        intake.collect(spare.store, job_id, "AX-000000-C000001")
    assert wrong.value.code is Invalid.COUNTERFOIL_MISMATCH
    assert spare.store.pending_count() == 0  # the refusal queued nothing
    intake.collect(spare.store, job_id, full_width(made.counterfoil_number.lower()))
    report = spare.sync()
    assert report.ok and report.rejected == [], report.rejected
    assert_same(server, spare)

    back = counter.sync()
    assert back.ok
    status = intake.intake_of(counter.store, job_id)
    assert status is not None and status.state is IntakeState.COLLECTED
    assert_same(server, counter)


def test_the_same_step_taken_on_two_laptops_offline_is_kept_once(
    server: Server, device_factory: Any, handed_in: dict[str, Any]
) -> None:
    counter, job_id = handed_in["counter"], handed_in["job"]
    spare = device_factory(server, handed_in["tech"], "spare")
    assert spare.sync().ok
    intake.mark_ready(counter.store, job_id, staff="liu")
    intake.mark_ready(spare.store, job_id, staff="tom")
    assert counter.sync().ok
    late = spare.sync()
    assert len(late.rejected) == 1, late.rejected  # the step was recorded already
    stored = [k for k in server.visible(handed_in["tech"]) if k[0] == "intake_steps"]
    assert len(stored) == 1


def test_head_office_refuses_to_change_a_signed_form(
    server: Server, handed_in: dict[str, Any]
) -> None:
    made: JewelleryIntake = handed_in["intake"]
    key = ("jewellery_intakes", made.id)
    before = server.visible(handed_in["tech"])[key]

    # The laptop refuses to edit it, so a crafted push tries.
    token = login(server, handed_in["tech"]).json()["access_token"]
    answer = push(
        server,
        token,
        [
            mutation(1, "jewellery_intakes", made.id, "update", {"product": "足金手镯"}),
            mutation(2, "jewellery_intakes", made.id, "update", {"services": '["cleaning"]'}),
        ],
        client="crafted-intake-01",
    )
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["rejected", "rejected"], results
    assert all("never changed" in r["reason"] for r in results), results

    # The office API and head office's own commands go through the same gate.
    office = office_session(server)
    routed = office.post(
        f"{server.url}/office/records",
        json={"table": "jewellery_intakes", "row": {**before, "stone_size": "1.5"}},
    )
    assert routed.status_code == 409, routed.text
    assert "never changed" in routed.json()["detail"]
    with write_transaction(server.engine) as conn, pytest.raises(gate.Refused):
        dispatch.put_record(conn, dataclasses.replace(made, signer_name="someone else"))
    assert server.visible(handed_in["tech"])[key] == before
    with read_transaction(server.engine) as conn:
        stored = server_store.load(conn, *key)
    assert stored is not None and stored.version == 1


def test_the_demo_seed_brings_each_technician_the_signed_ring_form(tmp_path: Path) -> None:
    """``tech-app demo`` shows the ring handed in: head office's seed has each technician's
    form on their own ring job, with its signature image readable by them."""
    from sync.server import blobs
    from sync.server.db import make_engine, migrate
    from sync.server.office import seed_demo
    from tech_app.demo import DEMO_TECHNICIANS, build_demo_intake, demo_id

    engine = make_engine(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    migrate(engine)
    with write_transaction(engine) as conn:
        seed_demo(conn, DAY, "demo-pw")
        seed_demo(conn, DAY, "demo-pw")  # seeding again changes nothing and is not refused
    numbers = set()
    with read_transaction(engine) as conn:
        for technician in DEMO_TECHNICIANS:
            seen = dispatch.records_visible_to(conn, technician)
            (form,) = [row for (table, _id), row in seen.items() if table == "jewellery_intakes"]
            ring = seen[("jobs", form["job_id"])]
            assert ring["visit_mode"] == "counter" and ring["assignee"] == technician
            assert form["signer_name"] == "陈静" and form["material"] == "gold_18k"
            assert blobs.may_read(conn, form["signature_sha256"], technician, "technician")
            image = blobs.get(conn, form["signature_sha256"])
            assert image == build_demo_intake(DAY, technician).signature_png
            numbers.add(form["counterfoil_number"])
        assert seen[("jobs", form["job_id"])]["id"] != demo_id("job:ring")  # tom's is re-keyed
    assert len(numbers) == 2  # two counters, two series
    engine.dispose()
