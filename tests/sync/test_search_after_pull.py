"""Search entries of pulled jobs wait for the round's last page, and are never lost.

A sync round defers the search index of the jobs each page touches to its last page
(``remote.apply_pull_page(index_now=False)``, ``search.defer_jobs``): a job and the
units or customer that give it words often arrive pages apart. These tests hold that
after a round, or after a round cut short and the store opened again, every job's entry
is exactly its current text.
"""

from __future__ import annotations

from typing import Any

import pytest

from sync.client import round as sync_round
from tech_app.store import remote, search
from tech_app.store.local import LocalStore, open_store
from tests.sync.conftest import Server


def _index(store: LocalStore) -> dict[str, str]:
    return dict(
        store.db.execute(
            "SELECT k.job_id, t.text FROM job_search_key k JOIN job_search_tri t ON t.rowid = k.rid"
        ).fetchall()
    )


@pytest.fixture
def device(server: Server, device_factory: Any) -> Any:
    """A laptop of a technician with the demo jobs dispatched, not yet synced."""
    tech = server.technician()
    server.dispatch_demo(tech)
    return device_factory(server, tech)


def _current(store: LocalStore) -> dict[str, str]:
    jobs = [job_id for (job_id,) in store.db.execute("SELECT id FROM jobs").fetchall()]
    return search.job_texts(store.db, jobs)


def test_a_first_sync_of_many_pages_indexes_every_job_as_it_ends(
    device: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_round, "PULL_LIMIT", 4)  # jobs and their units pages apart
    report = device.sync()
    assert report.ok, report.errors
    assert report.pages > 3
    assert _index(device.store) == _current(device.store) != {}
    assert not search.has_pending(device.store.db)
    serial = device.store.db.execute("SELECT serial FROM assets WHERE serial != ''").fetchone()
    assert search.count_hits(device.store.db, serial[0], 10) >= 1


def test_a_round_cut_after_a_page_leaves_no_job_unindexed(
    device: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_round, "PULL_LIMIT", 4)
    original = remote.apply_pull_page

    def apply_then_fail(*args: Any, **kwargs: Any) -> remote.PageResult:
        result = original(*args, **kwargs)
        if search.has_pending(device.store.db):  # the first page that left jobs waiting
            raise OSError("the laptop lost power here")
        return result

    monkeypatch.setattr(remote, "apply_pull_page", apply_then_fail)
    with pytest.raises(OSError):
        device.sync()
    assert search.has_pending(device.store.db)  # what the cut round left for later
    path = device.store.path
    device.store.close()
    device.store = open_store(path)  # the app starting again, still offline
    assert not search.has_pending(device.store.db)
    assert _index(device.store) == _current(device.store) != {}

    monkeypatch.setattr(remote, "apply_pull_page", original)
    report = device.sync()
    assert report.ok, report.errors
    assert _index(device.store) == _current(device.store)


def test_an_empty_last_page_still_indexes_what_a_cut_round_deferred(device: Any) -> None:
    assert device.sync().ok
    # As a cut round leaves it: entries gone stale, the jobs listed as waiting.
    db = device.store.db
    with device.store.transaction():
        job_id = db.execute("SELECT id FROM jobs LIMIT 1").fetchone()[0]
        db.execute("UPDATE jobs SET problem = '钱多多' WHERE id = ?", [job_id])
        search.defer_jobs(db, [job_id])
    report = device.sync()  # nothing new at head office: one empty page
    assert report.ok and report.pulled == 0, report.errors
    assert not search.has_pending(db)
    assert search.count_hits(db, "钱多多", 10) == 1


def test_a_page_that_is_not_json_is_a_sync_error_and_changes_nothing(
    server: Server, device_factory: Any
) -> None:
    """A hotel's login page answering in head office's place: the round stops with a
    message, keeps what it had, and the next round goes on from there."""
    from tests.sync.helpers import Recording

    tech = server.technician()
    server.dispatch_demo(tech)
    session = Recording()
    device = device_factory(server, tech, session=session)
    assert device.sync().ok
    before = (remote.cursor(device.store), _index(device.store))

    def portal(method: str, path: str, response: Any) -> None:
        if path == "/sync/pull":
            response._content = b"<html><body>Please log in to the hotel wifi</body></html>"

    session.after = portal
    report = device.sync()
    assert not report.ok and report.error_kind == "server", report.errors
    assert "not JSON" in report.errors[0]
    assert (remote.cursor(device.store), _index(device.store)) == before
    session.after = None
    assert device.sync().ok
