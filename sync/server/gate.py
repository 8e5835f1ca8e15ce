"""The one write gate: every change to a record at head office passes here.

A technician's push (``sync.server.push``), an office API call or command
(``sync.server.dispatch``), the CSV import, visit planning and deletes all call
``write``; nothing else calls ``store.write``. Per table and field it decides:

* **frozen after signature / insert-only** (``tech_app.write_rules``, the same rule
  the laptop applies): a signed job and its rows never change; evidence rows (part
  lines, photos, signatures, slips, estimates, consents, amendments) are never
  edited in place. Refused for everyone, office included.
* **owners**: head-office tables (customers, sites, assets, contracts, parts,
  templates) and the dispatch fields of a job are the office's; a technician's write
  to them is refused, as to the office's own job rows (follow-ups, refunds). Rows
  recorded once but for named fields (a loan's return: ``CHANGEABLE_FIELDS``) refuse a
  change to any other field. The visit fields of a job are the technician's: an office
  write (a re-imported sheet, a reschedule) keeps them as the technician left them;
  the office only moves a job between new, assigned and cancelled.
* **assignment**: a technician writes only jobs they hold or held. Work on a job that
  left them (reassigned, cancelled, deleted) is kept and the job flagged for review,
  but it never overwrites a value someone else wrote: that value stays and the late
  one goes to the conflict log.
* **base version**: on a field two devices both wrote, the later write to reach head
  office wins and the value it overwrote unseen goes to the conflict log.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from sync.server import store
from sync.server import tables as t
from sync.server.db import current_seq, now
from sync.server.record_tables import REFERENCES
from tech_app import review_notes
from tech_app.errors import TechAppError
from tech_app.review_notes import Note, NoteCode, note
from tech_app.vocab import JobStatus, StockMove
from tech_app.write_rules import (
    CHANGEABLE_FIELDS,
    NOT_STARTED,
    OFFICE_STATUSES,
    REVIEW_FIELDS,
    TECHNICIAN_JOB_FIELDS,
    Refusal,
    refusal,
)

HEAD_OFFICE_TABLES = store.SHARED | store.REFERENCE
# What a device may add to its own van's ledger; restocks and transfers are the office's.
TECHNICIAN_STOCK_MOVES = frozenset({StockMove.USE.value, StockMove.CORRECTION.value})
# Rows of a job that head office keeps for itself beside the visit: the follow-up call,
# and the refund of an overcharge it found.
OFFICE_JOB_ROWS = frozenset({"follow_ups", "refunds"})


class Refused(TechAppError):
    """A write the rules never allow; nothing of it was stored."""


@dataclass(frozen=True)
class Actor:
    """Who writes: a technician's device, the office, or head office's own rules."""

    kind: str  # "technician" | "office" | "server"
    name: str
    client_id: str
    seen_seq: int = 0  # how far the device had pulled: what it overwrites unseen is a conflict

    @classmethod
    def technician(cls, name: str, client_id: str, seen_seq: int) -> Actor:
        return cls("technician", name, client_id, seen_seq)


OFFICE = Actor("office", "office", "office")
SERVER = Actor("server", "server", "server")


def _label(table: str) -> str:
    return table.replace("_", " ")


def job_of(conn: Connection, table: str, row: dict[str, Any]) -> store.Stored | None:
    """The job a row belongs to, as stored now."""
    job_id = row.get("id") if table == "jobs" else row.get("job_id")
    return store.load(conn, "jobs", str(job_id)) if job_id else None


def _number(job: store.Stored) -> str:
    return str(job.data.get("number", job.id))


def check_frozen(
    table: str,
    existing: store.Stored | None,
    job: store.Stored | None,
    *,
    changed: list[str] | None = None,
    deleting: bool = False,
) -> None:
    """Refuse a change to a signed job's rows, or an edit of an evidence row.

    ``changed`` are the fields the write changes; a job change limited to head
    office's review marks is allowed on a signed job.
    """
    if table == "jobs" and not deleting and changed is not None and set(changed) <= REVIEW_FIELDS:
        return
    signed = job is not None and job.data.get("status") == JobStatus.SIGNED.value
    if deleting:
        # Deleting an unsigned job takes its evidence rows with it; that is not an edit.
        refused = Refusal.SIGNED if signed else None
    else:
        exists = existing is not None and not existing.deleted
        refused = refusal(table, job_signed=signed, exists=exists)
    if refused is Refusal.SIGNED:
        assert job is not None
        raise Refused(f"job {_number(job)} is signed and frozen; record an amendment instead")
    if refused is Refusal.INSERT_ONLY:
        raise Refused(f"{_label(table)} are never changed once recorded; add a new one")


def write(
    conn: Connection,
    actor: Actor,
    table: str,
    row: dict[str, Any],
    *,
    existing: store.Stored | None = None,
    loaded: bool = False,
    deleted: bool = False,
) -> int:
    """Decide and store one record change; returns its sequence number.

    ``existing`` is the stored row when the caller already loaded it (``loaded``).
    ``deleted`` soft-deletes the row. Raises ``Refused`` for what is never allowed.
    """
    if not loaded:
        existing = store.load(conn, table, str(row["id"]))
    decided = _decide(conn, actor, table, row, existing, deleted)
    if decided is None:
        assert existing is not None
        return existing.seq  # nothing new, even on a frozen job
    row, changed, job = decided
    base = existing.data if existing is not None else {}
    if actor.kind == "technician":
        seq = _technician_write(conn, actor, table, row, existing, job, changed)
        if table == "jobs" and row.get("status") == "signed" and base.get("status") != "signed":
            # A signature arriving: head office checks its consent with the laptop's rule
            # (imported here: the review prices the job, which reads through this module).
            from sync.server.consent_review import review_signature

            review_signature(conn, str(row["id"]))
        return seq
    keep_deleted = deleted or bool(existing and existing.deleted)
    return store.write(
        conn, table, row, writer=actor.client_id, fields=changed, deleted=keep_deleted
    )


def _decide(
    conn: Connection,
    actor: Actor,
    table: str,
    row: dict[str, Any],
    existing: store.Stored | None,
    deleted: bool,
    planned: Collection[tuple[str, str]] = (),
) -> tuple[dict[str, Any], list[str], store.Stored | None] | None:
    """The row as it may be written, the fields it changes and its job; None when it
    changes nothing. Raises ``Refused`` for a change to a frozen or insert-only row."""
    job = existing if table == "jobs" else job_of(conn, table, row)
    if actor.kind == "office" and table == "jobs" and existing is not None:
        row = office_job_row(existing, row)
    base = existing.data if existing is not None else {}
    changed = sorted(k for k in row if existing is None or base.get(k) != row[k])
    if existing is not None and not changed and existing.deleted == deleted:
        return None
    check_frozen(table, existing, job, changed=changed, deleting=deleted)
    fixed = set(changed) - CHANGEABLE_FIELDS.get(table, set(changed))
    if existing is not None and not existing.deleted and not deleted and fixed:
        raise Refused(
            f"the {', '.join(sorted(fixed))} of {_label(table)} are recorded once; "
            f"only {', '.join(sorted(CHANGEABLE_FIELDS[table]))} is added later"
        )
    if not deleted:
        check_references(conn, table, row, changed, planned)
    return row, changed, job


def check_references(
    conn: Connection,
    table: str,
    row: dict[str, Any],
    changed: list[str],
    planned: Collection[tuple[str, str]] = (),
) -> None:
    """A row must point at records head office has (a deleted one counts: a job still
    names a merged-away customer) or ``planned`` ones (written before it in the same
    import), or devices could not store it; the database's foreign keys would refuse
    it at commit, with no word of which row."""
    for name in changed:
        target = REFERENCES.get(name)
        value = row.get(name)
        if target is None or target == table or value is None:
            continue
        if (target, str(value)) in planned:
            continue
        if store.load(conn, target, str(value)) is None:
            raise Refused(f"{name}: head office has no {_label(target).rstrip('s')} {value}")


@dataclass(frozen=True)
class OfficeWrite:
    """What an office write of a row would do: create it, or change these fields."""

    new: bool
    fields: tuple[str, ...]  # empty: the row is stored as it is already


def check_office_write(
    conn: Connection, table: str, row: dict[str, Any], planned: Collection[tuple[str, str]] = ()
) -> OfficeWrite:
    """Raise ``Refused`` if the office writing this row would be refused; writes nothing.

    A long import checks its whole file this way before it writes the first batch, and
    its preview shows what each row would change; ``planned`` are the records its
    earlier rows will write, which this one may name.
    """
    existing = store.load(conn, table, str(row["id"]))
    decided = _decide(conn, OFFICE, table, row, existing, False, planned)
    new = existing is None or existing.deleted
    return OfficeWrite(new, () if decided is None else tuple(decided[1]))


# -- the office ------------------------------------------------------------------------
def office_job_row(existing: store.Stored, row: dict[str, Any]) -> dict[str, Any]:
    """What an office write of a stored job may change: dispatch fields, and the status
    only between new, assigned and cancelled (cancel at any point before signature)."""
    kept = {name: existing.data.get(name) for name in TECHNICIAN_JOB_FIELDS}
    current = JobStatus(existing.data["status"])
    wanted = JobStatus(row.get("status", current))
    if wanted is JobStatus.CANCELLED or (wanted in OFFICE_STATUSES and current in NOT_STARTED):
        kept["status"] = wanted.value
    return {**row, **kept}


# -- a technician's device -------------------------------------------------------------
def _technician_write(
    conn: Connection,
    actor: Actor,
    table: str,
    row: dict[str, Any],
    existing: store.Stored | None,
    job: store.Stored | None,
    changed: list[str],
) -> int:
    if table in HEAD_OFFICE_TABLES:
        if existing is None:
            raise Refused(f"{_label(table)} are created at head office")
        raise Refused(f"{_label(table)} belong to head office; ask the office to change them")
    if table in OFFICE_JOB_ROWS:
        raise Refused(f"{_label(table)} are kept by head office")
    if table in store.VAN_TABLES:
        if row["technician"] != actor.name or (
            existing and existing.data["technician"] != actor.name
        ):
            raise Refused("van stock of another technician")
        if table == "stock_movements" and row["kind"] not in TECHNICIAN_STOCK_MOVES:
            raise Refused(f"a {row['kind']} of van stock is recorded by head office")
        # van_stock itself is written by a device only through mutations of a schema
        # before the ledger (sync.server.push lets no newer one through).
        return _last_write_wins(conn, actor, table, row, existing, changed)
    if job is None:
        raise Refused(f"head office has no job {row.get('job_id') or row.get('id')}")
    if existing is not None and table != "jobs" and existing.data.get("job_id") != row["job_id"]:
        raise Refused(f"a {_label(table)} cannot move to another job")
    holds = _holds(conn, actor, job)
    if table == "jobs":
        _check_job_fields(row, existing, changed)
    if table == "job_assets":
        if existing is None:
            raise Refused("head office decides which units a job covers")
        office = [f for f in changed if f != "hour_meter"]
        if office:
            raise Refused(f"head office owns {', '.join(office)} of a job's unit")
    cancelled = job.data.get("status") == JobStatus.CANCELLED.value
    if holds and not cancelled:
        return _last_write_wins(conn, actor, table, row, existing, changed)
    # The job left this technician (reassigned, cancelled or deleted) while they worked
    # offline: keep what they did where it takes nothing from anyone, log the rest, flag.
    review, reason = _why_review(job, actor.name)
    row, changed = _late_row(conn, actor, table, row, existing, changed, job, reason, holds)
    if changed:
        store.write(
            conn,
            table,
            row,
            writer=actor.client_id,
            fields=changed,
            deleted=bool(existing and existing.deleted),
        )
    flag(conn, job.id, review)
    return current_seq(conn)


def _holds(conn: Connection, actor: Actor, job: store.Stored) -> bool:
    """True when the job is the technician's now; False when it was and has left them."""
    if job.owner == actor.name and not job.deleted:
        return True
    if store.ever_assigned(conn, job.id, actor.name):
        return False
    raise Refused(f"job {_number(job)} is not assigned to you")


def _check_job_fields(
    row: dict[str, Any], existing: store.Stored | None, changed: list[str]
) -> None:
    if existing is None:
        raise Refused("jobs are created at head office")
    office = [f for f in changed if f not in TECHNICIAN_JOB_FIELDS]
    if office:
        raise Refused(f"head office owns {', '.join(office)} of a job; ask the office to change it")
    if "status" in changed and JobStatus(row["status"]) in OFFICE_STATUSES:
        if row["status"] == JobStatus.CANCELLED.value:
            raise Refused("cancelling a job is decided by head office")
        raise Refused(f"setting a job back to {row['status']} is decided by head office")


def _late_row(
    conn: Connection,
    actor: Actor,
    table: str,
    row: dict[str, Any],
    existing: store.Stored | None,
    changed: list[str],
    job: store.Stored,
    reason: str,
    holds: bool,
) -> tuple[dict[str, Any], list[str]]:
    """The part of a late write that overwrites nobody; the rest goes to the conflict log."""
    if existing is None:
        return row, changed  # a new row (an answer, a part line, a photo) takes nothing
    base = existing.data
    kept: dict[str, Any] = {}
    for name in changed:
        if table == "jobs" and name == "status":
            lose = True  # head office's decision (cancel, reassign) stands
        else:
            writer = existing.writers.get(name)
            own = writer is not None and writer[0] == actor.client_id
            empty = base.get(name) in (None, "")
            lose = not (own or empty or holds)
        if lose:
            kept[name] = base.get(name)
            log_conflict(
                conn,
                table,
                existing.id,
                job.id,
                name,
                winning=base.get(name),
                losing=row[name],
                winning_client=str((existing.writers.get(name) or ["office"])[0]),
                losing_client=actor.client_id,
                reason=reason,
            )
    return {**row, **kept}, [n for n in changed if n not in kept]


def _last_write_wins(
    conn: Connection,
    actor: Actor,
    table: str,
    row: dict[str, Any],
    existing: store.Stored | None,
    changed: list[str],
) -> int:
    """Later server-received write wins; a value it overwrites unseen goes to the log."""
    if existing is not None:
        for name in changed:
            writer = existing.writers.get(name)
            if (
                writer
                and writer[0] not in (actor.client_id, OFFICE.client_id, SERVER.client_id)
                and writer[1] > actor.seen_seq
            ):
                log_conflict(
                    conn,
                    table,
                    existing.id,
                    existing.job_id,
                    name,
                    winning=row[name],
                    losing=existing.data.get(name),
                    winning_client=actor.client_id,
                    losing_client=str(writer[0]),
                    reason=review_notes.encode(note(NoteCode.BOTH_CHANGED)),
                )
    return store.write(
        conn,
        table,
        row,
        writer=actor.client_id,
        fields=changed,
        deleted=bool(existing and existing.deleted),
    )


def _why_review(job: store.Stored, technician: str) -> tuple[Note, str]:
    """The review note for work on a job that left the technician, and the conflict
    log's reason: the same note, encoded (each front end words it)."""
    number = _number(job)
    if job.deleted:
        review = note(NoteCode.WORK_AFTER_DELETE, technician=technician, job=number)
    elif job.owner != technician:
        review = note(
            NoteCode.WORK_AFTER_REASSIGN, technician=technician, job=number, assignee=job.owner
        )
    else:
        review = note(NoteCode.WORK_AFTER_CANCEL, technician=technician, job=number)
    return review, review_notes.encode(review)


def flag(conn: Connection, job_id: str, entry: Note) -> None:
    """Mark a job for office review (work kept on a job that left its technician, a
    signature without consent); a note the job already carries is not added again."""
    job = store.load(conn, "jobs", job_id)
    assert job is not None
    current = str(job.data.get("flagged", ""))
    flagged = review_notes.add(current, entry)
    if flagged == current:
        return
    data = {**job.data, "flagged": flagged}
    store.write(
        conn, "jobs", data, writer=SERVER.client_id, fields=["flagged"], deleted=job.deleted
    )


def log_conflict(
    conn: Connection,
    table: str,
    record_id: str,
    job_id: str | None,
    field: str,
    *,
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
    conn.info[_LOGGED] = conflicts_logged(conn) + 1


# How many conflicts this connection has logged: a push counts what it added (a
# difference, so the count may go on across transactions).
_LOGGED = "conflicts_logged"


def conflicts_logged(conn: Connection) -> int:
    return int(conn.info.get(_LOGGED, 0))


def unlog_conflicts(conn: Connection, mark: int) -> None:
    """After a savepoint rolled back: the conflicts logged since ``mark`` are gone."""
    conn.info[_LOGGED] = mark
