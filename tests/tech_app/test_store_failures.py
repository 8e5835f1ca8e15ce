"""The store turns what SQLite and the file system say into typed, coded errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tech_app.demo import demo_id
from tech_app.errors import StoreError, StoreProblem
from tech_app.records import Job
from tech_app.store.local import LocalStore, open_store


def test_a_full_disk_refuses_the_write_and_changes_nothing(demo_store: LocalStore) -> None:
    job = demo_store.get(Job, demo_id("job:heater-in"))
    queued = demo_store.pending_count()
    # SQLite's page limit at the current size: a write that needs a new page is refused
    # with SQLITE_FULL ("database or disk is full"), what SQLite says on a full disk.
    demo_store.db.execute("VACUUM")  # no free pages left to reuse
    pages = demo_store.db.execute("PRAGMA page_count").fetchone()[0]
    demo_store.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as refused:
        demo_store.save(replace(job, work_done="换" * 4000, findings="漏" * 4000))
    assert refused.value.problem is StoreProblem.DISK_FULL
    assert str(refused.value) == "the disk is full; free some space, nothing was saved"
    assert demo_store.get(Job, job.id) == job
    assert demo_store.pending_count() == queued


def test_a_folder_where_the_database_should_be_is_named(tmp_path: Path) -> None:
    (tmp_path / "tech-app.sqlite3").mkdir()
    with pytest.raises(StoreError) as refused:
        open_store(tmp_path / "tech-app.sqlite3")
    assert refused.value.problem is StoreProblem.DAMAGED
    assert "a folder is in its place" in str(refused.value)


def test_a_damaged_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "tech-app.sqlite3"
    path.write_bytes(b"this is no database" * 100)
    with pytest.raises(StoreError) as refused:
        open_store(path)
    assert refused.value.problem is StoreProblem.DAMAGED
    assert str(path) in str(refused.value)
