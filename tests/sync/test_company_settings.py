"""Company settings are head office's data: set by the office, synced to every laptop,
refused from a technician; and head office prices a job exactly as the laptop does.
"""

from __future__ import annotations

import dataclasses
import inspect
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.server import company, job_bill
from sync.server.db import read_transaction, write_transaction
from tech_app import review_notes
from tech_app.charges import job_charges
from tech_app.demo import DEMO_SETTINGS
from tech_app.errors import ConsentError, ValidationError
from tech_app.lifecycle import change_status
from tech_app.records import CompanySettings, Job
from tech_app.records.codec import to_row
from tech_app.records.settings import SETTINGS_ID
from tech_app.signoff import record_consent, sign_job
from tech_app.timesheet import start_timer, stop_timer
from tech_app.van import record_part_usage
from tests.sync.conftest import Server, png_bytes
from tests.sync.helpers import answer_everything
from tests.sync.test_security import login, mutation, push


@pytest.fixture
def restore_settings(server: Server) -> Any:
    """The server is shared by the session: put the demo settings back afterwards."""
    yield
    with write_transaction(server.engine) as conn:
        company.update(
            conn,
            {f.name: getattr(DEMO_SETTINGS, f.name) for f in dataclasses.fields(DEMO_SETTINGS)},
        )


def test_office_settings_reach_the_laptop(
    server: Server, device_factory: Any, restore_settings: Any
) -> None:
    tech = server.technician()
    server.dispatch_demo(tech)
    with write_transaction(server.engine) as conn:
        changes = company.parse_assignments(
            ["company_name=安心售后", "tax_rate=9%", "call_out_fee=60.00", "receipt_prefix=AX"]
        )
        company.update(conn, changes)
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    (held,) = laptop.store.select(CompanySettings)
    assert (held.company_name, held.tax_rate, held.call_out_fee, held.receipt_prefix) == (
        "安心售后",
        Decimal("0.09"),
        6000,
        "AX",
    )
    assert held.time_zone == DEMO_SETTINGS.time_zone  # what was not set stays


def test_a_technician_cannot_push_settings(server: Server) -> None:
    tech = server.technician()
    token = login(server, tech).json()["access_token"]
    row = to_row(dataclasses.replace(DEMO_SETTINGS, call_out_fee=1))
    answer = push(
        server,
        token,
        [mutation(1, "company_settings", SETTINGS_ID, "update", row)],
        client=f"settings-{tech}",  # a client id of its own: ids belong to one technician
    )
    assert answer.status_code == 200
    (result,) = answer.json()["results"]
    assert result["status"] == "rejected"
    with read_transaction(server.engine) as conn:
        assert company.current(conn).call_out_fee == DEMO_SETTINGS.call_out_fee


@pytest.mark.parametrize(
    ("item", "field_name"),
    [
        ("tax=13%", "settings"),
        ("tax_rate=lots", "tax_rate"),
        ("call_out_fee=50.001", "call_out_fee"),
        ("labour_rates=repairs=120", "labour_rates"),
        ("free_entitlements=solar_water_heater:maintenance", "free_entitlements"),
        ("time_zone", "settings"),
    ],
)
def test_a_bad_setting_is_refused_naming_it(item: str, field_name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        company.parse_assignments([item])
    assert caught.value.field == field_name


def test_head_office_prices_a_job_as_the_laptop_does_without_a_store(
    server: Server, device_factory: Any
) -> None:
    """A heater in warranty dismantled by the user: charged, at both ends, to the cent."""
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    heater = jobs["heater-in"]
    store = laptop.store
    change_status(store, heater, "en_route")
    change_status(store, heater, "on_site")
    store.save(dataclasses.replace(store.get(Job, heater), fault_cause="user_dismantling"))
    record_part_usage(store, heater, "SH-TUBE-58", 2, "warranty", tech)
    start_timer(store, heater, "labour", tech)
    stop_timer(store, heater)
    answer_everything(store, laptop.blobs, heater)
    bill = job_charges(store, heater)
    assert bill.total > 0 and all(line.coverage == "charged" for line in bill.lines)
    assert laptop.sync().ok
    with read_transaction(server.engine) as conn:
        assert job_bill.slip_total(conn, heater) == bill.total
        assert job_bill.job_bill(conn, heater).lines == bill.lines
    source = inspect.getsource(job_bill)
    assert "open_store" not in source and "apply_pull_page" not in source


def test_signing_a_charged_job_needs_consent_on_a_synced_laptop(
    server: Server, device_factory: Any, tmp_path: Path
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    stove, store = jobs["stove"], laptop.store
    change_status(store, stove, "en_route")
    change_status(store, stove, "on_site")
    answer_everything(store, laptop.blobs, stove)
    record_part_usage(store, stove, "BAT-D", 2, "charged", tech)
    with pytest.raises(ConsentError):
        sign_job(store, laptop.blobs, stove, signer_name="李梅", signature_png=png_bytes(5))
    assert laptop.sync().ok
    with read_transaction(server.engine) as conn:
        assert server.visible(tech)[("jobs", stove)]["status"] == "on_site"
    record_consent(store, stove, "李梅", None)
    sign_job(store, laptop.blobs, stove, signer_name="李梅", signature_png=png_bytes(5))
    assert laptop.sync().ok
    signed = server.visible(tech)[("jobs", stove)]
    assert signed["status"] == "signed" and not signed["flagged"]
    with read_transaction(server.engine) as conn:
        assert job_bill.slip_total(conn, stove) == job_charges(store, stove).total
    assert requests  # the push above went over HTTP to the real server process


def test_head_office_flags_a_signature_that_got_round_the_consent_rule(
    server: Server, device_factory: Any
) -> None:
    """A device that froze a charged job without consent (an old build, an edited file)
    still syncs; head office prices it, finds no consent and flags it for review."""
    from tech_app.records import Signature
    from tech_app.store.local import utc_now
    from tech_app.vocab import JobStatus

    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    stove, store = jobs["stove"], laptop.store
    change_status(store, stove, "en_route")
    change_status(store, stove, "on_site")
    answer_everything(store, laptop.blobs, stove)
    record_part_usage(store, stove, "BAT-D", 2, "charged", tech)
    store.save(
        Signature(
            job_id=stove,
            signer_name="李梅",
            signed_at=utc_now(),
            image_sha256=laptop.blobs.put(png_bytes(6)),
        )
    )
    # Around the core's checks: the row written as signed directly.
    store.save(dataclasses.replace(store.get(Job, stove), status=JobStatus.SIGNED))
    assert laptop.sync().ok
    signed = server.visible(tech)[("jobs", stove)]
    assert signed["status"] == "signed"
    (note,) = review_notes.read(signed["flagged"])
    assert note.code is review_notes.NoteCode.SIGNED_WITHOUT_CONSENT
    assert note.values["rule"] == "consent_missing" and int(note.values["bill_total"]) > 0


def test_a_slip_signed_on_paper_reaches_head_office_like_a_pad_signature(
    server: Server, device_factory: Any
) -> None:
    """The paper signature and the photo of the signed paper travel with the job: head
    office stores both, reviews the consent as for the pad, and the photo's blob is there."""
    from tech_app.records import Photo, Signature
    from tech_app.signoff import sign_on_paper
    from tech_app.store.local import utc_now

    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    stove, store = jobs["stove"], laptop.store
    change_status(store, stove, "en_route")
    change_status(store, stove, "on_site")
    answer_everything(store, laptop.blobs, stove)
    record_part_usage(store, stove, "BAT-D", 2, "charged", tech)
    record_consent(store, stove, "李梅", None)
    photo = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8
    signature = sign_on_paper(
        store, laptop.blobs, stove, signer_name="李梅", signed_at=utc_now(), photo=photo
    )
    assert laptop.sync().ok
    seen = server.visible(tech)
    signed = seen[("jobs", stove)]
    assert signed["status"] == "signed" and not signed["flagged"]
    row = seen[("signatures", signature.id)]
    assert row["on_paper"] is True and row["image_sha256"] == ""
    (kept,) = store.select(Photo, "job_id = ?", [stove])
    assert row["paper_photo_id"] == kept.id
    assert server.blob(kept.sha256) == photo
    # A second laptop of the technician pulls the same signature.
    other = device_factory(server, tech)
    assert other.sync().ok
    assert other.store.get(Signature, signature.id) == signature


def test_an_older_device_is_not_sent_a_signature_it_cannot_store(
    server: Server, device_factory: Any
) -> None:
    """A schema-8 device knows no signature without an image: the job reaches it signed,
    the paper signature's row does not (it would refuse the page)."""
    import requests

    from sync.protocol import PROTOCOL_HEADER, SCHEMA_HEADER
    from tech_app.signoff import sign_on_paper
    from tech_app.store.local import utc_now
    from tests.sync.conftest import PASSWORD

    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    stove, store = jobs["stove"], laptop.store
    change_status(store, stove, "en_route")
    change_status(store, stove, "on_site")
    answer_everything(store, laptop.blobs, stove)
    record_consent(store, stove, "李梅", None)
    signature = sign_on_paper(store, laptop.blobs, stove, signer_name="李梅", signed_at=utc_now())
    assert laptop.sync().ok

    def pulled(schema: str) -> list[dict[str, Any]]:
        versions = {PROTOCOL_HEADER: "1", SCHEMA_HEADER: schema}
        token = requests.post(
            f"{server.url}/auth/login", json={"user": tech, "password": PASSWORD}, headers=versions
        ).json()["access_token"]
        return requests.get(
            f"{server.url}/sync/pull",
            params={"cursor": 0, "limit": 1000},
            headers={**versions, "Authorization": f"Bearer {token}"},
        ).json()["changes"]

    old = pulled("8")
    assert all(c["id"] != signature.id for c in old)
    assert any(c["id"] == stove and c["row"]["status"] == "signed" for c in old)
    assert any(c["id"] == signature.id for c in pulled("9"))
