"""A first sync pages on after head office has purged old deletions.

Head office forgets tombstones past their retention (``store.purge_tombstones``) and
answers a cursor below its purge mark with "resync required". A page carries the mark
it was served under and the device sends it back with the cursor: only a purge since
that page can have dropped a deletion the device still needs. Before, every page of a
new laptop's first sync below the mark was answered "resync required", and the round
started over from zero for ever. That a purge since the device's last page still asks
for a resync is ``test_faults.test_a_cursor_older_than_tombstone_retention_resyncs_and_keeps_the_outbox``.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from sync.client import round as sync_round
from sync.server import dispatch
from sync.server.db import current_seq, meta_value, read_transaction, write_transaction
from sync.server.store import purge_tombstones
from tech_app.store import remote
from tests.sync.conftest import Server, assert_same
from tests.sync.helpers import Recording


def _purge_everything(server: Server, tech: str, job_id: str) -> int:
    """A reassignment (tombstones for ``tech``) purged at once; returns the purge mark."""
    other = server.technician()
    with write_transaction(server.engine) as conn:
        dispatch.assign(conn, job_id, other)
        purge_tombstones(conn, time.time() + 1)
    with read_transaction(server.engine) as conn:
        return int(meta_value(conn, "purged_through_seq"))


def test_a_first_sync_of_many_pages_below_the_purge_mark_finishes(
    server: Server, device_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    horizon = _purge_everything(server, tech, jobs["dispenser"])
    with read_transaction(server.engine) as conn:
        assert 0 < horizon <= current_seq(conn)
    monkeypatch.setattr(sync_round, "PULL_LIMIT", 4)
    session = Recording()
    device = device_factory(server, tech, session=session)
    report = device.sync()
    assert report.ok, report.errors
    cursors = [kw["params"]["cursor"] for m, p, kw in session.calls if p == "/sync/pull"]
    assert len(cursors) > 3 and 0 < cursors[1] < horizon  # paged on below the mark
    assert cursors.count(0) == 1  # and never started over
    assert remote.purge_seen(device.store) == horizon
    assert_same(server, device)
