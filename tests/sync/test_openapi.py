"""/openapi.json documents every body, the bearer scheme and the errors head office gives,
and what head office really answers has the documented shape."""

from __future__ import annotations

import uuid
from typing import Any

import requests
from pydantic import TypeAdapter

from sync import protocol as p
from sync.server.api_docs import OPEN
from tests.sync.conftest import Server
from tests.sync.test_security import V, bearer, login, mutation, push

# Routes that take no body at all.
NO_BODY = {("post", "/auth/logout"), ("post", "/office/jobs/{key}/cancel")}


def _operations(server: Server) -> list[tuple[str, str, dict[str, Any]]]:
    doc = requests.get(f"{server.url}/openapi.json").json()
    assert doc["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": doc["components"]["securitySchemes"]["bearer"]["description"],
    }
    return [(m, path, op) for path, ops in doc["paths"].items() for m, op in ops.items()]


def test_every_route_documents_its_token_its_body_and_its_errors(server: Server) -> None:
    operations = _operations(server)
    assert len(operations) > 15
    problem = {"$ref": "#/components/schemas/Problem"}
    for method, path, op in operations:
        where = f"{method.upper()} {path}"
        if (method, path) in OPEN:
            assert "security" not in op, where
        else:
            assert op["security"] == [{"bearer": []}], where
            assert op["responses"]["401"]["content"]["application/json"]["schema"] == problem
        if method in ("post", "put") and (method, path) not in NO_BODY:
            assert op.get("requestBody", {}).get("required") is True, where
        if path != "/health":
            assert op["responses"]["400"]["content"]["application/json"]["schema"] == problem
    by_route = {(m, path): op for m, path, op in operations}
    push_op = by_route[("post", "/sync/push")]
    body = push_op["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PushRequest"}
    assert {"409", "413", "426"} <= set(push_op["responses"])
    pull_ok = by_route[("get", "/sync/pull")]["responses"]["200"]["content"]["application/json"]
    assert pull_ok["schema"] == {"$ref": "#/components/schemas/PullResponse"}
    assert {"409", "410"} <= set(by_route[("get", "/sync/pull")]["responses"])


def test_real_answers_have_the_documented_shapes(server: Server) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    answer = login(server, tech)
    assert answer.status_code == 200
    tokens = TypeAdapter(p.LoginResponse).validate_python(answer.json())
    pulled = requests.get(
        f"{server.url}/sync/pull", params={"cursor": 0}, headers=bearer(tokens.access_token)
    )
    page = TypeAdapter(p.PullResponse).validate_python(pulled.json())
    assert page.changes and page.cursor > 0
    note = mutation(1, "jobs", jobs["stove"], "update", {"findings": "阀门老化"})
    pushed = push(server, tokens.access_token, [note], client=f"c-{uuid.uuid4().hex[:12]}")
    answer_body = TypeAdapter(p.PushResponse).validate_python(pushed.json())
    assert [r.status for r in answer_body.results] == ["applied"]
    assert answer_body.results[0].seq <= answer_body.seq  # real numbers, not provisional
    # A device of its own: a shared default id may be registered to another test's technician.
    gap_mutations = [mutation(5, "jobs", jobs["stove"], "update", {})]
    gap = push(server, tokens.access_token, gap_mutations, client=f"c-{uuid.uuid4().hex[:12]}")
    assert gap.status_code == 409
    assert TypeAdapter(p.Problem).validate_python(gap.json()).expected == 1
    refused = requests.post(f"{server.url}/auth/login", json={"user": tech}, headers=V)
    assert refused.status_code == 400
    assert "password" in TypeAdapter(p.Problem).validate_python(refused.json()).detail
