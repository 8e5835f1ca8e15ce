"""The command line contract: demo data, job listing and search, clear one-line errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

TECH_APP = str(Path(sys.executable).parent / "tech-app")


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TECH_APP, "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("profile")
    loaded = run("demo-data", "--today", "2026-11-28", data_dir=data_dir)
    assert loaded.returncode == 0, loaded.stderr
    return data_dir


def test_help_lists_the_commands() -> None:
    shown = subprocess.run([TECH_APP, "--help"], capture_output=True, text=True)
    assert shown.returncode == 0
    for command in ("demo-data", "jobs", "--data-dir"):
        assert command in shown.stdout


def test_jobs_json_prints_the_demo_jobs_with_chinese_intact(profile: Path) -> None:
    listed = run("jobs", "--json", data_dir=profile)
    assert listed.returncode == 0, listed.stderr
    jobs = json.loads(listed.stdout)
    assert len(jobs) == 13
    for key in (
        "id",
        "number",
        "type",
        "status",
        "customer",
        "address",
        "window_start",
        "window_end",
    ):
        assert all(key in job for job in jobs), key
    assert "王建国" in {job["customer"] for job in jobs}
    assert "华东物流有限公司" in listed.stdout  # not \\u-escaped
    assert jobs[0]["window_start"] <= jobs[1]["window_start"]  # soonest first


@pytest.mark.parametrize(
    ("typed", "customer"),
    [
        ("售后", "王建国"),  # a Chinese word
        ("printer", "Northwind Trading Ltd"),  # an English word
        ("CPCD30-23", "华东物流有限公司 East China Logistics"),  # a serial fragment
        ("4477", "李梅"),  # a phone fragment
    ],
)
def test_jobs_search_finds_by_word_serial_and_phone(
    profile: Path, typed: str, customer: str
) -> None:
    listed = run("jobs", "--search", typed, "--json", data_dir=profile)
    assert listed.returncode == 0, listed.stderr
    assert customer in {job["customer"] for job in json.loads(listed.stdout)}


def test_loading_the_demo_twice_duplicates_nothing(profile: Path) -> None:
    assert run("demo-data", "--today", "2026-11-28", data_dir=profile).returncode == 0
    assert len(json.loads(run("jobs", "--json", data_dir=profile).stdout)) == 13


def test_a_database_from_a_newer_app_is_one_clear_line_not_a_traceback(tmp_path: Path) -> None:
    assert run("jobs", data_dir=tmp_path).returncode == 0
    with closing(sqlite3.connect(tmp_path / "tech-app.sqlite3")) as conn:
        conn.execute("PRAGMA user_version = 999")
    failed = run("jobs", data_dir=tmp_path)
    assert failed.returncode == 1
    assert "newer tech-app" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1


def test_a_bad_option_value_is_refused_by_name(tmp_path: Path) -> None:
    failed = run("demo-data", "--today", "tomorrow", data_dir=tmp_path)
    assert failed.returncode == 2
    assert "--today" in failed.stderr and "Traceback" not in failed.stderr
