"""Everything the job page shows, read once: the job, its customer and site, its units,
the visit as the technician recorded it, the signed slip with its PDF checked against
the hash it is named by and its content hash recomputed from head office's records
(``slip_check``), the SLA promises, and the conflict log.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy.engine import Connection

from sync.server import blobs, company, dispatch, store
from sync.server.follow_ups import follow_up_id
from sync.server.record_rows import moment
from sync.server.sla_overview import promise_timers
from sync.server.slip_check import (
    SlipCheck,
    check_slips,
    recompute_content_hash,
    settings_changed_after,
)
from tech_app.job_sla import replacements
from tech_app.rules.sla import SlaTimer


@dataclass(frozen=True)
class SlipShown:
    id: str
    revision: int
    content_hash: str
    pdf_sha256: str
    pdf_verified: bool  # head office holds the PDF and its bytes hash to pdf_sha256
    created_at: datetime | None
    # The content hash recomputed from head office's records (``slip_check``).
    content_check: SlipCheck = SlipCheck.UNCHECKED
    settings_changed: bool = False  # the company settings changed after it arrived


@dataclass
class JobPage:
    job: dict[str, Any]
    customer: dict[str, Any]
    site: dict[str, Any]
    zone: tzinfo
    timers: list[SlaTimer]
    units: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    parts: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    signatures: list[dict[str, Any]] = field(default_factory=list)
    slips: list[SlipShown] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def local(self, value: object) -> datetime | None:
        found = moment(value)
        return found.astimezone(self.zone) if found else None


def _verified_pdf(conn: Connection, sha256: str) -> bytes | None:
    """The blob's bytes when head office holds them and they hash to their name."""
    data = blobs.get(conn, sha256)
    return data if data is not None and hashlib.sha256(data).hexdigest() == sha256 else None


def _data(conn: Connection, table: str, record_id: str) -> dict[str, Any] | None:
    found = store.load(conn, table, record_id)
    return found.data if found is not None and not found.deleted else None


def read_job_page(conn: Connection, key: str, now: datetime) -> JobPage:
    job = dispatch.find_job(conn, key).data
    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for table, child in store.children_of(conn, str(job["id"])):
        row = _data(conn, table, child)
        if row is not None:
            children[table].append(row)
    follow_up = _data(conn, "follow_ups", follow_up_id(str(job["id"])))
    page = JobPage(
        job=job,
        customer=_data(conn, "customers", str(job["customer_id"])) or {},
        site=_data(conn, "sites", str(job["site_id"])) or {},
        zone=company.zone(conn),
        # A loaner lent keeps the repaired-or-replaced promise, as in the SLA overview.
        timers=promise_timers(
            job, follow_up, now, replacements(children["loans"]).get(str(job["id"]))
        ),
        answers=children["checklist_answers"],
        times=children["time_entries"],
        signatures=children["signatures"],
        conflicts=dispatch.conflicts(conn, str(job["id"])),
    )
    for link in children["job_assets"]:
        page.units.append({**(_data(conn, "assets", str(link["asset_id"])) or {}), **link})
    for line in children["part_usage"]:
        if not line.get("removed_at"):  # a line taken back before sign-off is no part of it
            part = _data(conn, "parts", str(line["part_id"])) or {}
            page.parts.append({**line, "part_name": part.get("name", line["part_id"])})
    slips = sorted(children["slips"], key=lambda s: int(s["revision"]))
    checks = (
        check_slips(
            [(int(s["revision"]), str(s["content_hash"])) for s in slips],
            recompute_content_hash(conn, str(job["id"])),
        )
        if slips
        else {}
    )
    for slip in slips:
        page.slips.append(
            SlipShown(
                id=str(slip["id"]),
                revision=int(slip["revision"]),
                content_hash=str(slip["content_hash"]),
                pdf_sha256=str(slip["pdf_sha256"]),
                pdf_verified=_verified_pdf(conn, str(slip["pdf_sha256"])) is not None,
                created_at=page.local(slip.get("created_at")),
                content_check=checks[int(slip["revision"])],
                settings_changed=settings_changed_after(conn, str(slip["id"])),
            )
        )
    return page


def slip_pdf(conn: Connection, key: str, slip_id: str) -> bytes | None:
    """The PDF of one of the job's slips, when head office holds it whole."""
    job = dispatch.find_job(conn, key)
    slip = _data(conn, "slips", slip_id)
    if slip is None or slip.get("job_id") != job.id:
        return None
    return _verified_pdf(conn, str(slip["pdf_sha256"]))
