"""The one background-work helper of the desktop app.

A plain callable runs on a single worker thread (like Anki's ``max_workers=1``
collection ops), gets that thread's own store connection, never touches a
widget, and its result or error comes back to the GUI thread by a queued
signal. One thread means two jobs never race each other in the database, and
one connection per thread is what SQLite wants.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

T = TypeVar("T")
Connection = Any  # whatever open_connection returns; a LocalStore in the app


@dataclass
class _Pending(Generic[T]):
    label: str
    on_done: Callable[[T], None]
    on_error: Callable[[Exception], None] | None
    owner: QObject | None

    def owner_gone(self) -> bool:
        """The widget that asked was closed meanwhile: its callbacks must not run."""
        return self.owner is not None and not shiboken6.isValid(self.owner)


class _Bridge(QObject):
    """Lives in the GUI thread; signals emitted from the worker thread are queued to it."""

    task_returned = Signal(int, object)
    task_raised = Signal(int, object)


class Worker(QObject):
    """Runs callables off the GUI thread, one at a time, in submission order."""

    busy_changed = Signal(bool)  # labelled work started or ended: show progress
    task_finished = Signal(str)  # the label; tests and the status bar wait on it
    task_failed = Signal(str, object)  # label, exception (when no on_error was given)

    def __init__(
        self,
        open_connection: Callable[[], Connection] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_connection = open_connection
        self._connection: Connection | None = None
        # The thread starts with the first task (concurrent.futures is ~4 ms of start-up,
        # and nothing runs on it before the window has painted).
        self._executor: ThreadPoolExecutor | None = None
        self._bridge = _Bridge(self)  # connected with the thread's start (``_pool``)
        self._pending: dict[int, _Pending[Any]] = {}
        self._ids = itertools.count(1)
        self._closed = False

    @property
    def busy(self) -> bool:
        """Labelled work is under way (unlabelled quick reads, like a count, do not count)."""
        return any(p.label for p in self._pending.values())

    @property
    def busy_label(self) -> str:
        return next((p.label for p in self._pending.values() if p.label), "")

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def run(
        self,
        work: Callable[[Connection], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
        *,
        label: str = "",
        owner: QObject | None = None,
    ) -> None:
        """Call ``work(connection)`` on the worker; ``on_done(result)`` follows on the GUI thread.

        ``owner`` is the widget the callbacks belong to; if it is destroyed before
        the work ends, the callbacks are skipped instead of touching a dead widget.
        """
        if self._closed:
            raise RuntimeError("the worker has been shut down")
        task_id = next(self._ids)
        was_busy = self.busy
        self._pending[task_id] = _Pending(label, on_done, on_error, owner)
        if self.busy != was_busy:
            self.busy_changed.emit(True)
        self._pool().submit(self._call, task_id, work)

    def shutdown(self) -> None:
        """Finish queued work, then close the worker's connection on its own thread."""
        if self._closed:
            return
        self._closed = True
        if self._executor is None:
            return  # never ran anything: no thread, no connection
        self._executor.submit(self._close_connection)
        self._executor.shutdown(wait=True)

    def _pool(self) -> ThreadPoolExecutor:
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            from PySide6.QtCore import Qt  # not at the top: see ui/__init__.py

            queued = Qt.ConnectionType.QueuedConnection
            self._bridge.task_returned.connect(self.on_task_returned, queued)
            self._bridge.task_raised.connect(self.on_task_raised, queued)
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tech-app-worker")
        return self._executor

    # -- worker thread ---------------------------------------------------------
    def _call(self, task_id: int, work: Callable[[Connection], Any]) -> None:
        try:
            if self._connection is None and self._open_connection is not None:
                self._connection = self._open_connection()
            result = work(self._connection)
        except Exception as exc:  # every error goes back to the GUI thread as a value
            self._bridge.task_raised.emit(task_id, exc)
        else:
            self._bridge.task_returned.emit(task_id, result)

    def _close_connection(self) -> None:
        if self._connection is not None and hasattr(self._connection, "close"):
            self._connection.close()
        self._connection = None

    # -- GUI thread ------------------------------------------------------------
    def on_task_returned(self, task_id: int, result: object) -> None:
        pending = self._finish(task_id)
        if pending is None:
            return
        if not pending.owner_gone():
            pending.on_done(result)
        self.task_finished.emit(pending.label)

    def on_task_raised(self, task_id: int, error: object) -> None:
        pending = self._finish(task_id)
        if pending is None:
            return
        assert isinstance(error, Exception)
        if pending.on_error is not None and not pending.owner_gone():
            pending.on_error(error)
        else:
            self.task_failed.emit(pending.label, error)
        self.task_finished.emit(pending.label)

    def _finish(self, task_id: int) -> _Pending[Any] | None:
        was_busy = self.busy
        pending = self._pending.pop(task_id, None)
        if was_busy and not self.busy:
            self.busy_changed.emit(False)
        return pending
