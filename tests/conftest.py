"""Shared fixtures. Qt must run headless before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tech_app.demo import load_demo
from tech_app.store.local import LocalStore, open_store

DEMO_DAY = date(2026, 11, 28)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    s = open_store(tmp_path / "profile" / "tech-app.sqlite3")
    yield s
    s.close()


@pytest.fixture
def demo_store(store: LocalStore) -> LocalStore:
    load_demo(store, DEMO_DAY)
    return store


def job_number(store: LocalStore, key: str) -> str:
    """The number of a demo job by its demo key (e.g. 'heater-in')."""
    from tech_app.demo import demo_id

    row = store.db.execute(
        "SELECT number FROM jobs WHERE id = ?", [demo_id(f"job:{key}")]
    ).fetchone()
    return str(row[0])
