"""Answering a job's checklists: one per asset on fleet visits, one per job otherwise."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Final

from tech_app.errors import ValidationError
from tech_app.records import ChecklistAnswer, ChecklistTemplate, JobAsset
from tech_app.records.checklists import check_answer
from tech_app.store.local import LocalStore, utc_now
from tech_app.vocab import ItemKind

# The checklist item whose reading is also the unit's hour meter on this visit.
HOUR_METER_ITEM: Final = "hour_meter"


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
        ChecklistPart(
            store.get_parsed_once(ChecklistTemplate, str(link.template_id)), link.asset_id
        )
        for link in links
    ]


def record_answer(
    store: LocalStore,
    job_id: str,
    item_key: str,
    raw: object,
    *,
    asset_id: str | None = None,
    decimal_comma: bool = False,
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
    checked = check_answer(item, raw, decimal_comma=decimal_comma)
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
    if item.key != HOUR_METER_ITEM or item.kind is not ItemKind.NUMBER or asset_id is None:
        return store.save(answer)  # its own transaction: no savepoint inside another
    with store.transaction():
        saved = store.save(answer)
        _keep_hour_meter(store, job_id, asset_id, Decimal(checked.value))
    return saved


def _keep_hour_meter(store: LocalStore, job_id: str, asset_id: str, reading: Decimal) -> None:
    """The meter reading also goes on the job's unit link: schedules and warranty use it there.

    A negative or fractional reading stays a (flagged) answer but is no meter value.
    """
    links = store.select(JobAsset, "job_id = ? AND asset_id = ?", [job_id, asset_id])
    if not links or reading < 0 or reading != reading.to_integral_value():
        return
    store.save(dataclasses.replace(links[0], hour_meter=int(reading)))


def answers_of(store: LocalStore, job_id: str) -> dict[tuple[str | None, str], ChecklistAnswer]:
    return {
        (a.asset_id, a.item_key): a for a in store.select(ChecklistAnswer, "job_id = ?", [job_id])
    }


def missing_required(store: LocalStore, job_id: str, *, chinese: bool = False) -> list[str]:
    """Labels of required items still unanswered, prefixed by the asset serial on fleet jobs.

    ``chinese``: the template's Chinese labels (where it has them), as the form shows them.
    """
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
            prefix + (item.label_zh if chinese and item.label_zh else item.label)
            for item in part.template.items
            if item.required and (part.asset_id, item.key) not in answers
        )
    return missing


@dataclass(frozen=True)
class UnitProgress:
    """One unit of a visit: done once every required item of its checklist is answered."""

    asset_id: str
    serial: str
    missing: int  # required items still unanswered
    hour_meter: int | None  # read on this visit

    @property
    def done(self) -> bool:
        return self.missing == 0


@dataclass(frozen=True)
class VisitProgress:
    units: tuple[UnitProgress, ...]

    @property
    def done(self) -> int:
        return sum(1 for unit in self.units if unit.done)

    @property
    def total(self) -> int:
        return len(self.units)


@dataclass(frozen=True)
class JobChecklists:
    """A job's checklists and their answers, read once for the questions asked of both."""

    job_id: str
    parts: tuple[ChecklistPart, ...]
    answers: Mapping[tuple[str | None, str], ChecklistAnswer]  # by (unit, item key)


def job_checklists(store: LocalStore, job_id: str) -> JobChecklists:
    return JobChecklists(job_id, tuple(checklists_of(store, job_id)), answers_of(store, job_id))


def visit_progress(store: LocalStore, job_id: str) -> VisitProgress:
    """How far a visit has got, unit by unit, in the job's unit order ("4 of 6 trucks done")."""
    return progress_of(store, job_checklists(store, job_id))


def progress_of(store: LocalStore, read: JobChecklists) -> VisitProgress:
    """``visit_progress`` over the checklists and answers already read."""
    job_id, answers = read.job_id, read.answers
    links = {link.asset_id: link for link in store.select(JobAsset, "job_id = ?", [job_id])}
    serials = dict(
        store.db.execute(
            "SELECT a.id, a.serial FROM job_assets ja JOIN assets a ON a.id = ja.asset_id "
            "WHERE ja.job_id = ?",
            [job_id],
        ).fetchall()
    )
    units = []
    for part in read.parts:
        if part.asset_id is None:
            continue
        missing = sum(
            1
            for item in part.template.items
            if item.required and (part.asset_id, item.key) not in answers
        )
        units.append(
            UnitProgress(
                part.asset_id,
                serials.get(part.asset_id, ""),
                missing,
                links[part.asset_id].hour_meter if part.asset_id in links else None,
            )
        )
    return VisitProgress(tuple(units))
