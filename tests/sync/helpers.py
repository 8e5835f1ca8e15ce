"""Session wrappers that break the network on purpose, and visit helpers."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import requests

from tech_app.blobs import BlobStore
from tech_app.checklist import checklists_of, record_answer
from tech_app.lifecycle import change_status
from tech_app.records import Job
from tech_app.signoff import record_consent
from tech_app.store.local import LocalStore
from tech_app.vocab import ItemKind


class Recording(requests.Session):
    """Counts requests by (method, path) and can act around chosen ones."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.before: Callable[[str, str, dict[str, Any]], None] | None = None
        self.after: Callable[[str, str, requests.Response], None] | None = None

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        path = "/" + url.split("/", 3)[3].split("?")[0] if url.count("/") >= 3 else url
        self.calls.append((method, path, kwargs))
        if self.before:
            self.before(method, path, kwargs)
        response = super().request(method, url, *args, **kwargs)
        if self.after:
            self.after(method, path, response)
        return response

    def count(self, method: str, prefix: str) -> int:
        return sum(1 for m, p, _ in self.calls if m == method and p.startswith(prefix))


class ResponseLost(Exception):
    pass


def answer_everything(store: LocalStore, blobs: BlobStore, job_id: str) -> None:
    """Answer every required checklist item with a valid value."""
    for part in checklists_of(store, job_id):
        for item in part.template.items:
            if not item.required:
                continue
            if item.kind is ItemKind.YES_NO:
                value: object = "yes"
            elif item.kind is ItemKind.NUMBER:
                value = str(item.minimum if item.minimum is not None else 1)
            elif item.kind is ItemKind.CHOICE:
                value = item.choices[0]
            elif item.kind is ItemKind.PHOTO:
                value = blobs.put(b"photo of " + item.key.encode() + b" " + job_id.encode())
            else:
                value = "checked"
            record_answer(store, job_id, item.key, value, asset_id=part.asset_id)


def complete_job(store: LocalStore, blobs: BlobStore, job_id: str, findings: str) -> None:
    change_status(store, job_id, "en_route")
    change_status(store, job_id, "on_site")
    answer_everything(store, blobs, job_id)
    job = store.get(Job, job_id)
    store.save(dataclasses.replace(job, findings=findings, work_done="replaced and tested"))
    change_status(store, job_id, "completed")
    # The customer agrees to the bill as it stands, so the job can be signed.
    record_consent(store, job_id, "customer", None)
