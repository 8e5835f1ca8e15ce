"""Does a signed slip still match head office's records? Its content hash, recomputed.

The laptop hashes the slip's frozen data (``reports.slip_data.build_slip_data`` over its
local store, ``reports.integrity.slip_content_hash``) and keeps the hash in the ``slips``
row it syncs. To check it, head office rebuilds what that laptop holds of the job, in
an in-memory local store, and runs the very same gathering and hashing code on it. No
second copy of the slip's rules exists to drift: pricing, warranty, checklist rows and
the canonical form are the laptop's own. Those modules import no ReportLab (head office
installs none; ``tests/test_packaging.py`` checks it).

What the slip reads of the store, and so what is rebuilt (``_record_set``), is the one
job's records, not the technician's whole history:

- the job and every row hanging off it (unit links, answers, part lines, times,
  estimates and consents, signature, slips, amendments, complaint, loans, attendance …);
- the company settings (letterhead, rates, tax, time zone);
- the technician's other jobs on the same units (those linked, and any a part line
  names) or the same service card, with their unit links, times and part lines:
  ``tech_app.charges`` counts them as earlier visits and ``tech_app.coverage`` finds the
  parts fitted on them;
- head office's summaries of colleagues' visits to those units
  (``history.unit_history``, the pull's own expansion for those units only), and the
  catalogue parts their part lines name;
- whatever those rows refer to (customer, site, contract, card, units, checklist
  templates, parts), closed under the references a local store's foreign keys need.

Each of these goes through ``store.changes_for``: the change a pull from zero sends the
technician for that record, at the same number, as the wire's JSON, applied by the
client's own ``remote.apply_pull_page`` in sequence order. So the store holds the same
rows, in the same order, as a full pull's for every query the slip makes, and the hash
is the laptop's; the check costs what one job and its units' history cost.

A hash that differs means some record the slip shows no longer says what the customer
signed: a row changed at head office behind the write gate's back, or a company setting
the slip prints (name, rates, tax) changed since.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from reports.integrity import slip_content_hash
from reports.slip_data import build_slip_data
from sync.server import company, history, store
from sync.server import tables as t
from sync.server.record_tables import REFERENCES
from tech_app.errors import TechAppError
from tech_app.records.settings import SETTINGS_ID
from tech_app.store import remote
from tech_app.store.local import open_store

# What the bill reads of the technician's other visits to the job's units or card.
_OF_EARLIER_VISITS = ("job_assets", "time_entries", "part_usage")


class SlipCheck(StrEnum):
    VERIFIED = "verified"  # the records hash to what the customer signed
    DIFFERS = "differs"  # the latest slip no longer matches the records: tamper warning
    SUPERSEDED = "superseded"  # an earlier revision; a later one was issued after a change
    UNCHECKED = "unchecked"  # the records could not be gathered (no technician, bad rows)


@dataclass(frozen=True)
class Recomputed:
    content_hash: str | None  # None when the slip could not be rebuilt
    problem: str = ""  # why not, in English (the console words the state, not this)
    records: int = 0  # how many records the in-memory store was rebuilt from


def recompute_content_hash(conn: Connection, job_id: str) -> Recomputed:
    """The content hash of the job's slip as head office's records make it now."""
    job = store.load(conn, "jobs", job_id)
    if job is None or job.deleted or not job.owner:
        return Recomputed(None, "the job has no technician whose records the slip shows")
    local = open_store(None)
    try:
        changes = _record_set(conn, job.owner, job)
        # The values a device receives: the wire's JSON, not Python objects.
        wire = json.loads(json.dumps(changes, ensure_ascii=False))
        cursor = max((int(c["seq"]) for c in wire), default=0)
        remote.apply_pull_page(local, wire, cursor)
        # Images are presentation and outside the hash, so no blob is read.
        content_hash = slip_content_hash(build_slip_data(local, job_id))
        return Recomputed(content_hash, records=len(wire))
    except (TechAppError, ValueError, KeyError, sqlite3.Error) as problem:
        # Rows the laptop's code refuses (the client drops such a page too): unchecked,
        # and the page still shows, never a traceback.
        return Recomputed(None, str(problem))
    finally:
        local.close()


def _record_set(conn: Connection, technician: str, job: store.Stored) -> list[dict[str, Any]]:
    """The changes a pull from zero sends the technician that the job's slip reads
    (the module's docstring lists them), in sequence order."""
    r = t.records.c
    links, jobs = t.kinds["job_assets"], t.kinds["jobs"]
    own = r.owner == technician  # the technician's rows, hence not deleted
    lines = t.kinds["part_usage"]
    # The job's units, and any unit a part line names (its fitting history is read).
    units = sorted(
        set(
            conn.execute(
                sa.union(
                    sa.select(links.c.asset_id)
                    .select_from(links.join(t.records, _record_of("job_assets", links)))
                    .where(links.c.job_id == job.id, own),
                    sa.select(lines.c.asset_id)
                    .select_from(lines.join(t.records, _record_of("part_usage", lines)))
                    .where(lines.c.job_id == job.id, lines.c.asset_id.is_not(None), own),
                )
            ).scalars()
        )
    )
    # As tech_app.charges._earlier_visits and tech_app.coverage.installed_parts ask their
    # store: jobs on the units or the card.
    shared = []
    if units:
        shared.append(
            jobs.c.id.in_(
                sa.select(links.c.job_id)
                .select_from(links.join(t.records, _record_of("job_assets", links)))
                .where(links.c.asset_id.in_(units), own)
            )
        )
    if job.data.get("card_id"):
        shared.append(jobs.c.card_id == job.data["card_id"])
    others = (
        sorted(
            conn.execute(
                sa.select(jobs.c.id)
                .select_from(jobs.join(t.records, _record_of("jobs", jobs)))
                .where(own, sa.or_(*shared), jobs.c.id != job.id)
            ).scalars()
        )
        if shared
        else []
    )
    keys = {("jobs", job.id), (company.TABLE, SETTINGS_ID), *(("jobs", o) for o in others)}
    rows_of_jobs = sa.and_(r.job_id == job.id, r.table_name.in_(sorted(store.JOB_CHILDREN)))
    if others:
        rows_of_jobs = sa.or_(
            rows_of_jobs,
            sa.and_(r.job_id.in_(others), r.table_name.in_(_OF_EARLIER_VISITS)),
        )
    keys.update(
        (row.table_name, row.id)
        for row in conn.execute(sa.select(r.table_name, r.id).where(own, rows_of_jobs))
    )
    changes = _closed(conn, technician, keys)
    # Colleagues' visits to the units, and the catalogue parts their lines name
    # (tech_app.coverage.installed_parts looks those up by number).
    unit_rows = [c for c in changes.values() if c["table"] == "assets" and c["id"] in units]
    summaries = history.unit_history(conn, technician, unit_rows)
    numbers = sorted({str(p["part_number"]) for s in summaries for p in s["row"]["parts"]})
    if numbers:
        parts = t.kinds["parts"]
        named = conn.execute(
            sa.select(parts.c.id)
            .select_from(parts.join(t.records, _record_of("parts", parts)))
            .where(parts.c.number.in_(numbers), r.owner == store.EVERYONE)
        ).scalars()
        changes.update(_closed(conn, technician, {("parts", p) for p in named}, set(changes)))
    return sorted([*changes.values(), *summaries], key=lambda c: int(c["seq"]))


def _record_of(table: str, kind: sa.Table) -> sa.ColumnElement[bool]:
    return sa.and_(t.records.c.table_name == table, t.records.c.id == kind.c.id)


def _closed(
    conn: Connection,
    technician: str,
    keys: set[tuple[str, str]],
    held: set[tuple[str, str]] | None = None,
) -> dict[tuple[str, str], dict[str, Any]]:
    """The changes of ``keys`` and of every record they refer to, as far as the
    technician receives them: a local store's foreign keys want the rows a job, a unit
    link or a part line names. ``held`` are keys already gathered."""
    seen = set(held or ())
    found: dict[tuple[str, str], dict[str, Any]] = {}
    wanted = keys - seen
    while wanted:
        seen |= wanted
        new = store.changes_for(conn, technician, wanted)
        for change in new:
            found[(change["table"], change["id"])] = change
        wanted = {ref for change in new for ref in _references(change)} - seen
    return found


def _references(change: dict[str, Any]) -> Iterator[tuple[str, str]]:
    row = change["row"] or {}
    for name, table in REFERENCES.items():
        if row.get(name):
            yield table, str(row[name])


def settings_changed_after(conn: Connection, slip_id: str) -> bool:
    """Head office changed the company settings after this slip reached it. The slip
    prints them (name, address, logo, rates), so that alone changes the content hash:
    the page says so beside the warning, for the office to tell a change of letterhead
    from a changed record."""
    slip = store.load(conn, "slips", slip_id)
    settings = store.load(conn, company.TABLE, SETTINGS_ID)
    return slip is not None and settings is not None and settings.seq > slip.seq


def check_slips(revisions: list[tuple[int, str]], recomputed: Recomputed) -> dict[int, SlipCheck]:
    """Each slip revision's state against the recomputed hash (pure).

    Only the latest revision must match: an earlier one was replaced by a later slip
    after an amendment, so its content differs by design and is no warning."""
    if not revisions:
        return {}
    latest = max(revision for revision, _ in revisions)
    found: dict[int, SlipCheck] = {}
    for revision, content_hash in revisions:
        if recomputed.content_hash is None:
            found[revision] = SlipCheck.UNCHECKED
        elif content_hash == recomputed.content_hash:
            found[revision] = SlipCheck.VERIFIED
        elif revision == latest:
            found[revision] = SlipCheck.DIFFERS
        else:
            found[revision] = SlipCheck.SUPERSEDED
    return found


__all__ = [
    "Recomputed",
    "SlipCheck",
    "check_slips",
    "recompute_content_hash",
    "settings_changed_after",
]
