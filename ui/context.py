"""The collaborators every screen is given, instead of reaching for globals.

Tests build one with a temp store, a temp settings file and a fixed clock.

The store may open after the first paint: the app starts on a read-only
``tech_app.first_page`` reader (``reads``), which answers the job list and the status
bar, and ``store`` opens the full store when first asked for (``MainWindow`` asks right
after the job list has painted), closing the reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import InitVar, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tech_app.blobs import BlobStore
from tech_app.clock import utc_now
from tech_app.store.plain import ProfileReads
from ui.i18n import is_chinese
from ui.settings import AppSettings
from ui.sync_status import LocalOnlyStatus, SyncStatusSource
from ui.worker import Worker

if TYPE_CHECKING:
    from tech_app.first_page import FirstPageReader
    from tech_app.store.local import LocalStore


@dataclass
class AppContext:
    blobs: BlobStore
    slip_dir: Path
    worker: Worker
    settings: AppSettings
    language: str = "en"
    technician: str = ""
    clock: Callable[[], datetime] = utc_now
    status_source: InitVar[SyncStatusSource | None] = None  # BackgroundSync when logged in
    # Either the store, opened already, or its opener with the first page's reader.
    opened: InitVar[LocalStore | None] = None
    opener: Callable[[], LocalStore] | None = None
    first_page: FirstPageReader | None = None

    def __post_init__(
        self, status_source: SyncStatusSource | None, opened: LocalStore | None
    ) -> None:
        assert opened is not None or (self.opener is not None and self.first_page is not None)
        self._store = opened  # the GUI thread's connection; the worker opens its own
        self.sync_status: SyncStatusSource = status_source or LocalOnlyStatus(
            lambda: self.reads.pending_count()
        )
        if not self.technician:
            self.technician = self.reads.setting("technician") or ""

    @property
    def store(self) -> LocalStore:
        """The GUI thread's store, opened now if it has not been yet."""
        return self.open_store()

    def open_store(self) -> LocalStore:
        """Open the full store, if it is not yet, closing the first page's reader."""
        if self._store is None:
            assert self.opener is not None
            self._store = self.opener()
            if self.first_page is not None:
                self.first_page.close()  # handed over: one connection reads from now on
                self.first_page = None
        return self._store

    @property
    def store_open(self) -> bool:
        return self._store is not None

    @property
    def reads(self) -> ProfileReads:
        """The job list's and status bar's reads: the store once open, else the reader."""
        if self._store is not None:
            return self._store
        assert self.first_page is not None
        return self.first_page

    def close_store(self) -> None:
        """Close whichever connection is open; the store is not opened to be closed."""
        if self._store is not None:
            self._store.close()
        if self.first_page is not None:
            self.first_page.close()
            self.first_page = None

    @property
    def chinese(self) -> bool:
        return is_chinese(self.language)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """The technician's local day."""
        return self.clock().astimezone().date()

    def local_change(self) -> None:
        """Every edit ends here: the pending count moves and a background sync is scheduled."""
        self.sync_status.notify_local_change()
