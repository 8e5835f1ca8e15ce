"""Earlier visits of the units on a technician's jobs, sent with the pull as read-only context.

A technician reads only their own jobs and what hangs off them. To compare
readings and honour a fitted part's warranty on site, they also need what
colleagues did to the same units. They get it as summaries
(``tech_app.records.history.AssetVisit``): per earlier finished visit and per
unit of theirs, the job number, date, technician, hour meter, that unit's
readings and parts — never the other job itself, its customer notes, or its
other units.

Summaries are derived, not stored: a pull page carries a summary when
something it is built from changed after the cursor (the earlier job, its
unit link, an answer, a part line), or when the unit itself is (re)sent, which
is what happens when a job on it is granted to the technician. The summary is
built from the current state, so sending it twice does no harm.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.server import tables as t
from sync.server.record_rows import data_of, joined, live_rows, moment
from tech_app.asset_history import HISTORY_VISITS, visit_moment, visit_time
from tech_app.records import Job
from tech_app.records.codec import from_row, to_row
from tech_app.records.history import (
    HISTORY_TABLE,
    AssetVisit,
    VisitPart,
    VisitReading,
    asset_visit_id,
)
from tech_app.vocab import JobStatus

TABLE = HISTORY_TABLE
_DONE = frozenset({JobStatus.COMPLETED.value, JobStatus.SIGNED.value})
TRIGGER = "history_of_job"  # marks a page entry that becomes summaries (from the feed)


def _granted_among(conn: Connection, technician: str, asset_ids: set[str]) -> set[str]:
    if not asset_ids:
        return set()
    g = t.grants.c
    return set(
        conn.execute(
            sa.select(g.record_id).where(
                g.technician == technician,
                g.table_name == "assets",
                g.record_id.in_(sorted(asset_ids)),
            )
        ).scalars()
    )


def expand(
    conn: Connection,
    technician: str,
    page: list[dict[str, Any]],
    *,
    only: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Replace trigger entries by the summaries they stand for; add the history of units sent.

    Each summary goes out once per page, at the sequence of the newest change behind it.
    A page costs a few statements for its units and their jobs together, then the rows of
    each summary it sends. ``only`` limits the summaries to those units (``unit_history``).
    """
    units_of = {str(c[TRIGGER]): _assets_of(conn, c[TRIGGER]) for c in page if TRIGGER in c}
    if only is not None:
        units_of = {job_id: units & only for job_id, units in units_of.items()}
    candidates = {str(c["id"]) for c in page if c.get("table") == "assets" and c.get("row")}
    candidates = candidates.union(*units_of.values())
    if only is not None:
        candidates &= only
    # Only the units this page names are looked up: an idle pull costs nothing here.
    granted = _granted_among(conn, technician, candidates)
    recent = _recent_jobs(conn, candidates & granted)
    wanted: dict[tuple[str, str], int] = {}
    out = []
    for change in page:
        if TRIGGER in change:
            for asset_id in units_of[str(change[TRIGGER])] & granted:
                key = (str(change[TRIGGER]), asset_id)
                wanted[key] = max(wanted.get(key, 0), int(change["seq"]))
            continue
        out.append(change)
        if change["table"] == "assets" and change["row"] is not None and change["id"] in granted:
            for job_id in recent[str(change["id"])]:
                key = (job_id, str(change["id"]))
                wanted[key] = max(wanted.get(key, 0), int(change["seq"]))
    jobs = _live_jobs(conn, {job_id for job_id, _asset in wanted})
    for (job_id, asset_id), seq in sorted(wanted.items(), key=lambda item: item[1]):
        job = jobs.get(job_id)
        if job_id not in recent[asset_id] or job is None or job["owner"] == technician:
            continue
        summary = build_summary(conn, job["data"], asset_id)
        out.append({"seq": seq, "table": TABLE, "id": summary["id"], "row": summary})
    out.sort(key=lambda c: c["seq"])
    return out


def unit_history(
    conn: Connection, technician: str, units: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The summaries a pull from zero sends the technician about these units: ``expand``
    over the units' changes (as the pull sends them) and the technician's feed entries for
    the units' recent visits, as if all were one page, keeping those units' summaries only.

    It costs what the units cost, not what the technician's other jobs do: the slip check
    (``sync.server.slip_check``) rebuilds one job's history with it."""
    asset_ids = {str(c["id"]) for c in units if c.get("table") == "assets" and c.get("row")}
    recent = _recent_jobs(conn, _granted_among(conn, technician, asset_ids))
    visits = sorted(set().union(*recent.values()))
    f = t.feed.c
    triggers = (
        [
            {"seq": row.seq, TRIGGER: row.record_id}
            for row in conn.execute(
                sa.select(f.seq, f.record_id).where(
                    f.technician == technician,
                    f.table_name == TRIGGER,
                    f.record_id.in_(visits),
                )
            )
        ]
        if visits
        else []
    )
    page = sorted([*units, *triggers], key=lambda c: int(c["seq"]))
    return [c for c in expand(conn, technician, page, only=asset_ids) if c["table"] == TABLE]


def _live_jobs(conn: Connection, job_ids: set[str]) -> dict[str, dict[str, Any]]:
    """The jobs not deleted among ``job_ids``: their rows and owners, in one statement."""
    if not job_ids:
        return {}
    jobs = t.kinds["jobs"]
    query = joined("jobs").where(jobs.c.id.in_(sorted(job_ids)), t.records.c.deleted.is_(False))
    return {
        row.id: {"data": data_of("jobs", row), "owner": row.sync_owner}
        for row in conn.execute(query)
    }


def _load(conn: Connection, table: str, record_id: str) -> dict[str, Any] | None:
    row = conn.execute(joined(table).where(t.kinds[table].c.id == record_id)).first()
    if row is None or row.sync_deleted:
        return None
    return {"data": data_of(table, row), "owner": row.sync_owner}


def _assets_of(conn: Connection, job_id: str) -> set[str]:
    return set(
        conn.execute(
            sa.select(t.job_refs.c.record_id).where(
                t.job_refs.c.job_id == job_id, t.job_refs.c.table_name == "assets"
            )
        ).scalars()
    )


def _recent_jobs(conn: Connection, asset_ids: set[str]) -> dict[str, list[str]]:
    """Each unit's last finished visits, newest first, as many as the job view shows: one
    query for the units' done jobs and the three moments that date a visit."""
    recent: dict[str, list[str]] = {asset_id: [] for asset_id in asset_ids}
    if not asset_ids:
        return recent
    jobs, refs, r = t.kinds["jobs"], t.job_refs.c, t.records.c
    found = conn.execute(
        sa.select(
            refs.record_id, jobs.c.id, jobs.c.completed_at, jobs.c.on_site_at, jobs.c.reported_at
        )
        .select_from(
            t.job_refs.join(jobs, jobs.c.id == refs.job_id).join(
                t.records, sa.and_(r.table_name == "jobs", r.id == jobs.c.id)
            )
        )
        .where(
            refs.table_name == "assets",
            refs.record_id.in_(sorted(asset_ids)),
            jobs.c.status.in_(sorted(_DONE)),
            r.deleted.is_(False),
        )
    ).all()
    dated: dict[str, list[tuple[datetime, str]]] = {asset_id: [] for asset_id in asset_ids}
    for row in found:
        when = visit_moment(moment(row.completed_at), moment(row.on_site_at), _at(row.reported_at))
        dated[row.record_id].append((when, row.id))
    for asset_id, visits in dated.items():
        visits.sort(reverse=True)
        recent[asset_id] = [job_id for _when, job_id in visits[:HISTORY_VISITS]]
    return recent


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _children(conn: Connection, table: str, job_id: str) -> Iterable[dict[str, Any]]:
    return live_rows(conn, table, t.kinds[table].c.job_id == job_id)


def build_summary(conn: Connection, job_data: dict[str, Any], asset_id: str) -> dict[str, Any]:
    """One earlier visit of one unit, as the wire row of an ``AssetVisit``."""
    job = from_row(Job, job_data)
    links = list(_children(conn, "job_assets", job.id))
    link = next((ln for ln in links if ln["asset_id"] == asset_id), None)

    def of_unit(line: dict[str, Any]) -> bool:
        # Lines without a unit belong to the unit when the job had only one.
        return line.get("asset_id") == asset_id or (not line.get("asset_id") and len(links) == 1)

    readings = sorted(
        (
            VisitReading(item_key=a["item_key"], value=a["value"])
            for a in _children(conn, "checklist_answers", job.id)
            if of_unit(a)
        ),
        key=lambda r: r.item_key,
    )
    parts = []
    for line in sorted(_children(conn, "part_usage", job.id), key=lambda u: u["used_at"]):
        if not of_unit(line) or line.get("removed_at"):
            continue  # another unit's, or taken back before sign-off
        part = _load(conn, "parts", line["part_id"])
        number = part["data"]["number"] if part else line["part_id"]
        parts.append(
            VisitPart(
                part_number=number,
                part_name=part["data"]["name"] if part else number,
                part_name_zh=part["data"].get("name_zh", "") if part else "",
                quantity=Decimal(str(line["quantity"])),
                serial_out=line.get("serial_out", ""),
                serial_in=line.get("serial_in", ""),
            )
        )
    visit = AssetVisit(
        id=asset_visit_id(job.id, asset_id),
        asset_id=asset_id,
        visit_job_id=job.id,
        job_number=job.number,
        job_type=job.job_type.value,
        visited_at=visit_time(job),
        technician=job.assignee,
        hour_meter=link.get("hour_meter") if link else None,
        work_done=job.work_done,
        readings=tuple(readings),
        parts=tuple(parts),
    )
    row = json.loads(json.dumps(to_row(visit), ensure_ascii=False))
    # Nested lists travel as JSON, not JSON text inside JSON (as checklist items do).
    row["readings"] = json.loads(row["readings"])
    row["parts"] = json.loads(row["parts"])
    return {**row, "version": 1, "updated_at": row["visited_at"]}
