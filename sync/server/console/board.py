"""What the dispatch board shows: technicians × the days of a week, and the jobs nobody
holds yet beside it, each job a card with its SLA state and the nearest promise.

Pure reading: rows come from ``record_rows``, the SLA state from ``tech_app.job_sla``
(the technician's job list reads the same), search from ``job_search``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy.engine import Connection

from sync.server import auth, company
from sync.server.job_search import find_jobs
from sync.server.record_rows import live_by_id, live_rows, local_day, moment
from tech_app import job_sla
from tech_app.vocab import JobStatus, JobType

WEEK = 7
# A cancelled job leaves the board unless the office asks for cancelled jobs.
HIDDEN_BY_DEFAULT = frozenset({JobStatus.CANCELLED.value})


@dataclass(frozen=True)
class Filters:
    """What the office narrowed the board to; empty strings mean "any"."""

    day: date
    status: str = ""
    job_type: str = ""
    technician: str = ""
    query: str = ""

    def __post_init__(self) -> None:
        if self.status and self.status not in {s.value for s in JobStatus}:
            object.__setattr__(self, "status", "")
        if self.job_type and self.job_type not in {t.value for t in JobType}:
            object.__setattr__(self, "job_type", "")

    @property
    def week_start(self) -> date:
        return self.day - timedelta(days=self.day.weekday())


@dataclass(frozen=True)
class Card:
    id: str
    number: str
    status: str
    job_type: str
    customer: str
    address: str
    problem: str
    assignee: str
    start: datetime | None  # company time
    end: datetime | None
    flagged: str
    sla_state: str  # "" when the job has no promise running
    sla_promise: str
    sla_remaining: timedelta | None


@dataclass
class Board:
    filters: Filters
    days: list[date]
    technicians: list[str]
    cells: dict[tuple[str, date], list[Card]] = field(default_factory=lambda: defaultdict(list))
    undated: dict[str, list[Card]] = field(default_factory=lambda: defaultdict(list))
    unassigned: list[Card] = field(default_factory=list)

    @property
    def count(self) -> int:
        dated = sum(len(c) for c in self.cells.values())
        return dated + sum(len(c) for c in self.undated.values()) + len(self.unassigned)


def card_of(
    job: dict[str, Any],
    customers: dict[str, dict[str, Any]],
    sites: dict[str, dict[str, Any]],
    zone: tzinfo,
    now: datetime,
) -> Card:
    start, end = moment(job.get("window_start")), moment(job.get("window_end"))
    sla = job_sla.summary(job, now)
    return Card(
        id=str(job["id"]),
        number=str(job["number"]),
        status=str(job["status"]),
        job_type=str(job["job_type"]),
        customer=str(customers.get(str(job["customer_id"]), {}).get("name", "")),
        address=str(sites.get(str(job["site_id"]), {}).get("address", "")),
        problem=str(job.get("problem") or ""),
        assignee=str(job.get("assignee") or ""),
        start=start.astimezone(zone) if start else None,
        end=end.astimezone(zone) if end else None,
        flagged=str(job.get("flagged") or ""),
        sla_state=sla.state.value if sla else "",
        sla_promise=sla.timer.promise.name if sla else "",
        sla_remaining=sla.timer.remaining if sla and sla.timer.done_at is None else None,
    )


def _wanted(job: dict[str, Any], filters: Filters, found: set[str] | None) -> bool:
    if found is not None and str(job["id"]) not in found:
        return False
    if filters.status:
        if job["status"] != filters.status:
            return False
    elif job["status"] in HIDDEN_BY_DEFAULT:
        return False
    if filters.job_type and job["job_type"] != filters.job_type:
        return False
    return not (filters.technician and job.get("assignee") != filters.technician)


def build_board(conn: Connection, filters: Filters, now: datetime) -> Board:
    zone = company.zone(conn)
    days = [filters.week_start + timedelta(days=n) for n in range(WEEK)]
    technicians = auth.user_names(conn, "technician")
    if filters.technician:
        technicians = [t for t in technicians if t == filters.technician]
    board = Board(filters, days, technicians)
    jobs = live_rows(conn, "jobs")
    found = find_jobs(conn, jobs, filters.query) if filters.query.strip() else None
    customers, sites = live_by_id(conn, "customers"), live_by_id(conn, "sites")
    for job in jobs:
        if not _wanted(job, filters, found):
            continue
        card = card_of(job, customers, sites, zone, now)
        day = local_day(card.start, zone) if card.start else None
        if day is not None and not days[0] <= day <= days[-1]:
            continue
        if not card.assignee:
            board.unassigned.append(card)
        elif day is None:
            board.undated[card.assignee].append(card)
        else:
            board.cells[(card.assignee, day)].append(card)
    for cards in [*board.cells.values(), *board.undated.values(), board.unassigned]:
        cards.sort(key=lambda c: (c.start or now, c.number))
    return board
