"""100,000 jobs: the main window reads only the rows it shows, and search stays a page away."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from bench.generate import generate
from tech_app.job_list import JobFilter, count_jobs, list_jobs
from tech_app.profile import database_path
from tech_app.store import search
from tech_app.store.local import LocalStore, open_store
from tests.ui.conftest import DEMO_DAY
from tests.ui.helpers import commit_text
from tests.ui.test_job_table_model import CountingPages
from ui.job_table_model import PAGE_SIZE
from ui.main_window import MainWindow

JOBS = 100_000


@pytest.fixture(scope="module")
def big_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big") / "profile"
    store = open_store(database_path(folder))
    done = generate(store, JOBS, today=DEMO_DAY, seed=7)
    print(f"generated {done.jobs} jobs in {done.seconds:.1f} s")
    store.close()
    return folder


def test_the_generator_writes_what_a_pull_would(tmp_path: Path) -> None:
    store = open_store(database_path(tmp_path))
    generate(store, 60, today=DEMO_DAY, seed=3)
    assert count_jobs(store, JobFilter()) == 60
    assert store.pending_count() == 0  # as if pulled from head office: nothing to push
    names = [row["customer"] for row in list_jobs(store, JobFilter())]
    assert any(_is_chinese(n) for n in names) and any(n.isascii() for n in names)
    for (job_id,) in store.db.execute("SELECT id FROM jobs").fetchall():
        indexed = store.db.execute(
            "SELECT t.text FROM job_search_key k JOIN job_search_tri t ON t.rowid = k.rid "
            "WHERE k.job_id = ?",
            [job_id],
        ).fetchone()[0]
        assert indexed == search.job_text(store.db, job_id)
    again = open_store(database_path(tmp_path / "again"))
    generate(again, 60, today=DEMO_DAY, seed=3)
    assert _numbers_and_names(again) == _numbers_and_names(store)  # deterministic
    store.close()
    again.close()


def test_opening_the_window_reads_only_what_is_shown(qtbot, make_ctx, big_profile) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(big_profile)
    pages = CountingPages(ctx.store)
    started = time.perf_counter()
    window = MainWindow(ctx, list_page=pages, search_delay_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    print(f"window with {JOBS} jobs shown in {time.perf_counter() - started:.3f} s")
    model, table = window.model, window.job_list.table
    shown = table.rowAt(table.viewport().height() - 1)
    shown = model.rowCount() if shown < 0 else shown + 1
    assert shown > 10  # the viewport is full of jobs
    assert pages.rows == model.fetched_count <= 2 * PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    first = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert first.startswith("2026-11-28")  # today's jobs first, even among 100,000

    before = pages.rows
    table.scrollToBottom()
    qtbot.waitUntil(lambda: pages.rows > before)
    assert pages.rows - before <= PAGE_SIZE  # one more page, not the table


@pytest.mark.parametrize("typed", ["王", "smith"])
def test_search_as_you_type_reads_one_page(qtbot, make_ctx, big_profile, typed: str) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(big_profile)
    pages = CountingPages(ctx.store)
    window = MainWindow(ctx, list_page=pages, search_delay_ms=0)
    qtbot.addWidget(window)
    window.show()
    field = window.job_list.search_field
    with qtbot.waitSignal(window.model.filter_applied):
        if typed.isascii():
            qtbot.keyClicks(field, typed)
        else:
            commit_text(field, typed)
    model = window.model
    assert model.rowCount() > 0
    assert all(_matches(ctx.store, model.job_id(r), typed) for r in range(min(5, model.rowCount())))
    assert model.fetched_count <= 2 * PAGE_SIZE


def _matches(store: LocalStore, job_id: str, typed: str) -> bool:
    return typed.lower() in search.job_text(store.db, job_id).lower()


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _numbers_and_names(store: LocalStore) -> list[tuple[str, str]]:
    return [(r["number"], r["customer"]) for r in list_jobs(store, JobFilter())]
