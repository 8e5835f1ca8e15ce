"""Background sync in the app, against a real head-office process on 127.0.0.1 (SQLite).

Each test logs a fresh technician in on its own profile, opens the main window on it
and lets the timers of ``BackgroundSync`` (shortened) do the syncing.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from sync.server import dispatch
from sync.server.db import write_transaction
from tech_app.records import Job
from tech_app.store import remote
from tests.sync.conftest import (
    Server,
    make_device,
    start_server,
    stop_server,
    wait_healthy,
)
from ui.app import close_context, create_context
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.settings import AppSettings, settings_at
from ui.sync_problems import SyncProblemsDialog
from ui.sync_worker import BackgroundSync, SyncTiming

FAST = SyncTiming(after_edit_ms=200, every_ms=600_000, probe_ms=200, request_timeout_s=5)
WAIT_MS = 30_000


@pytest.fixture
def head_office(tmp_path: Path) -> Iterator[Server]:
    running = start_server(f"sqlite:///{tmp_path / 'head-office.sqlite3'}", tmp_path / "server.log")
    yield running
    stop_server(running)


def restart(server: Server) -> None:
    """The same head office (database, port) back after ``stop_server``: the network returns."""
    port = server.url.rsplit(":", 1)[1]
    with server.log.open("ab") as handle:
        server.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "uvicorn", "sync.server.app:app_from_env", "--factory"),
                *("--host", "127.0.0.1", "--port", port, "--log-level", "warning"),
            ],
            env={**os.environ, "TECH_APP_DB_URL": server.db_url},
            stdout=handle,
            stderr=handle,
        )
    wait_healthy(server.url, server.process)


@pytest.fixture
def open_profile(
    qtbot: Any, tmp_path: Path, settings_path: Path
) -> Iterator[Callable[[Server], tuple[AppContext, MainWindow, dict[str, str]]]]:
    """A technician with the demo day dispatched, synced once, and the app open on it."""
    opened: list[AppContext] = []

    def open_on(server: Server) -> tuple[AppContext, MainWindow, dict[str, str]]:
        profile = tmp_path / "profile"
        technician = server.technician()
        jobs = server.dispatch_demo(technician)
        device = make_device(profile, server, technician)
        assert device.sync().ok
        device.store.close()
        ctx = create_context(profile, AppSettings(settings_at(settings_path)), sync_timing=FAST)
        opened.append(ctx)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        return ctx, window, jobs

    yield open_on
    for ctx in opened:
        close_context(ctx)


def edit_findings(ctx: AppContext, job_id: str, text: str) -> None:
    job = ctx.store.get(Job, job_id)
    ctx.store.save(dataclasses.replace(job, findings=text))
    ctx.local_change()


def test_a_local_edit_is_synced_in_the_background(
    qtbot: Any, head_office: Server, open_profile: Any
) -> None:
    ctx, window, jobs = open_profile(head_office)
    assert isinstance(ctx.sync_status, BackgroundSync)
    status = window.status
    first_sync = remote.last_sync(ctx.store)
    assert first_sync is not None  # the device's own first sync, before the app opened

    edit_findings(ctx, jobs["ring"], "主石松动 stone loose")
    assert status.pending_label.text() == "1 change waiting to sync"

    qtbot.waitUntil(
        lambda: status.pending_label.text() == "0 changes waiting to sync", timeout=WAIT_MS
    )
    assert status.connection_label.text() == "Online"
    synced = remote.last_sync(ctx.store)
    assert synced is not None and synced > first_sync
    assert status.last_sync_label.text() != "Last sync: never"
    assert not status.error_label.isVisibleTo(status)
    technician = ctx.technician
    visible = head_office.visible(technician)
    assert visible[("jobs", jobs["ring"])]["findings"] == "主石松动 stone loose"


def test_a_job_dispatched_at_head_office_appears_in_the_job_list(
    qtbot: Any, head_office: Server, open_profile: Any
) -> None:
    ctx, window, _jobs = open_profile(head_office)
    shown = ctx.store.get(Job, window.model.job_id(0))  # one of today's, on the first page
    new_job = dataclasses.replace(shown, id=str(uuid.uuid4()), number="SV-DISPATCHED-1")
    with write_transaction(head_office.engine) as conn:
        dispatch.put_record(conn, new_job)
    assert window.model.row_of(new_job.id) is None

    ctx.sync_status.sync_now()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.model.row_of(new_job.id) is not None, timeout=WAIT_MS)


def test_the_open_job_shows_what_head_office_changed(
    qtbot: Any, head_office: Server, open_profile: Any
) -> None:
    ctx, window, _jobs = open_profile(head_office)
    job_id = window.model.job_id(0)
    window.job_list.select_job(job_id)
    qtbot.waitUntil(lambda: window.job_view.job_id == job_id, timeout=WAIT_MS)
    changed = dataclasses.replace(ctx.store.get(Job, job_id), problem="客户改约 customer moved it")
    with write_transaction(head_office.engine) as conn:
        dispatch.put_record(conn, changed)

    ctx.sync_status.sync_now()  # type: ignore[attr-defined]
    qtbot.waitUntil(
        lambda: window.job_view.problem_label.text() == "客户改约 customer moved it",
        timeout=WAIT_MS,
    )


def test_offline_shows_pending_changes_and_syncs_when_head_office_is_back(
    qtbot: Any, head_office: Server, open_profile: Any
) -> None:
    ctx, window, jobs = open_profile(head_office)
    status = window.status
    head_office.process.terminate()
    head_office.process.wait(timeout=10)

    edit_findings(ctx, jobs["ring"], "offline edit")
    edit_findings(ctx, jobs["stove"], "second offline edit")
    qtbot.waitUntil(lambda: status.connection_label.text() == "Offline", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not ctx.sync_status.running, timeout=WAIT_MS)  # type: ignore[attr-defined]
    assert status.pending_label.text() == "2 changes waiting to sync"
    assert not status.error_label.isVisibleTo(status)  # offline is a state, not an error

    restart(head_office)
    qtbot.waitUntil(
        lambda: status.pending_label.text() == "0 changes waiting to sync", timeout=WAIT_MS
    )
    assert status.connection_label.text() == "Online"
    visible = head_office.visible(ctx.technician)
    assert visible[("jobs", jobs["stove"])]["findings"] == "second offline edit"


def test_a_refused_change_is_listed_with_its_reason(
    qtbot: Any, head_office: Server, open_profile: Any
) -> None:
    ctx, window, jobs = open_profile(head_office)
    status = window.status
    ring = ctx.store.get(Job, jobs["ring"])
    ctx.store.save(dataclasses.replace(ring, priority=1))  # head office owns priority
    ctx.local_change()

    qtbot.waitUntil(lambda: status.problems_button.isVisibleTo(status), timeout=WAIT_MS)
    assert status.problems_button.text() == "1 sync problem…"
    status.problems_button.click()
    dialog = window.findChild(SyncProblemsDialog)
    assert dialog is not None
    text = dialog.list.item(0).text()
    assert text.startswith(
        f"Your change to job {ring.number} (details) was refused by head office:"
    )
    assert "priority" in text and text.endswith("It is kept on this laptop.")
    dialog.close()


def test_the_window_keeps_working_while_a_round_waits_on_a_slow_head_office(
    qtbot: Any, head_office: Server, open_profile: Any
) -> None:
    ctx, window, _jobs = open_profile(head_office)
    # A head office that accepts the connection and never answers: the round waits on it.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    remote.set_server_url(ctx.store, f"http://127.0.0.1:{silent.getsockname()[1]}")
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    try:
        source = ctx.sync_status
        assert isinstance(source, BackgroundSync)
        source.sync_now()
        assert window.status.sync_progress.isVisibleTo(window.status)
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=WAIT_MS)
        assert source.running  # the round is still waiting while the event loop ticked
        qtbot.waitUntil(lambda: not source.running, timeout=WAIT_MS)
        assert window.status.connection_label.text() == "Offline"
        assert not window.status.sync_progress.isVisibleTo(window.status)
    finally:
        timer.stop()
        silent.close()
