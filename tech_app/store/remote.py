"""The local side of sync: applying what head office sent, and the outbox's bookkeeping.

No HTTP here (the core imports no HTTP library); ``sync.client`` moves the bytes
and calls these operations. A pull page and its cursor are applied in ONE
transaction and never create outbox rows, so a device killed at any moment
resumes from the last page it fully holds.

Merge rule: a local row with unconfirmed outbox mutations keeps its dirty fields
(the server will get them); its clean fields take the server's values. A tombstone
removes the local row, unless the technician has unconfirmed work on it or on the
job it belongs to: then the work stays and the job is flagged (``jobs.flagged``).

Outbox states: ``pending`` → ``sending`` (a push took it: its content is fixed from
then on, since head office may already have applied it even if the answer never came
back) → ``sent`` (the server applied it at ``server_seq``) → ``confirmed`` (a pull
passed that sequence). ``rejected`` keeps the reason and stays visible; nothing is ever
dropped. Only a ``pending`` mutation takes later edits of its record
(``LocalStore._coalesce``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tech_app import review_notes
from tech_app.errors import TechAppError
from tech_app.records.codec import RECORD_FOR_TABLE, from_row, to_row
from tech_app.records.history import HISTORY_TABLE, AssetVisit
from tech_app.store import search
from tech_app.store.local import LocalStore
from tech_app.store.page_rows import PageRows
from tech_app.store.server_setting import SERVER_URL, server_url, set_server_url

CURSOR = "sync.cursor"
# The token head office gave with the cursor (which of its transactions issued it).
TIMELINE = "sync.timeline"
PURGE_SEEN = "sync.purge_seen"  # head office's purge mark on the cursor's page
LAST_SYNC = "sync.last_sync"
EPOCH = "sync.epoch"
RESYNC = "sync.resync"
TECHNICIAN = "technician"

UNCONFIRMED = ("pending", "sending", "sent")
JOB_CHILDREN = (
    "job_assets",
    "checklist_answers",
    "part_usage",
    "time_entries",
    "estimates",
    "consents",
    "signatures",
    "photos",
    "slips",
    "feedback",
    "follow_ups",
    "amendments",
    "intake_steps",
    "jewellery_intakes",
    "complaints",
    "loans",
    "training_attendance",
    "refunds",
)
# Children that point at other children must go first when a job is removed
# (a consent names its estimate, a step of a piece its intake form).
_CHILD_DELETE_ORDER = ("consents", *[c for c in JOB_CHILDREN if c != "consents"])
# Who points at a head-office row: it stays while any of these still does.
REFERENCED_BY: dict[str, tuple[tuple[str, str], ...]] = {
    "customers": (
        ("sites", "customer_id"),
        ("assets", "customer_id"),
        ("contracts", "customer_id"),
        ("jobs", "customer_id"),
    ),
    "sites": (("assets", "site_id"), ("jobs", "site_id")),
    "assets": (
        ("job_assets", "asset_id"),
        ("checklist_answers", "asset_id"),
        ("part_usage", "asset_id"),
        ("photos", "asset_id"),
    ),
    "contracts": (("jobs", "contract_id"),),
    "service_cards": (("jobs", "card_id"),),
    "parts": (("van_stock", "part_id"), ("part_usage", "part_id")),
    "checklist_templates": (("job_assets", "template_id"), ("checklist_answers", "template_id")),
    "estimates": (("consents", "estimate_id"),),
}
# Local UNIQUE constraints besides the id: a row from the server that collides with
# a different local row under one of these replaces it if that row is clean.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "jobs": ("number",),
    "parts": ("number",),
    "checklist_templates": ("code", "revision"),
    "job_assets": ("job_id", "asset_id"),
    "checklist_answers": ("job_id", "asset_id", "item_key"),
    "van_stock": ("technician", "part_id"),
    "slips": ("job_id", "revision"),
    "amendments": ("job_id", "revision"),
    "jewellery_intakes": ("job_id",),
    "intake_steps": ("intake_id", "state"),
}
BLOB_FIELDS = {
    "signatures": ("image_sha256",),
    "photos": ("sha256",),
    "slips": ("pdf_sha256",),
    "company_settings": ("logo_sha256",),  # every slip prints it, offline too
    "jewellery_intakes": ("signature_sha256",),
}
# This device's own review note on a job it kept (``review_notes``: a code, worded by the app).
KEPT_FLAG = review_notes.note(review_notes.NoteCode.KEPT_ON_DEVICE)


@dataclass
class PageResult:
    applied: int = 0
    deleted: int = 0
    kept: list[str] = field(default_factory=list)  # ids of jobs/rows kept and flagged
    skipped: list[str] = field(default_factory=list)  # server rows that collided with local work
    blobs: set[str] = field(default_factory=set)  # blobs the applied rows reference


# -- settings ----------------------------------------------------------------------
def cursor(store: LocalStore) -> int:
    return int(store.setting(CURSOR, "0") or 0)


def timeline(store: LocalStore) -> str:
    """The token that came with the cursor (sent back with it on the next pull)."""
    return store.setting(TIMELINE, "") or ""


def purge_seen(store: LocalStore) -> int:
    """The purge mark that came with the cursor (sent back with it on the next pull)."""
    value = store.setting(PURGE_SEEN, "0") or "0"
    return int(value) if value.isdigit() else 0


def epoch(store: LocalStore) -> str | None:
    return store.setting(EPOCH)


def last_sync(store: LocalStore) -> datetime | None:
    value = store.setting(LAST_SYNC)
    return datetime.fromisoformat(value) if value else None


def mark_synced(store: LocalStore, when: datetime | None = None) -> None:
    store.set_setting(LAST_SYNC, (when or datetime.now(UTC)).isoformat())


# -- outbox --------------------------------------------------------------------------
def take_for_push(store: LocalStore, limit: int) -> list[dict[str, Any]]:
    """The next mutations to push, in their number order, marked ``sending`` first.

    The mark comes before the read, in one transaction: from here on no edit folds into
    them, so what goes on the wire is what the outbox keeps. A push that fails leaves
    them ``sending``; the next push sends them again as they are (head office answers a
    repeat as before).
    """
    with store.transaction() as db:
        db.execute(
            "UPDATE outbox SET state = 'sending' WHERE state = 'pending' AND mutation_id IN "
            "(SELECT mutation_id FROM outbox WHERE state IN ('pending', 'sending') "
            "ORDER BY mutation_id LIMIT ?)",
            [int(limit)],
        )
        cur = db.execute(
            "SELECT * FROM outbox WHERE state = 'sending' ORDER BY mutation_id LIMIT ?",
            [int(limit)],
        )
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def unconfirmed_count(store: LocalStore) -> int:
    return int(
        store.db.execute(
            "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending', 'sent')"
        ).fetchone()[0]
    )


def rejected_mutations(store: LocalStore) -> list[dict[str, Any]]:
    cur = store.db.execute("SELECT * FROM outbox WHERE state = 'rejected' ORDER BY mutation_id")
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def mark_results(store: LocalStore, results: Iterable[Mapping[str, Any]]) -> None:
    """Record a push answer: applied → sent (with its server sequence), rejected → reason."""
    with store.transaction() as db:
        for result in results:
            if result["status"] == "rejected":
                db.execute(
                    "UPDATE outbox SET state = 'rejected', reason = ?, server_seq = ? "
                    "WHERE mutation_id = ?",
                    [str(result.get("reason", "")), result.get("seq"), result["id"]],
                )
            else:
                db.execute(
                    "UPDATE outbox SET state = 'sent', server_seq = ? "
                    "WHERE mutation_id = ? AND state IN ('pending', 'sending')",
                    [result.get("seq"), result["id"]],
                )


def requeue_from(store: LocalStore, mutation_id: int) -> int:
    """Head office lost mutations from ``mutation_id`` on (restored backup): send them again."""
    with store.transaction() as db:
        return int(
            db.execute(
                # "sending", not "pending": they went out once, so they go out unchanged.
                "UPDATE outbox SET state = 'sending', server_seq = NULL "
                "WHERE mutation_id >= ? AND state IN ('sent', 'confirmed')",
                [mutation_id],
            ).rowcount
        )


def acknowledged_through(store: LocalStore) -> int:
    """The highest mutation id head office has answered (applied or rejected).

    Sent with every pull: a head office that remembers less than this was restored
    from a backup and lost this device's work.
    """
    found = store.db.execute(
        "SELECT max(mutation_id) FROM outbox WHERE state IN ('sent', 'confirmed', 'rejected')"
    ).fetchone()[0]
    return int(found or 0)


def recover_from_restore(store: LocalStore, expected: int) -> int:
    """Head office was restored and remembers mutations only below ``expected``.

    Everything from there goes out again (head office answers what it still has as
    replays) and everything is pulled again from 0, keeping the outbox: sequence
    numbers after the backup were handed out anew, so the old cursor means nothing.
    Returns how many mutations were queued again.
    """
    with store.transaction() as db:
        again = int(
            db.execute(
                "UPDATE outbox SET state = 'sending', server_seq = NULL, reason = '' "
                "WHERE mutation_id >= ? AND state IN ('sent', 'confirmed', 'rejected')",
                [max(1, expected)],
            ).rowcount
        )
        start_resync(store)
    return again


def confirm_through(store: LocalStore, seq: int) -> int:
    with store.transaction() as db:
        return int(
            db.execute(
                "UPDATE outbox SET state = 'confirmed' WHERE state = 'sent' AND server_seq <= ?",
                [seq],
            ).rowcount
        )


def blobs_to_upload(store: LocalStore) -> list[str]:
    """SHA-256s that unconfirmed mutations reference (signatures, photos, slips, photo answers)."""
    found: list[str] = []
    for table, fields_text in store.db.execute(
        "SELECT table_name, fields FROM outbox WHERE state IN ('pending', 'sending', 'sent') "
        "ORDER BY mutation_id"
    ).fetchall():
        fields = json.loads(fields_text)
        names = BLOB_FIELDS.get(table, ())
        values = [fields.get(n) for n in names]
        if table == "checklist_answers":
            values.append(fields.get("value"))
        for value in values:
            if _is_sha256(value) and value not in found:
                found.append(value)
    return found


def _is_sha256(value: object) -> bool:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )


# -- resync and epochs ------------------------------------------------------------------
def start_resync(store: LocalStore) -> None:
    """Re-pull everything from 0 (the outbox is kept); rows not seen again are removed at the end."""
    with store.transaction() as db:
        db.execute("DELETE FROM sync_seen")
        store.set_setting(RESYNC, "1")
        store.set_setting(CURSOR, "0")
        store.set_setting(TIMELINE, "")


def adopt_epoch(store: LocalStore, new_epoch: str) -> bool:
    """Record the server's epoch; True when it changed from a known one.

    A new epoch means head office was restored from a backup: every mutation this
    device authored goes out again (the server answers replays it still has as
    before) and everything is pulled again.
    """
    known = epoch(store)
    if known == new_epoch:
        return False
    with store.transaction():
        store.set_setting(EPOCH, new_epoch)
        if known is not None:
            store.db.execute(
                "UPDATE outbox SET state = 'sending', server_seq = NULL "
                "WHERE state IN ('sent', 'confirmed')"
            )
            start_resync(store)
    return known is not None


def _finish_resync(store: LocalStore, dirty: Mapping[tuple[str, str], Any]) -> None:
    db = store.db
    # Dependants before what they point at, so each delete finds nothing still using it.
    parents = (
        "assets",
        "contracts",
        "service_cards",
        "sites",
        "customers",
        "parts",
        "checklist_templates",
        "company_settings",
    )
    for table in [*_CHILD_DELETE_ORDER, "van_stock", "jobs", *parents]:
        gone = [
            row[0]
            for row in db.execute(
                f"SELECT id FROM [{table}] WHERE id NOT IN "
                "(SELECT record_id FROM sync_seen WHERE table_name = ?)",
                [table],
            ).fetchall()
        ]
        for record_id in gone:
            _tombstone(store, table, record_id, dirty, PageResult())
    db.execute(
        f"DELETE FROM {HISTORY_TABLE} WHERE id NOT IN "
        "(SELECT record_id FROM sync_seen WHERE table_name = ?)",
        [HISTORY_TABLE],
    )
    db.execute("DELETE FROM sync_seen")
    db.execute("DELETE FROM settings WHERE key = ?", [RESYNC])


# -- applying a pull page ------------------------------------------------------------------
def _dirty_fields(
    store: LocalStore,
) -> dict[tuple[str, str], list[tuple[set[str], int | None, str]]]:
    """Unconfirmed mutations by record: (fields, server_seq, state)."""
    found: dict[tuple[str, str], list[tuple[set[str], int | None, str]]] = {}
    for table, record_id, fields, seq, state in store.db.execute(
        "SELECT table_name, record_id, fields, server_seq, state FROM outbox "
        "WHERE state IN ('pending', 'sending', 'sent')"
    ).fetchall():
        found.setdefault((table, record_id), []).append((set(json.loads(fields)), seq, state))
    return found


def _dirty_at(
    pending: Mapping[tuple[str, str], list[tuple[set[str], int | None, str]]],
    table: str,
    record_id: str,
    seq: int,
) -> set[str]:
    """Fields of (table, id) whose local value the server row at ``seq`` does not hold yet."""
    dirty: set[str] = set()
    for names, server_seq, state in pending.get((table, record_id), []):
        if state in ("pending", "sending") or server_seq is None or server_seq > seq:
            dirty |= names
    return dirty


def _columns(store: LocalStore, table: str, cache: dict[str, frozenset[str]]) -> frozenset[str]:
    if table not in cache:
        cache[table] = frozenset(
            r[1] for r in store.db.execute(f"PRAGMA table_info([{table}])").fetchall()
        )
    return cache[table]


_AS_IS = frozenset({str, int, float, type(None)})


def _storable(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _has_work(
    store: LocalStore,
    pending: Mapping[tuple[str, str], list[Any]],
    table: str,
    record_id: str,
) -> bool:
    """Unconfirmed work on the row, or (for a job or its child) on the job's rows."""
    if (table, record_id) in pending:
        return True
    job_id: str | None = None
    if table == "jobs":
        job_id = record_id
    elif table in JOB_CHILDREN:
        found = store.db.execute(
            f"SELECT job_id FROM [{table}] WHERE id = ?", [record_id]
        ).fetchone()
        job_id = found[0] if found else None
    if job_id is None:
        return False
    if ("jobs", job_id) in pending:
        return True
    for child in JOB_CHILDREN:
        ids = [
            r[0] for r in store.db.execute(f"SELECT id FROM [{child}] WHERE job_id = ?", [job_id])
        ]
        if any((child, i) in pending for i in ids):
            return True
    return False


def _flag_job(store: LocalStore, job_id: str, entry: review_notes.Note) -> None:
    # A direct update, like the rest of applying a pull: the note is this device's own
    # and goes into no outbox (head office flags the job itself when the work arrives).
    found = store.db.execute("SELECT flagged FROM jobs WHERE id = ?", [job_id]).fetchone()
    if found is None:
        return
    flagged = review_notes.add(found[0] or "", entry)
    if flagged != found[0]:
        store.db.execute("UPDATE jobs SET flagged = ? WHERE id = ?", [flagged, job_id])


def kept_jobs(store: LocalStore) -> list[str]:
    """Numbers of the jobs this device kept after head office removed them (``KEPT_FLAG``,
    or the sentence older versions wrote), for the sync problems list."""
    rows = store.db.execute(
        "SELECT number, flagged FROM jobs WHERE flagged != '' ORDER BY number"
    ).fetchall()
    return [str(number) for number, flagged in rows if KEPT_FLAG in review_notes.read(flagged)]


def _unindex(store: LocalStore, job_id: str) -> None:
    found = store.db.execute("SELECT rid FROM job_search_key WHERE job_id = ?", [job_id]).fetchone()
    if found is not None:
        store.db.execute("DELETE FROM job_search_tri WHERE rowid = ?", [found[0]])
        store.db.execute("DELETE FROM job_search_gram WHERE rowid = ?", [found[0]])
        store.db.execute("DELETE FROM job_search_key WHERE rid = ?", [found[0]])


def _tombstone(
    store: LocalStore,
    table: str,
    record_id: str,
    pending: Mapping[tuple[str, str], list[Any]],
    result: PageResult,
) -> None:
    db = store.db
    if store.row(table, record_id) is None:
        return
    if _has_work(store, pending, table, record_id):
        job_id = record_id if table == "jobs" else None
        if table in JOB_CHILDREN:
            job_id = db.execute(
                f"SELECT job_id FROM [{table}] WHERE id = ?", [record_id]
            ).fetchone()[0]
        if job_id is not None:
            _flag_job(store, job_id, KEPT_FLAG)
        result.kept.append(record_id)
        return
    for referrer, column in REFERENCED_BY.get(table, ()):
        if db.execute(
            f"SELECT 1 FROM [{referrer}] WHERE [{column}] = ? LIMIT 1", [record_id]
        ).fetchone():
            return  # still needed by a row this device keeps
    if table == "jobs":
        for child in _CHILD_DELETE_ORDER:
            db.execute(f"DELETE FROM [{child}] WHERE job_id = ?", [record_id])
        _unindex(store, record_id)
    touched = search.jobs_touched_by(db, table, record_id) if table != "jobs" else []
    db.execute(f"DELETE FROM [{table}] WHERE id = ?", [record_id])
    if table == "assets":  # the unit left this technician's view, and so did its history
        db.execute(f"DELETE FROM {HISTORY_TABLE} WHERE asset_id = ?", [record_id])
    for job_id in touched:
        if db.execute("SELECT 1 FROM jobs WHERE id = ?", [job_id]).fetchone():
            search.reindex_job(db, job_id)
    result.deleted += 1


def _clear_collisions(
    store: LocalStore,
    page: PageRows,
    table: str,
    row: Mapping[str, Any],
    pending: Mapping[tuple[str, str], list[Any]],
    result: PageResult,
) -> bool:
    """Remove clean local rows that hold this row's natural key under another id.

    False when such a row carries unsent work: the server row is skipped this time
    (the local work goes up first).
    """
    key = NATURAL_KEYS.get(table)
    if key is None or any(k not in row for k in key):
        return True
    others = page.others_holding(table, [_storable(row[k]) for k in key], str(row["id"]))
    if others:
        page.forget()  # rows may be about to go
    for other in others:
        if (table, other) in pending:
            result.skipped.append(str(row["id"]))
            return False
        if table == "jobs":
            for child in _CHILD_DELETE_ORDER:
                store.db.execute(f"DELETE FROM [{child}] WHERE job_id = ?", [other])
            _unindex(store, other)
        store.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [other])
    return True


def _upsert(
    store: LocalStore,
    page: PageRows,
    table: str,
    row: Mapping[str, Any],
    seq: int,
    pending: Mapping[tuple[str, str], list[tuple[set[str], int | None, str]]],
    columns: dict[str, frozenset[str]],
    result: PageResult,
) -> bool:
    known = _columns(store, table, columns)
    # Most values are stored as they come: the type test here spares a call for each.
    values = {k: v if type(v) in _AS_IS else _storable(v) for k, v in row.items() if k in known}
    record_id = str(values["id"])
    local = page.row(table, record_id)
    if local is None:
        if not _clear_collisions(store, page, table, row, pending, result):
            return False
        page.insert(table, values)
        return True
    dirty = _dirty_at(pending, table, record_id, seq)
    if table == "jobs" and local.get("flagged") and not values.get("flagged"):
        dirty.add("flagged")  # this device's own review flag stays until the office says otherwise
    # Only what differs is written: a first sync sends the open jobs' rows again, as they
    # were stored a moment before, and rewriting them would cost as much as inserting.
    clean = {k: v for k, v in values.items() if k != "id" and k not in dirty and local.get(k) != v}
    if not _clear_collisions(
        store, page, table, {**row, **{k: local[k] for k in dirty if k in local}}, pending, result
    ):
        return False
    if clean:
        page.flush()  # the row may still wait in the queue
        store.db.execute(
            f"UPDATE [{table}] SET {', '.join(f'[{k}] = ?' for k in clean)} WHERE id = ?",
            [*clean.values(), record_id],
        )
        page.updated(table, record_id, clean)
    return True


def _put_history(store: LocalStore, record_id: str, row: Mapping[str, Any] | None) -> bool:
    """Replace (or drop) one earlier-visit summary; False when it does not hold together.

    A summary that fails validation is left out rather than failing the page: it is
    context, and a stuck sync would cost the technician their own work's upload.
    """
    if row is None:
        store.db.execute(f"DELETE FROM {HISTORY_TABLE} WHERE id = ?", [record_id])
        return True
    try:
        visit = from_row(AssetVisit, row)
    except (TechAppError, KeyError, ValueError, TypeError):
        return False
    values = {k: _storable(v) for k, v in to_row(visit).items()}
    values["version"] = int(row.get("version", 1))
    values["updated_at"] = str(row.get("updated_at", ""))
    store.db.execute(
        f"INSERT OR REPLACE INTO {HISTORY_TABLE} ({', '.join(values)}) "
        f"VALUES ({', '.join('?' for _ in values)})",
        list(values.values()),
    )
    return True


def _page_rows(store: LocalStore, changes: list[Mapping[str, Any]]) -> PageRows:
    """The local rows (and natural-key holders) the page's records may meet, read at once."""
    wanted: dict[str, set[str]] = {}
    key_values: dict[str, set[object]] = {}
    for change in changes:
        table, row = str(change["table"]), change.get("row")
        if row is None or table not in RECORD_FOR_TABLE:
            continue
        wanted.setdefault(table, set()).add(str(change["id"]))
        key = NATURAL_KEYS.get(table)
        if key is not None and key[0] in row:
            key_values.setdefault(table, set()).add(_storable(row[key[0]]))
    return PageRows(store, wanted, NATURAL_KEYS, key_values)


def apply_pull_page(
    store: LocalStore,
    changes: Iterable[Mapping[str, Any]],
    next_cursor: int,
    server_epoch: str | None = None,
    timeline: str = "",
    *,
    purged: int = 0,
    index_now: bool = True,
) -> PageResult:
    """Apply one page of changes and move the cursor, all in one transaction.

    ``changes`` are ``{"seq", "table", "id", "row"}`` with ``row`` None for a
    tombstone. No outbox rows are written: these are the server's values.
    ``index_now`` False leaves the search entries of the jobs the page touched for the
    round's last page (or the next open of the store) to refresh, with every page's
    deferred before it: a job and its rows often arrive pages apart.
    """
    result = PageResult()
    columns: dict[str, frozenset[str]] = {}
    changes = list(changes)
    if (
        not changes
        and _already_recorded(store, next_cursor, server_epoch, timeline, purged)
        and not (index_now and search.has_pending(store.db))
    ):
        return result  # the idle sync's empty page: no write transaction for nothing
    applied: dict[str, set[str]] = {}  # per table, the ids whose rows this page wrote
    with store.transaction() as db:
        pending = _dirty_fields(store)
        resyncing = store.setting(RESYNC) == "1"
        page = _page_rows(store, changes)
        for change in changes:
            table, record_id, row = str(change["table"]), str(change["id"]), change.get("row")
            if table == HISTORY_TABLE:
                if not _put_history(store, record_id, row):
                    result.skipped.append(record_id)
                elif resyncing and row is not None:
                    db.execute(
                        "INSERT OR IGNORE INTO sync_seen (table_name, record_id) VALUES (?, ?)",
                        [table, record_id],
                    )
                continue
            if table not in RECORD_FOR_TABLE:
                continue
            if row is None:
                page.forget()
                _tombstone(store, table, record_id, pending, result)
                continue
            if not _upsert(store, page, table, row, int(change["seq"]), pending, columns, result):
                continue
            result.applied += 1
            if resyncing:
                db.execute(
                    "INSERT OR IGNORE INTO sync_seen (table_name, record_id) VALUES (?, ?)",
                    [table, record_id],
                )
            for name in BLOB_FIELDS.get(table, ()):
                if _is_sha256(row.get(name)):
                    result.blobs.add(str(row[name]))
            applied.setdefault(table, set()).add(record_id)
        page.flush()
        # The search entries of every job whose words this page changed, together (a job
        # deleted later in the page is skipped: only jobs still here are indexed).
        touched_jobs: set[str] = set()
        for table, ids in applied.items():
            touched_jobs |= search.jobs_touched_by_any(db, table, ids)
        if index_now:
            search.reindex_pending(db, touched_jobs)
        else:
            search.defer_jobs(db, touched_jobs)
        store.set_setting(CURSOR, str(int(next_cursor)))
        store.set_setting(TIMELINE, timeline)
        store.set_setting(PURGE_SEEN, str(int(purged)))
        if server_epoch is not None and epoch(store) is None:
            store.set_setting(EPOCH, server_epoch)
        db.execute(
            "UPDATE outbox SET state = 'confirmed' WHERE state = 'sent' AND server_seq <= ?",
            [int(next_cursor)],
        )
    return result


def _already_recorded(
    store: LocalStore, next_cursor: int, server_epoch: str | None, timeline_token: str, purged: int
) -> bool:
    """An empty page would change nothing: same cursor, timeline, purge mark and epoch, and
    no sent mutation waiting for this cursor to be confirmed."""
    if cursor(store) != int(next_cursor) or timeline(store) != timeline_token:
        return False
    if purge_seen(store) != int(purged):
        return False
    if server_epoch is not None and epoch(store) is None:
        return False
    waiting = store.db.execute(
        "SELECT 1 FROM outbox WHERE state = 'sent' AND server_seq <= ? LIMIT 1",
        [int(next_cursor)],
    ).fetchone()
    return waiting is None


def resyncing(store: LocalStore) -> bool:
    """A resync from zero is under way (``start_resync``), not a first sync."""
    return store.setting(RESYNC) == "1"


def finish_pull(store: LocalStore) -> None:
    """The last page is in: end a resync (dropping rows head office no longer sends)."""
    if store.setting(RESYNC) != "1":
        return
    with store.transaction():
        _finish_resync(store, _dirty_fields(store))


__all__ = [
    "CURSOR",
    "EPOCH",
    "LAST_SYNC",
    "SERVER_URL",
    "PageResult",
    "acknowledged_through",
    "adopt_epoch",
    "apply_pull_page",
    "blobs_to_upload",
    "confirm_through",
    "cursor",
    "epoch",
    "finish_pull",
    "last_sync",
    "mark_results",
    "mark_synced",
    "purge_seen",
    "recover_from_restore",
    "rejected_mutations",
    "requeue_from",
    "server_url",
    "set_server_url",
    "start_resync",
    "take_for_push",
    "unconfirmed_count",
]
