"""The job page recomputes a signed slip's content hash from head office's records."""

from __future__ import annotations

import dataclasses
import json
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from reports import issue_slip
from reports.integrity import slip_content_hash
from reports.slip_data import build_slip_data
from sync.server import company, office, store
from sync.server import tables as t
from sync.server.db import read_transaction, write_transaction
from sync.server.record_rows import live_rows
from sync.server.slip_check import Recomputed, SlipCheck, check_slips, recompute_content_hash
from tech_app.demo import demo_id
from tech_app.demo_templates import FORKLIFT_QUARTERLY
from tech_app.records import Job, PartUsage
from tech_app.records.codec import from_row
from tech_app.signoff import sign_job
from tech_app.store import remote
from tech_app.store.local import LocalStore, open_store
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage, JobStatus
from tests.sync.conftest import Server, png_bytes
from tests.sync.console_client import office_console
from tests.sync.helpers import complete_job
from tests.sync.office_api import done_job, make_fleet, put
from tests.sync.own_server import own_server  # noqa: F401  (the `server` fixture: it adds hundreds of jobs and changes the letterhead)
from tests.sync.test_asset_history_pull import OCTOBER, colleague_job, fleet_of, rekeyed
from tests.sync.test_company_logo import restore_settings  # noqa: F401
from tests.sync.test_write_gate import signed  # noqa: F401  (the fixture)

VERIFIED = "Content hash verified — records match the signed slip"
DIFFERS = "Records differ from the signed slip"


def _check(page: str) -> str:
    """The words of the first slip's content check."""
    found = re.search(r'id="slip-check-1"[^>]*>(.*?)</p>', page, re.S)
    assert found is not None, "no content check on the page"
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_a_synced_signed_job_verifies_with_the_laptops_own_hash(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    job_id = signed["job"]
    laptop = slip_content_hash(build_slip_data(signed["first"].store, job_id))
    with read_transaction(server.engine) as conn:
        (slip,) = [s for s in live_rows(conn, "slips") if s["job_id"] == job_id]
        recomputed = recompute_content_hash(conn, job_id)
    assert slip["content_hash"] == laptop == recomputed.content_hash
    page = office_console(server).get(f"/jobs/{job_id}").text
    assert _check(page) == VERIFIED and DIFFERS not in page


def test_a_part_line_changed_behind_the_gates_back_shows_the_tamper_warning(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    job_id = signed["job"]
    console = office_console(server)
    assert _check(console.get(f"/jobs/{job_id}").text) == VERIFIED
    lines = t.kinds["part_usage"]
    with write_transaction(server.engine) as conn:
        changed = conn.execute(
            sa.update(lines).where(lines.c.job_id == job_id).values(quantity="7")
        ).rowcount
    assert changed >= 1
    page = console.get(f"/jobs/{job_id}").text
    assert _check(page).startswith(DIFFERS) and 'class="tamper"' in page
    assert VERIFIED not in page and 'id="settings-changed-1"' not in page
    # In Chinese, the warning is in Chinese.
    console.post("/language", {"language": "zh_CN", "back": "/"})
    chinese = _check(console.get(f"/jobs/{job_id}").text)
    assert chinese.startswith("记录与客户签字的服务单不一致") and "differ" not in chinese


def test_a_changed_letterhead_is_named_beside_the_warning(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
    restore_settings: Any,  # noqa: F811
) -> None:
    # The slip prints the company's phone: changing it after signature changes the hash,
    # and the page says that the settings changed, not only that the records differ.
    with write_transaction(server.engine) as conn:
        company.update(conn, {"phone": "400-000-0000"})
    page = office_console(server).get(f"/jobs/{signed['job']}").text
    assert _check(page).startswith(DIFFERS) and 'id="settings-changed-1"' in page


def test_the_verified_words_in_chinese(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    console = office_console(server)
    console.post("/language", {"language": "zh_CN", "back": "/"})
    assert (
        _check(console.get(f"/jobs/{signed['job']}").text)
        == "内容校验码已核对——记录与签字的服务单一致"
    )


def test_only_the_latest_revision_must_match() -> None:
    now = Recomputed("b" * 64)
    assert check_slips([(1, "a" * 64), (2, "b" * 64)], now) == {
        1: SlipCheck.SUPERSEDED,
        2: SlipCheck.VERIFIED,
    }
    assert check_slips([(1, "b" * 64), (2, "c" * 64)], now) == {
        1: SlipCheck.VERIFIED,
        2: SlipCheck.DIFFERS,
    }
    assert check_slips([(1, "a" * 64)], Recomputed(None, "no technician")) == {
        1: SlipCheck.UNCHECKED
    }
    assert check_slips([], now) == {}


# -- what the check costs: one job, not the technician's history ------------------------
def full_pull_hash(conn: sa.Connection, job_id: str) -> tuple[str, int]:
    """The slip's hash over the technician's whole record set, as a new device pulls it
    (how the check used to rebuild it): the reference the one-job rebuild must equal.
    Also the number of changes it applied."""
    job = store.load(conn, "jobs", job_id)
    assert job is not None and job.owner
    local, applied = full_pull(conn, job.owner)
    try:
        return slip_content_hash(build_slip_data(local, job_id)), applied
    finally:
        local.close()


def full_pull(conn: sa.Connection, technician: str) -> tuple[LocalStore, int]:
    local, cursor, applied = open_store(None), 0, 0
    while True:
        page = store.pull(conn, technician, cursor, 5000, with_history=True)
        changes = json.loads(json.dumps(page["changes"], ensure_ascii=False))
        remote.apply_pull_page(local, changes, int(page["cursor"]))
        applied, cursor = applied + len(changes), int(page["cursor"])
        if not page["has_more"]:
            return local, applied


@dataclass
class Cost:
    statements: int
    records: int
    recomputed: Recomputed


def check_cost(server: Server, job_id: str) -> Cost:
    """Recompute the hash, counting the statements it sends to head office's database."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        statements.append(statement)

    with read_transaction(server.engine) as conn:
        event.listen(server.engine, "before_cursor_execute", count)
        try:
            recomputed = recompute_content_hash(conn, job_id)
        finally:
            event.remove(server.engine, "before_cursor_execute", count)
    return Cost(len(statements), recomputed.records, recomputed)


def other_work(server: Server, technician: str, count: int) -> None:
    """``count`` jobs dispatched in bulk on one customer, and 20 more of the technician's,
    done on fleets (customer, site, contract, truck) of their own with a pad fitted."""
    with write_transaction(server.engine) as conn:
        office.bulk_jobs(conn, technician, count, prefix=f"OTHER{uuid.uuid4().hex[:6]}")
    for n in range(20):
        fleet = make_fleet(server, trucks=1)
        (truck,) = fleet.trucks
        job = done_job(
            server,
            (fleet.customer.id, fleet.site.id),
            "repair",
            OCTOBER,
            {truck.id: 2000 + n},
            assignee=technician,
            template_id=FORKLIFT_QUARTERLY.id,
        )
        fitted = PartUsage(
            job_id=job.id,
            asset_id=truck.id,
            part_id=demo_id("part:FL-BRK-PAD"),
            quantity=Decimal(1),
            unit_price=42000,
            coverage=Coverage.CHARGED,
            technician=technician,
            serial_in=f"FIT-{n}",
            used_at=OCTOBER,
        )
        put(server, [fitted])


def test_the_check_costs_one_job_however_many_the_technician_holds(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    job_id = signed["job"]
    with read_transaction(server.engine) as conn:
        (slip,) = [s for s in live_rows(conn, "slips") if s["job_id"] == job_id]
    before = check_cost(server, job_id)
    assert before.recomputed.content_hash == slip["content_hash"], before.recomputed.problem
    other_work(server, signed["tech"], 200)
    after = check_cost(server, job_id)
    assert after.recomputed.content_hash == slip["content_hash"], after.recomputed.problem
    # The same statements and the same records, whatever else the technician holds …
    assert (after.statements, after.records) == (before.statements, before.records)
    assert before.records < 60 and before.statements < 40
    # … where the whole pull the check used to make grew with every job.
    with read_transaction(server.engine) as conn:
        whole, pulled = full_pull_hash(conn, job_id)
    assert whole == slip["content_hash"] and pulled > before.records + 300
    page = office_console(server).get(f"/jobs/{job_id}").text
    assert _check(page) == VERIFIED


def test_a_fitted_part_still_under_its_own_warranty_verifies(
    server: Server, device_factory: Any, tmp_path: Path
) -> None:
    """The fleet visit replaces a brake pad a colleague fitted on truck 1 in October and
    one the technician fitted on truck 2: both are warranty work, decided from the units'
    history (a colleague's summary, the technician's own earlier job)."""
    tech, colleague = server.technician(), server.technician()
    jobs = server.dispatch_demo(tech)
    fleet = fleet_of(server, tech)
    truck1, truck2 = rekeyed(tech, "asset:truck1"), rekeyed(tech, "asset:truck2")
    colleague_job(server, colleague, fleet, [truck1], number=f"HB-{colleague[:6]}-1")
    colleague_job(server, tech, fleet, [truck2], number=f"HB-{tech[:6]}-1")
    other_work(server, tech, 50)  # more of the technician's jobs, none on these units
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    job_id = jobs["fleet"]
    for unit in (truck1, truck2):
        record_part_usage(
            laptop.store,
            job_id,
            "FL-BRK-PAD",
            1,
            "warranty",
            tech,
            asset_id=unit,
            serial_out="NEW-0",
            serial_in=f"NEWER-{unit[:4]}",
            confirm_negative=True,
        )
    complete_job(laptop.store, laptop.blobs, job_id, "刹车片磨损 brake pads worn")
    sign_job(laptop.store, laptop.blobs, job_id, signer_name="周强", signature_png=png_bytes(9))
    issue_slip(laptop.store, laptop.blobs, job_id, tmp_path / "fleet-slip.pdf")
    assert laptop.sync().ok and laptop.store.pending_count() == 0
    data = build_slip_data(laptop.store, job_id)
    pads = [p for p in data.parts if p.part_number == "FL-BRK-PAD"]
    assert [(p.coverage, p.reason) for p in pads] == [("warranty", "in_warranty")] * 2
    with read_transaction(server.engine) as conn:
        (slip,) = [s for s in live_rows(conn, "slips") if s["job_id"] == job_id]
        whole, _pulled = full_pull_hash(conn, job_id)
    cost = check_cost(server, job_id)
    assert slip["content_hash"] == slip_content_hash(data) == whole
    assert cost.recomputed.content_hash == slip["content_hash"], cost.recomputed.problem
    assert _check(office_console(server).get(f"/jobs/{job_id}").text) == VERIFIED
    # The colleague's fitting matters: with its part line taken out behind the gate's
    # back, the pad on truck 1 is no longer the warranty's and the hash differs.
    lines = t.kinds["part_usage"]
    with write_transaction(server.engine) as conn:
        conn.execute(
            sa.update(lines)
            .where(lines.c.asset_id == truck1, lines.c.serial_in == "NEW-0")
            .values(serial_in="")
        )
    changed = check_cost(server, job_id).recomputed
    assert changed.content_hash is not None and changed.content_hash != slip["content_hash"]


def test_every_demo_job_hashes_as_over_the_whole_pull(server: Server) -> None:
    """Whatever the job (fleet, card, contract, intake …), the one-job rebuild hashes as
    the technician's whole record set does, with history around it: a colleague's visit
    to truck 1, an earlier visit on the dispenser's card, other jobs elsewhere."""
    tech, colleague = server.technician(), server.technician()
    jobs = server.dispatch_demo(tech)
    colleague_job(
        server,
        colleague,
        fleet_of(server, tech),
        [rekeyed(tech, "asset:truck1")],
        number=f"HB-{colleague[:6]}-2",
    )
    with read_transaction(server.engine) as conn:
        dispenser = store.load(conn, "jobs", jobs["dispenser"])
    assert dispenser is not None and dispenser.data["card_id"]
    earlier = dataclasses.replace(
        from_row(Job, dispenser.data),
        id=str(uuid.uuid4()),
        number=f"CARD-{tech}-2",
        status=JobStatus.COMPLETED,
        on_site_at=OCTOBER,
        completed_at=OCTOBER,
    )
    put(server, [earlier])
    other_work(server, tech, 30)
    with read_transaction(server.engine) as conn:
        local, _pulled = full_pull(conn, tech)
        try:
            for key, job_id in jobs.items():
                whole = slip_content_hash(build_slip_data(local, job_id))
                recomputed = recompute_content_hash(conn, job_id)
                assert recomputed.content_hash == whole, (key, recomputed.problem)
        finally:
            local.close()
