"""What a job's checklist tab shows, read once: the forms, the answers, each unit's earlier
readings beside this visit's and the visit's progress.

The checklist form asked ``checklists_of``, ``answers_of``, ``compared_readings`` and
``visit_progress`` one after another, and each read the answers (and the templates)
again. ``checklist_sheet`` reads them once and decides the rest from what it read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tech_app.asset_history import ComparedReading, readings_compared
from tech_app.checklist import ChecklistPart, VisitProgress, job_checklists, progress_of
from tech_app.coverage import job_assets
from tech_app.records import Asset, ChecklistAnswer
from tech_app.store.local import LocalStore


@dataclass(frozen=True)
class ChecklistSheet:
    parts: tuple[ChecklistPart, ...]  # one per unit on a fleet visit, else one
    assets: tuple[Asset, ...]  # the job's units, in its order
    answers: Mapping[tuple[str | None, str], ChecklistAnswer]  # by (unit, item key)
    compared: Mapping[tuple[str, str], ComparedReading]  # (unit, item key) read before
    progress: VisitProgress


def checklist_sheet(store: LocalStore, job_id: str) -> ChecklistSheet:
    read = job_checklists(store, job_id)
    return ChecklistSheet(
        parts=read.parts,
        assets=tuple(job_assets(store, job_id)),
        answers=read.answers,
        compared=readings_compared(store, read),
        progress=progress_of(store, read),
    )


__all__ = ["ChecklistSheet", "checklist_sheet"]
