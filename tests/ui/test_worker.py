"""The background-work helper: off the GUI thread, results and errors back by signal."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from ui.worker import Worker


@pytest.fixture
def worker(qtbot):  # type: ignore[no-untyped-def]
    opened: list[str] = []
    w = Worker(lambda: opened.append(threading.current_thread().name) or "connection")
    w.opened = opened  # type: ignore[attr-defined]
    yield w
    w.shutdown()


def test_work_runs_off_the_gui_thread_and_returns_on_it(qtbot, worker: Worker) -> None:
    results: list[tuple[str, str, str]] = []

    def work(connection: object) -> tuple[str, str]:
        return threading.current_thread().name, str(connection)

    with qtbot.waitSignal(worker.task_finished):
        worker.run(work, lambda r: results.append((*r, threading.current_thread().name)))
    (worker_thread, connection, callback_thread) = results[0]
    assert worker_thread != threading.main_thread().name
    assert callback_thread == threading.main_thread().name
    assert connection == "connection"
    assert worker.opened == [worker_thread]  # type: ignore[attr-defined]


def test_an_error_comes_back_as_a_value(qtbot, worker: Worker) -> None:
    errors: list[Exception] = []

    def fail(_connection: object) -> None:
        raise ValueError("no")

    with qtbot.waitSignal(worker.task_finished):
        worker.run(fail, lambda _r: None, errors.append)
    assert [str(e) for e in errors] == ["no"]


def test_busy_only_for_labelled_work(qtbot, worker: Worker) -> None:
    seen: list[bool] = []
    worker.busy_changed.connect(seen.append)
    with qtbot.waitSignal(worker.task_finished):
        worker.run(lambda c: 1, lambda r: None)  # a quick count: no progress bar
    with qtbot.waitSignal(worker.task_finished):
        worker.run(lambda c: 2, lambda r: None, label="Issuing the slip")
    assert seen == [True, False]
    assert not worker.busy


def test_callbacks_of_a_closed_widget_are_skipped(qtbot, worker: Worker) -> None:
    owner = QWidget()
    called: list[int] = []
    gate = threading.Event()
    worker.run(lambda c: gate.wait(5) and 1, called.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    with qtbot.waitSignal(worker.task_finished):
        gate.set()
    assert called == []


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
