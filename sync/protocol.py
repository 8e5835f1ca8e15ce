"""The sync protocol shared by both ends: versions, headers and message shapes.

Plain dataclasses and functions only (no FastAPI, no requests), so the client
and the server agree on one definition and the client never imports the server.
Parsing functions raise ``ProtocolError`` with a message a person can read; the
server turns it into a 400 answer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Final

from tech_app.records.codec import RECORD_FOR_TABLE, RECORD_SCHEMA
from tech_app.records.history import HISTORY_TABLE
from tech_app.records.validate import text_problem

PROTOCOL_VERSION = 1
# The range of protocol versions this build of the server accepts; a client below
# it is told to update (426) instead of being allowed to corrupt data.
MIN_PROTOCOL = 1
MAX_PROTOCOL = 1
# Outbox entries keep the schema version they were written under; the server
# accepts mutations written by local schemas in this range.
MIN_SCHEMA = 3
MAX_SCHEMA = RECORD_SCHEMA

# Local schema 5 stores head office's summaries of units' earlier visits; older
# devices are not sent them (they would not know the table).
# Who an account is: a technician (devices), office staff (the office API and console),
# or an admin (office staff who also keep the accounts).
ROLES: Final = ("technician", "office", "admin")
HISTORY_SCHEMA = 5
# Local schema 9 stores a signature on paper (no image); an older device would refuse the
# row, so it is not sent one (the job still arrives signed).
PAPER_SIGNATURE_SCHEMA = 9

PROTOCOL_HEADER = "X-Tech-App-Protocol"
SCHEMA_HEADER = "X-Tech-App-Schema"

MAX_JSON_BODY = 5 * 1024 * 1024
MAX_BLOB_SIZE = 20 * 1024 * 1024
MAX_PUSH_BATCH = 500
MAX_PULL_LIMIT = 1000
# Sequence numbers, cursors and mutation ids are signed 64-bit at head office.
MAX_INT64 = 2**63 - 1
# Record ids are UUIDs; head office keeps them (and aliases of them) in 36 characters.
MAX_ID_LENGTH = 36
# Fields besides ``id`` and ``*_id`` that name someone head office looks up.
KEY_FIELDS = frozenset({"id", "technician", "assignee"})

OPS = ("insert", "update")


class ProtocolError(ValueError):
    """A message that does not have the agreed shape."""


@dataclass(frozen=True)
class Mutation:
    id: int
    table: str
    record_id: str
    op: str
    fields: dict[str, Any]
    base_version: int
    schema_version: int


@dataclass(frozen=True)
class PushRequest:
    client_id: str
    # The pull cursor the client had reached: writes it has not seen yet and now
    # overwrites are concurrent writes (conflicts), not ordinary edits.
    seen_seq: int
    mutations: list[Mutation]


@dataclass(frozen=True)
class MutationResult:
    id: int
    status: str  # "applied" | "rejected"
    reason: str = ""
    seq: int = 0


@dataclass(frozen=True)
class PushResponse:
    last_mutation_id: int
    seq: int
    results: list[MutationResult] = field(default_factory=list)
    conflicts: int = 0  # values this push overwrote unseen, now in the conflict log


@dataclass(frozen=True)
class Change:
    seq: int
    table: str
    id: str
    row: dict[str, Any] | None  # None = tombstone: the record left this technician's view


@dataclass(frozen=True)
class PullResponse:
    epoch: str
    cursor: int
    has_more: bool
    changes: list[Change]
    # Names the head-office transaction that issued ``cursor``; sent back with it, it
    # lets a head office restored from a backup notice a device ahead of it.
    timeline: str = ""
    # Head office's purge mark when it answered (deletions up to it are forgotten); sent
    # back with the cursor, it tells a purge since this page from one before it.
    purged: int = 0


# -- the other bodies, as head office documents them in /openapi.json ---------------
@dataclass(frozen=True)
class LoginRequest:
    user: str
    password: str


@dataclass(frozen=True)
class LoginResponse:
    access_token: str
    refresh_token: str
    expires_in: int  # seconds the access token lives
    technician: str
    role: str  # technician | office


@dataclass(frozen=True)
class RefreshRequest:
    refresh_token: str


@dataclass(frozen=True)
class RefreshResponse:
    access_token: str
    expires_in: int


@dataclass(frozen=True)
class BlobReceipt:
    sha256: str
    offset: int  # bytes head office holds of this upload
    complete: bool


@dataclass(frozen=True)
class Problem:
    """Every error answer: what is wrong in words, and for some a field to act on."""

    detail: str
    expected: int | None = None  # 409: the mutation id to send next
    restored: bool | None = None  # 409 on pull: head office lost this device's work
    resync: bool | None = None  # 410: pull everything again from 0


def _require(data: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise ProtocolError(f"{where}: missing {key!r}")
    value = data[key]
    if isinstance(value, bool) and kind is int:
        raise ProtocolError(f"{where}: {key!r} must be a whole number")
    if not isinstance(value, kind):
        raise ProtocolError(f"{where}: {key!r} has the wrong type")
    return value


def _whole(value: Any, name: str, where: str, minimum: int = 0) -> int:
    """A whole number head office can keep: sequence numbers and mutation ids are BIGINT."""
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_INT64:
        raise ProtocolError(f"{where}: {name} must be a whole number from {minimum} to {MAX_INT64}")
    return value


def _text(value: str, name: str, where: str) -> str:
    problem = text_problem(value)
    if problem is not None:
        raise ProtocolError(f"{where}: {name} {problem}")
    return value


def _is_key(name: str) -> bool:
    """Fields that hold ids or names, which head office looks records up by."""
    return name in KEY_FIELDS or name.endswith("_id")


def parse_push(data: Any) -> PushRequest:
    """A push request, refused whole (``ProtocolError``) when its frame is broken.

    The frame is the device's id, each mutation's id, table, record id, operation,
    numbers and field names, and fields that hold ids or names: they are looked up
    before any record is built, so they must be text a database can compare. What a
    field says (a finding, a caption) is checked by the shared records when the
    mutation is applied, and a bad one is answered as that mutation rejected.
    """
    if not isinstance(data, dict):
        raise ProtocolError("push: the body must be a JSON object")
    client_id = _text(_require(data, "client_id", str, "push"), "client_id", "push")
    if not 8 <= len(client_id) <= 64:
        raise ProtocolError("push: client_id must be 8 to 64 characters")
    seen_seq = _whole(data.get("seen_seq", 0), "seen_seq", "push")
    raw = _require(data, "mutations", list, "push")
    if len(raw) > MAX_PUSH_BATCH:
        raise ProtocolError(f"push: at most {MAX_PUSH_BATCH} mutations per request")
    mutations: list[Mutation] = []
    for n, item in enumerate(raw):
        where = f"push: mutation {n}"
        mutation = Mutation(
            id=_whole(_require(item, "id", int, where), "id", where, minimum=1),
            table=_text(_require(item, "table", str, where), "table", where),
            record_id=_text(_require(item, "record_id", str, where), "record_id", where),
            op=_text(_require(item, "op", str, where), "op", where),
            fields=_require(item, "fields", dict, where),
            base_version=_whole(_require(item, "base_version", int, where), "base_version", where),
            schema_version=_whole(
                _require(item, "schema_version", int, where), "schema_version", where
            ),
        )
        if len(mutation.record_id) > MAX_ID_LENGTH:
            raise ProtocolError(f"{where}: record_id is longer than {MAX_ID_LENGTH} characters")
        for name, value in mutation.fields.items():
            _text(name, f"fields: the name {name[:60]!r}", where)
            if _is_key(name) and value is not None:
                if not isinstance(value, str):
                    raise ProtocolError(f"{where}: fields.{name} must be text")
                _text(value, f"fields.{name}", where)
        if mutations and mutation.id != mutations[-1].id + 1:
            raise ProtocolError(f"{where}: ids in a batch must be consecutive")
        mutations.append(mutation)
    return PushRequest(client_id=client_id, seen_seq=seen_seq, mutations=mutations)


def push_to_json(request: PushRequest) -> dict[str, Any]:
    return asdict(request)


def parse_push_response(data: Any) -> PushResponse:
    results = [
        MutationResult(
            id=int(r["id"]),
            status=str(r["status"]),
            reason=str(r.get("reason", "")),
            seq=int(r.get("seq", 0)),
        )
        for r in _require(data, "results", list, "push answer")
    ]
    conflicts = data.get("conflicts", 0)
    return PushResponse(
        last_mutation_id=int(_require(data, "last_mutation_id", int, "push answer")),
        seq=int(_require(data, "seq", int, "push answer")),
        results=results,
        conflicts=int(conflicts) if isinstance(conflicts, int) else 0,
    )


def parse_pull_response(data: Any) -> PullResponse:
    changes = [
        Change(seq=int(c["seq"]), table=str(c["table"]), id=str(c["id"]), row=c.get("row"))
        for c in _require(data, "changes", list, "pull answer")
    ]
    for change in changes:
        if change.table not in RECORD_FOR_TABLE and change.table != HISTORY_TABLE:
            raise ProtocolError(f"pull answer: unknown table {change.table!r}")
    return PullResponse(
        epoch=str(_require(data, "epoch", str, "pull answer")),
        cursor=int(_require(data, "cursor", int, "pull answer")),
        has_more=bool(_require(data, "has_more", bool, "pull answer")),
        changes=changes,
        timeline=str(data.get("timeline") or ""),
        purged=int(_require(data, "purged", int, "pull answer")) if "purged" in data else 0,
    )


def to_json(value: Any) -> dict[str, Any]:
    return asdict(value)


def version_headers() -> dict[str, str]:
    return {PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: str(RECORD_SCHEMA)}


def parse_content_range(value: str) -> tuple[int, int, int]:
    """``bytes START-END/TOTAL`` → (start, end inclusive, total)."""
    try:
        unit, _, spec = value.strip().partition(" ")
        span, _, total = spec.partition("/")
        start, _, end = span.partition("-")
        parsed = (int(start), int(end), int(total))
    except ValueError:
        raise ProtocolError(f"Content-Range {value!r} is not 'bytes START-END/TOTAL'") from None
    if unit != "bytes" or parsed[0] < 0 or parsed[1] < parsed[0] or parsed[1] >= parsed[2]:
        raise ProtocolError(f"Content-Range {value!r} is not a valid byte range")
    return parsed
