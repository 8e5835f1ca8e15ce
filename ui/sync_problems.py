"""What sync did with the technician's data that they should know about, and a dialog listing it.

Two kinds: a change head office refused (it stays in the outbox, marked rejected,
and the data stays on this laptop), and a job head office removed while work on it
was not yet synced (the work is kept and the job flagged ``remote.KEPT_FLAG``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from tech_app.store import remote
from tech_app.store.local import LocalStore


@dataclass(frozen=True)
class SyncProblem:
    kind: str  # "refused" or "kept"
    job_number: str  # empty when the record no longer points at a job here
    table: str
    reason: str


def _job_number(store: LocalStore, table: str, record_id: str) -> str:
    try:
        if table == "jobs":
            row = store.db.execute("SELECT number FROM jobs WHERE id = ?", [record_id]).fetchone()
        else:
            row = store.db.execute(
                f"SELECT jobs.number FROM [{table}] JOIN jobs ON jobs.id = [{table}].job_id "
                f"WHERE [{table}].id = ?",
                [record_id],
            ).fetchone()
    except sqlite3.OperationalError:  # a table with no job_id: a van stock or customer row
        return ""
    return str(row[0]) if row else ""


def list_problems(store: LocalStore) -> list[SyncProblem]:
    problems = [
        SyncProblem(
            "refused",
            _job_number(store, str(m["table_name"]), str(m["record_id"])),
            str(m["table_name"]),
            str(m["reason"] or ""),
        )
        for m in remote.rejected_mutations(store)
    ]
    problems += [SyncProblem("kept", number, "jobs", "") for number in remote.kept_jobs(store)]
    return problems


class SyncProblemsDialog(QDialog):
    """Each problem as a sentence saying what happened to the technician's data."""

    def __init__(self, problems: list[SyncProblem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_problems")
        self.setWindowTitle(self.tr("Sync problems"))
        self.resize(640, 360)
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        for problem in problems:
            self.list.addItem(self.sentence(problem))
        if not problems:
            layout.addWidget(QLabel(self.tr("Head office has taken every change you made."), self))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def part(self, table: str) -> str:
        names = {
            "jobs": self.tr("details"),
            "checklist_answers": self.tr("checklist"),
            "part_usage": self.tr("parts"),
            "time_entries": self.tr("time"),
            "signatures": self.tr("signature"),
            "photos": self.tr("photos"),
            "slips": self.tr("service slip"),
            "estimates": self.tr("estimate"),
            "consents": self.tr("consent"),
            "jewellery_intakes": self.tr("registration form"),
            "intake_steps": self.tr("piece ready or handed back"),
        }
        return names.get(table, table)

    def sentence(self, problem: SyncProblem) -> str:
        if problem.kind == "kept":
            return self.tr(
                "Head office removed job {job} while your work on it was not yet synced. "
                "Your work is kept on this laptop and the job is flagged for review."
            ).format(job=problem.job_number)
        job = problem.job_number or self.tr("(no job)")
        return self.tr(
            "Your change to job {job} ({part}) was refused by head office: {reason}. "
            "It is kept on this laptop."
        ).format(job=job, part=self.part(problem.table), reason=problem.reason)
