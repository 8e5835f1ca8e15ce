"""One sync round: blobs up, push the outbox, pull (paged, resumable), blobs down."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sync import protocol as p
from sync.client.http import SyncClient, SyncError
from sync.tokens import TokenStore
from tech_app.blobs import BlobStore
from tech_app.store import remote
from tech_app.store.local import LocalStore

PUSH_BATCH = 100
PULL_LIMIT = 500
CA_BUNDLE = "sync.ca_bundle"


@dataclass
class SyncReport:
    pushed: int = 0
    rejected: list[str] = field(default_factory=list)  # "mutation 7 (jobs): reason"
    pulled: int = 0
    deleted: int = 0
    kept: list[str] = field(default_factory=list)
    conflicts: int = 0
    blobs_up: int = 0
    blobs_down: int = 0
    pages: int = 0
    early: int = 0  # open jobs and their rows stored before the first page (a new device)
    errors: list[str] = field(default_factory=list)
    error_kind: str = ""  # the SyncError kind of the failure, for the app to put in words
    restored: bool = False  # head office had been restored from a backup; work was sent again

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        parts = [
            f"pushed {self.pushed}",
            f"pulled {self.pulled}",
            f"removed {self.deleted}",
            f"blobs up {self.blobs_up}",
            f"blobs down {self.blobs_down}",
        ]
        if self.rejected:
            parts.append(f"rejected {len(self.rejected)}")
        if self.conflicts:
            parts.append(f"conflicts {self.conflicts}")
        if self.kept:
            parts.append(f"kept for review {len(self.kept)}")
        if self.restored:
            parts.append("head office was restored from a backup: local work sent again")
        return ", ".join(parts)


def client_for(store: LocalStore, **options: object) -> SyncClient:
    """A client for the server this profile logged in to, with its stored tokens."""
    url = remote.server_url(store)
    if not url:
        raise SyncError("auth", "no head office yet: run tech-app login --server URL --user NAME")
    profile = store.path.parent if store.path else Path(".")
    return SyncClient(
        url,
        token_store=TokenStore(profile),
        ca_bundle=store.setting(CA_BUNDLE),
        **options,  # type: ignore[arg-type]
    )


def _upload_blobs(
    store: LocalStore, blobs: BlobStore, client: SyncClient, report: SyncReport
) -> None:
    for sha256 in remote.blobs_to_upload(store):
        if not blobs.has(sha256):
            continue  # a photo answer that is not ours to send, or a file still being written
        client.upload_blob(sha256, blobs.get(sha256))
        report.blobs_up += 1


def _push(store: LocalStore, client: SyncClient, report: SyncReport) -> None:
    requeues = 0
    while True:
        batch = remote.take_for_push(store, PUSH_BATCH)
        if not batch:
            return
        request = p.PushRequest(
            client_id=store.client_id,
            seen_seq=remote.cursor(store),
            mutations=[
                p.Mutation(
                    id=int(m["mutation_id"]),
                    table=str(m["table_name"]),
                    record_id=str(m["record_id"]),
                    op=str(m["op"]),
                    fields=json.loads(m["fields"]),
                    base_version=int(m["base_version"]),
                    schema_version=int(m["schema_version"]),
                )
                for m in batch
            ],
        )
        try:
            answer = client.push(request)
        except SyncError as exc:
            body = exc.body if isinstance(exc.body, dict) else {}
            if exc.kind == "gap" and "expected" in body and requeues < 3:
                # Head office lost mutations it had answered: it was restored from a
                # backup. Send them again from there and pull everything again.
                requeues += 1
                remote.recover_from_restore(store, int(body["expected"]))
                continue
            raise
        remote.mark_results(store, [asdict(result) for result in answer.results])
        report.conflicts += answer.conflicts
        by_id = {int(m["mutation_id"]): m for m in batch}
        for result in answer.results:
            if result.status == "rejected":
                table = by_id[result.id]["table_name"] if result.id in by_id else "?"
                report.rejected.append(f"mutation {result.id} ({table}): {result.reason}")
            else:
                report.pushed += 1


def _pull(
    store: LocalStore,
    client: SyncClient,
    report: SyncReport,
    wanted: set[str],
    on_records: Callable[[], None] | None = None,
) -> bool:
    """Page until done. False when head office announced a new epoch or turned out to be
    restored from a backup (start the round again: push, then pull from 0).

    The next page is fetched while this one is applied (one helper thread; the store is
    used on this thread only), so head office and the laptop work at the same time. The
    cursor is stored with each applied page, as before: a round cut short resumes there,
    and a page fetched ahead but not applied is simply fetched again.
    """
    acknowledged = remote.acknowledged_through(store)
    if remote.cursor(store) == 0 and not remote.resyncing(store):
        _open_jobs_first(store, client, report, wanted, on_records)

    def fetch(cursor: int, timeline: str, purged: int) -> p.PullResponse:
        # The timeline token and the purge mark travel with the cursor they came with.
        return client.pull(
            cursor,
            PULL_LIMIT,
            client_id=store_client_id,
            acknowledged=acknowledged,
            timeline=timeline if cursor else "",
            purged=purged if cursor else 0,
        )

    store_client_id = store.client_id
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull-ahead") as ahead:
        cursor = remote.cursor(store)
        # The first page on this thread: an idle sync (one empty page) starts no thread.
        next_page = _done(fetch, cursor, remote.timeline(store), remote.purge_seen(store))
        resynced = False
        while True:
            try:
                page = next_page.result()
            except SyncError as exc:
                if exc.kind == "resync" and cursor > 0 and not resynced:
                    # Once a round: a second answer would mean pulling from zero again
                    # and again; the round stops with the error instead.
                    resynced = True
                    remote.start_resync(store)
                    cursor = remote.cursor(store)
                    next_page = ahead.submit(fetch, cursor, remote.timeline(store), 0)
                    continue
                body = exc.body if isinstance(exc.body, dict) else {}
                if exc.kind == "restored" and not report.restored:
                    # Head office is behind this device: re-push what it lost, then re-pull.
                    report.restored = True
                    remote.recover_from_restore(store, int(body.get("expected", 1)))
                    return False
                raise
            if remote.adopt_epoch(store, page.epoch):
                return False
            if page.has_more:
                cursor = page.cursor
                next_page = ahead.submit(fetch, page.cursor, page.timeline, page.purged)
            _apply_page(store, page, report, wanted)
            if not page.has_more:
                remote.finish_pull(store)
                return True


def _done(
    fetch: Callable[[int, str, int], p.PullResponse], cursor: int, timeline: str, purged: int
) -> Future[p.PullResponse]:
    """``fetch`` run here and now, as the future the page loop waits on."""
    future: Future[p.PullResponse] = Future()
    try:
        future.set_result(fetch(cursor, timeline, purged))
    except Exception as exc:  # raised where the page loop waits, as from the pool
        future.set_exception(exc)
    return future


def _open_jobs_first(
    store: LocalStore,
    client: SyncClient,
    report: SyncReport,
    wanted: set[str],
    on_records: Callable[[], None] | None,
) -> None:
    """A device with nothing yet stores its open jobs before the history: the list fills
    within seconds of a first login. Best effort: whatever goes wrong here (an older
    head office without it, a row that does not fit), the ordinary pull brings it all."""
    try:
        page = client.open_jobs()
        if remote.adopt_epoch(store, page.epoch):
            return
        changes = [{"seq": c.seq, "table": c.table, "id": c.id, "row": c.row} for c in page.changes]
        result = remote.apply_pull_page(store, changes, 0, page.epoch)
    except (SyncError, sqlite3.IntegrityError):
        return
    wanted |= result.blobs
    report.early = result.applied
    if result.applied and on_records is not None:
        on_records()


def _apply_page(
    store: LocalStore, page: p.PullResponse, report: SyncReport, wanted: set[str]
) -> None:
    changes = [{"seq": c.seq, "table": c.table, "id": c.id, "row": c.row} for c in page.changes]
    try:
        # Search entries wait for the round's last page: a first sync's pages would
        # otherwise index most jobs twice (see ``remote.apply_pull_page``).
        result = remote.apply_pull_page(
            store,
            changes,
            page.cursor,
            page.epoch,
            timeline=page.timeline,
            purged=page.purged,
            index_now=not page.has_more,
        )
    except sqlite3.IntegrityError as exc:
        # Rows that point at what this device never received: its cursor cannot be
        # trusted. Nothing of the page was kept; the next round pulls everything again.
        remote.start_resync(store)
        raise SyncError(
            "server",
            "head office sent changes that do not fit what this laptop holds; "
            "the next sync pulls everything again",
        ) from exc
    report.pages += 1
    report.pulled += result.applied
    report.deleted += result.deleted
    report.kept += result.kept
    wanted |= result.blobs


def _download_blobs(
    blobs: BlobStore, client: SyncClient, wanted: set[str], report: SyncReport
) -> None:
    for sha256 in sorted(wanted):
        if blobs.has(sha256):
            continue
        data = client.download_blob(sha256)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise SyncError("server", f"blob {sha256[:12]} arrived damaged")
        blobs.put(data)
        report.blobs_down += 1


def sync_once(
    store: LocalStore,
    blobs: BlobStore,
    client: SyncClient | None = None,
    on_records: Callable[[], None] | None = None,
) -> SyncReport:
    """One full round. Never raises for expected trouble: see ``SyncReport.errors``.

    ``on_records`` is called (on this thread) when records arrived before the round
    ends: a new device's open jobs, so a screen can show them while history follows."""
    report = SyncReport()
    try:
        client = client or client_for(store)
        wanted: set[str] = set()
        # A second pass only after head office changed epoch or was found restored.
        for _attempt in range(2):
            _upload_blobs(store, blobs, client, report)
            _push(store, client, report)
            if _pull(store, client, report, wanted, on_records):
                break
        _download_blobs(blobs, client, wanted, report)
        remote.mark_synced(store)
    except SyncError as exc:
        report.errors.append(str(exc))
        report.error_kind = exc.kind
    return report
