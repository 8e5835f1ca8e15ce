"""Contracts generate their visits at head office, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sync.server import gate, store
from sync.server import tables as t
from sync.server.db import read_transaction, write_transaction
from sync.server.planning import plan_contract, visit_id
from sync.server.record_rows import live_rows
from tech_app.demo_templates import FORKLIFT_QUARTERLY
from tech_app.errors import ValidationError
from tests.sync.conftest import Server
from tests.sync.office_api import Fleet, at, done_job, make_fleet, office_session
from tests.sync.test_commands import run
from tests.sync.test_security import state

QUARTERS = ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"]


def visits_of(server: Server, fleet: Fleet) -> dict[str, dict[str, Any]]:
    """The fleet's planned jobs by due day, each with its live unit links."""
    with read_transaction(server.engine) as conn:
        jobs = [j for j in live_rows(conn, "jobs") if j.get("contract_id") == fleet.contract.id]
        links = live_rows(conn, "job_assets")
    return {
        j["reported_at"][:10]: {
            **j,
            "units": sorted(
                (link["asset_id"], link["template_id"])
                for link in links
                if link["job_id"] == j["id"]
            ),
        }
        for j in jobs
    }


def plan(session: Any, server: Server, fleet: Fleet, **body: Any) -> list[dict[str, Any]]:
    answer = session.post(f"{server.url}/office/plan-visits", json=body)
    assert answer.status_code == 200, answer.text
    return [v for v in answer.json()["visits"] if v["site_id"] == fleet.site.id]


def test_six_truck_contract_owes_four_visits_a_year_each_covering_the_six(
    server: Server,
) -> None:
    fleet, office = make_fleet(server), office_session(server)
    owed = plan(office, server, fleet, **{"from": "2026-01-01", "until": "2027-06-30"})
    assert [v["due_on"] for v in owed] == QUARTERS  # the 12-month term ends 2026-12-31
    visits = visits_of(server, fleet)
    assert sorted(visits) == QUARTERS
    trucks = sorted(truck.id for truck in fleet.trucks)
    for visit in visits.values():
        assert visit["job_type"] == "maintenance" and visit["site_id"] == fleet.site.id
        # Each truck has its own link, and so its own checklist.
        assert visit["units"] == [(truck, FORKLIFT_QUARTERLY.id) for truck in trucks]

    before = state(server)
    again = office.post(
        f"{server.url}/office/plan-visits", json={"from": "2026-01-01", "until": "2027-06-30"}
    ).json()
    assert not {v["number"] for v in owed} & set(again["created"])
    assert visits_of(server, fleet) == visits
    assert state(server)[1] == before[1]  # not one record more


def test_a_planned_visit_reaches_the_technicians_device(
    server: Server, device_factory: Any
) -> None:
    fleet, office = make_fleet(server, starts_on=date(2026, 3, 1)), office_session(server)
    technician = server.technician()
    device = device_factory(server, technician)
    owed = plan(
        office,
        server,
        fleet,
        **{"from": "2026-03-01", "until": "2026-03-31", "assignee": technician},
    )
    assert [v["due_on"] for v in owed] == ["2026-03-01"]
    assert device.sync().ok
    job_id = owed[0]["job_id"]
    local = device.store.db
    assert local["jobs"].get(job_id)["status"] == "assigned"
    links = list(local["job_assets"].rows_where("job_id = ?", [job_id]))
    assert len(links) == 6 and {link["template_id"] for link in links} == {FORKLIFT_QUARTERLY.id}
    assert {a["id"] for a in local["assets"].rows} >= {truck.id for truck in fleet.trucks}
    assert local["contracts"].get(fleet.contract.id)["name"] == fleet.contract.name


def test_a_fast_hour_meter_brings_that_truck_forward(server: Server) -> None:
    fleet, office = make_fleet(server), office_session(server)
    plan(office, server, fleet, **{"from": "2026-01-01", "until": "2026-12-31"})
    first = fleet.trucks[0]
    # The April visit read every meter at 2000 h; a breakdown call on 1 May found the
    # first truck at 2300 h: 10 h a day, so 500 h are reached on 21 May, before July.
    done_job(
        server,
        (fleet.customer.id, fleet.site.id),
        "maintenance",
        at(date(2026, 4, 1), 16),
        {truck.id: 2000 for truck in fleet.trucks},
        contract_id=fleet.contract.id,
    )
    done_job(
        server,
        (fleet.customer.id, fleet.site.id),
        "repair",
        at(date(2026, 5, 1), 15),
        {first.id: 2300},
    )
    owed = plan(office, server, fleet, **{"from": "2026-05-01", "until": "2026-12-31"})
    assert [(v["due_on"], v["basis"], len(v["asset_ids"])) for v in owed] == [
        ("2026-05-21", "hours", 1),
        ("2026-07-01", "calendar", 5),
        ("2026-10-01", "calendar", 6),
    ]
    visits = visits_of(server, fleet)
    assert [unit for unit, _ in visits["2026-05-21"]["units"]] == [first.id]
    assert first.id not in {unit for unit, _ in visits["2026-07-01"]["units"]}
    assert len(visits["2026-07-01"]["units"]) == 5 and len(visits["2026-10-01"]["units"]) == 6
    assert "maintenance of 5 unit(s)" in visits["2026-07-01"]["problem"]
    # The technician's devices are told the July visit lost a unit.
    with read_transaction(server.engine) as conn:
        gone = conn.execute(
            sa.select(t.records.c.deleted).where(
                t.records.c.table_name == "job_assets",
                t.records.c.job_id == visits["2026-07-01"]["id"],
            )
        ).all()
    assert sorted(bool(row.deleted) for row in gone) == [False] * 5 + [True]


def test_ending_with_thirty_days_notice_drops_only_later_visits(server: Server) -> None:
    fleet, office = make_fleet(server), office_session(server)
    plan(office, server, fleet, **{"from": "2026-01-01", "until": "2026-12-31"})
    answer = office.post(
        f"{server.url}/office/contracts/{fleet.contract.id}/end",
        json={"notice_given_on": "2026-05-15"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["ended_on"] == "2026-06-14"
    visits = visits_of(server, fleet)
    assert {day: v["status"] for day, v in visits.items()} == {
        "2026-01-01": "new",
        "2026-04-01": "new",
        "2026-07-01": "cancelled",
        "2026-10-01": "cancelled",
    }
    assert sorted(answer.json()["cancelled"]) == sorted(
        v["number"] for v in visits.values() if v["status"] == "cancelled"
    )
    again = plan(office, server, fleet, **{"from": "2026-01-01", "until": "2026-12-31"})
    assert [v["due_on"] for v in again] == QUARTERS[:2]
    assert visits_of(server, fleet) == visits


def test_a_visit_under_way_keeps_its_units_when_the_contract_ends(server: Server) -> None:
    fleet, office = make_fleet(server), office_session(server)
    plan(office, server, fleet, **{"from": "2026-07-01", "until": "2026-07-01"})
    july = visit_id(fleet.contract.id, fleet.site.id, date(2026, 7, 1))
    with read_transaction(server.engine) as conn:
        found = store.load(conn, "jobs", july)
        assert found is not None
        row = found.data
    # The technician has arrived (as their push leaves it; the office cannot set on_site).
    with write_transaction(server.engine) as conn:
        gate.write(conn, gate.SERVER, "jobs", {**row, "status": "on_site"})
    answer = office.post(
        f"{server.url}/office/contracts/{fleet.contract.id}/end",
        json={"notice_given_on": "2026-05-15"},
    )
    assert answer.json()["cancelled"] == []
    assert visits_of(server, fleet)["2026-07-01"]["status"] == "on_site"


@pytest.mark.parametrize(
    "path, body, status, words",
    [
        ("/office/plan-visits", {"until": "2026-13-01"}, 422, "until"),
        ("/office/plan-visits", {"from": "2026-05-01", "until": "2026-04-01"}, 422, "until"),
        ("/office/plan-visits", [1, 2], 422, "body"),
        ("/office/plan-visits", {"until": "2026-12-31", "assignee": "nobody-x"}, 404, "nobody-x"),
        (
            "/office/contracts/no-such-contract/end",
            {"notice_given_on": "2026-05-15"},
            404,
            "no contract",
        ),
        (
            "/office/contracts/{contract}/end",
            {"notice_given_on": "15.05.2026"},
            422,
            "notice_given_on",
        ),
        ("/office/contracts/{contract}/end", {"notice_given_on": "2025-01-01"}, 422, "starts on"),
    ],
)
def test_bad_planning_requests_are_refused_and_change_nothing(
    server: Server, path: str, body: Any, status: int, words: str
) -> None:
    fleet, office = make_fleet(server), office_session(server)
    before = state(server)
    answer = office.post(f"{server.url}{path.format(contract=fleet.contract.id)}", json=body)
    assert answer.status_code == status, answer.text
    assert words in answer.json()["detail"]
    assert state(server) == before


def test_plan_visits_command_on_the_demo_fleet_contract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("TECH_APP_PASSWORD", "s3cret-pw")
    db = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    assert run(["office", "seed-demo", "--db", db, "--today", "2026-11-28"], capsys)[0] == 0
    code, out, _ = run(
        ["office", "plan-visits", "--db", db, "--from", "2026-09-01", "--until", "2027-08-31"],
        capsys,
    )
    # liu's and tom's demo each hold the fleet agreement of six trucks; built on
    # 2026-11-28, it runs from 2026-09-01 for twelve months (tech_app.demo): 4 visits
    # each and the yearly operator training on the first; and the printer support
    # agreement (from 2026-09-09, three printers): 4 inspection rounds each.
    assert code == 0 and out.startswith("18 visit(s) owed 2026-09-01 to 2027-08-31: 18 new")
    code, out, _ = run(
        [
            "office",
            "plan-visits",
            "--db",
            db,
            "--from",
            "2026-09-01",
            "--until",
            "2027-08-31",
            "--json",
        ],
        capsys,
    )
    result = json.loads(out)
    assert result["created"] == [] and len(result["visits"]) == 18
    by_basis = {
        b: [v for v in result["visits"] if v["basis"] == b] for b in ("calendar", "training")
    }
    assert sorted(len(v["asset_ids"]) for v in by_basis["calendar"]) == [3] * 8 + [6] * 8
    trainings = by_basis["training"]
    assert [(v["due_on"], v["asset_ids"]) for v in trainings] == [("2026-09-01", [])] * 2
    assert all(v["number"].startswith("TR-260901-") for v in trainings)
    with pytest.raises(SystemExit) as exit_info:
        run(["office", "plan-visits", "--db", db, "--until", "2026-02-30"], capsys)
    assert exit_info.value.code == 2
    assert "--until: '2026-02-30' is not a date" in capsys.readouterr().err


def test_plan_contract_refuses_a_horizon_that_ends_before_it_starts(server: Server) -> None:
    fleet = make_fleet(server)
    with pytest.raises(ValidationError, match="until"), write_transaction(server.engine) as conn:
        plan_contract(conn, fleet.contract, date(2026, 5, 1), date(2026, 4, 1))
