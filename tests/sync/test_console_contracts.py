"""Customer files and contracts in the console: units with their service card, a
maintenance contract, its visits previewed (nothing stored) and then planned exactly as
previewed, and the contract ended with its notice."""

from __future__ import annotations

import re
import uuid

from sync.server.db import read_transaction
from sync.server.record_rows import live_rows
from tests.sync.conftest import Server
from tests.sync.console_client import Console, office_console
from tests.sync.test_console_dispatch import _new_customer


def _jobs_of(server: Server, customer: str) -> list[dict[str, object]]:
    with read_transaction(server.engine) as conn:
        return [j for j in live_rows(conn, "jobs") if j["customer_id"] == customer]


def _contract_id(console: Console, customer: str) -> str:
    found = re.search(
        r'href="/contracts/([0-9a-f-]{36})"', console.get(f"/customers/{customer}").text
    )
    assert found is not None, "no contract on the customer's page"
    return found.group(1)


def test_units_a_contract_and_its_planned_visits(server: Server) -> None:
    console = office_console(server)
    key = uuid.uuid4().hex[:6]
    customer = _new_customer(console, f"华东物流 {key}")
    page = console.get(f"/customers/{customer}").text
    site = re.search(r'name="site_id"><option value="([0-9a-f-]{36})"', page)
    assert site is not None
    for n in (1, 2):
        unit = {
            "site_id": site.group(1),
            "category": "forklift",
            "make": "Heli",
            "model": "CPCD30",
            "serial": f"CPCD30-{key}-{n}",
            "purchased_on": "2025-06-01",
            "purchased_at": "合力叉车上海经销处",
            "warranty_terms": "forklift",
        }
        assert console.post(f"/customers/{customer}/assets", unit).status_code == 303
    page = console.get(f"/customers/{customer}").text
    assert f"CPCD30-{key}-2" in page and "合力叉车上海经销处" in page
    card = re.search(r'href="/assets/([0-9a-f-]{36})"', page)
    assert card is not None
    warranty = console.get(f"/assets/{card.group(1)}").text.split('id="warranty"')[1]
    # The forklift terms count hours too: with no meter read, cover is not guessed.
    assert "warranty-unknown" in warranty.split("</table>")[0]
    other = _new_customer(console, f"别的客户 {key}")
    foreign = console.post(f"/customers/{other}/assets", {**unit, "serial": "X-1"})
    assert foreign.status_code == 422 and "asset.site_id" in foreign.text

    contract = {
        "name": f"叉车季度保养协议 {key}",
        "visits_per_year": "4",
        "visit_fee": "800.00",
        "out_of_scope_per_hour": "150.00",
        "waiting_per_hour": "100.00",
        "starts_on": "2026-01-01",
        "term_months": "12",
        "notice_days": "30",
    }
    assert console.post(f"/customers/{customer}/contracts", contract).status_code == 303
    contract_id = _contract_id(console, customer)
    period = "first=2026-01-01&until=2026-12-31"
    preview = console.get(f"/contracts/{contract_id}?{period}").text
    assert "¥800.00" in preview
    shown = re.findall(r"<tr class=\"new\"><td>(\d{4}-\d\d-\d\d)</td>", preview)
    assert len(shown) == 4, preview  # quarterly, one job per site per due date
    assert _jobs_of(server, customer) == [], "the preview stored something"

    answer = console.post(
        f"/contracts/{contract_id}/plan", {"first": "2026-01-01", "until": "2026-12-31"}
    )
    assert answer.status_code == 303
    jobs = _jobs_of(server, customer)
    assert len(jobs) == 4 and {j["job_type"] for j in jobs} == {"maintenance"}
    again = console.get(f"/contracts/{contract_id}?{period}").text
    assert 'class="new"' not in again and "plan-visits" not in again  # nothing left to add

    # New terms: the fee changes, the contract is the same record.
    edited = console.post(f"/contracts/{contract_id}", {**contract, "visit_fee": "850.00"})
    assert edited.status_code == 303
    assert "¥850.00" in console.get(f"/contracts/{contract_id}").text
    with read_transaction(server.engine) as conn:
        mine = [c for c in live_rows(conn, "contracts") if c["customer_id"] == customer]
    assert len(mine) == 1 and mine[0]["visit_fee"] == 85000

    ended = console.post(f"/contracts/{contract_id}/end", {"notice_given_on": "2026-06-15"})
    assert ended.status_code == 303
    statuses = sorted(str(j["status"]) for j in _jobs_of(server, customer))
    assert (
        statuses.count("cancelled") >= 1
        and "Ended on" in console.get(f"/contracts/{contract_id}").text
    )
    bad = console.post(f"/customers/{customer}/contracts", {**contract, "visit_fee": "8.001"})
    assert bad.status_code == 422 and "visit_fee" in bad.text


def test_a_job_for_units_at_a_site_scheduled_and_assigned_at_once(server: Server) -> None:
    tech = server.technician()
    console = office_console(server)
    key = uuid.uuid4().hex[:6]
    customer = _new_customer(console, f"张伟 {key}")
    page = console.get(f"/customers/{customer}").text
    site = re.search(r'name="site_id"><option value="([0-9a-f-]{36})"', page)
    assert site is not None
    unit = {
        "site_id": site.group(1),
        "category": "water dispenser",
        "make": "Midea",
        "model": "YR1226S-W",
        "serial": f"MD-{key}",
    }
    assert console.post(f"/customers/{customer}/assets", unit).status_code == 303
    form = console.get(f"/jobs/new?site={site.group(1)}").text
    unit_id = re.search(r'name="unit" value="([0-9a-f-]{36})"', form)
    assert unit_id is not None, "the site's unit is not offered"
    job = {
        "site_id": site.group(1),
        "number": f"U-{key}",
        "job_type": "cleaning",
        "reported_at": "2026-12-02T08:00",
        "day": "2026-12-04",
        "start": "10:00",
        "end": "11:30",
        "technician": tech,
        "unit": unit_id.group(1),
    }
    answer = console.post("/jobs", job)
    assert answer.status_code == 303, answer.text
    job_id = answer.headers["location"].rsplit("/", 1)[1]
    with read_transaction(server.engine) as conn:
        stored = next(j for j in live_rows(conn, "jobs") if j["id"] == job_id)
        links = [link for link in live_rows(conn, "job_assets") if link["job_id"] == job_id]
    assert stored["assignee"] == tech and stored["status"] == "assigned"
    assert stored["window_start"] is not None and stored["window_end"] is not None
    assert [link["asset_id"] for link in links] == [unit_id.group(1)]
    assert f"MD-{key}" in console.get(f"/jobs/{job_id}").text
    # Another site's unit, or a window that ends before it starts, is refused whole.
    wrong = console.post("/jobs", {**job, "number": f"V-{key}", "unit": str(uuid.uuid4())})
    assert wrong.status_code == 422 and "job_asset.asset_id" in wrong.text
    backwards = console.post("/jobs", {**job, "number": f"W-{key}", "end": "09:00"})
    assert backwards.status_code == 422
    with read_transaction(server.engine) as conn:
        numbers = {j["number"] for j in live_rows(conn, "jobs")}
    assert f"V-{key}" not in numbers and f"W-{key}" not in numbers
