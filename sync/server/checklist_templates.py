"""Checklist templates at head office: the newest revision of each, and a change saved as
a new revision (a new record under the same code), so a job keeps the revision it was
planned with and its answers keep meaning what they meant."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from sync.server import dispatch
from sync.server.record_rows import live_rows
from tech_app.errors import NotFoundError
from tech_app.records import ChecklistItem, ChecklistTemplate
from tech_app.records.codec import from_row

TABLE = "checklist_templates"


def latest(conn: Connection) -> dict[str, dict[str, Any]]:
    """The newest revision of every template, by code."""
    newest: dict[str, dict[str, Any]] = {}
    for row in live_rows(conn, TABLE):
        code = str(row["code"])
        if code not in newest or int(row["revision"]) > int(newest[code]["revision"]):
            newest[code] = row
    return newest


def current(conn: Connection, code: str) -> ChecklistTemplate:
    found = latest(conn).get(code)
    if found is None:
        raise NotFoundError("checklist template", code)
    return from_row(ChecklistTemplate, found)


def revise(
    conn: Connection, code: str, title: str, title_zh: str, items: tuple[ChecklistItem, ...]
) -> ChecklistTemplate:
    """Save a change as the next revision; nothing when nothing changed."""
    now = current(conn, code)
    if (now.title, now.title_zh, now.items) == (title, title_zh, items):
        return now
    revised = ChecklistTemplate(
        code=code, revision=now.revision + 1, title=title, title_zh=title_zh, items=items
    )
    dispatch.put_record(conn, revised)
    return revised
