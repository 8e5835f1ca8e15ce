"""Starting the desktop app on a technician profile.

``run_app(None)`` opens the default profile (the platform's user data folder,
or ``TECH_APP_DATA_DIR``). A database that cannot be used — locked by another
window, on a full disk, written by a newer tech-app — ends in a clear message
box, never a traceback.
"""

from __future__ import annotations

import sqlite3
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from tech_app.blobs import BlobStore
from tech_app.clock import utc_now
from tech_app.errors import TechAppError
from tech_app.first_page import open_first_page
from tech_app.profile import blob_dir, database_path, default_data_dir
from tech_app.store.server_setting import server_url
from ui.context import AppContext
from ui.i18n import (
    choose_language,
    install_translator,
    is_chinese,
    remove_translators,
    set_locale,
)
from ui.main_window import MainWindow
from ui.messages import error_text, show_error
from ui.settings import AppSettings, default_settings
from ui.single_instance import ProfileGuard
from ui.sync_status import SyncStatusSource
from ui.worker import Worker

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox  # with the first box: none before the paint

    from tech_app.store.local import LocalStore
    from ui.sync_worker import SyncTiming

_LISTEN_LATEST_MS = 1000


def create_context(
    data_dir: Path | None,
    settings: AppSettings,
    *,
    language: str = "en",
    clock: Callable[[], datetime] = utc_now,
    sync_timing: SyncTiming | None = None,
) -> AppContext:
    """Open the profile: the GUI thread's store, and a worker that opens its own.

    A profile the store would open as it is, and not logged in to a head office, starts
    on ``tech_app.first_page``'s read-only reader: the full store (sqlite-utils, the
    migrations, the records) opens after the job list's first paint. Any other profile
    opens the full store here, as before, so a migration runs first and a locked or
    damaged file raises its error now. A profile logged in to a head office gets a
    background sync with a third connection, so a slow round never holds up the
    editing worker; its status bar reads the sync side of the store, so it opens now.
    """
    path = database_path(data_dir)
    blobs = BlobStore(blob_dir(data_dir))
    worker = Worker(lambda: _open_store(path))
    context = partial(
        AppContext,
        blobs=blobs,
        slip_dir=(data_dir or default_data_dir()) / "slips",
        worker=worker,
        settings=settings,
        language=language,
        clock=clock,
    )
    first_page = open_first_page(path)
    if first_page is not None and not server_url(first_page):
        return context(opener=lambda: _open_store(path), first_page=first_page)
    if first_page is not None:
        first_page.close()
    store = _open_store(path)
    status: SyncStatusSource | None = None
    if server_url(store):
        from ui.sync_worker import BackgroundSync  # only a profile logged in to head office

        status = BackgroundSync(store, lambda: _open_store(path), blobs, sync_timing)
    return context(opened=store, status_source=status)


def _open_store(path: Path) -> LocalStore:
    from tech_app.store.local import open_store  # after the first paint, when it can wait

    return open_store(path)


def close_context(ctx: AppContext) -> None:
    ctx.sync_status.shutdown()
    ctx.worker.shutdown()
    ctx.close_store()


def startup_error_box(error: BaseException) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("App", "tech-app cannot open your jobs"),
        error_text(error),
        QMessageBox.StandardButton.Ok,
    )
    box.setObjectName("startup_error")
    return box


def already_open_box() -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("App", "tech-app is already open"),
        QCoreApplication.translate(
            "App", "tech-app is already open on these jobs; its window was brought to the front."
        ),
        QMessageBox.StandardButton.Ok,
    )
    box.setObjectName("already_open")
    return box


def bring_to_front(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def _show_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Errors that escape a slot become a message instead of a silent failure or a crash."""
    traceback.print_exception(kind, error, tb)
    if isinstance(error, KeyboardInterrupt):
        QApplication.quit()
        return
    show_error(QApplication.activeWindow(), error)


@dataclass
class Started:
    """What ``start`` opened; ``run_app`` runs the event loop on it and then closes it."""

    app: QApplication
    ctx: AppContext
    window: MainWindow
    translators: list[QTranslator]
    guard: ProfileGuard | None = None

    def close(self) -> None:
        close_context(self.ctx)
        # The language may have been switched since: whatever is installed now goes.
        remove_translators(self.app, [*self.translators, *self.app.findChildren(QTranslator)])
        if self.guard is not None:
            self.guard.release()


def start(data_dir: Path | None = None) -> Started | None:
    """Open the profile and show the main window; None after explaining why it cannot."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("tech-app")
    app.setOrganizationName("tech-app")
    settings = AppSettings(default_settings())
    language = choose_language(settings.language())
    translators = install_translator(app, language)
    if is_chinese(language):
        set_locale(language)
    try:
        ctx = create_context(data_dir, settings, language=language)
    except (TechAppError, sqlite3.Error, OSError) as exc:  # error_text words each of them
        startup_error_box(exc).exec()
        remove_translators(app, translators)
        return None
    guard = ProfileGuard(data_dir or default_data_dir())
    if not guard.acquire():
        close_context(ctx)
        already_open_box().exec()
        remove_translators(app, translators)
        return None
    window = MainWindow(ctx)
    guard.raise_requested.connect(lambda: bring_to_front(window))
    window.show()
    # The socket a later start raises this window through opens after the first paint;
    # a window that does not paint (started minimized) opens it a second later.
    window.when_painted(guard.listen)
    QTimer.singleShot(_LISTEN_LATEST_MS, guard, guard.listen)
    ctx.sync_status.start()
    return Started(app, ctx, window, translators, guard)


def run_app(data_dir: Path | None = None) -> int:
    """Open the main window on the profile in ``data_dir`` (default profile when None)."""
    started = start(data_dir)
    if started is None:
        return 1
    sys.excepthook = _show_unexpected
    try:
        return started.app.exec()
    finally:
        started.close()
