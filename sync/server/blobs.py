"""Content-addressed, resumable blob uploads kept in the database.

Blobs live in the database (not on a worker's disk) so every worker behind a load
balancer sees the same uploads. An upload is per uploader: chunks are appended at
the offset the server reports; on the last byte the whole is hashed and must match
the name it was sent under, or it is thrown away.

Who may read a blob (signature images, photos, slip PDFs):

* the office;
* a technician who uploaded it (``blob_owners``): they proved they hold the bytes;
* the technicians who can see the job of the row that *first* named the hash
  (``blob_first_refs``, written by ``note_reference`` when a records row naming a blob
  is stored): after a reassignment, the new technician reads the job's signature;
* every technician, when it is the company logo the settings name now (printed on
  every slip; only the office writes the settings).

Never because a later row names the hash: a hash is no secret once a row carries it,
and anyone can push a photo row on their own job naming any hash. Were that enough,
technician B could read technician A's customer's signature by naming its hash.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sync.protocol import MAX_BLOB_SIZE
from sync.server import store
from sync.server import tables as t
from sync.server.auth import OFFICE_ROLES
from sync.server.db import now
from tech_app.errors import TechAppError
from tech_app.records.settings import SETTINGS_ID


class BlobError(TechAppError):
    def __init__(self, status: int, message: str, offset: int | None = None) -> None:
        self.status = status
        self.offset = offset
        super().__init__(message)


def check_name(sha256: str) -> None:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise BlobError(400, f"{sha256!r} is not a SHA-256 hex digest")


def owns(conn: Connection, sha256: str, technician: str) -> bool:
    return (
        conn.execute(
            sa.select(t.blob_owners.c.sha256).where(
                t.blob_owners.c.sha256 == sha256, t.blob_owners.c.technician == technician
            )
        ).first()
        is not None
    )


def may_read(conn: Connection, sha256: str, technician: str, role: str) -> bool:
    """The rule in the module docstring: office, uploader, or holder of the first row's job."""
    if role in OFFICE_ROLES or owns(conn, sha256, technician):
        return True
    first, job = t.blob_first_refs, t.records
    if sha256 == _company_logo(conn):
        return True
    holds_first_job = (
        sa.select(first.c.sha256)
        .join(job, sa.and_(job.c.table_name == "jobs", job.c.id == first.c.job_id))
        .where(first.c.sha256 == sha256, job.c.owner == technician)
    )
    return conn.execute(holds_first_job).first() is not None


def _company_logo(conn: Connection) -> str:
    found = store.load(conn, "company_settings", SETTINGS_ID)
    return str(found.data.get("logo_sha256") or "") if found and not found.deleted else ""


def note_reference(
    conn: Connection, sha256: str, table: str, record_id: str, job_id: str | None
) -> None:
    """Remember the row that first named ``sha256``; later rows never replace it.

    Called in the write transaction that stores the row (``store.write``); ``ON
    CONFLICT DO NOTHING`` keeps the first even were two writers to race.
    """
    values = {
        "sha256": sha256,
        "table_name": table,
        "record_id": record_id,
        "job_id": job_id,
        "created_at": now(),
    }
    # Head office runs on these two; both spell "insert unless the key exists" this way.
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(
        insert(t.blob_first_refs).values(**values).on_conflict_do_nothing(index_elements=["sha256"])
    )


def received(conn: Connection, sha256: str, technician: str) -> tuple[int, bool]:
    """(bytes received so far, complete) for this uploader."""
    if owns(conn, sha256, technician):
        size = conn.execute(sa.select(t.blobs.c.size).where(t.blobs.c.sha256 == sha256)).scalar()
        return int(size or 0), True
    total = conn.execute(
        sa.select(sa.func.coalesce(sa.func.sum(sa.func.length(t.blob_chunks.c.data)), 0)).where(
            t.blob_chunks.c.sha256 == sha256, t.blob_chunks.c.technician == technician
        )
    ).scalar_one()
    return int(total), False


def put(
    conn: Connection,
    sha256: str,
    technician: str,
    data: bytes,
    start: int,
    total: int,
) -> tuple[int, bool]:
    """Append one chunk at ``start``; returns (bytes received, complete)."""
    if total > MAX_BLOB_SIZE:
        raise BlobError(413, f"a blob may be at most {MAX_BLOB_SIZE // (1024 * 1024)} MB")
    have, complete = received(conn, sha256, technician)
    if complete:
        return have, True  # a repeat is a no-op
    if start != have:
        raise BlobError(409, f"the upload continues at byte {have}, not {start}", offset=have)
    if start + len(data) > total:
        raise BlobError(400, "more bytes than the declared total")
    if data:
        conn.execute(
            t.blob_chunks.insert().values(
                sha256=sha256, technician=technician, start=start, data=data
            )
        )
    have = start + len(data)
    if have < total:
        return have, False
    chunks = conn.execute(
        sa.select(t.blob_chunks.c.data)
        .where(t.blob_chunks.c.sha256 == sha256, t.blob_chunks.c.technician == technician)
        .order_by(t.blob_chunks.c.start)
    ).all()
    whole = b"".join(bytes(c.data) for c in chunks)
    conn.execute(
        t.blob_chunks.delete().where(
            t.blob_chunks.c.sha256 == sha256, t.blob_chunks.c.technician == technician
        )
    )
    if hashlib.sha256(whole).hexdigest() != sha256:
        raise BlobError(422, "the bytes received do not match their SHA-256; send them again", 0)
    if conn.execute(sa.select(t.blobs.c.sha256).where(t.blobs.c.sha256 == sha256)).first() is None:
        conn.execute(
            t.blobs.insert().values(sha256=sha256, size=len(whole), data=whole, created_at=now())
        )
    conn.execute(t.blob_owners.insert().values(sha256=sha256, technician=technician))
    return len(whole), True


def keep(conn: Connection, data: bytes) -> str:
    """Store bytes the office hands in whole (the company logo); returns their SHA-256.

    A repeat is a no-op, as with uploads.
    """
    if len(data) > MAX_BLOB_SIZE:
        raise BlobError(413, f"a blob may be at most {MAX_BLOB_SIZE // (1024 * 1024)} MB")
    sha256 = hashlib.sha256(data).hexdigest()
    if conn.execute(sa.select(t.blobs.c.sha256).where(t.blobs.c.sha256 == sha256)).first() is None:
        conn.execute(
            t.blobs.insert().values(sha256=sha256, size=len(data), data=data, created_at=now())
        )
    return sha256


def get(conn: Connection, sha256: str) -> bytes | None:
    row = conn.execute(sa.select(t.blobs.c.data).where(t.blobs.c.sha256 == sha256)).first()
    return bytes(row.data) if row else None
