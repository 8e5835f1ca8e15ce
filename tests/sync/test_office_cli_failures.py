"""Head-office and login commands: an expected failure is one line, never a traceback.

Issue 13: ``login --server 127.0.0.1:PORT`` without ``http://``, ``office --db`` naming
a missing folder, ``office sla … | head``, and README's ``office [--db URL] COMMAND``
order, all run through the real ``tech-app`` executable.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sync.client.login import server_address
from tech_app.errors import ValidationError
from tech_app.store import remote
from tech_app.store.local import open_store
from tests.sync.conftest import PASSWORD, Server

TECH_APP = str(Path(sys.executable).parent / "tech-app")


def run(*args: str, **extra: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TECH_APP, *args], capture_output=True, text=True, encoding="utf-8", timeout=180, **extra
    )


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("tech-app: ")
    return line


def test_login_without_http_assumes_http_on_this_computer(server: Server, tmp_path: Path) -> None:
    tech = server.technician()
    bare = server.url.removeprefix("http://")  # 127.0.0.1:PORT, as a person types it
    done = run(
        "--data-dir",
        str(tmp_path),
        "login",
        "--server",
        bare,
        "--user",
        tech,
        env={**os.environ, "TECH_APP_PASSWORD": PASSWORD},
    )
    assert done.returncode == 0, done.stderr
    assert f"logged in to {server.url} as {tech}" in done.stdout
    store = open_store(tmp_path / "tech-app.sqlite3")
    assert remote.server_url(store) == server.url
    store.close()


@pytest.mark.parametrize(
    ("typed", "understood"),
    [
        ("127.0.0.1:8470", "http://127.0.0.1:8470"),
        (" localhost:8470/ ", "http://localhost:8470"),
        ("192.168.1.20:8470", "http://192.168.1.20:8470"),
        ("office.example.com", "https://office.example.com"),  # never guess clear text
        ("https://office.example.com/", "https://office.example.com"),
    ],
)
def test_a_typed_server_address_is_understood(typed: str, understood: str) -> None:
    assert server_address(typed) == understood


@pytest.mark.parametrize("typed", ["", "ftp://office", "127.0.0.1:port", "http://"])
def test_a_server_address_that_cannot_be_one_is_refused_by_name(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        server_address(typed)
    assert refused.value.field == "--server"


def test_login_to_a_wrong_address_is_one_line_before_the_password(tmp_path: Path) -> None:
    done = run("--data-dir", str(tmp_path), "login", "--server", "ftp://office", "--user", "liu")
    assert "--server" in one_line(done)  # refused before asking for the password


@pytest.mark.parametrize("order", ["before", "after"])
def test_office_db_in_a_missing_folder_is_one_line(tmp_path: Path, order: str) -> None:
    db = str(tmp_path / "no-such-folder" / "office.sqlite3")
    args = ["office", "--db", db, "jobs"] if order == "before" else ["office", "jobs", "--db", db]
    line = one_line(run(*args))
    assert "does not exist" in line and str(tmp_path / "no-such-folder") in line
    assert not (tmp_path / "no-such-folder").exists()


def test_readme_order_office_db_before_the_command_parses(tmp_path: Path) -> None:
    db = str(tmp_path / "office.sqlite3")
    seeded = run(
        "office", "--db", db, "seed-demo", env={**os.environ, "TECH_APP_PASSWORD": PASSWORD}
    )
    assert seeded.returncode == 0, seeded.stderr
    before = run("office", "--db", db, "jobs", "--json")
    after = run("office", "jobs", "--json", "--db", db)
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout and '"number"' in before.stdout


def test_office_sla_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    db = str(tmp_path / "office.sqlite3")
    assert run("office", "--db", db, "seed-demo").returncode == 0
    reader, writer = os.pipe()
    os.close(reader)  # `| head` already gone: every write gets EPIPE
    try:
        done = subprocess.run(
            [TECH_APP, "office", "--db", db, "sla", "--from", "2026-11-01", "--to", "2026-12-31"],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=180,
        )
    finally:
        os.close(writer)
    assert done.stderr == ""
    assert done.returncode == 1
