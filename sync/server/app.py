"""The head-office HTTP service: ``create_app(db_url)`` builds the FastAPI app.

Workers keep no state that matters: sequences, tokens, rate limits and uploads are
in the database, so several uvicorn workers may serve one PostgreSQL.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

import orjson
from fastapi import Depends, FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync import protocol as p
from sync.server import api_docs as docs
from sync.server import auth, dispatch, restore, store
from sync.server import blobs as blob_store
from sync.server.console import add_console
from sync.server.db import (
    commit_in_order,
    make_engine,
    meta_value,
    migrate,
    quick_read,
    read_transaction,
    timeline_token,
    write_transaction,
)
from sync.server.office_routes import add_office_routes
from sync.server.open_first import open_jobs
from sync.server.push import GapError, push
from tech_app.errors import NotFoundError, TechAppError, ValidationError
from tech_app.records.codec import RECORD_FOR_TABLE, from_row
from tech_app.records.validate import text_problem

log = logging.getLogger("tech_app.server.requests")
_VERSIONED = ("/auth", "/sync", "/blobs", "/office")
# A version or a length: ASCII digits, few enough that int() reads them at once.
_ASCII_NUMBER = re.compile(r"[0-9]{1,30}", re.ASCII)
UNEXPECTED = "head office hit an unexpected error; it has been logged"


class HTTPProblem(Exception):
    def __init__(self, status: int, message: str, **extra: Any) -> None:
        self.status = status
        self.message = message
        self.extra = extra
        super().__init__(message)


class _HTTPMiddleware:
    """A plain ASGI middleware that sees HTTP requests only (``handle``); anything
    else (lifespan) passes straight through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class LimitsMiddleware(_HTTPMiddleware):
    """Refuse oversized bodies (413) before they are read, counting chunked bodies too,
    and answer a client of an unsupported protocol with "please update" (426)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        problem = _address_problem(path, scope.get("query_string", b"")) or _version_problem(
            path, headers
        )
        if problem is not None:
            await _send_json(send, problem[0], problem[1])
            return
        limit = p.MAX_BLOB_SIZE + 1024 if path.startswith("/blobs/") else p.MAX_JSON_BODY
        length = headers.get("content-length")
        if length is not None and _ASCII_NUMBER.fullmatch(length) and int(length) > limit:
            await _send_json(send, 413, {"detail": f"the request body is over {limit} bytes"})
            return
        if length is not None or scope["method"] in ("GET", "HEAD", "DELETE"):
            await self.app(scope, receive, send)
            return
        # A body without a length (chunked) is read up to the limit before the app sees it,
        # so the refusal is a clean 413 rather than an error half way through a handler.
        messages: list[Message] = []
        seen = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            seen += len(message.get("body", b""))
            if seen > limit:
                await _send_json(send, 413, {"detail": f"the request body is over {limit} bytes"})
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            if messages:
                return messages.pop(0)
            return await receive()

        await self.app(scope, replay, send)


class RequestLogMiddleware(_HTTPMiddleware):
    """One JSON log line per request (who, what, status, time), its request id and the
    protocols head office accepts on every answer, and any exception a handler lets
    out turned into its status (a 500 logged with its traceback).

    Plain ASGI rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware
    runs each request through a task group and memory streams, a cost every push and
    pull of the herd paid."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        request_id = _request_id(scope)
        state = scope.setdefault("state", {})
        state["caller"] = None
        status = [500, False]  # the answer's status, whether it has started

        async def answer(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0], status[1] = message["status"], True
                headers = MutableHeaders(scope=message)
                headers["x-request-id"] = request_id
                headers["x-tech-app-accepted-protocol"] = f"{p.MIN_PROTOCOL}-{p.MAX_PROTOCOL}"
            await send(message)

        try:
            await self.app(scope, receive, answer)
        except Exception as exc:
            code, text = _status_of(exc)
            if code == 500:
                log.error(
                    "unhandled error",
                    exc_info=exc,
                    extra={"fields": _where(Request(scope), request_id=request_id)},
                )
            if status[1]:
                raise  # part of an answer is out: nothing sensible can follow it
            await JSONResponse({"detail": _printable(text)}, status_code=code)(
                scope, receive, answer
            )
        caller = state.get("caller")
        client = scope.get("client")
        log.info(
            "request",
            extra={
                "fields": {
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status[0],
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": caller.name if caller else None,
                    "client": client[0] if client else None,
                }
            },
        )


def _request_id(scope: Scope) -> str:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            return value.decode("latin-1")
    return uuid.uuid4().hex[:12]


def _address_problem(path: str, query: bytes) -> tuple[int, dict[str, Any]] | None:
    """A NUL in the path or query (``%00``) names no record, and PostgreSQL cannot even
    compare one: it is refused before any route looks it up."""
    if "\x00" in path or b"%00" in query or b"\x00" in query:
        return 400, {"detail": "the address holds a NUL character (%00); no record is named so"}
    return None


def _header_number(headers: dict[str, str], name: str) -> int | tuple[int, dict[str, Any]] | None:
    """A version header as a number; None when absent; a 400 answer when it is not one.

    Only ASCII digits count: ``str.isdigit`` also takes "²" (which ``int`` refuses)
    and "١" (which it reads as 1), and neither is something tech-app sends.
    """
    raw = headers.get(name.lower())
    if raw is None:
        return None
    if not _ASCII_NUMBER.fullmatch(raw.strip()):
        # Header bytes arrive as latin-1; show what a UTF-8 client meant to send.
        sent = raw.encode("latin-1").decode("utf-8", "replace")
        return 400, {"detail": f"{name} must be a whole number in ASCII digits, not {sent[:40]!r}"}
    return int(raw.strip())


def _signed_on_paper(change: dict[str, Any]) -> bool:
    row = change.get("row")
    return (
        change.get("table") == "signatures" and isinstance(row, dict) and bool(row.get("on_paper"))
    )


def _version_problem(path: str, headers: dict[str, str]) -> tuple[int, dict[str, Any]] | None:
    if not path.startswith(_VERSIONED):
        return None
    protocol = _header_number(headers, p.PROTOCOL_HEADER)
    if isinstance(protocol, tuple):
        return protocol
    schema = _header_number(headers, p.SCHEMA_HEADER)
    if isinstance(schema, tuple):
        return schema
    raw = headers.get(p.PROTOCOL_HEADER.lower())
    accepted = f"{p.MIN_PROTOCOL}-{p.MAX_PROTOCOL}"
    if protocol is None or protocol < p.MIN_PROTOCOL:
        return 426, {
            "detail": "please update tech-app: this version is too old for head office "
            f"(protocol {raw or 'none'}, head office accepts {accepted})",
            "accepted_protocol": [p.MIN_PROTOCOL, p.MAX_PROTOCOL],
        }
    if protocol > p.MAX_PROTOCOL:
        return 400, {
            "detail": f"head office runs an older version (accepts protocol {accepted}); "
            "ask the office to update the server",
            "accepted_protocol": [p.MIN_PROTOCOL, p.MAX_PROTOCOL],
        }
    return None


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


class JsonLineFormatter(logging.Formatter):
    """One JSON object per line; an error's traceback rides along in ``exc``."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "msg": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return _printable(json.dumps(entry, ensure_ascii=False))


def _printable(text: str) -> str:
    """Text any UTF-8 stream takes: a lone surrogate (from a hostile request, quoted in
    a message) is written as its escape instead of failing the whole line or answer."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def configure_logging(level: int = logging.INFO) -> None:
    """Request log as JSON lines on stderr (idempotent)."""
    if any(isinstance(h.formatter, JsonLineFormatter) for h in log.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLineFormatter())
    log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False


def _status_of(exc: Exception) -> tuple[int, str]:
    if isinstance(exc, HTTPProblem):
        return exc.status, exc.message
    if isinstance(exc, auth.RateLimited):
        return 429, str(exc)
    if isinstance(exc, auth.AuthError):
        return 401, str(exc)
    if isinstance(exc, blob_store.BlobError):
        return exc.status, str(exc)
    if isinstance(exc, p.ProtocolError):
        return 400, str(exc)
    if isinstance(exc, PermissionError):
        return 403, str(exc)
    if isinstance(exc, NotFoundError):
        return 404, str(exc)
    if isinstance(exc, ValidationError):
        return 422, str(exc)
    if isinstance(exc, dispatch.DispatchError | TechAppError):
        return 409, str(exc)
    return 500, UNEXPECTED


async def bearer_token(request: Request) -> str:
    """The access token the request carries (checked by whoever reads it)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise auth.AuthError("log in first: no access token was sent")
    return token.strip()


async def caller(request: Request, token: Annotated[str, Depends(bearer_token)]) -> auth.Caller:
    """The technician (or office user) behind the bearer token."""
    engine: Engine = request.app.state.engine

    def check() -> auth.Caller:
        # One row read: no snapshot isolation to set up and reset for it.
        with quick_read(engine) as conn:
            return auth.authenticate(conn, token)

    found = await run_in_threadpool(check)
    request.state.caller = found
    return found


async def office_caller(who: Annotated[auth.Caller, Depends(caller)]) -> auth.Caller:
    if who.role not in auth.OFFICE_ROLES:
        raise PermissionError("only head office may do this")
    return who


def pull_bounds(request: Request) -> None:
    """A cursor or limit past what head office counts in (a signed 64-bit sequence) is a
    400 before the pull runs; one that is no number at all, FastAPI answers with 422."""
    for name, low, high in (("cursor", 0, p.MAX_INT64), ("limit", 1, p.MAX_PULL_LIMIT)):
        raw = request.query_params.get(name, "").strip()
        if _ASCII_NUMBER.fullmatch(raw) and not low <= int(raw) <= high:
            raise HTTPProblem(400, f"{name} must be a whole number from {low} to {high}")


def _page_answer(page: dict[str, Any]) -> Response:
    """A pull page as compact UTF-8 JSON. Encoded here: a page is plain JSON already, and
    FastAPI's generic encoder would walk its thousands of values again (25 ms a page of
    500) before dumping them; orjson writes the same bytes as ``json.dumps`` with
    ``ensure_ascii=False`` and no spaces, in a tenth of the time (2.4 → 0.15 ms a page)."""
    return Response(content=orjson.dumps(page), media_type="application/json")


_LONG_NUMBER = re.compile(rb"\d{20}")
_JSON_DEPTH = 900  # below what json.loads nests to under the default recursion limit


def parse_json_body(raw: bytes) -> Any:
    """A request body as JSON, or a 400 that says what is wrong with it.

    Beyond what ``json.loads`` refuses: nesting deeper than the parser recurses, a
    number too long for ``int`` to read, and a lone surrogate escape (``"\\ud800"``)
    anywhere in a string or key, which is valid JSON but not text.

    orjson reads a well-formed body first (a tenth of the time, and it refuses lone
    surrogates itself); whatever it refuses goes to ``json``, which decides and words the
    answer as before. So do bodies where the two parsers would not agree: a number of 20
    digits or more (orjson reads it as a float) and nesting ``json`` refuses (orjson
    allows 1,024 levels): a body with fewer brackets than that cannot nest so deep.
    """
    if not _LONG_NUMBER.search(raw) and raw.count(b"[") + raw.count(b"{") < _JSON_DEPTH:
        try:
            return orjson.loads(raw or b"null")
        except orjson.JSONDecodeError:
            pass
    try:
        data = json.loads(raw or b"null")
    except RecursionError:
        raise HTTPProblem(400, "the body is not valid JSON: it is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise HTTPProblem(400, f"the body is not valid JSON: {exc}") from None
    except UnicodeDecodeError as exc:
        raise HTTPProblem(400, f"the body is not valid JSON: not UTF-8 text ({exc})") from None
    except ValueError:  # int() refuses over 4300 digits
        raise HTTPProblem(400, "the body holds a number too long to read") from None
    where = _not_text(data)
    if where is not None:
        raise HTTPProblem(
            400,
            f"the body is not valid text: {where} holds a lone surrogate (a \\ud800-\\udfff "
            "escape without its pair)",
        )
    return data


def _not_text(data: Any) -> str | None:
    """Where in a parsed body the first string (or key) that is not text is, or None.

    Walks with a stack, not recursion: the parser allows nesting deep enough to
    exhaust the interpreter's stack a second time.
    """
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and _surrogate(value):
                return path or "the body"
        elif isinstance(value, dict):
            for key, item in value.items():
                if not key.isascii() and _surrogate(key):
                    return f"a key in {path or 'the body'}"
                stack.append((f"{path}.{key}" if path else key, item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{n}]", item) for n, item in enumerate(value))
    return None


def _surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _where(request: Request, **fields: Any) -> dict[str, Any]:
    return {"method": request.method, "path": request.url.path, **fields}


# Module level so FastAPI can resolve them from the (postponed) annotations.
Who = Annotated[auth.Caller, Depends(caller)]
Office = Annotated[auth.Caller, Depends(office_caller)]


@dataclass(frozen=True)
class OfficeRecord:
    table: str  # the kind of record: customers, sites, assets, contracts, parts, jobs, …
    row: dict[str, Any]  # the record as the codec writes it


@dataclass(frozen=True)
class Assignment:
    technician: str


@dataclass(frozen=True)
class Window:
    start: str  # ISO 8601 date-time with its offset
    end: str


def create_app(db_url: str, *, engine: Engine | None = None) -> FastAPI:
    engine = engine or make_engine(db_url)
    migrate(engine)
    app = FastAPI(
        title="tech-app head office",
        version=str(p.PROTOCOL_VERSION),
        description="Sync, dispatch and blobs for tech-app field devices. Every request "
        f"under /auth, /sync, /blobs and /office carries `{p.PROTOCOL_HEADER}`.",
    )
    app.state.engine = engine

    # Level 5: nearly the size of level 9 (the default) for JSON pages, in a third of the time.
    # Added first, so innermost: the limits' own refusals are not requests of the app.
    app.add_middleware(RequestLogMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)
    app.add_middleware(LimitsMiddleware)

    @app.exception_handler(Exception)
    async def on_error(request: Request, exc: Exception) -> JSONResponse:
        status, message = _status_of(exc)
        if status == 500:
            # Reached from ServerErrorMiddleware, outside the request log middleware: an
            # error raised in a middleware (the limits, gzip) or while starting a response.
            request_id = request.headers.get("x-request-id")
            log.error(
                "unhandled error",
                exc_info=exc,
                extra={"fields": _where(request, request_id=request_id)},
            )
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        body: dict[str, Any] = {"detail": _printable(message)}
        if isinstance(exc, HTTPProblem):
            body.update(exc.extra)
        if isinstance(exc, blob_store.BlobError) and exc.offset is not None:
            body["offset"] = exc.offset
        return JSONResponse(body, status_code=status, headers=headers)

    for kind in (TechAppError, HTTPProblem, p.ProtocolError, PermissionError):
        app.add_exception_handler(kind, on_error)  # type: ignore[arg-type]

    async def json_body(request: Request) -> Any:
        return parse_json_body(await request.body())

    def field(data: Any, key: str, kind: type = str) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get(key), kind):
            raise HTTPProblem(400, f"the body needs {key!r} ({kind.__name__})")
        if kind is str:
            problem = text_problem(data[key])
            if problem is not None:
                raise HTTPProblem(400, f"{key!r} {problem}")
        return data[key]

    # -- health -----------------------------------------------------------------
    @app.get("/health", tags=["service"])
    def health() -> dict[str, Any]:
        with read_transaction(engine) as conn:
            epoch = meta_value(conn, "epoch")
        return {
            "status": "ok",
            "protocol": [p.MIN_PROTOCOL, p.MAX_PROTOCOL],
            "schema": [p.MIN_SCHEMA, p.MAX_SCHEMA],
            "epoch": epoch,
        }

    # -- auth ---------------------------------------------------------------------
    @app.post(
        "/auth/login",
        tags=["auth"],
        openapi_extra=docs.body(p.LoginRequest),
        responses=docs.answers(p.LoginResponse, 401, 429),
        response_model=None,
    )
    async def login(request: Request) -> dict[str, Any]:
        data = await json_body(request)
        user, password = field(data, "user"), field(data, "password")
        ip = request.client.host if request.client else "?"

        def run() -> dict[str, Any]:
            failure: Exception | None = None
            with write_transaction(engine) as conn:
                try:
                    return auth.login(conn, user, password, ip)
                except auth.AuthError as exc:  # commit the recorded failure, then answer
                    failure = exc
            assert failure is not None
            raise failure

        return await run_in_threadpool(run)

    @app.post(
        "/auth/refresh",
        tags=["auth"],
        openapi_extra=docs.body(p.RefreshRequest),
        responses=docs.answers(p.RefreshResponse, 401),
        response_model=None,
    )
    async def refresh(request: Request) -> dict[str, Any]:
        token = field(await json_body(request), "refresh_token")

        def run() -> dict[str, Any]:
            with write_transaction(engine) as conn:
                return auth.refresh(conn, token)

        return await run_in_threadpool(run)

    @app.post("/auth/logout", tags=["auth"])
    def logout(who: Who) -> dict[str, Any]:
        with write_transaction(engine) as conn:
            auth.logout(conn, who)
        return {"logged_out": True}

    # -- sync -----------------------------------------------------------------------
    @app.post(
        "/sync/push",
        tags=["sync"],
        openapi_extra=docs.body(p.PushRequest),
        responses=docs.answers(p.PushResponse, 409, 413),
        response_model=None,
    )
    async def sync_push(request: Request, token: Annotated[str, Depends(bearer_token)]) -> Response:
        raw = await request.body()

        def run() -> bytes:
            # One thread hop and one connection for the whole push: the token is
            # checked in the push's own transaction, before its body is read.
            with write_transaction(engine) as conn:
                who = auth.authenticate(conn, token)
                request.state.caller = who
                answer = push(conn, who.name, p.parse_push(parse_json_body(raw)))
            return orjson.dumps(answer)

        try:
            return Response(content=await run_in_threadpool(run), media_type="application/json")
        except GapError as gap:
            raise HTTPProblem(
                409,
                f"mutations are missing: send mutation {gap.expected} next",
                expected=gap.expected,
            ) from None

    @app.get(
        "/sync/pull",
        tags=["sync"],
        dependencies=[Depends(pull_bounds)],
        responses=docs.answers(p.PullResponse, 409, 410),
        response_model=None,
    )
    def sync_pull(
        token: Annotated[str, Depends(bearer_token)],
        request: Request,
        cursor: int = 0,
        limit: int = 500,
        client_id: str | None = None,
        acknowledged: int = 0,
        timeline: str = "",
        purged: int = 0,
    ) -> Response:
        with read_transaction(engine) as conn:
            # The token is checked in the pull's own snapshot: every laptop pulls every
            # few minutes, and a separate read costs a connection and a thread hop more.
            who = auth.authenticate(conn, token)
            request.state.caller = who
            if not 0 <= cursor <= p.MAX_INT64 or not 1 <= limit <= p.MAX_PULL_LIMIT:
                raise HTTPProblem(
                    400, f"cursor must be 0 to {p.MAX_INT64} and limit 1 to {p.MAX_PULL_LIMIT}"
                )
            if not 0 <= acknowledged <= p.MAX_INT64 or not 0 <= purged <= p.MAX_INT64:
                raise HTTPProblem(400, f"acknowledged and purged must be 0 to {p.MAX_INT64}")
            expected = restore.first_missing_mutation(
                conn, who.name, client_id, acknowledged, cursor, timeline[:64]
            )
            if expected is not None:
                raise HTTPProblem(
                    409,
                    "head office was restored from a backup and lacks this device's work: "
                    f"send it again from mutation {expected} and pull everything again",
                    restored=True,
                    expected=expected,
                )
            # Deletions after the cursor are gone only if a purge reached past it since
            # the device's last page: one the device saw already (``purged``, sent back
            # from that page) removed nothing it still needed, so a first sync on a head
            # office that has purged pages on (before, it started over at every page).
            horizon = int(meta_value(conn, "purged_through_seq"))
            if 0 < cursor < horizon and purged < horizon:
                raise HTTPProblem(
                    410,
                    "resync required: this device was offline longer than "
                    "head office keeps deletions",
                    resync=True,
                )
            schema = request.headers.get(p.SCHEMA_HEADER, "")
            version = int(schema) if schema.isdigit() else 0
            with_history = version >= p.HISTORY_SCHEMA
            page = store.pull(conn, who.name, cursor, limit, with_history=with_history)
            if version < p.PAPER_SIGNATURE_SCHEMA:
                page["changes"] = [c for c in page["changes"] if not _signed_on_paper(c)]
            # The device sends this back with the cursor (restore detection).
            page["timeline"] = timeline_token(conn, int(page["cursor"]))
        return _page_answer(page)

    @app.get(
        "/sync/open-jobs",
        tags=["sync"],
        responses=docs.answers(p.PullResponse),
        response_model=None,
        summary="A new device's open jobs first",
        description="The technician's jobs not yet signed or cancelled (earliest window "
        "first) with their customers, sites, units, contracts, rows and the catalogue, as "
        "one pull page at cursor 0. A device with nothing yet stores them before its first "
        "pull, which then sends everything as usual.",
    )
    def sync_open_jobs(who: Who) -> Response:
        with read_transaction(engine) as conn:
            return _page_answer(open_jobs(conn, who.name))

    # -- blobs ------------------------------------------------------------------------
    @app.head("/blobs/{sha256}", tags=["blobs"])
    def blob_status(sha256: str, who: Who) -> Response:
        blob_store.check_name(sha256)
        with read_transaction(engine) as conn:
            have, complete = blob_store.received(conn, sha256, who.name)
        return Response(
            status_code=200,
            headers={"Upload-Offset": str(have), "X-Blob-Complete": "1" if complete else "0"},
        )

    @app.put(
        "/blobs/{sha256}",
        tags=["blobs"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
                "description": "The bytes, or the part a Content-Range header names.",
            }
        },
        responses=docs.answers(p.BlobReceipt, 409, 413),
        response_model=None,
    )
    async def blob_put(sha256: str, request: Request, who: Who) -> dict[str, Any]:
        blob_store.check_name(sha256)
        data = await request.body()
        header = request.headers.get("content-range")
        if header:
            start, end, total = p.parse_content_range(header)
            if end - start + 1 != len(data):
                raise HTTPProblem(400, "Content-Range does not match the body length")
        else:
            start, total = 0, len(data)

        def run() -> tuple[int, bool]:
            failure: blob_store.BlobError | None = None
            with write_transaction(engine) as conn:
                if not header and not blob_store.owns(conn, sha256, who.name):
                    # A whole-file PUT starts over.
                    from sync.server import tables as t

                    conn.execute(
                        t.blob_chunks.delete().where(
                            t.blob_chunks.c.sha256 == sha256, t.blob_chunks.c.technician == who.name
                        )
                    )
                try:
                    return blob_store.put(conn, sha256, who.name, data, start, total)
                except blob_store.BlobError as exc:
                    failure = exc
            assert failure is not None
            raise failure

        have, complete = await run_in_threadpool(run)
        return {"sha256": sha256, "offset": have, "complete": complete}

    @app.get("/blobs/{sha256}", tags=["blobs"], responses=docs.answers(None, 404))
    def blob_get(sha256: str, who: Who) -> Response:
        blob_store.check_name(sha256)
        with read_transaction(engine) as conn:
            data = (
                blob_store.get(conn, sha256)
                if blob_store.may_read(conn, sha256, who.name, who.role)
                else None
            )
        if data is None:
            raise HTTPProblem(404, f"no blob {sha256} for you")
        return Response(content=data, media_type="application/octet-stream")

    # -- head office ---------------------------------------------------------------------
    @app.get("/office/jobs", tags=["office"])
    def office_jobs(who: Office) -> list[dict[str, Any]]:
        with read_transaction(engine) as conn:
            return dispatch.list_jobs(conn)

    @app.get("/office/conflicts", tags=["office"])
    def office_conflicts(who: Office, job_id: str | None = None) -> list[dict[str, Any]]:
        with read_transaction(engine) as conn:
            return dispatch.conflicts(conn, job_id)

    @app.post(
        "/office/records",
        tags=["office"],
        openapi_extra=docs.body(OfficeRecord),
        responses=docs.answers(None, 409, 422),
    )
    async def office_put(request: Request, who: Office) -> dict[str, Any]:
        """Create or replace a customer, site, asset, contract, part, template or job."""
        data = await json_body(request)
        table, row = field(data, "table"), field(data, "row", dict)
        cls = RECORD_FOR_TABLE.get(table)
        if cls is None:
            raise HTTPProblem(400, f"unknown kind of record {table!r}")
        try:
            record: object = from_row(cls, row)
        except (TypeError, KeyError, ValueError) as exc:
            if isinstance(exc, ValidationError):
                raise
            raise HTTPProblem(422, f"{table} is incomplete or malformed: {exc}") from None

        def run() -> int:
            with write_transaction(engine) as conn:
                seq = dispatch.put_record(conn, record)
                return commit_in_order(conn).real(seq)

        return {"seq": await run_in_threadpool(run)}

    @app.post(
        "/office/jobs/{key}/assign",
        tags=["office"],
        openapi_extra=docs.body(Assignment),
        responses=docs.answers(None, 404, 409),
    )
    async def office_assign(key: str, request: Request, who: Office) -> dict[str, Any]:
        technician = field(await json_body(request), "technician")

        def run() -> dict[str, Any]:
            with write_transaction(engine) as conn:
                job = dispatch.assign(conn, key, technician)
            return {"id": job.id, "assignee": job.assignee, "status": job.status.value}

        return await run_in_threadpool(run)

    @app.post(
        "/office/jobs/{key}/schedule",
        tags=["office"],
        openapi_extra=docs.body(Window),
        responses=docs.answers(None, 404, 409),
    )
    async def office_schedule(key: str, request: Request, who: Office) -> dict[str, Any]:
        data = await json_body(request)
        try:
            start = datetime.fromisoformat(field(data, "start"))
            end = datetime.fromisoformat(field(data, "end"))
        except ValueError as exc:
            raise HTTPProblem(400, f"start and end must be ISO date-times: {exc}") from None

        def run() -> dict[str, Any]:
            with write_transaction(engine) as conn:
                job = dispatch.schedule(conn, key, start, end)
            return {"id": job.id, "window_start": start.isoformat(), "window_end": end.isoformat()}

        return await run_in_threadpool(run)

    @app.post("/office/jobs/{key}/cancel", tags=["office"], responses=docs.answers(None, 404, 409))
    def office_cancel(key: str, who: Office) -> dict[str, Any]:
        with write_transaction(engine) as conn:
            job = dispatch.cancel(conn, key)
        return {"id": job.id, "status": job.status.value}

    @app.delete("/office/jobs/{key}", tags=["office"], responses=docs.answers(None, 404, 409))
    def office_delete(key: str, who: Office) -> dict[str, Any]:
        with write_transaction(engine) as conn:
            return {"id": dispatch.delete(conn, key), "deleted": True}

    # -- contracts, follow-ups and the SLA overview (sync.server.office_routes) -------------
    add_office_routes(app, engine, json_body, office_caller)
    # -- the web console for office staff at / (sync.server.console) ------------------------
    add_console(app)
    docs.install(app)

    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` with several workers: the URL comes from the env."""
    from sync.server.db import default_db_url

    configure_logging()
    return create_app(os.environ.get("TECH_APP_DB_URL") or default_db_url())
