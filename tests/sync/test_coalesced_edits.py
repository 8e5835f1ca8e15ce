"""Edits typed while a push is on the wire reach head office: folding never races a push."""

from __future__ import annotations

import dataclasses
from typing import Any

from sync.client.http import SyncClient
from tech_app.records import Job
from tests.sync.conftest import Server
from tests.sync.test_write_gate import stored_job


def test_findings_typed_during_a_push_are_not_lost(
    server: Server, device_factory: Any, monkeypatch: Any
) -> None:
    tech = server.technician()
    job_id = server.dispatch_demo(tech)["printer"]
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    store = laptop.store

    def type_findings(text: str) -> None:
        for end in range(1, len(text) + 1):
            job = store.get(Job, job_id)
            store.save(dataclasses.replace(job, findings=text[:end]))

    type_findings("卡纸")
    real_push = SyncClient.push
    typed_meanwhile: list[str] = []

    def push_while_typing(self: SyncClient, request: Any) -> Any:
        if not typed_meanwhile:  # the technician keeps typing while the request is out
            typed_meanwhile.append("x")
            type_findings("卡纸，定影器磨损")
        return real_push(self, request)

    monkeypatch.setattr(SyncClient, "push", push_while_typing)
    assert laptop.sync().ok
    monkeypatch.undo()
    assert laptop.sync().ok
    assert stored_job(server, job_id)["findings"] == "卡纸，定影器磨损"
    assert store.pending_count() == 0
