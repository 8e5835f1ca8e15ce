"""A job's activity history: what was changed when, read from the outbox.

STOPGAP: reading the outbox for one job's records is a store query and belongs
in the core (asked for as ``tech_app.history.job_changes(store, job_id)``);
``job_changes`` below is the only SQL in ``ui`` and is read-only. ``describe``
is presentation: it turns a change into a line a technician reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from tech_app.errors import TechAppError
from tech_app.records import ChecklistTemplate, Part
from tech_app.store.local import LocalStore
from ui import labels

# Tables whose rows belong to one job (they have a job_id column).
_JOB_TABLES = (
    "job_assets",
    "checklist_answers",
    "part_usage",
    "time_entries",
    "estimates",
    "consents",
    "signatures",
    "photos",
    "slips",
    "feedback",
    "follow_ups",
    "amendments",
    "jewellery_intakes",
    "intake_steps",
)
_CHUNK = 500  # stay under SQLite's bound-parameter limit


@dataclass(frozen=True)
class Change:
    at: datetime
    table: str
    record_id: str
    op: str  # insert / update
    fields: dict[str, Any]
    state: str  # outbox state: pending until head office has it


def job_changes(store: LocalStore, job_id: str) -> list[Change]:
    """Every outbox mutation of the job and its records, oldest first."""
    ids = [job_id]
    for table in _JOB_TABLES:
        ids += [
            r[0]
            for r in store.db.execute(
                f"SELECT id FROM [{table}] WHERE job_id = ?", [job_id]
            ).fetchall()
        ]
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows += store.db.execute(
            "SELECT mutation_id, created_at, table_name, record_id, op, fields, state "
            f"FROM outbox WHERE record_id IN ({', '.join('?' for _ in chunk)})",
            chunk,
        ).fetchall()
    rows.sort(key=lambda r: r[0])
    return [
        Change(datetime.fromisoformat(r[1]), r[2], r[3], r[4], json.loads(r[5]), r[6]) for r in rows
    ]


def collapse(changes: list[Change]) -> list[Change]:
    """Answers are saved keystroke by keystroke; show a run of edits to one record once."""
    out: list[Change] = []
    for change in changes:
        last = out[-1] if out else None
        if (
            last is not None
            and change.op == "update"
            and last.record_id == change.record_id
            and "status" not in change.fields
        ):
            merged = {**last.fields, **change.fields}
            waiting = {"pending", "sending"} & {last.state, change.state}
            state = "pending" if waiting else change.state
            out[-1] = Change(change.at, change.table, change.record_id, last.op, merged, state)
        else:
            out.append(change)
    return out


def describe(change: Change, store: LocalStore, chinese: bool) -> str:
    """One line: "Status → On site", "Checklist: Tank leaking = yes", "Part SH-FIT-20 × 2"."""
    fields = change.fields
    row = store.row(change.table, change.record_id) or {}
    current = {**row, **fields}
    if change.table == "jobs":
        if change.op == "insert":
            return QCoreApplication.translate("History", "Job created")
        if "status" in fields:
            return QCoreApplication.translate("History", "Status → {status}").format(
                status=labels.word(fields["status"])
            )
        return QCoreApplication.translate("History", "Job details changed: {fields}").format(
            fields=", ".join(sorted(fields))
        )
    if change.table == "checklist_answers":
        label = _item_label(store, current, chinese)
        flag = (
            QCoreApplication.translate("History", " (out of range)")
            if current.get("out_of_range")
            else ""
        )
        value = _answer_words(store, current, chinese)
        return QCoreApplication.translate("History", "Checklist: {item} = {value}{flag}").format(
            item=label, value=value if len(value) < 40 else value[:12] + "…", flag=flag
        )
    if change.table == "part_usage":
        number = _part_number(store, str(current.get("part_id", "")))
        if fields.get("removed_at"):
            return QCoreApplication.translate("History", "Part line {number} removed").format(
                number=number
            )
        text = QCoreApplication.translate("History", "Part {number} × {quantity} ({coverage})")
        if change.op == "update":
            text = QCoreApplication.translate(
                "History", "Part line corrected: {number} × {quantity} ({coverage})"
            )
        return text.format(
            number=number,
            quantity=current.get("quantity", ""),
            coverage=labels.word(str(current.get("coverage", ""))),
        )
    if change.table == "time_entries":
        kind = labels.word(str(current.get("kind", "")))
        if change.op == "insert":
            return QCoreApplication.translate("History", "{kind} timer started").format(kind=kind)
        if "started_at" in fields:
            return QCoreApplication.translate("History", "{kind} time corrected").format(kind=kind)
        return QCoreApplication.translate("History", "{kind} timer stopped").format(kind=kind)
    if change.table == "estimates":
        return QCoreApplication.translate("History", "Estimate shown: {total}").format(
            total=labels.money(int(current.get("total", 0)))
        )
    if change.table == "consents":
        return QCoreApplication.translate("History", "Consent given by {name}").format(
            name=current.get("consented_by", "")
        )
    if change.table == "signatures":
        return QCoreApplication.translate("History", "Signed by {name}").format(
            name=current.get("signer_name", "")
        )
    if change.table == "slips":
        # The revision only says something once the slip was issued again after a change.
        revision = int(current.get("revision", 1) or 1)
        if revision <= 1:
            return QCoreApplication.translate("History", "Slip issued")
        return QCoreApplication.translate(
            "History", "Slip issued again after a change (revision {n})"
        ).format(n=revision)
    if change.table == "photos":
        return QCoreApplication.translate("History", "Photo added")
    if change.table == "job_assets":
        return QCoreApplication.translate("History", "Unit added to the job")
    if change.table == "amendments":
        return QCoreApplication.translate("History", "Amendment: {reason}").format(
            reason=current.get("reason", "")
        )
    if change.table == "jewellery_intakes":
        return QCoreApplication.translate(
            "History", "Piece handed in, form signed by {name} (counterfoil {number})"
        ).format(name=current.get("signer_name", ""), number=current.get("counterfoil_number", ""))
    if change.table == "intake_steps":
        if current.get("state") == "collected":
            return QCoreApplication.translate("History", "Piece handed back against counterfoil")
        return QCoreApplication.translate("History", "Piece ready for collection")
    return f"{change.table} {change.op}"


def _item_label(store: LocalStore, answer: dict[str, Any], chinese: bool) -> str:
    key = str(answer.get("item_key", ""))
    try:
        item = store.get(ChecklistTemplate, str(answer.get("template_id", ""))).item(key)
    except TechAppError:
        return key
    return item.label_zh if chinese and item.label_zh else item.label


def _answer_words(store: LocalStore, answer: dict[str, Any], chinese: bool) -> str:
    """Yes/no and choice answers in words ("是", "已调整"), not their stored codes."""
    value = str(answer.get("value", ""))
    try:
        template = store.get(ChecklistTemplate, str(answer.get("template_id", "")))
        item = template.item(str(answer.get("item_key", "")))
    except TechAppError:
        return value
    return labels.answer(item, value, chinese)


def _part_number(store: LocalStore, part_id: str) -> str:
    try:
        return store.get(Part, part_id).number
    except TechAppError:
        return part_id[:8]
