"""Applying a technician's outbox mutations: numbering, ownership, field owners, conflicts.

One push request is one write transaction: the client's ``last_mutation_id`` moves
in the same transaction as the effects, so a lost answer is harmless (the retry is
answered from ``mutation_log``) and a crash leaves neither half.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.protocol import MAX_ID_LENGTH, MAX_SCHEMA, MIN_SCHEMA, OPS, Mutation, PushRequest
from sync.server import gate, store
from sync.server import tables as t
from sync.server.bulk_insert import insert_rows
from sync.server.db import commit_in_order, current_seq, lazy_savepoint, now
from sync.server.record_tables import REFERENCES
from tech_app.errors import TechAppError, ValidationError
from tech_app.records.codec import RECORD_FOR_TABLE, from_row, to_row
from tech_app.records.validate import text_problem

# Local schema 6 keeps van stock as a ledger of movements; mutations of older schemas
# still set the total (a device's outbox from before its upgrade) and are applied so.
LEDGER_SCHEMA = 6
# A second device answering the same checklist item (or creating the same van-stock
# line) makes a new id for what is one record: the server merges it into the first.
NATURAL_KEYS = {
    "checklist_answers": ("job_id", "asset_id", "item_key"),
    "van_stock": ("technician", "part_id"),
}


class GapError(Exception):
    def __init__(self, expected: int) -> None:
        self.expected = expected
        super().__init__(f"mutation {expected} is the next one expected")


# A mutation that can never apply is answered with the reason and still counted.
Rejected = gate.Refused


@dataclasses.dataclass
class Outcome:
    status: str
    reason: str = ""
    seq: int = 0


def push(conn: Connection, technician: str, request: PushRequest) -> dict[str, Any]:
    client = conn.execute(
        sa.select(t.clients).where(t.clients.c.client_id == request.client_id)
    ).first()
    if client is not None and client.technician != technician:
        raise PermissionError("this device is registered to another technician")
    last = first_new = int(client.last_mutation_id) if client else 0
    conflicts_before = gate.conflicts_logged(conn)
    results: list[dict[str, Any]] = []
    # Rows of one push mostly hang off the same job: read each record once, and every
    # record the push names (and its job, parts, template) in one statement up front.
    _prefetch_aliases(conn, request.mutations)
    try:
        with store.remembering(conn, _named(request.mutations)):
            last = _apply_all(conn, technician, request, last, results)
            values = {"technician": technician, "last_mutation_id": last, "updated_at": now()}
            if client is None:
                conn.execute(t.clients.insert().values(client_id=request.client_id, **values))
            else:
                conn.execute(
                    t.clients.update()
                    .where(t.clients.c.client_id == request.client_id)
                    .values(**values)
                )
    finally:
        conn.info.pop(_ALIASES, None)
    logged_now = [
        {
            "client_id": request.client_id,
            "mutation_id": result["id"],
            "status": result["status"],
            "reason": result["reason"],
            "seq": result["seq"],
        }
        for result in results
        if result["id"] > first_new
    ]
    if logged_now:
        insert_rows(conn, t.mutation_log, logged_now)
    conflicts = gate.conflicts_logged(conn) - conflicts_before
    # The answer names real numbers (the device compares them with its pull cursor),
    # so the push ends its transaction itself: the commit-ordering step and COMMIT.
    committed = commit_in_order(conn)
    for result in results:
        result["seq"] = committed.real(int(result["seq"]))
    return {
        "last_mutation_id": last,
        "seq": committed.seq,
        "results": results,
        "conflicts": conflicts,
    }


def _apply_all(
    conn: Connection,
    technician: str,
    request: PushRequest,
    last: int,
    results: list[dict[str, Any]],
) -> int:
    """Apply the mutations in order; returns the last mutation id now answered."""
    for mutation in request.mutations:
        if mutation.id <= last:
            logged = conn.execute(
                sa.select(t.mutation_log).where(
                    t.mutation_log.c.client_id == request.client_id,
                    t.mutation_log.c.mutation_id == mutation.id,
                )
            ).first()
            results.append(
                {
                    "id": mutation.id,
                    "status": logged.status if logged else "applied",
                    "reason": logged.reason if logged else "",
                    "seq": logged.seq if logged else 0,
                }
            )
            continue
        if mutation.id != last + 1:
            raise GapError(last + 1)
        outcome = apply_one(conn, technician, request.client_id, request.seen_seq, mutation)
        last = mutation.id
        results.append(
            {
                "id": mutation.id,
                "status": outcome.status,
                "reason": outcome.reason,
                "seq": outcome.seq,
            }
        )
    return last


def _named(mutations: list[Mutation]) -> set[tuple[str, str]]:
    """The records a push's mutations name: themselves, their job and what they refer to."""
    keys = set()
    for m in mutations:
        keys.add((m.table, m.record_id))
        for name in m.fields.keys() & REFERENCES.keys():
            target, value = REFERENCES[name], m.fields[name]
            # Only what could be an id: a hostile value is refused by its own mutation.
            if (
                isinstance(value, str)
                and m.table != target
                and len(value) <= MAX_ID_LENGTH
                and text_problem(value) is None
            ):
                keys.add((target, value))
    return keys


def apply_one(
    conn: Connection, technician: str, client_id: str, seen_seq: int, mutation: Mutation
) -> Outcome:
    store.begin_mutation(conn)
    conflicts = gate.conflicts_logged(conn)
    try:
        with lazy_savepoint(conn):
            seq = _apply(conn, technician, client_id, seen_seq, mutation)
        return Outcome("applied", seq=seq)
    except ValidationError as exc:
        reason = f"{exc.field}: {exc.reason}"
    except TechAppError as exc:  # Rejected among them
        reason = str(exc)
    # Its savepoint is rolled back: nothing it wrote or logged stays.
    store.mutation_refused(conn)
    gate.unlog_conflicts(conn, conflicts)
    return Outcome("rejected", reason, current_seq(conn))


def _label(table: str) -> str:
    return table.replace("_", " ")


def _apply(conn: Connection, tech: str, client_id: str, seen_seq: int, m: Mutation) -> int:
    cls = RECORD_FOR_TABLE.get(m.table)
    if cls is None:
        raise Rejected(f"unknown kind of record {m.table!r}")
    if m.op not in OPS:
        raise Rejected(f"unknown operation {m.op!r}")
    if not MIN_SCHEMA <= m.schema_version <= MAX_SCHEMA:
        raise Rejected(
            f"written by local schema {m.schema_version}; head office accepts "
            f"{MIN_SCHEMA} to {MAX_SCHEMA}: update tech-app"
        )
    unknown = sorted(m.fields.keys() - _field_names(cls))
    if unknown:
        raise Rejected(f"{_label(m.table)} has no field {', '.join(unknown)}")
    if "id" in m.fields and m.fields["id"] != m.record_id:
        raise Rejected("the record id cannot change")
    if m.table == "van_stock" and m.schema_version >= LEDGER_SCHEMA:
        raise Rejected("van stock changes by movements (stock_movements), not by its total")
    record_id = _resolve_alias(conn, m.table, m.record_id)
    existing = store.load(conn, m.table, record_id)
    if existing is None and m.op == "insert":
        existing = _same_natural_key(conn, m)
        if existing is not None:
            conn.execute(
                t.aliases.insert().values(
                    table_name=m.table, alias_id=m.record_id, record_id=existing.id
                )
            )
            known = conn.info.get(_ALIASES)
            if known is not None:
                known[(m.table, m.record_id)] = existing.id
            record_id = existing.id
    if existing is None and m.op == "update":
        raise Rejected(f"head office has no {_label(m.table)} {m.record_id}")
    base: dict[str, Any] = dict(existing.data) if existing else {}
    merged = {**base, **m.fields, "id": record_id}
    try:
        record: object = from_row(cls, merged)
    except ValidationError:
        raise
    except (TypeError, ValueError, KeyError) as exc:
        raise Rejected(f"{_label(m.table)} is incomplete or malformed: {exc}") from None
    row = to_row(record)  # plain JSON values already (codec._plain)
    actor = gate.Actor.technician(tech, client_id, seen_seq)
    return gate.write(conn, actor, m.table, row, existing=existing, loaded=True)


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


_ALIASES = "push_aliases"
# The aliases of a push's records, by (table, id) pairs bound at run time.
_ALIASES_OF = sa.select(t.aliases.c.table_name, t.aliases.c.alias_id, t.aliases.c.record_id).where(
    sa.tuple_(t.aliases.c.table_name, t.aliases.c.alias_id).in_(
        sa.bindparam("keys", expanding=True)
    )
)


def _prefetch_aliases(conn: Connection, mutations: list[Mutation]) -> None:
    """The aliases of every record a push names, in one statement (most have none)."""
    keys = {(m.table, m.record_id) for m in mutations}
    found: dict[tuple[str, str], str | None] = dict.fromkeys(keys)
    if keys:
        for row in conn.execute(_ALIASES_OF, {"keys": sorted(keys)}):
            found[(row.table_name, row.alias_id)] = str(row.record_id)
    conn.info[_ALIASES] = found


def _resolve_alias(conn: Connection, table: str, record_id: str) -> str:
    known: dict[tuple[str, str], str | None] | None = conn.info.get(_ALIASES)
    if known is not None and (table, record_id) in known:
        return known[(table, record_id)] or record_id
    found = conn.execute(
        sa.select(t.aliases.c.record_id).where(
            t.aliases.c.table_name == table, t.aliases.c.alias_id == record_id
        )
    ).first()
    return str(found.record_id) if found else record_id


def _same_natural_key(conn: Connection, m: Mutation) -> store.Stored | None:
    key = NATURAL_KEYS.get(m.table)
    if key is None or any(k not in m.fields for k in key if k != "asset_id"):
        return None
    wanted = {k: m.fields.get(k) for k in key}
    if not all(
        value is None or (isinstance(value, str) and text_problem(value) is None)
        for value in wanted.values()
    ):
        return None  # not a row the codec would accept; _apply refuses it by name
    store.flush_pending(conn)  # the rows below are read by SQL
    kind = t.kinds[m.table].c
    found = conn.execute(
        sa.select(kind.id)
        .select_from(
            t.kinds[m.table].join(
                t.records, sa.and_(t.records.c.table_name == m.table, t.records.c.id == kind.id)
            )
        )
        .where(
            t.records.c.deleted.is_(False),
            *(kind[k].is_(None) if v is None else kind[k] == v for k, v in wanted.items()),
        )
        .limit(1)
    ).first()
    return None if found is None else store.load(conn, m.table, found.id)
