"""A unit's earlier visit as head office sends it: read-only context, never edited on site.

The technician's own jobs are full records in the local store. Visits other
technicians made to the units of the technician's jobs arrive as these
summaries instead: the job number, date, meter, readings and parts for that one
unit, and nothing else of the other job (no customer notes, no other units).
They live in their own table, so they never show in the job list, never enter
the outbox and are never pushed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Final

from tech_app.records.validate import check_aware, check_id, check_text

# The table both ends name these summaries by, on the wire and in the local store.
HISTORY_TABLE: Final = "asset_visits"

# Summary ids are derived, so head office sending one again replaces it.
_NAMESPACE: Final = uuid.UUID("0d7f3c52-5a0e-4d1e-9b8a-6a3c1f2e4b71")


def asset_visit_id(job_id: str, asset_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{job_id}:{asset_id}"))


@dataclass(frozen=True, kw_only=True)
class VisitReading:
    item_key: str
    value: str


@dataclass(frozen=True, kw_only=True)
class VisitPart:
    part_number: str
    part_name: str
    part_name_zh: str = ""
    quantity: Decimal
    serial_out: str = ""
    serial_in: str = ""


@dataclass(frozen=True, kw_only=True)
class AssetVisit:
    id: str
    asset_id: str
    visit_job_id: str  # not "job_id": this row hangs off no job of this technician
    job_number: str
    job_type: str
    visited_at: datetime
    technician: str
    hour_meter: int | None = None
    work_done: str = ""
    readings: tuple[VisitReading, ...] = ()
    parts: tuple[VisitPart, ...] = ()

    def __post_init__(self) -> None:
        check_id("asset_visit.id", self.id)
        check_id("asset_visit.asset_id", self.asset_id)
        check_id("asset_visit.visit_job_id", self.visit_job_id)
        check_text("asset_visit.job_number", self.job_number, max_length=40)
        check_aware("asset_visit.visited_at", self.visited_at)
