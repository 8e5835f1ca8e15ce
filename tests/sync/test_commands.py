"""The office, login and sync commands (called through ``sync.commands``, as the CLI does)."""

from __future__ import annotations

import argparse
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sync import commands
from sync.server.db import make_engine, read_transaction
from sync.server.store import load
from tests.sync.conftest import PASSWORD, Server

CSV_HEADER = (
    "job_number,job_type,problem,reported_at,window_start,window_end,assignee,priority,"
    "customer_name,customer_phone,site_address,asset_category,asset_make,asset_model,"
    "asset_serial,template\n"
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=None)
    commands.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    try:
        code = args.run(args)
    except Exception as exc:  # what tech_app.cli.main prints for a TechAppError
        from tech_app.errors import TechAppError

        if not isinstance(exc, TechAppError):
            raise
        print(f"tech-app: {exc}", file=sys.stderr)
        code = 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TECH_APP_PASSWORD", PASSWORD)
    return f"sqlite:///{tmp_path / 'office.sqlite3'}"


def test_seed_demo_gives_liu_and_tom_their_own_jobs(office_db: str, capsys: Any) -> None:
    code, out, _ = run(["office", "seed-demo", "--db", office_db, "--today", "2026-11-28"], capsys)
    assert code == 0 and "liu and tom" in out
    code, out, _ = run(["office", "jobs", "--db", office_db, "--json"], capsys)
    jobs = json.loads(out)
    by = {name: [j for j in jobs if j["assignee"] == name] for name in ("liu", "tom")}
    assert len(by["liu"]) == len(by["tom"]) == 13
    assert not {j["id"] for j in by["liu"]} & {j["id"] for j in by["tom"]}
    assert len({j["number"] for j in jobs}) == 26
    # Seeding twice changes nothing.
    run(["office", "seed-demo", "--db", office_db, "--today", "2026-11-28"], capsys)
    assert len(json.loads(run(["office", "jobs", "--db", office_db, "--json"], capsys)[1])) == 26


def test_import_jobs_with_chinese_and_dispatch_commands(
    office_db: str, tmp_path: Path, capsys: Any
) -> None:
    assert run(["office", "add-technician", "wang", "--db", office_db], capsys)[0] == 0
    assert run(["office", "add-technician", "li", "--db", office_db], capsys)[0] == 0
    sheet = tmp_path / "jobs.csv"
    sheet.write_text(
        CSV_HEADER
        + "HO-0001,repair,燃气灶打不着火,2026-11-28T08:00,2026-11-29T09:00,2026-11-29T10:00,wang,2,"
        "李梅,186 2100 4477,上海市徐汇区漕溪北路 201 弄,gas stove,方太,FD21BE,FT-1,\n"
        + 'HO-0002,installation,"安装打印机, 培训两人",2026-11-28T08:00+08:00,,,,3,'
        "Northwind,+86 21 6234 7788,Room 1605,printer,Lenovo,LJ2405,LNV-1,\n",
        encoding="utf-8",
    )
    code, out, err = run(["office", "import-jobs", str(sheet), "--db", office_db], capsys)
    assert code == 0, err
    assert "imported 2" in out
    jobs = json.loads(run(["office", "jobs", "--db", office_db, "--json"], capsys)[1])
    assert {(j["number"], j["assignee"], j["status"], j["customer"]) for j in jobs} == {
        ("HO-0001", "wang", "assigned", "李梅"),
        ("HO-0002", "", "new", "Northwind"),
    }
    assert run(["office", "assign", "HO-0002", "li", "--db", office_db], capsys)[0] == 0
    assert run(["office", "assign", "HO-0001", "li", "--db", office_db], capsys)[0] == 0
    assert (
        run(
            [
                "office",
                "schedule",
                "HO-0001",
                "--start",
                "2026-12-01T09:00",
                "--end",
                "2026-12-01T11:00",
                "--db",
                office_db,
            ],
            capsys,
        )[0]
        == 0
    )
    assert run(["office", "cancel", "HO-0002", "--db", office_db], capsys)[0] == 0
    code, out, _ = run(["office", "jobs", "--db", office_db], capsys)
    assert "HO-0001" in out and "li" in out and "cancelled" in out
    listed = json.loads(run(["office", "jobs", "--db", office_db, "--json"], capsys)[1])
    job = next(j for j in listed if j["number"] == "HO-0001")
    with read_transaction(make_engine(office_db)) as conn:
        stored = load(conn, "jobs", job["id"])
        assert stored is not None and stored.data["window_start"].startswith("2026-12-01T09:00")
    code, _, err = run(["office", "assign", "HO-0001", "nobody", "--db", office_db], capsys)
    assert code == 1 and "no technician 'nobody'" in err


def test_a_bad_row_aborts_the_whole_import_with_its_line(
    office_db: str, tmp_path: Path, capsys: Any
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        CSV_HEADER
        + "HO-1,repair,好的,2026-11-28T08:00,,,,3,王建国,138 0013 5521,北京,,,,,\n"
        + "HO-2,repair,好的,2026-11-28T08:00,,,,3,陈静,电话未知,广州,,,,,\n",
        encoding="utf-8",
    )
    code, _, err = run(["office", "import-jobs", str(sheet), "--db", office_db], capsys)
    assert code == 1
    assert "line 3" in err and "customer.phone" in err and "nothing was imported" in err
    assert json.loads(run(["office", "jobs", "--db", office_db, "--json"], capsys)[1]) == []


def test_login_and_sync_commands(
    server: Server, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    tech = server.technician()
    server.dispatch_demo(tech)
    monkeypatch.setenv("TECH_APP_PASSWORD", PASSWORD)
    profile = tmp_path / "profile"
    code, out, _ = run(
        ["--data-dir", str(profile), "login", "--server", server.url, "--user", tech], capsys
    )
    assert code == 0 and f"as {tech}" in out
    tokens = profile / "tokens.json"
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o600  # no keyring here: a private file
    assert PASSWORD not in tokens.read_text()
    code, out, err = run(["--data-dir", str(profile), "sync"], capsys)
    assert code == 0 and "pulled" in out, err
    monkeypatch.setenv("TECH_APP_PASSWORD", "wrong")
    code, _, err = run(
        ["--data-dir", str(profile), "login", "--server", server.url, "--user", tech], capsys
    )
    assert code == 1 and "wrong user name or password" in err


KEYRING_CHECK = """
import json, sys
from pathlib import Path
from sync.tokens import TokenStore, Tokens
store = TokenStore(Path(sys.argv[1]))
store.save(Tokens("http://x", "liu", "access", "refresh"))
print(json.dumps({"where": store.where, "file": store.file.exists(),
                  "back": store.load() == Tokens("http://x", "liu", "access", "refresh")}))
"""


@pytest.mark.parametrize(
    "backend, where, file",
    [
        ("tests.sync.memory_keyring.MemoryKeyring", "keyring", False),
        ("keyring.backends.null.Keyring", "file", True),
        ("keyring.backends.fail.Keyring", "file", True),
    ],
)
def test_tokens_use_the_keyring_when_one_exists(
    tmp_path: Path, backend: str, where: str, file: bool
) -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": backend}
    found = subprocess.run(
        [sys.executable, "-c", KEYRING_CHECK, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        check=True,
    )
    assert json.loads(found.stdout) == {"where": where, "file": file, "back": True}


def test_the_job_list_words_review_notes_in_english(office_db: str, capsys: Any) -> None:
    from sync.server import gate
    from sync.server.db import write_transaction
    from tech_app.review_notes import NoteCode, note

    assert run(["office", "seed-demo", "--db", office_db, "--today", "2026-11-28"], capsys)[0] == 0
    job = json.loads(run(["office", "jobs", "--db", office_db, "--json"], capsys)[1])[0]
    late = note(NoteCode.WORK_AFTER_CANCEL, technician="liu", job=job["number"])
    with write_transaction(make_engine(office_db)) as conn:
        gate.flag(conn, job["id"], late)
    code, out, _ = run(["office", "jobs", "--db", office_db], capsys)
    line = next(row for row in out.splitlines() if row.startswith(job["number"]))
    assert code == 0
    assert (
        f"REVIEW: liu recorded work on job {job['number']} after head office cancelled it." in line
    )
    assert "work_after_cancel" not in line and "{" not in line
