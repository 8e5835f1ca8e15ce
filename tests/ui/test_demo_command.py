"""``tech-app demo`` and ``tech-app app``: the setup the demo does before the window opens."""

from __future__ import annotations

import os

# Tokens go to the profile's private file, never to a keyring of the machine running tests.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

from tech_app.blobs import BlobStore
from tech_app.cli import build_parser
from tech_app.profile import blob_dir, database_path
from tech_app.records import JewelleryIntake
from tech_app.store import remote
from tech_app.store.local import open_store
from ui.app import close_context, create_context
from ui.commands import cmd_app, cmd_demo
from ui.demo_session import start_demo
from ui.settings import AppSettings, settings_at
from ui.sync_worker import BackgroundSync


def test_help_lists_the_app_and_demo_commands() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tech_app.cli", "--help"], capture_output=True, text=True, check=True
    )
    assert "\n    app " in done.stdout and "\n    demo " in done.stdout


def test_app_and_demo_are_wired_to_their_commands() -> None:
    parser = build_parser()
    assert parser.parse_args(["app"]).run is cmd_app
    assert parser.parse_args(["demo"]).run is cmd_demo
    assert {"app", "demo"} <= parser.parse_args([]).available_commands  # bare tech-app opens app


def test_demo_starts_head_office_logs_liu_in_and_syncs_the_demo_day(
    qtbot: Any, tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    session = start_demo(profile)
    try:
        assert session.data_dir == profile
        assert session.first_sync.ok, session.first_sync.errors
        assert session.first_sync.pulled > 0
        store = open_store(database_path(profile))
        try:
            assert remote.server_url(store) == session.url
            assert store.setting(remote.TECHNICIAN) == "liu"
            assert store.db.execute("SELECT count(*) FROM jobs").fetchone()[0] > 0
            # The ring was handed in at the counter: its signed form and signature came too.
            (form,) = store.select(JewelleryIntake)
            assert form.signer_name == "陈静"
            assert session.first_sync.blobs_down >= 1
            assert BlobStore(blob_dir(profile)).has(form.signature_sha256)
        finally:
            store.close()
        ctx = create_context(profile, AppSettings(settings_at(tmp_path / "settings.ini")))
        try:
            assert isinstance(ctx.sync_status, BackgroundSync)  # the app opens syncing
            assert ctx.technician == "liu"
        finally:
            close_context(ctx)
        assert requests.get(f"{session.url}/health", timeout=5).status_code == 200
        office = subprocess.run(
            [sys.executable, "-m", "tech_app.cli", "office", "jobs", "--db", session.office_db],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "liu" in office.stdout  # the office commands reach the demo's database
    finally:
        session.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{session.url}/health", timeout=5)
