"""Auth and ownership: every route refuses another technician's data; bad input is 4xx, never 500."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from sync.protocol import SCHEMA_HEADER
from sync.server import auth
from sync.server import tables as t
from sync.server.app import create_app
from sync.server.console import ROUTERS
from sync.server.db import current_seq, read_transaction, write_transaction
from tech_app.demo import demo_id
from tech_app.records.codec import RECORD_SCHEMA
from tests.sync.conftest import PASSWORD, Server, png_bytes

V = {"X-Tech-App-Protocol": "1", SCHEMA_HEADER: str(RECORD_SCHEMA)}


def login(server: Server, name: str, password: str = PASSWORD) -> requests.Response:
    return requests.post(
        f"{server.url}/auth/login", json={"user": name, "password": password}, headers=V
    )


def bearer(token: str) -> dict[str, str]:
    return {**V, "Authorization": f"Bearer {token}"}


def state(server: Server) -> tuple[int, int, int]:
    """What must not move when a request is refused."""
    with read_transaction(server.engine) as conn:
        records = conn.execute(sa.select(sa.func.count()).select_from(t.records)).scalar_one()
        blobs = conn.execute(sa.select(sa.func.count()).select_from(t.blob_chunks)).scalar_one()
        return current_seq(conn), int(records), int(blobs)


@pytest.fixture
def two(server: Server) -> dict[str, Any]:
    """Technicians A and B with their own jobs; B has uploaded a blob and done some work."""
    a, b = server.technician(), server.technician()
    jobs_a, jobs_b = server.dispatch_demo(a), server.dispatch_demo(b)
    token_a = login(server, a).json()["access_token"]
    token_b = login(server, b).json()["access_token"]
    blob = png_bytes(7)
    import hashlib

    sha_b = hashlib.sha256(blob).hexdigest()
    assert requests.put(f"{server.url}/blobs/{sha_b}", data=blob, headers=bearer(token_b)).ok
    van_b = next(key[1] for key in server.visible(b) if key[0] == "van_stock")
    return {
        "a": a,
        "b": b,
        "token_a": token_a,
        "token_b": token_b,
        "jobs_a": jobs_a,
        "jobs_b": jobs_b,
        "sha_b": sha_b,
        "van_b": van_b,
    }


def push(
    server: Server, token: str, mutations: list[dict[str, Any]], client: str = "client-a-0001"
) -> requests.Response:
    return requests.post(
        f"{server.url}/sync/push",
        json={"client_id": client, "seen_seq": 0, "mutations": mutations},
        headers=bearer(token),
    )


def mutation(n: int, table: str, record_id: str, op: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": n,
        "table": table,
        "record_id": record_id,
        "op": op,
        "fields": fields,
        "base_version": 1,
        "schema_version": RECORD_SCHEMA,
    }


def test_technician_a_cannot_reach_b_on_any_route(
    server: Server, two: dict[str, Any], tmp_path: Path
) -> None:
    url, token = server.url, two["token_a"]
    headers = bearer(token)
    job_b = two["jobs_b"]["stove"]

    def pull(path: str = "/sync/pull") -> None:
        answer = requests.get(f"{url}{path}", params={"cursor": 0, "limit": 1000}, headers=headers)
        found = answer.json()
        ids = {c["id"] for c in found["changes"]}
        assert ids  # a's own jobs come, so the checks below look at something
        assert not ids & set(two["jobs_b"].values())
        assert two["van_b"] not in ids
        for change in found["changes"]:
            row = change["row"] or {}
            assert row.get("assignee", two["a"]) == two["a"]
            assert row.get("technician", two["a"]) == two["a"]

    def push_route() -> None:
        before = state(server)
        answer = push(
            server,
            token,
            [
                mutation(1, "jobs", job_b, "update", {"findings": "mine now"}),
                mutation(
                    2,
                    "checklist_answers",
                    "0e6f6f50-0000-4000-8000-000000000001",
                    "insert",
                    {
                        "id": "0e6f6f50-0000-4000-8000-000000000001",
                        "job_id": job_b,
                        "asset_id": None,
                        "template_id": "6f1c2a0e-1d5b-4c55-9a51-0a1f00000001",
                        "item_key": "x",
                        "value": "yes",
                        "out_of_range": 0,
                        "answered_at": "2026-11-28T10:00:00+08:00",
                    },
                ),
                mutation(
                    3,
                    "stock_movements",
                    "0e6f6f50-0000-4000-8000-000000000003",
                    "insert",
                    {
                        "id": "0e6f6f50-0000-4000-8000-000000000003",
                        "technician": two["b"],
                        "part_id": demo_id("part:FL-HF-01"),
                        "quantity": "-1",
                        "kind": "use",
                        "moved_by": two["a"],
                        "moved_at": "2026-11-28T10:00:00+08:00",
                    },
                ),
                mutation(
                    4,
                    "customers",
                    "0e6f6f50-0000-4000-8000-000000000002",
                    "insert",
                    {
                        "id": "0e6f6f50-0000-4000-8000-000000000002",
                        "name": "x",
                        "phone": "123456",
                        "customer_class": "B",
                        "notes": "",
                    },
                ),
            ],
        )
        assert answer.status_code == 200
        results = answer.json()["results"]
        assert [r["status"] for r in results] == ["rejected"] * 4, results
        assert "not assigned to you" in results[0]["reason"]
        assert "another technician" in results[2]["reason"]
        after = state(server)
        assert after[1:] == before[1:]
        assert server.visible(two["b"])[("jobs", job_b)]["findings"] == ""

    def blob_head() -> None:
        answer = requests.head(f"{url}/blobs/{two['sha_b']}", headers=headers)
        assert answer.headers["Upload-Offset"] == "0" and answer.headers["X-Blob-Complete"] == "0"

    def blob_get() -> None:
        answer = requests.get(f"{url}/blobs/{two['sha_b']}", headers=headers)
        assert answer.status_code == 404

    def blob_put() -> None:
        answer = requests.put(f"{url}/blobs/{two['sha_b']}", data=b"not the bytes", headers=headers)
        assert answer.status_code == 422
        assert requests.get(f"{url}/blobs/{two['sha_b']}", headers=headers).status_code == 404

    def office_route(method: str, path: str) -> Callable[[], None]:
        def check() -> None:
            before = state(server)
            concrete = path.replace("{key}", job_b)
            answer = requests.request(
                method, f"{url}{concrete}", json={"technician": two["a"]}, headers=headers
            )
            assert answer.status_code == 403, (method, path, answer.text)
            assert state(server) == before

        return check

    def logout() -> None:
        # A's logout ends A's session only; B's token keeps working.
        assert requests.post(f"{url}/auth/logout", headers=headers).ok
        assert requests.get(f"{url}/sync/pull", headers=headers).status_code == 401
        assert requests.get(f"{url}/sync/pull", headers=bearer(two["token_b"])).status_code == 200

    def public() -> None:
        pass  # health, docs, login and refresh take no token: covered by other tests

    checks: dict[tuple[str, str], Callable[[], None]] = {
        ("GET", "/sync/pull"): pull,
        ("GET", "/sync/open-jobs"): lambda: pull("/sync/open-jobs"),
        ("POST", "/sync/push"): push_route,
        ("HEAD", "/blobs/{sha256}"): blob_head,
        ("GET", "/blobs/{sha256}"): blob_get,
        ("PUT", "/blobs/{sha256}"): blob_put,
        ("GET", "/health"): public,
        ("POST", "/auth/login"): public,
        ("POST", "/auth/refresh"): public,
    }
    for method, path in (
        ("GET", "/office/jobs"),
        ("GET", "/office/conflicts"),
        ("POST", "/office/records"),
        ("POST", "/office/jobs/{key}/assign"),
        ("POST", "/office/jobs/{key}/schedule"),
        ("POST", "/office/jobs/{key}/cancel"),
        ("DELETE", "/office/jobs/{key}"),
        ("POST", "/office/plan-visits"),
        ("POST", "/office/contracts/{key}/end"),
        ("GET", "/office/follow-ups"),
        ("POST", "/office/follow-ups/{key}/answers"),
        ("GET", "/office/sla"),
    ):
        checks[(method, path)] = office_route(method, path)
    checks[("POST", "/auth/logout")] = logout  # last: it ends A's session

    app = create_app(f"sqlite:///{tmp_path / 'routes.sqlite3'}")
    routes = {
        (method, route.path)
        for route in app.routes
        # The web console's routers have their own guard test (test_console_security).
        if getattr(route, "original_router", None) not in ROUTERS
        and not route.path.startswith(("/docs", "/redoc", "/openapi"))
        for method in getattr(route, "methods", set())
    }
    assert routes == set(checks), "a route without an ownership check in this test"
    for key in sorted(checks, key=lambda k: k == ("POST", "/auth/logout")):
        checks[key]()


def test_bad_credentials_and_tokens_get_401(server: Server, two: dict[str, Any]) -> None:
    assert login(server, two["a"], "wrong").status_code == 401
    assert login(server, "nobody-here", "wrong").status_code == 401
    forged = requests.get(f"{server.url}/sync/pull", headers=bearer("forged-token"))
    assert forged.status_code == 401 and "log in" in forged.json()["detail"]
    assert requests.get(f"{server.url}/sync/pull", headers=V).status_code == 401
    with write_transaction(server.engine) as conn:
        auth.expire_access_tokens(conn, two["a"])
    expired = requests.get(f"{server.url}/sync/pull", headers=bearer(two["token_a"]))
    assert expired.status_code == 401 and "expired" in expired.json()["detail"]
    refresh = requests.post(f"{server.url}/auth/refresh", json={"refresh_token": "nope"}, headers=V)
    assert refresh.status_code == 401


def test_login_failures_are_rate_limited_per_user_and_address(server: Server) -> None:
    name = server.technician()
    for _ in range(5):
        assert login(server, name, "wrong").status_code == 401
    limited = login(server, name, PASSWORD)
    assert limited.status_code == 429 and "wait" in limited.json()["detail"]
    with read_transaction(server.engine) as conn:
        failures = conn.execute(
            sa.select(sa.func.count()).where(t.login_failures.c.technician == name)
        ).scalar_one()
    assert failures == 5  # stored in the database: every worker sees the same count


@pytest.mark.parametrize(
    "method, path, body, status",
    [
        ("POST", "/sync/push", b"{not json", 400),
        ("POST", "/sync/push", b'{"client_id": 5}', 400),
        ("POST", "/sync/push", b'{"client_id": "abcdefgh12", "mutations": [{"id": "x"}]}', 400),
        ("POST", "/sync/push", b"[1, 2, 3]", 400),
        ("POST", "/auth/login", b"\xff\xfe", 400),
        ("GET", "/sync/pull?cursor=-1", None, 400),
        ("GET", "/sync/pull?limit=abc", None, 422),
        ("PUT", "/blobs/not-a-hash", b"x", 400),
    ],
)
def test_malformed_requests_get_4xx_and_change_nothing(
    server: Server, two: dict[str, Any], method: str, path: str, body: bytes | None, status: int
) -> None:
    before = state(server)
    answer = requests.request(
        method, f"{server.url}{path}", data=body, headers=bearer(two["token_a"])
    )
    assert answer.status_code == status, answer.text
    assert answer.json()["detail"]
    assert state(server) == before


def test_oversized_bodies_are_refused(server: Server, two: dict[str, Any]) -> None:
    before = state(server)
    big = json.dumps({"client_id": "x" * 10, "mutations": [], "pad": "x" * (6 * 1024 * 1024)})
    answer = requests.post(f"{server.url}/sync/push", data=big, headers=bearer(two["token_a"]))
    assert answer.status_code == 413 and "over" in answer.json()["detail"]

    def chunks() -> Any:  # no Content-Length: counted as it streams
        for _ in range(7):
            yield b"x" * (1024 * 1024)

    streamed = requests.post(
        f"{server.url}/sync/push", data=chunks(), headers=bearer(two["token_a"])
    )
    assert streamed.status_code == 413
    blob = requests.put(
        f"{server.url}/blobs/{'a' * 64}",
        data=b"x" * 1024,
        headers={**bearer(two["token_a"]), "Content-Range": f"bytes 0-1023/{21 * 1024 * 1024}"},
    )
    assert blob.status_code == 413
    assert state(server) == before


def test_dispatch_fields_and_insert_only_rows_are_refused(
    server: Server, two: dict[str, Any]
) -> None:
    token, job = two["token_a"], two["jobs_a"]["stove"]
    row = server.visible(two["a"])[("jobs", job)]
    answer = push(
        server,
        token,
        [
            mutation(
                1,
                "jobs",
                job,
                "update",
                {
                    "window_start": "2026-12-01T09:00:00+08:00",
                    "window_end": "2026-12-01T10:00:00+08:00",
                },
            ),
            mutation(2, "jobs", job, "update", {"status": "cancelled"}),
            mutation(3, "jobs", job, "update", {"assignee": two["b"]}),
            mutation(
                4,
                "jobs",
                job,
                "update",
                {"status": "en_route", "responded_at": "2026-11-28T09:00:00+08:00"},
            ),
            mutation(5, "jobs", job, "update", {"priority": "high"}),
        ],
        client="client-a-0002",
    )
    results = answer.json()["results"]
    assert [r["status"] for r in results] == [
        "rejected",
        "rejected",
        "rejected",
        "applied",
        "rejected",
    ]
    assert "window_end, window_start" in results[0]["reason"]
    assert "cancelling" in results[1]["reason"]
    assert "priority" in results[4]["reason"]
    # A gap is refused with the id expected next; a replay is answered as before.
    gap = push(
        server,
        token,
        [mutation(9, "jobs", job, "update", {"findings": "x"})],
        client="client-a-0002",
    )
    assert gap.status_code == 409 and gap.json()["expected"] == 6
    replay = push(
        server,
        token,
        [mutation(4, "jobs", job, "update", {"findings": "ignored"})],
        client="client-a-0002",
    )
    assert replay.json()["results"][0]["status"] == "applied"
    assert server.visible(two["a"])[("jobs", job)]["findings"] == row["findings"]
    # A part line is the technician's until signature: a correction is applied.
    usage = {
        "id": "0e6f6f50-0000-4000-8000-0000000000aa",
        "job_id": job,
        "asset_id": None,
        "part_id": demo_id("part:BAT-D"),
        "quantity": "1",
        "unit_price": 600,
        "coverage": "charged",
        "technician": two["a"],
        "serial_out": "",
        "serial_in": "",
        "stock_override": 0,
        "used_at": "2026-11-28T10:00:00+08:00",
    }
    first = push(
        server,
        token,
        [mutation(6, "part_usage", usage["id"], "insert", usage)],
        client="client-a-0002",
    )
    assert first.json()["results"][0]["status"] == "applied"
    unknown = {**usage, "id": "0e6f6f50-0000-4000-8000-0000000000ab", "part_id": usage["job_id"]}
    refused = push(
        server,
        token,
        [mutation(7, "part_usage", unknown["id"], "insert", unknown)],
        client="client-a-0002",
    )
    assert "head office has no part" in refused.json()["results"][0]["reason"]
    corrected = push(
        server,
        token,
        [mutation(8, "part_usage", usage["id"], "update", {"quantity": "5"})],
        client="client-a-0002",
    )
    assert corrected.json()["results"][0]["status"] == "applied"
    # Insert-only: a van-stock movement is never changed (a correction is a new row).
    movement = {
        "id": "0e6f6f50-0000-4000-8000-0000000000ac",
        "technician": two["a"],
        "part_id": demo_id("part:BAT-D"),
        "quantity": "-1",
        "kind": "use",
        "job_id": job,
        "part_usage_id": usage["id"],
        "moved_by": two["a"],
        "note": "",
        "moved_at": "2026-11-28T10:00:00+08:00",
    }
    stored = push(
        server,
        token,
        [mutation(9, "stock_movements", movement["id"], "insert", movement)],
        client="client-a-0002",
    )
    assert stored.json()["results"][0]["status"] == "applied", stored.json()
    again = push(
        server,
        token,
        [mutation(10, "stock_movements", movement["id"], "update", {"quantity": "-5"})],
        client="client-a-0002",
    )
    assert "never changed" in again.json()["results"][0]["reason"]


def test_a_record_that_fails_the_shared_validation_is_rejected(
    server: Server, two: dict[str, Any]
) -> None:
    answer = push(
        server,
        two["token_a"],
        [
            mutation(1, "jobs", two["jobs_a"]["ring"], "update", {"completed_at": "yesterday"}),
            mutation(
                2,
                "time_entries",
                "0e6f6f50-0000-4000-8000-0000000000bb",
                "insert",
                {
                    "id": "0e6f6f50-0000-4000-8000-0000000000bb",
                    "job_id": two["jobs_a"]["ring"],
                    "kind": "labour",
                    "started_at": "2026-11-28T10:00:00",
                    "ended_at": None,
                    "technician": two["a"],
                },
            ),
        ],
        client="client-a-0003",
    )
    reasons = [r["reason"] for r in answer.json()["results"]]
    assert "malformed" in reasons[0] or "completed_at" in reasons[0]
    assert "time_entry.started_at: needs a time zone" in reasons[1]
