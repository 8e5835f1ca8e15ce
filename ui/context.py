"""The collaborators every screen is given, instead of reaching for globals.

Tests build one with a temp store, a temp settings file and a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import InitVar, dataclass
from datetime import date, datetime
from pathlib import Path

from tech_app.blobs import BlobStore
from tech_app.store.local import LocalStore, utc_now
from ui.i18n import is_chinese
from ui.settings import AppSettings
from ui.sync_status import LocalOnlyStatus, SyncStatusSource
from ui.worker import Worker


@dataclass
class AppContext:
    store: LocalStore  # the GUI thread's connection; the worker opens its own
    blobs: BlobStore
    slip_dir: Path
    worker: Worker
    settings: AppSettings
    language: str = "en"
    technician: str = ""
    clock: Callable[[], datetime] = utc_now
    status_source: InitVar[SyncStatusSource | None] = None  # BackgroundSync when logged in

    def __post_init__(self, status_source: SyncStatusSource | None) -> None:
        self.sync_status: SyncStatusSource = status_source or LocalOnlyStatus(self.store)
        if not self.technician:
            self.technician = self.store.setting("technician") or ""

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
