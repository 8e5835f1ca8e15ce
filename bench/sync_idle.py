"""Incremental sync with nothing to do, against one HTTP round trip to the same server.

Runs on the profile the first-sync benchmark leaves behind: ``sync_once`` then
finds nothing to push and one empty pull page. The baseline is one GET of the
server's ``/health`` (which reads the database too) on the same keep-alive session.
"""

from __future__ import annotations

import statistics
import time

from bench.figures import Figure
from sync.client.http import SyncClient
from sync.client.round import sync_once
from tech_app.blobs import BlobStore
from tech_app.store.local import LocalStore

RATIO_TARGET = 2.0
# The client spaces its requests at least 10 ms apart (its request-rate bound); real
# syncs are minutes apart, so the benchmark waits that out between rounds, untimed.
_PAUSE = 0.05


def measure(
    store: LocalStore, blobs: BlobStore, client: SyncClient, base: str, repeats: int
) -> Figure:
    rounds, trips = [], []
    for _ in range(repeats):
        time.sleep(_PAUSE)
        began = time.perf_counter()
        report = sync_once(store, blobs, client)
        rounds.append(time.perf_counter() - began)
        assert report.ok and report.pulled == 0 and report.pushed == 0, report.summary()
        time.sleep(_PAUSE)
        began = time.perf_counter()
        client.session.get(f"{base}/health", timeout=10).raise_for_status()
        trips.append(time.perf_counter() - began)
    value, baseline = statistics.median(rounds), statistics.median(trips)
    return Figure(
        name="incremental sync, nothing to do",
        value=value * 1000,
        baseline=baseline * 1000,
        unit="ms",
        target=f"≤ {RATIO_TARGET:g}×",
        met=value <= RATIO_TARGET * baseline,
        note=f"median of {repeats}; baseline: GET /health on the same session",
    )
