"""A push inserts the first versions of its rows together; a refused mutation in the
middle loses nobody's row and changes nothing of its own.

The batch waits in memory until something reads the table by SQL, changes a row or
the push ends. The dangerous case: an earlier mutation's rows inserted inside a later
mutation's savepoint, which that mutation's refusal rolls back.
"""

from __future__ import annotations

import uuid
from typing import Any

from sync.server import store
from sync.server.db import read_transaction
from tests.sync.conftest import Server
from tests.sync.test_security import login, mutation, push


def _entry(job_id: str, tech: str, minute: int) -> dict[str, Any]:
    entry_id = str(uuid.uuid4())
    return {
        "id": entry_id,
        "job_id": job_id,
        "kind": "labour",
        "started_at": f"2026-11-28T10:{minute:02d}:00+08:00",
        "ended_at": None,
        "technician": tech,
    }


def test_rows_before_a_refused_mutation_survive_and_later_ones_see_them(
    server: Server,
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    token = login(server, tech).json()["access_token"]
    first, last = _entry(jobs["stove"], tech, 0), _entry(jobs["stove"], tech, 30)
    refused_answer = {
        "id": str(uuid.uuid4()),
        "job_id": jobs["stove"],
        "item_key": "bad\x00key",  # read by SQL for its natural key, then refused
        "value": "yes",
    }
    answer = push(
        server,
        token,
        [
            mutation(1, "time_entries", first["id"], "insert", first),
            mutation(2, "checklist_answers", refused_answer["id"], "insert", refused_answer),
            mutation(
                3, "time_entries", first["id"], "update", {"ended_at": "2026-11-28T10:20:00+08:00"}
            ),
            mutation(4, "time_entries", last["id"], "insert", last),
        ],
        client=f"c-{uuid.uuid4().hex[:12]}",
    )
    assert answer.status_code == 200, answer.text
    statuses = [r["status"] for r in answer.json()["results"]]
    assert statuses == ["applied", "rejected", "applied", "applied"], answer.json()
    with read_transaction(server.engine) as conn:
        kept = store.load(conn, "time_entries", first["id"])
        added = store.load(conn, "time_entries", last["id"])
        refused = store.load(conn, "checklist_answers", refused_answer["id"])
    assert kept is not None and kept.data["ended_at"].startswith("2026-11-28T10:20")
    assert kept.version == 2
    assert added is not None and added.data["started_at"].startswith("2026-11-28T10:30")
    assert refused is None
