"""Applying a pull page with its local rows read up front and its new rows queued
(``tech_app.store.page_rows``): the same outcome as one statement at a time."""

from __future__ import annotations

import json
from typing import Any

from tech_app.records import Part
from tech_app.records.codec import to_row
from tech_app.store import remote
from tech_app.store.local import LocalStore, open_store


def _wire(part: Part) -> dict[str, Any]:
    row = dict(json.loads(json.dumps(to_row(part), ensure_ascii=False)))
    return {**row, "version": 1, "updated_at": "2026-11-28T09:00:00+08:00"}  # as pulled


def _change(seq: int, part: Part | None, part_id: str = "") -> dict[str, Any]:
    if part is None:
        return {"seq": seq, "table": "parts", "id": part_id, "row": None}
    return {"seq": seq, "table": "parts", "id": part.id, "row": _wire(part)}


def _parts(store: LocalStore) -> dict[str, tuple[str, str]]:
    rows = store.db.execute("SELECT id, number, name FROM parts").fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


def test_a_clean_local_row_holding_the_natural_key_gives_way() -> None:
    store = open_store(None)
    local = Part(number="GK-100", name="阀门 (old id)", unit_price=1200)
    remote.apply_pull_page(store, [_change(1, local)], 1)
    arriving = Part(number="GK-100", name="阀门", unit_price=1200)
    other = Part(number="GK-200", name="密封圈", unit_price=300)
    remote.apply_pull_page(store, [_change(2, other), _change(3, arriving)], 3)
    assert _parts(store) == {arriving.id: ("GK-100", "阀门"), other.id: ("GK-200", "密封圈")}


def test_a_row_twice_in_one_page_ends_as_its_last_version() -> None:
    store = open_store(None)
    part = Part(number="GK-300", name="first", unit_price=100)
    later = Part(id=part.id, number="GK-300", name="second", unit_price=150)
    remote.apply_pull_page(store, [_change(1, part), _change(2, later)], 2)
    assert _parts(store) == {part.id: ("GK-300", "second")}


def test_a_row_inserted_then_deleted_in_the_same_page_is_gone() -> None:
    store = open_store(None)
    kept = Part(number="GK-400", name="kept", unit_price=100)
    gone = Part(number="GK-500", name="gone", unit_price=100)
    after = Part(number="GK-600", name="after the tombstone", unit_price=100)
    page = [_change(1, kept), _change(2, gone), _change(3, None, gone.id), _change(4, after)]
    remote.apply_pull_page(store, page, 4)
    assert _parts(store) == {
        kept.id: ("GK-400", "kept"),
        after.id: ("GK-600", "after the tombstone"),
    }


def test_two_new_rows_of_one_page_with_the_same_key_keep_the_later() -> None:
    """The second row's collision is with a row still queued: it is written first, then
    cleared, so the page never breaks the local UNIQUE constraint."""
    store = open_store(None)
    first = Part(number="GK-700", name="first id", unit_price=100)
    second = Part(number="GK-700", name="second id", unit_price=100)
    remote.apply_pull_page(store, [_change(1, first), _change(2, second)], 2)
    assert _parts(store) == {second.id: ("GK-700", "second id")}


def test_a_row_whose_key_moves_frees_its_old_key_within_the_page() -> None:
    store = open_store(None)
    part = Part(number="GK-800", name="螺栓", unit_price=100)
    remote.apply_pull_page(store, [_change(1, part)], 1)
    moved = Part(id=part.id, number="GK-801", name="螺栓", unit_price=100)
    newcomer = Part(number="GK-800", name="垫片", unit_price=100)
    remote.apply_pull_page(store, [_change(2, moved), _change(3, newcomer)], 3)
    assert _parts(store) == {part.id: ("GK-801", "螺栓"), newcomer.id: ("GK-800", "垫片")}


def test_a_row_sent_again_unchanged_still_holds_its_key_for_the_page() -> None:
    """A first sync sends the open jobs' rows again as they were stored: nothing is
    rewritten, and the page still knows who holds each key."""
    store = open_store(None)
    part = Part(number="GK-900", name="滤芯", unit_price=100)
    remote.apply_pull_page(store, [_change(1, part)], 1)
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    replacing = Part(number="GK-900", name="滤芯 (new id)", unit_price=100)
    remote.apply_pull_page(store, [_change(2, part), _change(3, replacing)], 3)
    store.db.conn.set_trace_callback(None)
    assert not [s for s in statements if s.startswith("UPDATE [parts]")]
    assert _parts(store) == {replacing.id: ("GK-900", "滤芯 (new id)")}
