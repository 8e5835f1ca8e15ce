"""Noticing that head office was restored from a backup, from what a device remembers.

Restoring the database file brings back an older head office with the same epoch.
A device that synced after the backup is then ahead of it: head office answered
mutations it no longer remembers, handed out a cursor it has not reached, or handed
out the device's cursor in another transaction than the one whose token the device
holds (``timeline``: the restored head office has since counted past it). Each
proves the restore; the device is told (409 ``restored``) to send its work again from
the first mutation head office lacks and to pull everything again, since sequence
numbers after the backup are being handed out anew. No operator step is needed.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from sync.server.db import current_seq, read_pull_state, timeline_token


def first_missing_mutation(
    conn: Connection,
    technician: str,
    client_id: str | None,
    acknowledged: int,
    cursor: int,
    timeline: str = "",
) -> int | None:
    """The first mutation id to send again when head office is behind the device, else None.

    Call in the pull's read transaction: what it reads comes in one statement
    (``read_pull_state``), which the page then answers from."""
    remembered = 0
    device = read_pull_state(conn, cursor, client_id)
    if device is not None:
        last_mutation_id, owner = device
        if owner != technician:
            raise PermissionError("this device is registered to another technician")
        remembered = last_mutation_id
    if acknowledged > remembered or cursor > current_seq(conn):
        return remembered + 1
    if timeline and cursor > 0:
        issued_by = timeline_token(conn, cursor)
        if issued_by and issued_by != timeline:
            return remembered + 1
    return None
