"""The SLA overview: jobs by state per promise and per technician, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from tech_app.demo import CHINA
from tech_app.records import Job
from tests.sync.conftest import Server
from tests.sync.office_api import office_session, put
from tests.sync.test_commands import run
from tests.sync.test_follow_ups import home

DAY = date(2024, 6, 10)
NOW = "2024-06-11T12:00:00+08:00"


def when(hours: float) -> datetime:
    """``hours`` after 08:00 on the first day of the period, company time."""
    return datetime(DAY.year, DAY.month, DAY.day, 8, tzinfo=CHINA) + timedelta(hours=hours)


def job(asset: Any, policy: str, reported: float, assignee: str = "", **extra: Any) -> Job:
    return Job(
        number=f"S-{uuid.uuid4().hex[:10]}",
        job_type="repair",  # type: ignore[arg-type]
        customer_id=asset.customer_id,
        site_id=asset.site_id,
        reported_at=when(reported),
        assignee=assignee,
        sla_policy=policy,
        **{"status": "assigned" if assignee else "new", **extra},
    )


@pytest.fixture
def period(server: Server) -> dict[str, Any]:
    """Two technicians' jobs reported on 10–11 June 2024, one before and one after."""
    asset = home(server)
    kept, late, support = server.technician(), server.technician(), server.technician()
    done = job(
        asset,
        "stove",
        0,
        kept,
        status="completed",
        responded_at=when(1),  # reply within 2 h: met
        on_site_at=when(7),  # plan within 8 h: met
        completed_at=when(26),  # resolved within 30 h: met
    )
    slow = job(asset, "stove", 0, late, status="en_route", responded_at=when(3))  # 2 h missed
    office = job(
        asset,
        "equipment_support",
        1,
        support,
        status="completed",
        responded_at=when(1.3),
        on_site_at=when(2.5),
        completed_at=when(8),
    )
    waiting = job(asset, "stove", 20)  # reported 04:00 on the 11th, nobody assigned yet
    outside = [job(asset, "stove", -9, kept), job(asset, "stove", 40, kept)]
    cancelled = job(asset, "stove", 2, kept, status="cancelled")
    put(server, [done, slow, office, waiting, *outside, cancelled])
    session = office_session(server)
    # The customer of the finished stove job was called back 27 h after the report.
    answer = session.post(
        f"{server.url}/office/follow-ups/{done.id}/answers",
        json={
            "problem_solved": True,
            "on_time": True,
            "attitude": 5,
            "skill": 5,
            "amount_charged": "0",
            "at": when(27).isoformat(),
        },
    )
    assert answer.status_code == 200, answer.text
    return {"kept": kept, "late": late, "support": support, "office": session}


def counts(rows: list[dict[str, Any]], technician: str) -> dict[str, tuple[int, ...]]:
    return {
        r["promise"]: (r["met"], r["at_risk"], r["breached"], r["on_track"])
        for r in rows
        if r["technician"] == technician
    }


def test_jobs_by_state_per_promise_and_technician(server: Server, period: dict[str, Any]) -> None:
    answer = period["office"].get(
        f"{server.url}/office/sla", params={"from": "2024-06-10", "to": "2024-06-11", "at": NOW}
    )
    assert answer.status_code == 200, answer.text
    overview = answer.json()
    rows = overview["by_technician"]
    #                                met, at risk, breached, on track
    assert counts(rows, period["kept"]) == {
        "reply": (1, 0, 0, 0),
        "plan": (1, 0, 0, 0),
        "resolved": (1, 0, 0, 0),
        "follow_up": (1, 0, 0, 0),
    }
    assert counts(rows, period["late"]) == {
        "reply": (0, 0, 1, 0),
        "plan": (0, 0, 1, 0),  # nobody on site 8 h after the report
        "resolved": (0, 1, 0, 0),  # 2 h of 30 left at noon on the 11th
        "follow_up": (0, 0, 0, 1),
    }
    assert counts(rows, period["support"]) == {
        "phone_response": (1, 0, 0, 0),
        "on_site": (1, 0, 0, 0),
        "repaired_or_replaced": (1, 0, 0, 0),
    }
    assert counts(rows, "(unassigned)")["reply"][2] >= 1  # 04:00 report, nobody replied
    # Totals per promise add up the technicians' rows, in the policy's order.
    stove = [r for r in overview["by_promise"] if r["policy"] == "stove"]
    assert [r["promise"] for r in stove] == ["reply", "plan", "resolved", "follow_up"]
    for total in overview["by_promise"]:
        same = [
            r for r in rows if (r["policy"], r["promise"]) == (total["policy"], total["promise"])
        ]
        assert total["jobs"] == sum(r["jobs"] for r in same)
    mine = [j for j in overview["jobs"] if j["technician"] == period["kept"]]
    assert len(mine) == 1  # the jobs before and after the period, and the cancelled one, are out


def test_sla_command_prints_json_and_csv(
    server: Server, period: dict[str, Any], capsys: Any
) -> None:
    base = ["office", "sla", "--db", server.db_url, "--from", "2024-06-10", "--to", "2024-06-11"]
    code, out, _ = run([*base, "--at", NOW, "--json"], capsys)
    assert code == 0
    overview = json.loads(out)
    assert counts(overview["by_technician"], period["late"])["reply"] == (0, 0, 1, 0)
    code, out, _ = run([*base, "--at", NOW, "--csv"], capsys)
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out)))
    assert list(table[0]) == [
        "technician",
        "policy",
        "promise",
        "met",
        "at_risk",
        "breached",
        "on_track",
        "jobs",
    ]
    late = {r["promise"]: r for r in table if r["technician"] == period["late"]}
    assert late["resolved"]["at_risk"] == "1" and late["reply"]["breached"] == "1"
    assert len(table) == len(overview["by_technician"]) + len(overview["by_promise"])


def test_bad_periods_are_refused(server: Server, period: dict[str, Any], capsys: Any) -> None:
    base = ["office", "sla", "--db", server.db_url]
    code, _, err = run([*base, "--from", "2024-06-11", "--to", "2024-06-10"], capsys)
    assert code == 1 and "to: 2024-06-10 is before 2024-06-11" in err
    code, _, err = run(
        [*base, "--from", "2024-06-10", "--to", "2024-06-11", "--at", "noon"], capsys
    )
    assert code == 1 and "--at" in err
    office = period["office"]
    for params, words in (
        ({"from": "2024-06-10"}, "to"),
        ({"from": "10/06/2024", "to": "2024-06-11"}, "from"),
        ({"from": "2024-06-10", "to": "2024-06-11", "at": "yesterday"}, "at"),
    ):
        answer = office.get(f"{server.url}/office/sla", params=params)
        assert answer.status_code == 422 and words in answer.json()["detail"], answer.text
