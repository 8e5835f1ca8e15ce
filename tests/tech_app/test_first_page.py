"""The first page's reader: the job list on a read-only connection, only from a profile
the full store would open as it is; anything else is left to the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tech_app.demo import load_demo
from tech_app.first_page import open_first_page
from tech_app.job_list import JobFilter, count_jobs, list_jobs
from tech_app.store.local import open_store
from tech_app.store.plain import SCHEMA_VERSION
from tech_app.store.schema import migrations
from tech_app.store.search import INDEX_VERSION_SETTING
from tests.conftest import DEMO_DAY
from tests.read_only import read_only, without_root_override


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "tech-app.sqlite3"
    store = open_store(path)
    load_demo(store, DEMO_DAY)
    store.close()
    return path


def _change(path: Path, statement: str) -> None:
    db = sqlite3.connect(path)
    db.execute(statement)
    db.commit()
    db.close()


def test_the_schema_version_is_the_number_of_migrations() -> None:
    assert len(migrations._migrations) == SCHEMA_VERSION


def test_reads_the_same_pages_and_settings_as_the_store(profile: Path) -> None:
    reader = open_first_page(profile)
    assert reader is not None
    store = open_store(profile)
    try:
        for flt in (JobFilter(), JobFilter(text="王"), JobFilter(day=DEMO_DAY.isoformat())):
            assert list_jobs(reader, flt, limit=5) == list_jobs(store, flt, limit=5)
            assert count_jobs(reader, flt) == count_jobs(store, flt)
        assert reader.setting("client_id") == store.client_id
        assert reader.pending_count() == store.pending_count()
    finally:
        store.close()
        reader.close()


def test_never_writes(profile: Path) -> None:
    reader = open_first_page(profile)
    assert reader is not None
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.db.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    reader.close()


@pytest.mark.parametrize(
    "statement",
    [
        f"PRAGMA user_version = {SCHEMA_VERSION - 1}",  # a migration pending
        f"PRAGMA user_version = {SCHEMA_VERSION + 1}",  # a newer tech-app's profile
        f"DELETE FROM settings WHERE key = '{INDEX_VERSION_SETTING}'",  # index to rebuild
        "DELETE FROM settings WHERE key = 'client_id'",
    ],
)
def test_a_profile_the_store_would_change_is_left_to_the_store(
    profile: Path, statement: str
) -> None:
    _change(profile, statement)
    assert open_first_page(profile) is None


def test_no_profile_an_empty_file_or_a_damaged_one_are_left_to_the_store(
    tmp_path: Path,
) -> None:
    assert open_first_page(tmp_path / "none.sqlite3") is None
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert open_first_page(empty) is None
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database, " * 512)
    assert open_first_page(damaged) is None


@pytest.fixture
def locked(profile: Path) -> Iterator[Path]:
    """Another process's exclusive lock, as a second connection holds it."""
    holder = sqlite3.connect(profile)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    yield profile
    holder.rollback()
    holder.close()


def test_a_locked_profile_is_left_to_the_store(locked: Path) -> None:
    assert open_first_page(locked) is None


def test_a_read_only_profile_is_left_to_the_store(profile: Path) -> None:
    """The store then says it cannot write, before any window (tests/ui/test_start_failures).

    With its WAL files beside it (left by a crash, or another reader open) SQLite would
    read such a profile, so the reader itself must refuse it.
    """
    other = sqlite3.connect(profile)
    other.execute("SELECT count(*) FROM jobs").fetchone()  # keeps -wal and -shm there
    try:
        with read_only(profile.parent), without_root_override():
            assert open_first_page(profile) is None
    finally:
        other.close()
