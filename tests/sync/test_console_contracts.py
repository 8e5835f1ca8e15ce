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

    ended = console.post(f"/contracts/{contract_id}/end", {"notice_given_on": "2026-06-15"})
    assert ended.status_code == 303
    statuses = sorted(str(j["status"]) for j in _jobs_of(server, customer))
    assert (
        statuses.count("cancelled") >= 1
        and "Ended on" in console.get(f"/contracts/{contract_id}").text
    )
    bad = console.post(f"/customers/{customer}/contracts", {**contract, "visit_fee": "8.001"})
    assert bad.status_code == 422 and "visit_fee" in bad.text
