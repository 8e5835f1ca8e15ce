"""Head-office record storage: writes with sequence numbers, who sees what, and pulls.

Each record is two rows: its fields in its kind's typed table (``t.kinds``) and its
sync bookkeeping in ``records`` (``tables`` explains both); ``load`` and ``write`` keep
the pair together, and callers see the codec's plain row as ``Stored.data``.

Visibility is kept materialised so a pull is a few index ranges on the change
sequence: ``records.owner`` is the technician of a job and of everything hanging off
it (and of a van-stock row), ``*`` for the shared catalogue (parts, checklist
templates), NULL for what only head office sees (a deleted job). Customers, sites,
contracts and assets are readable through ``grants``, derived from ``job_refs`` of
the jobs a technician holds; each write of one of them, and each grant, puts an
entry in the grantee's ``feed``, as does each change to a colleague's job on one of
their units (its history summary). When something leaves a technician's view, an
explicit row in ``tombstones`` tells their devices, in the same sequence as
everything else.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sync.server import history
from sync.server import tables as t
from sync.server.bulk_insert import insert_rows
from sync.server.db import current_seq, meta_value, next_seq, now, stamp
from sync.server.record_rows import data_of, fields_by_key, joined
from sync.server.record_tables import fields_of
from tech_app.records.codec import RECORD_FOR_TABLE

# The company settings (one row) reach every device, like the catalogue.
SHARED = frozenset({"parts", "checklist_templates", "company_settings"})
REFERENCE = frozenset({"customers", "sites", "assets", "contracts", "service_cards"})
# What a van holds belongs to its technician, even a movement made on a job.
VAN_TABLES = frozenset({"van_stock", "stock_movements"})
JOB_CHILDREN = frozenset(
    table
    for table, cls in RECORD_FOR_TABLE.items()
    if "job_id" in {f.name for f in dataclasses.fields(cls)} and table not in VAN_TABLES
)
BLOB_FIELD = {
    "signatures": "image_sha256",
    "photos": "sha256",
    "slips": "pdf_sha256",
    "company_settings": "logo_sha256",
    "jewellery_intakes": "signature_sha256",
}
EVERYONE = "*"
# A feed entry that stands for a colleague's job on the technician's units: the pull
# turns it into history summaries (``sync.server.history``).
HISTORY_ENTRY = "history_of_job"
# Rows a history summary is built from; a change to any of them re-sends it.
HISTORY_SOURCES = frozenset({"jobs", "job_assets", "checklist_answers", "part_usage"})


@dataclasses.dataclass
class Stored:
    table: str
    id: str
    data: dict[str, Any]
    owner: str | None
    job_id: str | None
    version: int
    seq: int
    deleted: bool
    writers: dict[str, list[Any]]


def load(conn: Connection, table: str, record_id: str) -> Stored | None:
    cache: dict[tuple[str, str], Any] | None = conn.info.get(_CACHE)
    found: _Cached | None
    if cache is not None and (table, record_id) in cache:
        found = cache[(table, record_id)]
    elif (waiting := _waiting(conn, table, record_id)) is not None:
        found = waiting
    else:
        kind = t.kinds[table]
        row = conn.execute(joined(table).where(kind.c.id == record_id)).first()
        found = None if row is None else _cached(table, row)
        if cache is not None:
            cache[(table, record_id)] = found
    return None if found is None else _stored(table, record_id, found)


def _cached(table: str, row: Any) -> _Cached:
    return _Cached(
        data_of(table, row),
        row.sync_owner,
        row.sync_job_id,
        row.sync_version,
        row.sync_seq,
        bool(row.sync_deleted),
        json.loads(row.sync_writers),
    )


def _stored(table: str, record_id: str, row: _Cached) -> Stored:
    # Copied on every load: a caller may change what it gets.
    return Stored(
        table=table,
        id=record_id,
        data=dict(row.data),
        owner=row.owner,
        job_id=row.job_id,
        version=row.version,
        seq=row.seq,
        deleted=bool(row.deleted),
        writers=dict(row.writers),  # each value is replaced whole, never changed
    )


# -- remembering loaded rows for one push ----------------------------------------------
_CACHE = "stored_rows"
_OWN_WRITE = "store_writing"
_PENDING = "pending_inserts"
# What the remembered rows (records, and who holds a job's units) are read from.
_CHANGES_WHAT_IS_REMEMBERED = re.compile(
    r"\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?("
    + "|".join(["records", "grants", "job_refs", *sorted(t.kinds)])
    + r")\b",
    re.I,
)
# Rows whose first version a push may insert together at the end: no hook reads them
# back by SQL (jobs and unit links feed set_job_refs; blobs note their first row).
_DEFERRABLE = frozenset(JOB_CHILDREN - {"job_assets"} - set(BLOB_FIELD))


class _Cached(NamedTuple):
    data: dict[str, Any]
    owner: str | None
    job_id: str | None
    version: int
    seq: int
    deleted: bool
    writers: dict[str, list[Any]]  # parsed once per row read, copied per load


@contextmanager
def remembering(conn: Connection, keys: Iterable[tuple[str, str]] = ()) -> Iterator[None]:
    """Within this block ``load`` reads each record once: ``keys`` are read up front in
    one statement, and ``write`` keeps what it stored. Any other change to ``records``
    (a direct update, a rolled-back savepoint) forgets everything, so no stale row is
    ever returned."""
    cache: dict[tuple[str, str], Any] = {}
    conn.info[_CACHE] = cache

    def on_statement(_c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        if not conn.info.get(_OWN_WRITE) and _CHANGES_WHAT_IS_REMEMBERED.match(statement):
            cache.clear()

    def on_rollback(*_args: Any) -> None:
        cache.clear()

    sa.event.listen(conn, "before_cursor_execute", on_statement)
    sa.event.listen(conn, "rollback_savepoint", on_rollback)
    conn.info[_PENDING] = _Batch()
    try:
        _prefetch(conn, cache, set(keys))
        yield
        flush_pending(conn)
    finally:
        sa.event.remove(conn, "before_cursor_execute", on_statement)
        sa.event.remove(conn, "rollback_savepoint", on_rollback)
        conn.info.pop(_CACHE, None)
        conn.info.pop(_PENDING, None)


class _Batch:
    """First versions decided but not yet inserted, and which of them are the current
    mutation's (from ``start``); ``earlier`` are rows of earlier mutations that were
    inserted while the current one runs, inside its savepoint."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.start = 0
        self.earlier: list[dict[str, Any]] = []


def _waiting(conn: Connection, table: str, record_id: str) -> _Cached | None:
    batch: _Batch | None = conn.info.get(_PENDING)
    for row in reversed(batch.rows if batch else []):
        if row["table_name"] == table and row["id"] == record_id:
            return _Cached(
                row["data"],
                row["owner"],
                row["job_id"],
                1,
                row["seq"],
                row["deleted"],
                json.loads(row["writers"]),
            )
    return None


def flush_pending(conn: Connection) -> None:
    """Insert the first versions a push has decided so far, in one statement. Called
    before anything reads ``records`` by SQL or changes a row that may be among them.

    Their numbers are provisional on PostgreSQL: the commit-ordering step shifts them."""
    batch: _Batch | None = conn.info.get(_PENDING)
    if batch is None or not batch.rows:
        return
    _insert(conn, batch.rows)
    batch.earlier += batch.rows[: batch.start]
    batch.rows.clear()
    batch.start = 0


def _insert(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert first versions (rows of ``first_version_row``): the bookkeeping in one
    statement, the fields in one per kind."""
    if not rows:
        return
    conn.info[_OWN_WRITE] = True
    try:
        insert_rows(conn, t.records, [_bookkeeping(row) for row in rows])
    finally:
        conn.info.pop(_OWN_WRITE, None)
    _insert_fields(conn, rows)


def _insert_fields(conn: Connection, rows: list[dict[str, Any]]) -> None:
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_kind.setdefault(row["table_name"], []).append(
            _fields_row(row["table_name"], row["data"])
        )
    conn.info[_OWN_WRITE] = True
    try:
        for table, fields in by_kind.items():
            insert_rows(conn, t.kinds[table], fields)
    finally:
        conn.info.pop(_OWN_WRITE, None)


def insert_first_versions(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Bulk-insert records built by ``first_version_row`` (no hooks run: the caller
    grants and references what they need)."""
    _insert(conn, rows)


def _bookkeeping(row: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name != "data"}


def _fields_row(table: str, data: dict[str, Any]) -> dict[str, Any]:
    return {name: data.get(name) for name in fields_of(t.kinds[table])}


def begin_mutation(conn: Connection) -> None:
    """Rows written from now on belong to the next mutation (see ``mutation_refused``)."""
    batch: _Batch | None = conn.info.get(_PENDING)
    if batch is not None:
        batch.start = len(batch.rows)
        batch.earlier = []


def mutation_refused(conn: Connection) -> None:
    """After the refused mutation's savepoint was rolled back: its own rows are gone, and
    earlier mutations' rows inserted inside that savepoint are inserted again, now."""
    cache = conn.info.get(_CACHE)
    if cache is not None:
        cache.clear()  # what it wrote, and what it read after writing, is gone
    batch: _Batch | None = conn.info.get(_PENDING)
    if batch is None:
        return
    again = batch.earlier + batch.rows[: batch.start]
    batch.rows.clear()
    batch.start = 0
    batch.earlier = []
    if again:
        _insert(conn, again)


def any_of(table_column: Any, id_column: Any, keys: Iterable[tuple[str, str]]) -> Any:
    """A WHERE clause matching any of the (table, id) keys: per table, one id IN list.
    False (no row) for no keys."""
    by_table: dict[str, list[str]] = {}
    for table, record_id in keys:
        by_table.setdefault(table, []).append(record_id)
    return sa.or_(
        sa.false(),
        *(sa.and_(table_column == tb, id_column.in_(ids)) for tb, ids in by_table.items()),
    )


def _prefetch(
    conn: Connection, cache: dict[tuple[str, str], Any], keys: set[tuple[str, str]]
) -> None:
    by_table: dict[str, list[str]] = {}
    for table, record_id in keys:
        cache[(table, record_id)] = None  # absent unless found below
        by_table.setdefault(table, []).append(record_id)
    for table, ids in by_table.items():
        for row in conn.execute(_joined_by_ids(table), {"ids": sorted(ids)}):
            cache[(table, row.id)] = _cached(table, row)


@functools.cache
def _joined_by_ids(table: str) -> sa.Select[Any]:
    # Built once per kind, its ids bound at run time (see record_rows._rows_by_id).
    return joined(table).where(t.kinds[table].c.id.in_(sa.bindparam("ids", expanding=True)))


def owner_for(conn: Connection, table: str, data: dict[str, Any], deleted: bool) -> str | None:
    if deleted:
        return None
    if table in SHARED:
        return EVERYONE
    if table == "jobs":
        return str(data.get("assignee") or "") or None
    if table in VAN_TABLES:
        return str(data["technician"])
    if table in JOB_CHILDREN:
        job = load(conn, "jobs", str(data["job_id"]))
        return job.owner if job else None
    return None


def first_version_row(
    table: str, data: dict[str, Any], *, owner: str | None, seq: int, updated_at: float
) -> dict[str, Any]:
    """A record's first version for ``insert_first_versions`` (bulk inserts that bypass
    ``write``): its bookkeeping, with its fields as ``data``."""
    return {
        "table_name": table,
        "id": str(data["id"]),
        "owner": owner,
        "job_id": str(data["id"]) if table == "jobs" else data.get("job_id"),
        "blob_sha": data.get(BLOB_FIELD[table]) if table in BLOB_FIELD else None,
        "data": data,
        "version": 1,
        "seq": seq,
        "deleted": False,
        "writers": "{}",
        "updated_at": updated_at,
    }


def write(
    conn: Connection,
    table: str,
    data: dict[str, Any],
    *,
    writer: str,
    fields: Iterable[str] | None = None,
    deleted: bool = False,
) -> int:
    """Insert or replace one record with the next sequence number; returns that number.

    ``fields`` are the fields this write set (all when None); each remembers its
    writer and sequence, which is what conflict detection compares against.
    """
    record_id = str(data["id"])
    existing = load(conn, table, record_id)
    batch: _Batch | None = conn.info.get(_PENDING)
    deferred = existing is None and batch is not None and table in _DEFERRABLE
    # A deferred first version waits for flush_pending, which inserts it with the others.
    seq = next_seq(conn)
    writers = existing.writers if existing else {}
    for name in data if fields is None else fields:
        writers[name] = [writer, seq]
    owner = owner_for(conn, table, data, deleted)
    job_id = record_id if table == "jobs" else (str(data["job_id"]) if data.get("job_id") else None)
    fields_row = _fields_row(table, data)
    writers_text = json.dumps(writers, sort_keys=True)
    values: dict[str, Any] = {
        "owner": owner,
        "job_id": job_id,
        "blob_sha": data.get(BLOB_FIELD[table]) if table in BLOB_FIELD else None,
        "seq": seq,
        "deleted": deleted,
        "writers": writers_text,
        "updated_at": now(),
    }
    version = 1 if existing is None else existing.version + 1
    if deferred:
        assert batch is not None
        batch.rows.append(
            {"table_name": table, "id": record_id, "version": 1, **values, "data": fields_row}
        )
    else:
        flush_pending(conn)  # an update may be of a row still waiting
    kind = t.kinds[table]
    conn.info[_OWN_WRITE] = True
    try:
        if deferred:
            pass
        elif existing is None:
            conn.execute(
                t.records.insert().values(table_name=table, id=record_id, version=1, **values)
            )
            conn.execute(kind.insert().values(**fields_row))
        else:
            conn.execute(
                t.records.update()
                .where(t.records.c.table_name == table, t.records.c.id == record_id)
                .values(version=version, **values)
            )
            changed = {k: v for k, v in fields_row.items() if existing.data.get(k) != v}
            if changed:
                conn.execute(kind.update().where(kind.c.id == record_id).values(**changed))
    finally:
        conn.info.pop(_OWN_WRITE, None)
    cache = conn.info.get(_CACHE)
    if cache is not None:
        cache[(table, record_id)] = _Cached(
            fields_row, owner, job_id, version, seq, deleted, writers
        )
    if values["blob_sha"]:
        # The first row naming a blob decides who may read it (sync.server.blobs; imported
        # here, as blobs may import store). Bulk first versions (first_version_row) skip this.
        from sync.server.blobs import note_reference

        # Every such row hangs off a job but the settings' logo (job_id None).
        note_reference(conn, str(values["blob_sha"]), table, record_id, job_id)
    if table in ("jobs", "job_assets"):
        set_job_refs(conn, str(data["id"]) if table == "jobs" else str(data["job_id"]))
    publish(conn, table, record_id, job_id, seq)
    return seq


def touch(conn: Connection, table: str, record_id: str, *, owner: str | None = None) -> int:
    """Give a record a new sequence number, so it is sent again (and its owner recomputed)."""
    flush_pending(conn)
    seq = next_seq(conn)
    values: dict[str, Any] = {"seq": seq}
    if owner is not None:
        values["owner"] = owner
    conn.execute(
        t.records.update()
        .where(t.records.c.table_name == table, t.records.c.id == record_id)
        .values(**values)
    )
    job_id = record_id if table == "jobs" else None
    if table in HISTORY_SOURCES and job_id is None:
        found = conn.execute(
            sa.select(t.records.c.job_id).where(
                t.records.c.table_name == table, t.records.c.id == record_id
            )
        ).first()
        job_id = found.job_id if found else None
    publish(conn, table, record_id, job_id, seq)
    return seq


# -- the feed: what technicians receive beyond their own jobs and the catalogue ----------
def publish(conn: Connection, table: str, record_id: str, job_id: str | None, seq: int) -> None:
    """Tell the grantees of a customer/site/contract/unit, and the colleagues who hold
    a unit of this job, that it changed at ``seq``."""
    if table in REFERENCE:
        grantees = conn.execute(
            sa.select(t.grants.c.technician).where(
                t.grants.c.table_name == table, t.grants.c.record_id == record_id
            )
        ).scalars()
        feed_upsert(conn, [(tech, table, record_id) for tech in grantees], seq)
    if table in HISTORY_SOURCES and job_id:
        job = load(conn, "jobs", job_id)
        owner = job.owner if job else None
        holders = _holders(conn, job_id)
        colleagues = [tech for tech in holders if tech != owner]
        feed_upsert(conn, [(tech, HISTORY_ENTRY, job_id) for tech in colleagues], seq)


def _holders(conn: Connection, job_id: str) -> list[str]:
    """Technicians who hold a unit of the job (remembered within a push)."""
    cache: dict[tuple[str, str], Any] | None = conn.info.get(_CACHE)
    key = ("holders of job", job_id)
    if cache is not None and key in cache:
        return list(cache[key])
    # Two index lookups (the job's units, then who holds them), not a join the planner
    # may turn into a scan of every grant.
    units = list(
        conn.execute(
            sa.select(t.job_refs.c.record_id).where(
                t.job_refs.c.job_id == job_id, t.job_refs.c.table_name == "assets"
            )
        ).scalars()
    )
    found = (
        sorted(
            set(
                conn.execute(
                    sa.select(t.grants.c.technician).where(
                        t.grants.c.table_name == "assets", t.grants.c.record_id.in_(units)
                    )
                ).scalars()
            )
        )
        if units
        else []
    )
    if cache is not None:
        cache[key] = found
    return found


def feed_upsert(conn: Connection, entries: list[tuple[str, str, str]], seq: int) -> None:
    """Put entries in technicians' feeds at ``seq`` (one row per technician and record)."""
    if not entries:
        return
    rows = [{"technician": a, "table_name": b, "record_id": c, "seq": seq} for a, b, c in entries]
    insert = (
        postgresql.insert(t.feed) if conn.dialect.name == "postgresql" else sqlite.insert(t.feed)
    )
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=["technician", "table_name", "record_id"],
            set_={"seq": insert.excluded.seq},
        ),
        rows,
    )


def grant(conn: Connection, technician: str, table: str, record_id: str) -> bool:
    """Let the technician read one customer/site/contract/unit; False if they already could.

    A new grant sends the row to that technician (a feed entry), no one else."""
    key = {"technician": technician, "table_name": table, "record_id": record_id}
    found = conn.execute(
        sa.select(t.grants.c.record_id).where(
            *(getattr(t.grants.c, k) == v for k, v in key.items())
        )
    ).first()
    if found is not None:
        return False
    conn.execute(t.grants.insert().values(**key))
    # A unit's recent visits by colleagues follow it: history.expand adds them when
    # the unit's row is in the page.
    feed_upsert(conn, [(technician, table, record_id)], next_seq(conn))
    return True


def tombstone(conn: Connection, technician: str, table: str, record_id: str) -> int:
    seq = next_seq(conn)
    conn.execute(
        t.tombstones.insert().values(
            seq=seq, technician=technician, table_name=table, record_id=record_id, created_at=now()
        )
    )
    return seq


# -- who may read which customers, sites, contracts and assets --------------------
def set_job_refs(conn: Connection, job_id: str) -> None:
    flush_pending(conn)  # it reads the job's unit links by SQL
    job = load(conn, "jobs", job_id)
    conn.execute(t.job_refs.delete().where(t.job_refs.c.job_id == job_id))
    if job is None:
        return
    refs = {("customers", job.data["customer_id"]), ("sites", job.data["site_id"])}
    if job.data.get("contract_id"):
        refs.add(("contracts", job.data["contract_id"]))
    if job.data.get("card_id"):
        refs.add(("service_cards", job.data["card_id"]))
    links = t.kinds["job_assets"]
    for asset_id in conn.execute(
        sa.select(links.c.asset_id)
        .select_from(
            links.join(
                t.records,
                sa.and_(t.records.c.table_name == "job_assets", t.records.c.id == links.c.id),
            )
        )
        .where(links.c.job_id == job_id, t.records.c.deleted.is_(False))
    ).scalars():
        refs.add(("assets", asset_id))
    if refs:
        conn.execute(
            t.job_refs.insert(),
            [{"job_id": job_id, "table_name": tb, "record_id": rid} for tb, rid in sorted(refs)],
        )


def job_refs(conn: Connection, job_id: str) -> list[tuple[str, str]]:
    order = {"customers": 0, "sites": 1, "contracts": 2, "service_cards": 3, "assets": 4}
    rows = conn.execute(
        sa.select(t.job_refs.c.table_name, t.job_refs.c.record_id).where(
            t.job_refs.c.job_id == job_id
        )
    ).all()
    return sorted(((r.table_name, r.record_id) for r in rows), key=lambda r: (order[r[0]], r[1]))


def grant_refs(conn: Connection, technician: str, job_id: str) -> bool:
    """Let the technician read what the job refers to; newly readable rows are sent."""
    granted = False
    for table, record_id in job_refs(conn, job_id):
        granted = grant(conn, technician, table, record_id) or granted
    return granted


def revoke_refs(conn: Connection, technician: str, job_id: str) -> None:
    """After the job left the technician: drop (and tombstone) refs no other job of theirs needs."""
    for table, record_id in reversed(job_refs(conn, job_id)):
        still_needed = conn.execute(
            sa.select(t.job_refs.c.job_id)
            .join(
                t.records,
                sa.and_(t.records.c.table_name == "jobs", t.records.c.id == t.job_refs.c.job_id),
            )
            .where(
                t.job_refs.c.table_name == table,
                t.job_refs.c.record_id == record_id,
                t.job_refs.c.job_id != job_id,
                t.records.c.owner == technician,
            )
            .limit(1)
        ).first()
        if still_needed is None:
            deleted = conn.execute(
                t.grants.delete().where(
                    t.grants.c.technician == technician,
                    t.grants.c.table_name == table,
                    t.grants.c.record_id == record_id,
                )
            )
            if deleted.rowcount:
                conn.execute(
                    t.feed.delete().where(
                        t.feed.c.technician == technician,
                        t.feed.c.table_name == table,
                        t.feed.c.record_id == record_id,
                    )
                )
                tombstone(conn, technician, table, record_id)


def ever_assigned(conn: Connection, job_id: str, technician: str) -> bool:
    return (
        conn.execute(
            sa.select(t.assignments.c.job_id).where(
                t.assignments.c.job_id == job_id, t.assignments.c.technician == technician
            )
        ).first()
        is not None
    )


def children_of(conn: Connection, job_id: str) -> list[tuple[str, str]]:
    rows = conn.execute(
        sa.select(t.records.c.table_name, t.records.c.id)
        .where(t.records.c.job_id == job_id, t.records.c.table_name != "jobs")
        .order_by(t.records.c.seq)
    ).all()
    # job_assets first: other children may point at the units they link.
    return sorted(((r.table_name, r.id) for r in rows), key=lambda r: r[0] != "job_assets")


# -- pull ------------------------------------------------------------------------
def wire_row(data: dict[str, Any], version: int, updated_at: float) -> dict[str, Any]:
    stamp = datetime.fromtimestamp(updated_at, UTC).isoformat()
    return {**data, "version": version, "updated_at": stamp}


def pull(
    conn: Connection, technician: str, cursor: int, limit: int, *, with_history: bool = True
) -> dict[str, Any]:
    """Changes for the technician after ``cursor``; ``with_history`` adds the summaries of
    their units' earlier visits (``sync.server.history``) for devices that store them.

    Four index ranges, each read at most ``limit + 1`` deep and merged by number: the
    technician's own rows and the catalogue (records by owner, seq), their feed and
    their tombstones. One statement first probes all four, whatever the data size, and
    only ranges with changes are read: an idle pull (every few minutes from every
    laptop) reads none, and nothing after them runs a statement for an empty page."""
    r, f, g = t.records.c, t.feed.c, t.tombstones.c
    columns = (r.table_name, r.id, r.version, r.seq, r.deleted, r.updated_at)
    ranges = [
        (sa.select(*columns).where(r.owner == technician, r.seq > cursor), r.seq),
        (sa.select(*columns).where(r.owner == EVERYONE, r.seq > cursor), r.seq),
        (
            sa.select(f.seq.label("feed_seq"), f.table_name.label("entry"), f.record_id, *columns)
            .select_from(
                t.feed.outerjoin(
                    t.records, sa.and_(r.table_name == f.table_name, r.id == f.record_id)
                )
            )
            .where(f.technician == technician, f.seq > cursor),
            f.seq,
        ),
        (
            sa.select(t.tombstones).where(g.seq > cursor, g.technician.in_([technician, EVERYONE])),
            g.seq,
        ),
    ]
    found: tuple[bool, ...]
    if cursor > 0:
        found = tuple(conn.execute(sa.select(*(sa.exists(query) for query, _ in ranges))).one())
    else:
        found = (True,) * len(ranges)
    mine, catalogue, fed, gone = (
        conn.execute(query.order_by(seq).limit(limit + 1)).all() if wanted else []
        for (query, seq), wanted in zip(ranges, found, strict=True)
    )
    owned = [mine, catalogue]
    fields = fields_by_key(
        conn,
        [(row.table_name, row.id) for rows in (*owned, fed) for row in rows if row.id is not None],
    )
    changes: list[dict[str, Any]] = [
        change_of(row.seq, row, fields) for rows in owned for row in rows
    ]
    for row in fed:
        if row.entry == HISTORY_ENTRY:
            if with_history:
                changes.append({"seq": row.feed_seq, history.TRIGGER: row.record_id})
        elif row.id is not None:  # a row purged since it was granted has nothing to send
            changes.append(change_of(row.feed_seq, row, fields))
    changes += [{"seq": g.seq, "table": g.table_name, "id": g.record_id, "row": None} for g in gone]
    changes.sort(key=lambda c: c["seq"])
    # Each range was read one deeper than a page, so the first ``limit`` of the merge
    # are exactly the first ``limit`` changes; more exist if any range had more.
    has_more = len(changes) > limit or any(len(rows) > limit for rows in (*owned, fed, gone))
    changes = changes[:limit]
    # Without more, the cursor moves to the newest number this snapshot holds: nothing
    # up to it is for this technician.
    next_cursor = changes[-1]["seq"] if has_more else max(cursor, current_seq(conn))
    return {
        "epoch": meta_value(conn, "epoch"),
        "cursor": next_cursor,
        "purged": int(meta_value(conn, "purged_through_seq")),
        "has_more": has_more,
        # Earlier visits of the technician's units ride along as summaries; a page may
        # hold a few more entries than ``limit`` for them.
        "changes": history.expand(conn, technician, changes) if with_history else changes,
    }


def changes_for(
    conn: Connection, technician: str, keys: Iterable[tuple[str, str]]
) -> list[dict[str, Any]]:
    """The changes of these records that a pull from zero sends the technician, in
    sequence order: their own rows and the catalogue's at the record's number, granted
    ones at their feed entry's (a deleted one as a tombstone). A record the technician
    does not receive is left out, as the pull leaves it out. Three statements and one
    per kind, whatever else the technician holds."""
    by_table: dict[str, set[str]] = {}
    for table, record_id in keys:
        by_table.setdefault(table, set()).add(record_id)
    if not by_table:
        return []
    r, f = t.records.c, t.feed.c
    columns = (r.table_name, r.id, r.version, r.seq, r.deleted, r.updated_at)
    owned = conn.execute(
        sa.select(*columns).where(
            r.owner.in_([technician, EVERYONE]),
            sa.or_(
                *(
                    sa.and_(r.table_name == tb, r.id.in_(sorted(ids)))
                    for tb, ids in by_table.items()
                )
            ),
        )
    ).all()
    fed = conn.execute(
        sa.select(f.seq.label("feed_seq"), *columns)
        .select_from(
            t.feed.join(t.records, sa.and_(r.table_name == f.table_name, r.id == f.record_id))
        )
        .where(
            f.technician == technician,
            sa.or_(
                *(
                    sa.and_(f.table_name == tb, f.record_id.in_(sorted(ids)))
                    for tb, ids in by_table.items()
                )
            ),
        )
    ).all()
    fields = fields_by_key(conn, [(row.table_name, row.id) for row in (*owned, *fed)])
    changes = [change_of(row.seq, row, fields) for row in owned]
    changes += [change_of(row.feed_seq, row, fields) for row in fed]
    return sorted(changes, key=lambda c: c["seq"])


def change_of(seq: int, row: Any, fields: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    """One change of a pull page from a ``records`` row (table_name, id, version,
    deleted, updated_at) and the records' fields (``fields_by_key``)."""
    data = fields.get((row.table_name, row.id))
    return {
        "seq": seq,
        "table": row.table_name,
        "id": row.id,
        "row": None if row.deleted or data is None else wire_row(data, row.version, row.updated_at),
    }


def purge_tombstones(conn: Connection, older_than: float) -> int:
    """Forget tombstones (and deleted rows) older than the retention; returns the new horizon.

    A client whose cursor is below the horizon may have missed a tombstone and must
    resync from zero (410 "resync required").
    """
    # The horizon is kept in meta, which the commit-ordering step does not renumber: make
    # this transaction's own numbers (tombstones written just before) real first.
    stamp(conn)
    horizon = conn.execute(
        sa.select(sa.func.max(t.tombstones.c.seq)).where(t.tombstones.c.created_at < older_than)
    ).scalar()
    if horizon is None:
        return int(meta_value(conn, "purged_through_seq"))
    conn.execute(t.tombstones.delete().where(t.tombstones.c.seq <= horizon))
    _purge_deleted(conn, horizon)
    conn.execute(
        t.meta.update().where(t.meta.c.key == "purged_through_seq").values(value=str(horizon))
    )
    return int(horizon)


def _purge_deleted(conn: Connection, horizon: int) -> None:
    """Forget records deleted at or before ``horizon``, both rows of each; one still
    referred to by a row that stays (a merged-away customer a job still names) is kept.
    Kinds go referrers first, so a deleted job's deleted rows make way for the job."""
    r = t.records.c
    kinds_in_order = [
        table for table in reversed(t.metadata.sorted_tables) if table.name in t.kinds
    ]
    for kind in kinds_in_order:
        doomed = sa.select(r.id).where(
            r.table_name == kind.name, r.deleted.is_(True), r.seq <= horizon
        )
        still_named = [
            sa.exists().where(column == kind.c.id)
            for other in t.kinds.values()
            for column in other.columns
            for key in column.foreign_keys
            if key.column.table is kind
        ]
        conn.execute(kind.delete().where(kind.c.id.in_(doomed), *(sa.not_(e) for e in still_named)))
        conn.execute(
            t.records.delete().where(
                r.table_name == kind.name,
                r.deleted.is_(True),
                r.seq <= horizon,
                ~sa.exists().where(kind.c.id == r.id),
            )
        )
