"""How customers rated each technician over a period, from the follow-up calls.

Each answered questionnaire (``follow_ups.record_answers``, stored as the job's
``feedback``) recorded in the period counts for the job's technician: the share of
problems solved and of visits on time, the mean attitude and skill (1-5), and the
overcharges found on those calls, which count against the technician.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.engine import Connection

from sync.server import company
from sync.server.follow_ups import overcharges_by_job
from sync.server.record_rows import live_by_id, live_rows, local_day, moment
from tech_app.errors import ValidationError

UNASSIGNED = ""


@dataclass
class Rating:
    technician: str
    calls: int = 0
    solved: int = 0
    on_time: int = 0
    attitude: list[int] = field(default_factory=list)
    skill: list[int] = field(default_factory=list)
    overcharges: int = 0
    overcharged: int = 0  # minor units, to refund

    @staticmethod
    def _mean(values: list[int]) -> Decimal | None:
        if not values:
            return None
        return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def mean_attitude(self) -> Decimal | None:
        return self._mean(self.attitude)

    @property
    def mean_skill(self) -> Decimal | None:
        return self._mean(self.skill)


def ratings(conn: Connection, first: date, last: date) -> list[Rating]:
    """One rating per technician with answered calls from ``first`` to ``last`` (company
    days, both included), by name."""
    if last < first:
        raise ValidationError("to", f"{last.isoformat()} is before {first.isoformat()}")
    zone = company.zone(conn)
    jobs = live_by_id(conn, "jobs")
    over = overcharges_by_job(conn)
    found: dict[str, Rating] = {}
    for answer in live_rows(conn, "feedback"):
        recorded = moment(answer.get("recorded_at"))
        job = jobs.get(str(answer["job_id"]))
        if recorded is None or job is None or not first <= local_day(recorded, zone) <= last:
            continue
        name = str(job.get("assignee") or UNASSIGNED)
        rating = found.setdefault(name, Rating(name))
        rating.calls += 1
        rating.solved += bool(answer.get("problem_solved"))
        rating.on_time += bool(answer.get("on_time"))
        for key, values in (("attitude", rating.attitude), ("skill", rating.skill)):
            if answer.get(key) is not None:
                values.append(int(answer[key]))
        if str(job["id"]) in over:
            rating.overcharges += 1
            rating.overcharged += over[str(job["id"])]
    return [found[name] for name in sorted(found)]
