"""Answering a job's checklists: one per asset on fleet visits, one per job otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tech_app.errors import ValidationError
from tech_app.records import ChecklistAnswer, ChecklistTemplate, JobAsset
from tech_app.records.checklists import check_answer
from tech_app.store.local import LocalStore, utc_now


@dataclass(frozen=True)
class ChecklistPart:
    """One checklist to fill in: the template, and the asset it is for (None = the job)."""

    template: ChecklistTemplate
    asset_id: str | None


def checklists_of(store: LocalStore, job_id: str) -> list[ChecklistPart]:
    links = store.select(
        JobAsset, "job_id = ? AND template_id IS NOT NULL", [job_id], order_by="position"
    )
    return [
        ChecklistPart(store.get(ChecklistTemplate, str(link.template_id)), link.asset_id)
        for link in links
    ]


def record_answer(
    store: LocalStore,
    job_id: str,
    item_key: str,
    raw: object,
    *,
    asset_id: str | None = None,
    now: datetime | None = None,
) -> ChecklistAnswer:
    """Validate and save one answer, replacing an earlier answer to the same item.

    ``asset_id`` may be left out when the job has a single checklist.
    """
    parts = checklists_of(store, job_id)
    if asset_id is None and len(parts) == 1:
        asset_id = parts[0].asset_id
    part = next((p for p in parts if p.asset_id == asset_id), None)
    if part is None:
        where = f"asset {asset_id}" if asset_id else "this job"
        raise ValidationError("checklist_answer.asset_id", f"no checklist for {where}")
    item = part.template.item(item_key)
    checked = check_answer(item, raw)
    existing = store.db.execute(
        "SELECT id FROM checklist_answers WHERE job_id = ? AND ifnull(asset_id, '') = ? "
        "AND item_key = ?",
        [job_id, asset_id or "", item_key],
    ).fetchone()
    answer = ChecklistAnswer(
        **({"id": existing[0]} if existing else {}),
        job_id=job_id,
        asset_id=asset_id,
        template_id=part.template.id,
        item_key=item_key,
        value=checked.value,
        out_of_range=checked.out_of_range,
        answered_at=now or utc_now(),
    )
    return store.save(answer)


def answers_of(store: LocalStore, job_id: str) -> dict[tuple[str | None, str], ChecklistAnswer]:
    return {
        (a.asset_id, a.item_key): a for a in store.select(ChecklistAnswer, "job_id = ?", [job_id])
    }


def missing_required(store: LocalStore, job_id: str) -> list[str]:
    """Labels of required items still unanswered, prefixed by the asset serial on fleet jobs."""
    answers = answers_of(store, job_id)
    parts = checklists_of(store, job_id)
    serials = dict(
        store.db.execute(
            "SELECT a.id, a.serial FROM job_assets ja JOIN assets a ON a.id = ja.asset_id "
            "WHERE ja.job_id = ?",
            [job_id],
        ).fetchall()
    )
    missing: list[str] = []
    for part in parts:
        prefix = f"{serials[part.asset_id]}: " if len(parts) > 1 and part.asset_id else ""
        missing.extend(
            prefix + item.label
            for item in part.template.items
            if item.required and (part.asset_id, item.key) not in answers
        )
    return missing
