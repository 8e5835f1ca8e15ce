"""Rapid edits of one field fold into one outbox mutation, and never one a push has taken.

Typing a finding or a text answer saves on every keystroke; before, each keystroke was
a mutation to push. Folding is only safe into a mutation no push has taken yet: one on
the wire may already be applied at head office, and an edit folded into it would be
lost when head office answers the retry as a replay.
"""

from __future__ import annotations

import dataclasses
import json

from tech_app.checklist import checklists_of, record_answer
from tech_app.demo import demo_id
from tech_app.lifecycle import change_status
from tech_app.records import Job
from tech_app.store import remote
from tech_app.store.local import LocalStore
from tech_app.vocab import ItemKind


def _outbox(store: LocalStore) -> list[tuple[str, str, dict[str, object], str]]:
    return [
        (table, record_id, json.loads(fields), state)
        for table, record_id, fields, state in store.db.execute(
            "SELECT table_name, record_id, fields, state FROM outbox ORDER BY mutation_id"
        )
    ]


def _text_item(store: LocalStore, job_id: str) -> str:
    (part,) = checklists_of(store, job_id)
    return next(item.key for item in part.template.items if item.kind is ItemKind.TEXT)


def _typing(store: LocalStore, job_id: str, key: str, text: str) -> None:
    for end in range(1, len(text) + 1):
        record_answer(store, job_id, key, text[:end])


def test_typing_an_answer_queues_one_mutation_with_the_last_text(demo_store: LocalStore) -> None:
    job_id = demo_id("job:ring")
    key = _text_item(demo_store, job_id)
    before = len(_outbox(demo_store))
    _typing(demo_store, job_id, key, "足金戒指 18号")
    queued = _outbox(demo_store)[before:]
    assert len(queued) == 1
    table, _, fields, state = queued[0]
    assert (table, fields["item_key"], fields["value"], state) == (
        "checklist_answers",
        key,
        "足金戒指 18号",
        "pending",
    )


def test_an_edit_of_another_record_in_between_keeps_both(demo_store: LocalStore) -> None:
    job_id = demo_id("job:ring")
    key = _text_item(demo_store, job_id)
    before = len(_outbox(demo_store))
    record_answer(demo_store, job_id, key, "戒指")
    job = demo_store.get(Job, job_id)
    demo_store.save(dataclasses.replace(job, findings="主石松动"))
    record_answer(demo_store, job_id, key, "戒指 18号")
    assert [t for t, *_ in _outbox(demo_store)[before:]] == [
        "checklist_answers",
        "jobs",
        "checklist_answers",
    ]


def test_another_field_of_the_record_is_a_mutation_of_its_own(demo_store: LocalStore) -> None:
    # Head office takes or refuses a mutation whole: a refused field must not take a good
    # edit down with it.
    job_id = demo_id("job:ring")
    demo_store.save(dataclasses.replace(demo_store.get(Job, job_id), findings="主石"))
    demo_store.save(dataclasses.replace(demo_store.get(Job, job_id), findings="主石松动"))
    demo_store.save(dataclasses.replace(demo_store.get(Job, job_id), work_done="紧固主石"))
    jobs = [fields for table, _, fields, _ in _outbox(demo_store) if table == "jobs"]
    assert [sorted(f) for f in jobs[-2:]] == [["findings"], ["work_done"]]
    assert jobs[-2]["findings"] == "主石松动"


def test_a_status_step_is_never_folded(demo_store: LocalStore) -> None:
    job_id = demo_id("job:ring")
    before = len(_outbox(demo_store))
    change_status(demo_store, job_id, "en_route")
    change_status(demo_store, job_id, "on_site")
    statuses = [f["status"] for t, _, f, _ in _outbox(demo_store)[before:] if "status" in f]
    assert statuses == ["en_route", "on_site"]


def test_an_edit_after_a_push_took_the_mutation_gets_its_own(demo_store: LocalStore) -> None:
    job_id = demo_id("job:ring")
    key = _text_item(demo_store, job_id)
    before = len(_outbox(demo_store))
    record_answer(demo_store, job_id, key, "戒指")
    taken = remote.take_for_push(demo_store, 10_000)
    assert taken and all(m["state"] == "sending" for m in taken)
    record_answer(demo_store, job_id, key, "戒指 18号")  # typed while the push is on the wire
    queued = _outbox(demo_store)[before:]
    assert [(f["value"], state) for _, _, f, state in queued] == [
        ("戒指", "sending"),
        ("戒指 18号", "pending"),
    ]
    # A push that failed sends the taken mutation again unchanged, then the new one.
    again = remote.take_for_push(demo_store, 10_000)
    assert [m["mutation_id"] for m in again[: len(taken)]] == [m["mutation_id"] for m in taken]
    assert json.loads(again[-1]["fields"])["value"] == "戒指 18号"
