"""What /openapi.json says about the bodies, the bearer token and the error answers.

Head office parses request bodies itself (``parse_json_body`` refuses hostile JSON
before anything else sees it), so FastAPI cannot infer their shapes from the route
signatures. The shapes are the protocol's dataclasses (``sync.protocol``), the same
ones the client builds and parses; pydantic turns them into JSON Schema here, and
``install`` puts those schemas, the bearer scheme and the error model into the
document.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter

from sync import protocol as p

_SCHEMAS: dict[str, Any] = {}
# The answers head office really gives, by status, in words for the document.
ERRORS = {
    400: "Malformed or hostile input; `detail` names what and where. Nothing changed.",
    401: "No valid access token (log in or refresh).",
    403: "The token's technician or role may not do this.",
    404: "No such record or blob for this caller.",
    409: "Refused by a rule (a signed job is frozen, a mutation is missing: `expected`, "
    "head office was restored: `restored`).",
    410: "Resync required: pull everything again from 0 (`resync`).",
    413: "The body is larger than head office accepts.",
    422: "A value of the right shape that a rule refuses; `detail` names the field.",
    426: "This app's protocol or record schema is too old or too new: update tech-app.",
    429: "Too many attempts; wait before trying again.",
}
# Operations anyone may call without a token.
OPEN = {("get", "/health"), ("post", "/auth/login"), ("post", "/auth/refresh")}


def schema_ref(shape: Any) -> dict[str, Any]:
    """A reference to the JSON Schema of a protocol dataclass, registered for the document."""
    name = getattr(shape, "__name__", str(shape))
    if name not in _SCHEMAS:
        schema = TypeAdapter(shape).json_schema(ref_template="#/components/schemas/{model}")
        _SCHEMAS.update(schema.pop("$defs", {}))
        _SCHEMAS[name] = schema
    return {"$ref": f"#/components/schemas/{name}"}


def body(shape: Any) -> dict[str, Any]:
    """``openapi_extra`` for a route whose JSON body has this shape."""
    content = {"application/json": {"schema": schema_ref(shape)}}
    return {"requestBody": {"required": True, "content": content}}


def body_object(properties: dict[str, dict[str, Any]], *required: str) -> dict[str, Any]:
    """``openapi_extra`` for a JSON object body whose keys are not Python names ("from")."""
    schema = {"type": "object", "properties": properties, "required": list(required)}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def answers(ok: Any | None, *errors: int) -> dict[int | str, dict[str, Any]]:
    """``responses`` for a route: its 200 shape and the errors it can give (beside the
    ones every protected route gives, added by ``install``)."""
    out: dict[int | str, dict[str, Any]] = {}
    if ok is not None:
        out[200] = {
            "description": "OK",
            "content": {"application/json": {"schema": schema_ref(ok)}},
        }
    for code in errors:
        out[code] = _error(code)
    return out


def _error(code: int) -> dict[str, Any]:
    return {
        "description": ERRORS[code],
        "content": {"application/json": {"schema": schema_ref(p.Problem)}},
    }


def install(app: FastAPI) -> None:
    """Build the document once with the schemas, the bearer scheme and common errors."""
    schema_ref(p.Problem)

    def document() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        doc = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        components = doc.setdefault("components", {})
        components.setdefault("schemas", {}).update(_SCHEMAS)
        components["securitySchemes"] = {
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "The access token from POST /auth/login (or /auth/refresh).",
            }
        }
        for path, operations in doc.get("paths", {}).items():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                common = [400, 426] if path != "/health" else []
                if (method, path) not in OPEN:
                    operation["security"] = [{"bearer": []}]
                    common += [401, 403]
                for code in common:
                    responses.setdefault(str(code), _error(code))
        app.openapi_schema = doc
        return doc

    app.openapi = document  # type: ignore[method-assign]
