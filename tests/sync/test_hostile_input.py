"""Hostile input gets a 4xx that names what is wrong, never a 500, and changes nothing.

Each case here was a 500 (or stored garbage) on SQLite, PostgreSQL or both: bodies
nested past the recursion limit, lone surrogates and NUL characters in text (which
neither UTF-8 nor PostgreSQL's text can hold), integers past a signed 64-bit column,
version headers in digits other than ASCII ones, and values of the wrong type where
the shared records did not look. The last tests force an unexpected error in-process
and check it is logged with its traceback while the client gets a plain 500.
"""

from __future__ import annotations

import io
import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from sync.server import store
from sync.server import tables as t
from sync.server.db import current_seq, read_transaction
from tech_app.demo import demo_id
from tech_app.records.codec import RECORD_SCHEMA
from tests.sync.conftest import PASSWORD, Server
from tests.sync.test_security import V, bearer, login

DEEP_ARRAY = b"[" * 100_000
DEEP_OBJECT = b'{"a": ' * 100_000
LONE_SURROGATE = '"\\ud800"'  # a JSON escape of half a UTF-16 pair: valid JSON, not text
INT64_MAX = 2**63 - 1


@pytest.fixture(scope="module")
def people(server: Server) -> dict[str, Any]:
    """A technician with the demo day and an office user, both logged in."""
    tech, office = server.technician(), server.technician("office")
    jobs = server.dispatch_demo(tech)
    return {
        "tech": tech,
        "jobs": jobs,
        "tech_headers": bearer(login(server, tech).json()["access_token"]),
        "office_headers": bearer(login(server, office).json()["access_token"]),
    }


def state(server: Server) -> dict[str, int]:
    """What a refused request must not move."""
    counted = {
        "records": t.records,
        **t.kinds,
        "tombstones": t.tombstones,
        "blob_chunks": t.blob_chunks,
        "clients": t.clients,
        "mutation_log": t.mutation_log,
        "login_failures": t.login_failures,
        "tokens": t.tokens,
    }
    with read_transaction(server.engine) as conn:
        found = {
            name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
            for name, table in counted.items()
        }
        found["seq"] = current_seq(conn)
    return found


def stored_row(server: Server, table: str, record_id: str) -> dict[str, Any] | None:
    with read_transaction(server.engine) as conn:
        found = store.load(conn, table, record_id)
    return found.data if found else None


def client_id() -> str:
    return f"hostile-{uuid.uuid4().hex[:12]}"


def push_body(mutations: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"client_id": client_id(), "seen_seq": 0, "mutations": mutations, **extra}


def mutation(table: str, record_id: str, op: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": 1,
        "table": table,
        "record_id": record_id,
        "op": op,
        "fields": fields,
        "base_version": 1,
        "schema_version": RECORD_SCHEMA,
    }


def photo_row(job_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "job_id": job_id,
        "asset_id": None,
        "item_key": "",
        "sha256": "ab" * 32,
        "caption": "",
        "taken_at": "2026-11-28T10:00:00+08:00",
        **fields,
    }


def customer_row(**fields: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "name": "华东物流",
        "phone": "021-5888 1234",
        "customer_class": "B",
        "notes": "",
        **fields,
    }


def send(
    server: Server, method: str, path: str, headers: dict[str, Any], body: Any = None
) -> requests.Response:
    """``body``: bytes go as they are (hostile JSON text), anything else as JSON."""
    if isinstance(body, bytes):
        return requests.request(
            method,
            f"{server.url}{path}",
            data=body,
            headers={**headers, "Content-Type": "application/json"},
            timeout=30,
        )
    return requests.request(method, f"{server.url}{path}", json=body, headers=headers, timeout=30)


def refused(answer: requests.Response, status: int | tuple[int, ...], *words: str) -> str:
    statuses = status if isinstance(status, tuple) else (status,)
    assert answer.status_code in statuses, (answer.status_code, answer.text[:500])
    detail = answer.json()["detail"]
    assert isinstance(detail, str) and detail, answer.text
    for word in words:
        assert word in detail, (word, detail)
    return detail


def rejected_reason(answer: requests.Response) -> str:
    """A push answered 200 whose one mutation was rejected: its reason."""
    assert answer.status_code == 200, answer.text[:500]
    (result,) = answer.json()["results"]
    assert result["status"] == "rejected", result
    return str(result["reason"])


# Bodies nested past the parser's recursion limit ------------------------------------
@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
@pytest.mark.parametrize(
    "path, who",
    [("/sync/push", "tech"), ("/auth/login", None), ("/office/records", "office")],
)
def test_deeply_nested_json_is_400(
    server: Server, people: dict[str, Any], path: str, who: str | None, body: bytes
) -> None:
    before = state(server)
    headers = people[f"{who}_headers"] if who else V
    refused(send(server, "POST", path, headers, body), 400, "nested")
    assert state(server) == before


def test_a_number_too_long_to_read_is_400(server: Server, people: dict[str, Any]) -> None:
    before = state(server)
    body = b'{"client_id": "abcdefgh12", "seen_seq": ' + b"9" * 5000 + b', "mutations": []}'
    refused(send(server, "POST", "/sync/push", people["tech_headers"], body), 400, "number")
    assert state(server) == before


# Lone surrogates: not text in any encoding -------------------------------------------
def test_lone_surrogates_are_refused_naming_the_field(
    server: Server, people: dict[str, Any]
) -> None:
    before = state(server)
    job = people["jobs"]["ring"]
    findings = json.dumps(push_body([mutation("jobs", job, "update", {"findings": "X"})]))
    answer = send(
        server,
        "POST",
        "/sync/push",
        people["tech_headers"],
        findings.replace('"X"', LONE_SURROGATE).encode(),
    )
    refused(answer, (400, 422), "findings", "surrogate")
    user = f'{{"user": {LONE_SURROGATE}, "password": "{PASSWORD}"}}'.encode()
    refused(send(server, "POST", "/auth/login", V, user), (400, 422), "user", "surrogate")
    password = f'{{"user": "{people["tech"]}", "password": {LONE_SURROGATE}}}'.encode()
    refused(send(server, "POST", "/auth/login", V, password), (400, 422), "password")
    office = json.dumps({"table": "customers", "row": customer_row(name="X")})
    answer = send(
        server,
        "POST",
        "/office/records",
        people["office_headers"],
        office.replace('"X"', LONE_SURROGATE).encode(),
    )
    refused(answer, (400, 422), "name", "surrogate")
    device = json.dumps(push_body([])).replace('"hostile-', '"\\udc80hostile-').encode()
    refused(send(server, "POST", "/sync/push", people["tech_headers"], device), 400, "client_id")
    assert state(server) == before
    assert stored_row(server, "jobs", job)["findings"] == ""  # type: ignore[index]


# NUL: PostgreSQL text cannot hold it, and no field means it ---------------------------
def test_nul_in_office_records_is_422_naming_the_field(
    server: Server, people: dict[str, Any]
) -> None:
    before = state(server)
    office = people["office_headers"]
    answer = send(
        server,
        "POST",
        "/office/records",
        office,
        {"table": "customers", "row": customer_row(name="华东\x00物流")},
    )
    refused(answer, 422, "customer.name", "NUL")
    answer = send(
        server,
        "POST",
        "/office/records",
        office,
        {"table": "customers", "row": customer_row(notes="a\x00b")},
    )
    refused(answer, 422, "customer.notes", "NUL")
    # Text fields the records did not check at all: the review flag and the assignee.
    job = stored_row(server, "jobs", people["jobs"]["ring"])
    assert job is not None
    for name in ("flagged", "assignee", "sla_policy"):
        answer = send(
            server,
            "POST",
            "/office/records",
            office,
            {"table": "jobs", "row": {**job, name: "x\x00"}},
        )
        refused(answer, 422, f"job.{name}", "NUL")
    assert state(server) == before


def test_nul_in_a_pushed_text_is_a_rejected_mutation_naming_the_field(
    server: Server, people: dict[str, Any]
) -> None:
    job = people["jobs"]["ring"]
    headers = people["tech_headers"]
    before = state(server)
    findings = send(
        server,
        "POST",
        "/sync/push",
        headers,
        push_body([mutation("jobs", job, "update", {"findings": "漏水\x00"})]),
    )
    assert "job.findings" in rejected_reason(findings) and "NUL" in rejected_reason(findings)
    photo = photo_row(job, caption="a\x00b")
    caption = send(
        server,
        "POST",
        "/sync/push",
        headers,
        push_body([mutation("photos", photo["id"], "insert", photo)]),
    )
    assert "photo.caption" in rejected_reason(caption)
    after = state(server)
    assert (after["records"], after["seq"]) == (before["records"], before["seq"])
    assert stored_row(server, "jobs", job)["findings"] == ""  # type: ignore[index]
    assert stored_row(server, "photos", photo["id"]) is None


def test_nul_in_ids_names_and_addresses_is_400(server: Server, people: dict[str, Any]) -> None:
    job = people["jobs"]["ring"]
    tech, office = people["tech_headers"], people["office_headers"]
    answer_id = str(uuid.uuid4())
    answer_row = {
        "id": answer_id,
        "job_id": job + "\x00",
        "asset_id": None,
        "template_id": str(uuid.uuid4()),
        "item_key": "k",
        "value": "yes",
        "out_of_range": 0,
        "answered_at": "2026-11-28T10:00:00+08:00",
    }
    van_row = {"id": str(uuid.uuid4()), "technician": "x\x00", "part_id": str(uuid.uuid4())}
    before = state(server)
    pushes = {
        "record_id": push_body([mutation("jobs", job[:-1] + "\x00", "update", {"findings": "x"})]),
        "fields": push_body([mutation("jobs", job, "update", {"find\x00ings": "x"})]),
        "client_id": {**push_body([]), "client_id": "hostile-\x00-device"},
        "job_id": push_body([mutation("checklist_answers", answer_id, "insert", answer_row)]),
        "technician": push_body([mutation("van_stock", van_row["id"], "insert", van_row)]),
    }
    for word, body in pushes.items():
        refused(send(server, "POST", "/sync/push", tech, body), 400, word, "NUL")
    user = {"user": people["tech"] + "\x00", "password": PASSWORD}
    refused(send(server, "POST", "/auth/login", V, user), (400, 422), "user")
    assign = {"technician": people["tech"] + "\x00"}
    refused(
        send(server, "POST", f"/office/jobs/{job}/assign", office, assign),
        400,
        "technician",
    )
    plan = {"until": "2026-12-31", "assignee": "x\x00"}
    refused(send(server, "POST", "/office/plan-visits", office, plan), (400, 422), "assignee")
    for path in (
        "/office/jobs/%00/cancel",
        "/office/jobs/%00/assign",
        "/office/contracts/%00/end",
        "/office/conflicts?job_id=%00",
    ):
        refused(send(server, "POST" if "?" not in path else "GET", path, office, {}), 400, "NUL")
    refused(send(server, "DELETE", "/office/jobs/%00", office), 400, "NUL")
    assert state(server) == before


# Integers past what a signed 64-bit column holds ---------------------------------------
@pytest.mark.parametrize(
    "query",
    [
        "cursor=99999999999999999999999",
        f"cursor={INT64_MAX + 1}",
        "limit=99999999999999999999999",
    ],
)
def test_huge_pull_cursor_or_limit_is_400(
    server: Server, people: dict[str, Any], query: str
) -> None:
    answer = send(server, "GET", f"/sync/pull?{query}", people["tech_headers"])
    refused(answer, 400, query.split("=")[0])


def test_pull_numbers_past_what_int_reads_and_the_largest_cursor_are_not_500(
    server: Server, people: dict[str, Any]
) -> None:
    headers = people["tech_headers"]
    digits = send(server, "GET", "/sync/pull?cursor=" + "9" * 5000, headers)
    assert digits.status_code == 422 and "cursor" in digits.text[:300]  # FastAPI's own answer
    largest = send(server, "GET", f"/sync/pull?cursor={INT64_MAX}", headers)
    assert 200 <= largest.status_code < 500, largest.text


@pytest.mark.parametrize("name", ["id", "base_version", "schema_version", "seen_seq"])
@pytest.mark.parametrize("value", [10**23, INT64_MAX + 1, -1])
def test_push_integers_out_of_range_are_400(
    server: Server, people: dict[str, Any], name: str, value: int
) -> None:
    before = state(server)
    item = mutation("jobs", people["jobs"]["ring"], "update", {"findings": "x"})
    body = push_body([item])
    if name == "seen_seq":
        body["seen_seq"] = value
    else:
        item[name] = value
    refused(send(server, "POST", "/sync/push", people["tech_headers"], body), 400, name)
    assert state(server) == before


# Version headers in digits other than ASCII ones -------------------------------------------
@pytest.mark.parametrize(
    "header", ["X-Tech-App-Protocol", "X-Tech-App-Schema"], ids=["protocol", "schema"]
)
@pytest.mark.parametrize(
    "value",
    ["²".encode("latin-1"), "١".encode(), "1²".encode("latin-1"), b"9" * 5000, b"-1", b""],
    ids=["superscript", "arabic-indic", "mixed", "huge", "negative", "blank"],
)
def test_version_headers_must_be_ascii_digits(
    server: Server, people: dict[str, Any], header: str, value: bytes
) -> None:
    headers = {**people["tech_headers"], header: value}
    answer = requests.get(f"{server.url}/sync/pull", headers=headers, timeout=30)
    refused(answer, 400, header)
    login_headers = {**V, header: value}
    user = {"user": people["tech"], "password": PASSWORD}
    answer = requests.post(f"{server.url}/auth/login", json=user, headers=login_headers)
    refused(answer, 400, header)


def test_an_old_client_without_headers_is_still_told_to_update(server: Server) -> None:
    answer = requests.get(f"{server.url}/sync/pull", timeout=30)
    refused(answer, 426, "please update")


# Wrong types and over-long values where the records did not look ------------------------
def test_wrong_types_in_pushed_rows_are_rejected_naming_the_field(
    server: Server, people: dict[str, Any]
) -> None:
    job = people["jobs"]["ring"]
    usage = {
        "id": str(uuid.uuid4()),
        "job_id": job,
        "asset_id": None,
        "part_id": demo_id("part:BAT-D"),
        "quantity": "abc",
        "unit_price": 600,
        "coverage": "charged",
        "technician": people["tech"],
        "serial_out": "",
        "serial_in": "",
        "stock_override": 0,
        "used_at": "2026-11-28T10:00:00+08:00",
    }

    def line() -> dict[str, Any]:
        return {**usage, "id": str(uuid.uuid4()), "quantity": "1"}

    cases: list[tuple[str, dict[str, Any], str]] = [
        ("part_usage", usage, "part_usage.quantity"),
        ("part_usage", {**usage, "quantity": [1]}, "part_usage.quantity"),
        ("part_usage", {**usage, "quantity": True}, "part_usage.quantity"),
        ("part_usage", {**usage, "quantity": "NaN"}, "part_usage.quantity"),
        ("photos", photo_row(job, caption=["x"]), "photo.caption"),
        ("photos", photo_row(job, item_key={"a": 1}), "photo.item_key"),
        ("photos", photo_row(job, caption=1.5), "photo.caption"),
        # Numbers beyond what a typed column holds: refused by name, never a 500.
        ("part_usage", {**usage, "quantity": "1"}, ""),  # the control: applied
        ("part_usage", {**line(), "unit_price": 10**30}, "part_usage.unit_price"),
        ("part_usage", {**line(), "unit_price": "600"}, "part_usage.unit_price"),
        ("part_usage", {**line(), "quantity": "1e400000"}, "part_usage.quantity"),
        ("part_usage", {**line(), "quantity": "1e-400"}, "part_usage.quantity"),
        ("part_usage", {**line(), "stock_override": "no"}, "part_usage.stock_override"),
    ]
    headers = people["tech_headers"]
    before = state(server)
    for table, row, word in cases:
        body = push_body([mutation(table, row["id"], "insert", row)])
        answer = send(server, "POST", "/sync/push", headers, body)
        if not word:
            assert answer.json()["results"][0]["status"] == "applied", answer.text
            continue
        reason = rejected_reason(answer)
        assert word in reason, (row, reason)
    for fields in ({"flagged": [1]}, {"sla_policy": 1.5}):
        body = push_body([mutation("jobs", job, "update", fields)])
        assert f"job.{next(iter(fields))}" in rejected_reason(
            send(server, "POST", "/sync/push", headers, body)
        )
    # A name or an id that is not text is a broken device: the whole push is refused.
    body = push_body([mutation("jobs", job, "update", {"assignee": {"a": 1}})])
    refused(send(server, "POST", "/sync/push", headers, body), 400, "fields.assignee")
    van = {"id": str(uuid.uuid4()), "technician": [1], "part_id": demo_id("part:BAT-D")}
    body = push_body([mutation("van_stock", van["id"], "insert", {**van, "quantity": "1"})])
    refused(send(server, "POST", "/sync/push", headers, body), 400, "technician")
    long_id = push_body([mutation("photos", "x" * 37, "insert", photo_row(job, id="x" * 37))])
    refused(send(server, "POST", "/sync/push", headers, long_id), 400, "record_id")
    after = state(server)
    assert after["records"] == before["records"] + 1  # the control line only
    assert after["seq"] > before["seq"]


def test_wrong_types_and_overlong_values_in_office_records_are_422(
    server: Server, people: dict[str, Any]
) -> None:
    office = people["office_headers"]
    job = stored_row(server, "jobs", people["jobs"]["ring"])
    assert job is not None
    job_asset = next(
        row for (table, _), row in server.visible(people["tech"]).items() if table == "job_assets"
    )
    job_asset = {k: v for k, v in job_asset.items() if k not in ("version", "updated_at")}
    item = {"key": "k", "label": "油位", "kind": "number", "minimum": "NaN", "maximum": "5"}
    template = {
        "id": str(uuid.uuid4()),
        "code": "hostile",
        "revision": 1,
        "title": "t",
        "items": json.dumps([item]),
    }
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("jobs", {**job, "assignee": "t" * 61}, "job.assignee"),
        ("jobs", {**job, "assignee": ["t"]}, "job.assignee"),
        ("jobs", {**job, "flagged": {"a": 1}}, "job.flagged"),
        ("jobs", {**job, "sla_policy": 1.5}, "job.sla_policy"),
        ("job_assets", {**job_asset, "id": "x" * 37}, "job_asset.id"),
        ("job_assets", {**job_asset, "id": ["x"]}, "job_asset.id"),
        ("checklist_templates", template, "minimum"),
        ("checklist_templates", {**template, "items": "[" * 100_000}, "items"),
        ("customers", customer_row(name=["x"]), "customer.name"),
        ("jobs", {**job, "priority": 2**63}, "job.priority"),
        ("jobs", {**job, "priority": True}, "job.priority"),
    ]
    before = state(server)
    for table, row, word in cases:
        answer = send(server, "POST", "/office/records", office, {"table": table, "row": row})
        refused(answer, (400, 422), word)
    assert state(server) == before


def test_other_office_inputs_out_of_range_are_4xx(server: Server, people: dict[str, Any]) -> None:
    office = people["office_headers"]
    before = state(server)
    answer = send(server, "GET", "/office/sla?from=0001-01-01&to=9999-12-31", office)
    refused(answer, 422, "to")
    comment = {
        "problem_solved": True,
        "on_time": True,
        "attitude": 3,
        "skill": 3,
        "amount_charged": "1",
        "comment": "x\x00",
    }
    path = f"/office/follow-ups/{people['jobs']['ring']}/answers"
    refused(send(server, "POST", path, office, comment), 422, "comment")
    assert state(server) == before


@pytest.mark.parametrize(
    "content_range",
    [
        f"bytes {10**30}-{10**30}/{10**31}",
        "bytes 0-" + "9" * 5000 + "/1",
        "bytes ²-²/³".encode("latin-1"),
        "bytes ١-١/٢".encode(),
        "bytes 0-1_0/2_0",
        "bytes -0-0/1",
    ],
    ids=["overflow", "digits", "superscript", "arabic-indic", "underscores", "negative"],
)
def test_content_ranges_that_do_not_parse_are_4xx(
    server: Server, people: dict[str, Any], content_range: str | bytes
) -> None:
    before = state(server)
    headers = {**people["tech_headers"], "Content-Range": content_range}
    answer = requests.put(f"{server.url}/blobs/{'c' * 64}", data=b"x", headers=headers)
    refused(answer, (400, 413), "Content-Range" if answer.status_code == 400 else "MB")
    assert state(server) == before


# An unexpected error: a plain 500 for the client, the traceback in the log -------------------
@pytest.fixture
def request_log() -> Iterator[io.StringIO]:
    from sync.server.app import JsonLineFormatter, log

    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonLineFormatter())
    level, propagate = log.level, log.propagate
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    yield out
    log.removeHandler(handler)
    log.setLevel(level)
    log.propagate = propagate


def call(app: Any, method: str, path: str, headers: dict[str, str]) -> Any:
    """One request straight into the ASGI app, the way the server would make it."""
    import asyncio

    import httpx

    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://head-office") as c:
            return await c.request(method, path, headers=headers)

    return asyncio.run(run())


def _errors(out: io.StringIO) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    return [line for line in lines if line["level"] == "ERROR"]


def test_an_error_in_a_handler_is_logged_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request_log: io.StringIO
) -> None:
    from sync.server import app as app_module

    app = app_module.create_app(f"sqlite:///{tmp_path / 'errors.sqlite3'}")

    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("the meta table caught fire")

    monkeypatch.setattr(app_module, "meta_value", broken)
    answer = call(app, "GET", "/health", {"x-request-id": "req-boom-1"})
    assert answer.status_code == 500
    assert answer.json() == {"detail": "head office hit an unexpected error; it has been logged"}
    assert "fire" not in answer.text
    (error,) = _errors(request_log)
    assert error["request_id"] == "req-boom-1"
    assert "Traceback (most recent call last)" in error["exc"]
    assert "RuntimeError: the meta table caught fire" in error["exc"]
    assert "in health" in error["exc"]  # the frame where it happened


def test_an_error_outside_the_handlers_is_logged_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request_log: io.StringIO
) -> None:
    from sync.server import app as app_module

    app = app_module.create_app(f"sqlite:///{tmp_path / 'errors.sqlite3'}")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the version check tripped")

    monkeypatch.setattr(app_module, "_version_problem", broken)
    answer = call(app, "GET", "/sync/pull", V)
    assert answer.status_code == 500
    assert answer.json() == {"detail": "head office hit an unexpected error; it has been logged"}
    (error,) = _errors(request_log)
    assert "Traceback (most recent call last)" in error["exc"]
    assert "RuntimeError: the version check tripped" in error["exc"]
    assert error["path"] == "/sync/pull"


def test_the_json_line_formatter_keeps_the_exception() -> None:
    from sync.server.app import JsonLineFormatter

    try:
        raise ValueError("kaputt \ud800")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    line = JsonLineFormatter().format(record)
    entry = json.loads(line)
    assert "ValueError: kaputt" in entry["exc"]
    line.encode("utf-8")  # a lone surrogate in the message does not break the log line
