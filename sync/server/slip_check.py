"""Does a signed slip still match head office's records? Its content hash, recomputed.

The laptop hashes the slip's frozen data (``reports.slip_data.build_slip_data`` over its
local store, ``reports.integrity.slip_content_hash``) and keeps the hash in the ``slips``
row it syncs. To check it, head office rebuilds what that laptop held — the job's
technician's records, exactly as a pull sends them to a new device — in an in-memory
local store, and runs the very same gathering and hashing code on it. No second copy
of the slip's rules exists to drift: pricing, warranty, checklist rows and the
canonical form are the laptop's own. Those modules import no ReportLab (head office
installs none; ``tests/test_packaging.py`` checks it).

A hash that differs means some record the slip shows no longer says what the customer
signed: a row changed at head office behind the write gate's back, or a company setting
the slip prints (name, rates, tax) changed since.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.engine import Connection

from reports.integrity import slip_content_hash
from reports.slip_data import build_slip_data
from sync.server import company, store
from tech_app.errors import TechAppError
from tech_app.records.settings import SETTINGS_ID
from tech_app.store import remote
from tech_app.store.local import open_store

# Pull pages as large as a device may ask for: a page is one transaction in memory.
_PAGE = 5000


class SlipCheck(StrEnum):
    VERIFIED = "verified"  # the records hash to what the customer signed
    DIFFERS = "differs"  # the latest slip no longer matches the records: tamper warning
    SUPERSEDED = "superseded"  # an earlier revision; a later one was issued after a change
    UNCHECKED = "unchecked"  # the records could not be gathered (no technician, bad rows)


@dataclass(frozen=True)
class Recomputed:
    content_hash: str | None  # None when the slip could not be rebuilt
    problem: str = ""  # why not, in English (the console words the state, not this)


def recompute_content_hash(conn: Connection, job_id: str) -> Recomputed:
    """The content hash of the job's slip as head office's records make it now."""
    job = store.load(conn, "jobs", job_id)
    if job is None or job.deleted or not job.owner:
        return Recomputed(None, "the job has no technician whose records the slip shows")
    local = open_store(None)
    try:
        cursor = 0
        while True:
            page = store.pull(conn, job.owner, cursor, _PAGE, with_history=True)
            # The values a device receives: the wire's JSON, not Python objects.
            changes = json.loads(json.dumps(page["changes"], ensure_ascii=False))
            remote.apply_pull_page(local, changes, int(page["cursor"]))
            cursor = int(page["cursor"])
            if not page["has_more"]:
                break
        # Images are presentation and outside the hash, so no blob is read.
        return Recomputed(slip_content_hash(build_slip_data(local, job_id)))
    except (TechAppError, ValueError, KeyError, sqlite3.Error) as problem:
        # Rows the laptop's code refuses (the client drops such a page too): unchecked,
        # and the page still shows, never a traceback.
        return Recomputed(None, str(problem))
    finally:
        local.close()


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
