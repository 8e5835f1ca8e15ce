"""Background sync for the desktop app: rounds run off the GUI thread, on their own connection.

A round (``sync.client.sync_once``) starts a few seconds after the last local edit,
every few minutes, and as soon as head office answers its health check again after
being unreachable. Its result comes back to the GUI thread by signal; the status
bar reads the connection, pending count, last sync and any error in words from here.
An unreachable head office is "offline", never an error dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from tech_app.blobs import BlobStore
from tech_app.store import remote
from tech_app.store.local import LocalStore
from ui.sync_problems import list_problems
from ui.sync_status import SyncStatusSource
from ui.worker import Worker

if TYPE_CHECKING:
    from sync.client import SyncReport

# The sync client (requests, keyring, the protocol) is imported by the first round, on
# the worker thread, not with this module: it was a fifth of the app's start-up, spent
# before the job list could paint.


@dataclass(frozen=True)
class SyncTiming:
    """How eagerly the app syncs. Tests shorten these; the defaults suit a technician's day."""

    after_edit_ms: int = 3_000  # quiet time after the last edit before a round
    every_ms: int = 180_000  # a round every few minutes even without edits
    probe_ms: int = 10_000  # how often an offline app asks head office if it is back
    probe_timeout_s: float = 2.0
    request_timeout_s: float = 20.0
    attempts: int = 2  # retries inside one round; the timers retry rounds anyway


class BackgroundSync(SyncStatusSource):
    """Runs sync rounds on a worker thread with its own store; reports on the GUI thread."""

    def __init__(
        self,
        store: LocalStore,
        open_connection: Callable[[], LocalStore],
        blobs: BlobStore,
        timing: SyncTiming | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store  # the GUI thread's connection: only quick counts are read on it
        self._blobs = blobs
        self._timing = timing or SyncTiming()
        self._worker = Worker(open_connection, self)
        self._online = False
        self._error = ""
        self._running = False
        self._again = False  # an edit arrived during a round: another round follows
        self._closed = False
        self._after_edit = self._timer(self._timing.after_edit_ms, single_shot=True)
        self._every = self._timer(self._timing.every_ms, single_shot=False)
        self._probe = self._timer(self._timing.probe_ms, single_shot=False)
        self._after_edit.timeout.connect(self.sync_now)
        self._every.timeout.connect(self.sync_now)
        self._probe.timeout.connect(self.on_probe_due)

    def _timer(self, interval_ms: int, *, single_shot: bool) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval_ms)
        timer.setSingleShot(single_shot)
        return timer

    # -- what the status bar reads -------------------------------------------------------
    def online(self) -> bool:
        return self._online

    def pending_count(self) -> int:
        return remote.unconfirmed_count(self._store)

    def last_sync(self) -> datetime | None:
        return remote.last_sync(self._store)

    def error_text(self) -> str:
        return self._error

    def problem_count(self) -> int:
        return len(list_problems(self._store))

    @property
    def running(self) -> bool:
        return self._running

    # -- triggers ----------------------------------------------------------------------------
    def start(self) -> None:
        """First round now, then the regular rounds."""
        self._every.start()
        self.sync_now()

    def notify_local_change(self) -> None:
        self.status_changed.emit()
        if not self._closed:
            self._after_edit.start()  # restarting it is the debounce

    def sync_now(self) -> None:
        if self._closed:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._after_edit.stop()
        self.busy_changed.emit(True)
        self.status_changed.emit()
        self._worker.run(self._round, self.on_round_done)

    def on_probe_due(self) -> None:
        url = remote.server_url(self._store)
        if self._running or self._closed or not url:
            return
        timeout = self._timing.probe_timeout_s
        self._worker.run(lambda _store: head_office_answers(url, timeout), self.on_probe_answer)

    def shutdown(self) -> None:
        """Stop the timers and wait for a round under way; its connection closes on its thread."""
        self._closed = True
        for timer in (self._after_edit, self._every, self._probe):
            timer.stop()
        self._worker.shutdown()

    # -- worker thread ------------------------------------------------------------------------
    def _round(self, store: LocalStore) -> SyncReport:
        from sync.client import SyncError, SyncReport, client_for, sync_once

        try:
            client = client_for(
                store, timeout=self._timing.request_timeout_s, attempts=self._timing.attempts
            )
        except SyncError as exc:
            return SyncReport(errors=[str(exc)], error_kind=exc.kind)
        # A new laptop's open jobs arrive before the history: the list shows them at once
        # (the signal crosses to the GUI thread queued).
        return sync_once(store, self._blobs, client, on_records=self.records_changed.emit)

    # -- back on the GUI thread --------------------------------------------------------------
    def on_round_done(self, report: SyncReport) -> None:
        self._running = False
        self._online = report.error_kind != "offline"
        self._error = self.describe_error(report)
        if self._online:
            self._probe.stop()
        elif not self._closed:
            self._probe.start()
        self.busy_changed.emit(False)
        if report.pulled or report.deleted or report.kept:
            self.records_changed.emit()
        self.status_changed.emit()
        if self._again and not self._closed:
            self._again = False
            self._after_edit.start()

    def on_probe_answer(self, answers: bool) -> None:
        if answers:
            self._probe.stop()
            self.sync_now()

    def describe_error(self, report: SyncReport) -> str:
        """The failure in words; offline is shown as the connection state, not as an error."""
        if report.ok or report.error_kind == "offline":
            return ""
        detail = report.errors[0]
        if report.error_kind == "auth":
            return self.tr("Your head office login has expired: log in again.")
        if report.error_kind == "update":
            return self.tr("Head office needs a newer version: please update tech-app.")
        if report.error_kind in ("server", "busy"):
            return self.tr("Head office has a problem right now; sync will try again.")
        if report.error_kind in ("resync", "gap"):
            return self.tr("Head office asked for a fresh start; sync will try again.")
        return self.tr("Head office refused the sync: {detail}").format(detail=detail)


def head_office_answers(url: str, timeout: float) -> bool:
    """Whether the health endpoint answers: the network is back when it does."""
    import requests

    try:
        return requests.get(f"{url}/health", timeout=timeout).status_code == 200
    except requests.RequestException:
        return False
