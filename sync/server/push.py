"""Applying a technician's outbox mutations: numbering, ownership, field owners, conflicts.

One push request is one write transaction: the client's ``last_mutation_id`` moves
in the same transaction as the effects, so a lost answer is harmless (the retry is
answered from ``mutation_log``) and a crash leaves neither half.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.protocol import MAX_SCHEMA, MIN_SCHEMA, OPS, Mutation, PushRequest
from sync.server import store
from sync.server import tables as t
from sync.server.db import current_seq, now
from tech_app.errors import TechAppError, ValidationError
from tech_app.records.codec import RECORD_FOR_TABLE, from_row, to_row

# Visit data: what the technician owns on a job. Everything else on a job (schedule,
# window, assignee, priority, cancellation, customer and site, type, problem, number,
# contract, SLA policy, the review flag) is head office's.
TECHNICIAN_JOB_FIELDS = frozenset(
    {"status", "findings", "work_done", "outcome", "responded_at", "on_site_at", "completed_at"}
)
INSERT_ONLY = frozenset({"part_usage", "photos", "signatures"})
HEAD_OFFICE_TABLES = store.SHARED | store.REFERENCE
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


class Rejected(Exception):
    """This mutation can never apply; it is answered with the reason and still counted."""


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
    last = int(client.last_mutation_id) if client else 0
    conflicts_before = _conflict_mark(conn)
    results: list[dict[str, Any]] = []
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
        conn.execute(
            t.mutation_log.insert().values(
                client_id=request.client_id,
                mutation_id=mutation.id,
                status=outcome.status,
                reason=outcome.reason,
                seq=outcome.seq,
            )
        )
        results.append(
            {
                "id": mutation.id,
                "status": outcome.status,
                "reason": outcome.reason,
                "seq": outcome.seq,
            }
        )
    values = {"technician": technician, "last_mutation_id": last, "updated_at": now()}
    if client is None:
        conn.execute(t.clients.insert().values(client_id=request.client_id, **values))
    else:
        conn.execute(
            t.clients.update().where(t.clients.c.client_id == request.client_id).values(**values)
        )
    return {
        "last_mutation_id": last,
        "seq": current_seq(conn),
        "results": results,
        "conflicts": _conflict_mark(conn) - conflicts_before,
    }


def _conflict_mark(conn: Connection) -> int:
    return int(
        conn.execute(sa.select(sa.func.coalesce(sa.func.max(t.conflict_log.c.id), 0))).scalar_one()
    )


def apply_one(
    conn: Connection, technician: str, client_id: str, seen_seq: int, mutation: Mutation
) -> Outcome:
    try:
        with conn.begin_nested():
            seq = _apply(conn, technician, client_id, seen_seq, mutation)
        return Outcome("applied", seq=seq)
    except Rejected as exc:
        return Outcome("rejected", str(exc), current_seq(conn))
    except ValidationError as exc:
        return Outcome("rejected", f"{exc.field}: {exc.reason}", current_seq(conn))
    except TechAppError as exc:
        return Outcome("rejected", str(exc), current_seq(conn))


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
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(m.fields) - names)
    if unknown:
        raise Rejected(f"{_label(m.table)} has no field {', '.join(unknown)}")
    if "id" in m.fields and m.fields["id"] != m.record_id:
        raise Rejected("the record id cannot change")
    if (
        m.table in HEAD_OFFICE_TABLES
        and m.op == "insert"
        and store.load(conn, m.table, m.record_id) is None
    ):
        raise Rejected(f"{_label(m.table)} are created at head office")
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
    row = json.loads(json.dumps(to_row(record), ensure_ascii=False))
    _check_references(conn, m.table, row)
    changed = sorted(k for k in row if existing is None or base.get(k) != row[k])
    if existing is not None and not changed:
        return existing.seq  # nothing new (a create that head office already has)
    if m.table in HEAD_OFFICE_TABLES:
        raise Rejected(f"{_label(m.table)} belong to head office; ask the office to change them")
    if m.table == "van_stock":
        if row["technician"] != tech or (existing and existing.data["technician"] != tech):
            raise Rejected("van stock of another technician")
        return _write_with_conflicts(
            conn, m.table, row, base, existing, changed, client_id, seen_seq
        )
    if m.table == "jobs":
        return _apply_job(conn, tech, client_id, seen_seq, row, base, existing, changed)
    return _apply_child(conn, tech, client_id, seen_seq, m, row, base, existing, changed)


REFERENCES = {
    "job_id": "jobs",
    "part_id": "parts",
    "template_id": "checklist_templates",
    "estimate_id": "estimates",
    "asset_id": "assets",
}


def _check_references(conn: Connection, table: str, row: dict[str, Any]) -> None:
    """A row must point at records head office has, or devices could not store it."""
    for name, target in REFERENCES.items():
        value = row.get(name)
        if value is None or table == target:
            continue
        found = store.load(conn, target, str(value))
        if found is None:
            raise Rejected(f"{name}: head office has no {_label(target).rstrip('s')} {value}")


def _resolve_alias(conn: Connection, table: str, record_id: str) -> str:
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
    column = t.records.c.job_id if m.table == "checklist_answers" else t.records.c.owner
    anchor = m.fields["job_id"] if m.table == "checklist_answers" else m.fields["technician"]
    for row in conn.execute(
        sa.select(t.records.c.id, t.records.c.data).where(
            t.records.c.table_name == m.table, column == anchor, t.records.c.deleted.is_(False)
        )
    ):
        data = json.loads(row.data)
        if all(data.get(k) == m.fields.get(k) for k in key):
            return store.load(conn, m.table, row.id)
    return None


def _job_of(conn: Connection, job_id: str) -> store.Stored:
    job = store.load(conn, "jobs", job_id)
    if job is None:
        raise Rejected(f"head office has no job {job_id}")
    return job


def _check_job_access(conn: Connection, tech: str, job: store.Stored) -> bool:
    """True when the job is the technician's now; False when it was and has gone since."""
    if job.owner == tech and not job.deleted:
        return True
    if store.ever_assigned(conn, job.id, tech):
        return False
    raise Rejected(f"job {job.data.get('number', job.id)} is not assigned to you")


def _why_review(job: store.Stored, tech: str) -> str:
    number = job.data.get("number", job.id)
    if job.deleted:
        return f"{tech} recorded work on job {number} after head office deleted it"
    if job.owner != tech:
        return f"{tech} recorded work on job {number} after it was reassigned to {job.owner}"
    return f"{tech} recorded work on job {number} after head office cancelled it"


def _flag(conn: Connection, job: store.Stored, reason: str) -> None:
    current = job.data.get("flagged", "")
    if reason in current:
        return
    data = {**job.data, "flagged": f"{current}; {reason}" if current else reason}
    store.write(conn, "jobs", data, writer="server", fields=["flagged"], deleted=job.deleted)


def _log_conflict(
    conn: Connection,
    table: str,
    record_id: str,
    job_id: str | None,
    field: str,
    winning: Any,
    losing: Any,
    winning_client: str,
    losing_client: str,
    reason: str,
) -> None:
    conn.execute(
        t.conflict_log.insert().values(
            table_name=table,
            record_id=record_id,
            job_id=job_id,
            field=field,
            winning_value=json.dumps(winning, ensure_ascii=False),
            losing_value=json.dumps(losing, ensure_ascii=False),
            winning_client=winning_client,
            losing_client=losing_client,
            reason=reason,
            seq=current_seq(conn),
            created_at=now(),
        )
    )


def _write_with_conflicts(
    conn: Connection,
    table: str,
    row: dict[str, Any],
    base: dict[str, Any],
    existing: store.Stored | None,
    changed: list[str],
    client_id: str,
    seen_seq: int,
) -> int:
    """Later server-received write wins; a value it overwrites unseen goes to the log."""
    if existing is not None:
        for name in changed:
            writer = existing.writers.get(name)
            if writer and writer[0] not in (client_id, "office", "server") and writer[1] > seen_seq:
                _log_conflict(
                    conn,
                    table,
                    existing.id,
                    existing.job_id,
                    name,
                    row[name],
                    base.get(name),
                    client_id,
                    str(writer[0]),
                    "both devices changed this field; the later one to reach head office wins",
                )
    return store.write(
        conn,
        table,
        row,
        writer=client_id,
        fields=changed,
        deleted=bool(existing and existing.deleted),
    )


def _apply_job(
    conn: Connection,
    tech: str,
    client_id: str,
    seen_seq: int,
    row: dict[str, Any],
    base: dict[str, Any],
    existing: store.Stored | None,
    changed: list[str],
) -> int:
    if existing is None:
        raise Rejected("jobs are created at head office")
    current = _check_job_access(conn, tech, existing)
    office = [f for f in changed if f not in TECHNICIAN_JOB_FIELDS]
    if office:
        raise Rejected(
            f"head office owns {', '.join(office)} of a job; ask the office to change it"
        )
    if "status" in changed and row["status"] == "cancelled":
        raise Rejected("cancelling a job is decided by head office")
    if current and base.get("status") != "cancelled":
        return _write_with_conflicts(
            conn, "jobs", row, base, existing, changed, client_id, seen_seq
        )
    # The job left this technician (cancelled, reassigned or deleted) while they worked
    # offline: keep every piece of visit data, keep head office's status, flag for review.
    reason = _why_review(existing, tech)
    if "status" in changed:
        _log_conflict(
            conn,
            "jobs",
            existing.id,
            existing.id,
            "status",
            base.get("status"),
            row["status"],
            "office",
            client_id,
            reason,
        )
        row = {**row, "status": base.get("status")}
        changed = [f for f in changed if f != "status"]
    flagged = row.get("flagged", "")
    row["flagged"] = (
        reason if not flagged else (flagged if reason in flagged else f"{flagged}; {reason}")
    )
    return store.write(
        conn, "jobs", row, writer=client_id, fields=[*changed, "flagged"], deleted=existing.deleted
    )


def _apply_child(
    conn: Connection,
    tech: str,
    client_id: str,
    seen_seq: int,
    m: Mutation,
    row: dict[str, Any],
    base: dict[str, Any],
    existing: store.Stored | None,
    changed: list[str],
) -> int:
    if existing is not None and base.get("job_id") != row["job_id"]:
        raise Rejected(f"a {_label(m.table)} cannot move to another job")
    job = _job_of(conn, row["job_id"])
    current = _check_job_access(conn, tech, job)
    if m.table == "job_assets":
        if existing is None:
            raise Rejected("head office decides which units a job covers")
        office = [f for f in changed if f != "hour_meter"]
        if office:
            raise Rejected(f"head office owns {', '.join(office)} of a job's unit")
    if m.table in INSERT_ONLY and existing is not None:
        raise Rejected(f"{_label(m.table)} are never changed once recorded; add a new one")
    seq = _write_with_conflicts(conn, m.table, row, base, existing, changed, client_id, seen_seq)
    if not current or job.data.get("status") == "cancelled":
        _flag(conn, job, _why_review(job, tech))
        seq = current_seq(conn)
    return seq
