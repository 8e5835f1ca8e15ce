"""Every expected failure of the command line is one clear line and a non-zero exit.

Issue 13 lists the cases that printed a traceback: a read-only profile for ``jobs``,
``demo-data`` and ``slip``, ``--data-dir`` naming a file, ``slip --out`` naming a
folder, a full disk, and output piped into ``head``. The head-office cases are in
tests/sync/test_office_cli_failures.py.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tech_app import cli
from tech_app.demo import load_demo
from tech_app.profile import DATABASE_NAME, database_path
from tech_app.records import Slip
from tech_app.store.local import LocalStore, open_store
from tests.conftest import DEMO_DAY
from tests.read_only import command_prefix, read_only

TECH_APP = str(Path(sys.executable).parent / "tech-app")
SIGNED_JOB = "SV-261128-03"  # the demo's signed heater visit


def run(*args: str, read_only_profile: bool = False) -> subprocess.CompletedProcess[str]:
    prefix = command_prefix() if read_only_profile else []
    return subprocess.run(
        [*prefix, TECH_APP, *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def one_clear_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("tech-app: ")
    for word in words:
        assert word in lines[0]


def _demo_profile(folder: Path) -> None:
    store = open_store(database_path(folder))
    load_demo(store, DEMO_DAY)
    store.close()


@pytest.fixture(scope="module")
def read_only_profile(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("read-only")
    _demo_profile(folder)
    with read_only(folder):
        yield folder


@pytest.mark.parametrize(
    "command",
    [
        ["jobs"],
        ["demo-data"],
        ["slip", SIGNED_JOB, "--out", "/tmp/tech-app-never-written.pdf"],
    ],
    ids=["jobs", "demo-data", "slip"],
)
def test_a_read_only_profile_is_one_line(read_only_profile: Path, command: list[str]) -> None:
    before = (read_only_profile / DATABASE_NAME).read_bytes()
    done = run("--data-dir", str(read_only_profile), *command, read_only_profile=True)
    one_clear_line(done, "cannot write to the profile folder", str(read_only_profile))
    assert (read_only_profile / DATABASE_NAME).read_bytes() == before
    assert not Path("/tmp/tech-app-never-written.pdf").exists()


def test_a_profile_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    with read_only(tmp_path):
        done = run("--data-dir", str(tmp_path / "new"), "jobs", read_only_profile=True)
    one_clear_line(done, "cannot write to the profile folder", str(tmp_path))
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("below", ["", "sub"], ids=["the file", "a folder below a file"])
def test_data_dir_naming_a_file_is_one_line(tmp_path: Path, below: str) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a profile")
    done = run("--data-dir", str(a_file / below if below else a_file), "jobs")
    one_clear_line(done, str(a_file), "is not a folder", "--data-dir")
    assert a_file.read_text() == "not a profile"


def test_slip_out_naming_a_folder_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    _demo_profile(tmp_path)
    folder = tmp_path / "slips"
    folder.mkdir()
    done = run("--data-dir", str(tmp_path), "slip", SIGNED_JOB, "--out", str(folder))
    one_clear_line(done, "--out", "is a folder", "slip.pdf")
    assert list(folder.iterdir()) == []
    store = open_store(database_path(tmp_path))
    assert store.select(Slip) == []  # no slip revision recorded for a file never written
    store.close()


def _full_disk_store(path: Path) -> LocalStore:
    """The profile with SQLite's page limit at its current size: the next write is
    refused with SQLITE_FULL ("database or disk is full"), as on a full disk."""
    store = open_store(path)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    return store


def test_a_full_disk_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    open_store(database_path(tmp_path)).close()
    monkeypatch.setattr("tech_app.cli_support.open_store", _full_disk_store)
    assert cli.main(["--data-dir", str(tmp_path), "demo-data"]) == 1
    err = capsys.readouterr().err
    assert err == "tech-app: the disk is full; free some space, nothing was saved\n"
    store = open_store(database_path(tmp_path))
    assert store.db.execute("SELECT count(*) FROM jobs").fetchone()[0] == 0
    store.close()


def test_a_full_disk_while_writing_the_slip_file_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _demo_profile(tmp_path)

    def no_space(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr("reports.issue.write_atomically", no_space)
    out = tmp_path / "slip.pdf"
    assert cli.main(["--data-dir", str(tmp_path), "slip", SIGNED_JOB, "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        "tech-app: the disk is full; free some space, nothing was saved\n"
    )


def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    _demo_profile(tmp_path)
    reader, writer = os.pipe()
    os.close(reader)  # like `| head` that has already exited: every write gets EPIPE
    try:
        done = subprocess.run(
            [TECH_APP, "--data-dir", str(tmp_path), "jobs", "--json"],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(writer)
    assert done.stderr == ""
    assert done.returncode == 1
