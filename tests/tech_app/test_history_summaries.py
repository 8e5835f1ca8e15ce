"""Head office's summaries of colleagues' visits: applied from a pull, read-only, used on site."""

from __future__ import annotations

from datetime import date
from typing import Any

from tech_app.asset_history import last_readings, previous_visits
from tech_app.coverage import default_coverage
from tech_app.demo import demo_id
from tech_app.records import Part
from tech_app.records.history import asset_visit_id
from tech_app.store import remote
from tech_app.store.local import LocalStore
from tech_app.vocab import Coverage
from tests.tech_app.fleet_history import FLEET_JOB, TRUCKS, add_previous_visit

COLLEAGUE_JOB = "7a1c0000-0000-4000-8000-000000000001"


def summary(**over: Any) -> dict[str, Any]:
    row = {
        "id": asset_visit_id(COLLEAGUE_JOB, TRUCKS[0]),
        "asset_id": TRUCKS[0],
        "visit_job_id": COLLEAGUE_JOB,
        "job_number": "TO-261001-03",
        "job_type": "repair",
        "visited_at": "2026-10-01T06:00:00+00:00",
        "technician": "tom",
        "hour_meter": 2100,
        "work_done": "Brake pads replaced",
        "readings": [{"item_key": "fork_wear", "value": "3"}],
        "parts": [
            {
                "part_number": "FL-BRK-PAD",
                "part_name": "Brake shoe set",
                "part_name_zh": "",
                "quantity": "1",
                "serial_out": "PAD-2023-001",
                "serial_in": "PAD-2026-900",
            }
        ],
        "version": 1,
        "updated_at": "2026-10-01T06:05:00+00:00",
    }
    return {**row, **over}


def pull(store: LocalStore, *changes: dict[str, Any]) -> remote.PageResult:
    return remote.apply_pull_page(store, list(changes), next_cursor=10)


def test_a_colleagues_visit_joins_the_units_history(demo_store: LocalStore) -> None:
    add_previous_visit(demo_store)  # this technician's own August visit
    pull(demo_store, {"seq": 9, "table": "asset_visits", "id": summary()["id"], "row": summary()})
    visits = previous_visits(demo_store, TRUCKS[0], current_job_id=FLEET_JOB)
    assert [(v.job_number, v.technician) for v in visits] == [
        ("TO-261001-03", "tom"),
        ("SV-260820-01", "liu"),
    ]
    assert visits[0].parts[0].serial_in == "PAD-2026-900"
    assert last_readings(demo_store, TRUCKS[0], current_job_id=FLEET_JOB)["fork_wear"].value == "3"
    # Nothing of it is a job here, and nothing of it goes back to head office.
    assert (
        demo_store.db.execute("SELECT count(*) FROM jobs WHERE id = ?", [COLLEAGUE_JOB]).fetchone()[
            0
        ]
        == 0
    )
    outbox = demo_store.db.execute(
        "SELECT count(*) FROM outbox WHERE table_name = 'asset_visits'"
    ).fetchone()[0]
    assert outbox == 0


def test_a_part_a_colleague_fitted_is_covered_by_its_own_warranty(demo_store: LocalStore) -> None:
    pull(demo_store, {"seq": 9, "table": "asset_visits", "id": summary()["id"], "row": summary()})
    pad = demo_store.get(Part, demo_id("part:FL-BRK-PAD"))
    today = date(2026, 11, 29)
    assert (
        default_coverage(demo_store, FLEET_JOB, TRUCKS[0], pad, today, serial_out="PAD-2026-900")
        is Coverage.WARRANTY
    )


def test_sending_a_summary_again_replaces_it(demo_store: LocalStore) -> None:
    pull(demo_store, {"seq": 9, "table": "asset_visits", "id": summary()["id"], "row": summary()})
    again = summary(hour_meter=2150)
    pull(demo_store, {"seq": 11, "table": "asset_visits", "id": again["id"], "row": again})
    (visit,) = previous_visits(demo_store, TRUCKS[0], current_job_id=FLEET_JOB)
    assert visit.hour_meter == 2150


def test_a_broken_summary_is_skipped_not_fatal(demo_store: LocalStore) -> None:
    broken = summary(visited_at="2026-10-01T06:00:00")  # no time zone
    result = pull(
        demo_store, {"seq": 9, "table": "asset_visits", "id": broken["id"], "row": broken}
    )
    assert result.skipped == [broken["id"]]
    assert previous_visits(demo_store, TRUCKS[0], current_job_id=FLEET_JOB) == []
    assert remote.cursor(demo_store) == 10


def test_history_leaves_with_its_unit(demo_store: LocalStore) -> None:
    # The demo day as if it came from head office: nothing unsent that would keep the job.
    demo_store.db.execute("UPDATE outbox SET state = 'confirmed'")
    pull(demo_store, {"seq": 9, "table": "asset_visits", "id": summary()["id"], "row": summary()})
    # Head office takes the fleet job away: its units go, and their history with them.
    pull(demo_store, {"seq": 12, "table": "jobs", "id": FLEET_JOB, "row": None})
    pull(demo_store, {"seq": 13, "table": "assets", "id": TRUCKS[0], "row": None})
    assert demo_store.db.execute("SELECT count(*) FROM asset_visits").fetchone()[0] == 0
