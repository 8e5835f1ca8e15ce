"""The SLA overview: how the promises went, per promise and per technician, for a period.

Every job reported in the period (company days, both included) with an SLA policy
counts once per promise of its policy, in the state ``tech_app.job_sla`` gives the
technician's app (met / at risk / breached / on track) at ``now``. The follow-up
promise is kept by head office's call, so it is done when the follow-up was answered.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from sync.server import company
from sync.server.follow_ups import follow_up_id
from sync.server.record_rows import live_by_id, live_rows, moment
from tech_app.errors import ValidationError
from tech_app.job_sla import job_timers, replacements
from tech_app.rules.sla import FOLLOW_UP, SlaTimer, policy_named, sla_timers
from tech_app.vocab import SlaState

STATES = (SlaState.MET, SlaState.AT_RISK, SlaState.BREACHED, SlaState.ON_TRACK)
CSV_COLUMNS = ("technician", "policy", "promise", *(s.value for s in STATES), "jobs")
ALL_TECHNICIANS = "(all)"
UNASSIGNED = "(unassigned)"


def _follow_up_timer(job: dict[str, Any], done_at: datetime | None, now: datetime) -> SlaTimer:
    reported = moment(job["reported_at"])
    assert reported is not None
    policy = policy_named(str(job["sla_policy"]))
    done = {FOLLOW_UP: done_at} if done_at is not None and done_at >= reported else {}
    return next(t for t in sla_timers(policy, reported, done, now) if t.promise.name == FOLLOW_UP)


def promise_timers(
    job: dict[str, Any],
    follow_up: dict[str, Any] | None,
    now: datetime,
    replaced_at: datetime | None = None,
) -> list[SlaTimer]:
    """Every promise of the job, the follow-up call kept by head office's answer; a loaner
    lent at ``replaced_at`` keeps the repaired-or-replaced promise."""
    timers = list(job_timers(job, now, replaced_at=replaced_at))
    for n, timer in enumerate(timers):
        if timer.promise.name == FOLLOW_UP:
            done_at = moment(follow_up.get("done_at")) if follow_up else None
            timers[n] = _follow_up_timer(job, done_at, now)
    return timers


def sla_overview(conn: Connection, first: date, last: date, now: datetime) -> dict[str, Any]:
    """Counts per (technician, policy, promise), totals per promise, and each job's timers."""
    if last < first:
        raise ValidationError("to", f"{last.isoformat()} is before {first.isoformat()}")
    if now.tzinfo is None:
        raise ValidationError("at", "needs a time zone")
    if last >= date.max:  # the period ends at midnight after its last day
        raise ValidationError("to", f"must be before {date.max.isoformat()}")
    zone = company.zone(conn)
    start = datetime.combine(first, time(0), zone)
    end = datetime.combine(last + timedelta(days=1), time(0), zone)
    follow_ups = live_by_id(conn, "follow_ups")
    replaced = replacements(live_rows(conn, "loans"))
    counts: Counter[tuple[str, str, str, str]] = Counter()
    jobs_out = []
    for job in live_rows(conn, "jobs"):
        reported = moment(job["reported_at"])
        if not job.get("sla_policy") or reported is None or not start <= reported < end:
            continue
        technician = str(job.get("assignee") or UNASSIGNED)
        timers = promise_timers(
            job, follow_ups.get(follow_up_id(str(job["id"]))), now, replaced.get(str(job["id"]))
        )
        for timer in timers:
            counts[(technician, str(job["sla_policy"]), timer.promise.name, timer.state.value)] += 1
        if timers:
            jobs_out.append(
                {
                    "job_id": job["id"],
                    "number": job["number"],
                    "technician": technician,
                    "policy": job["sla_policy"],
                    "promises": [
                        {
                            "promise": t.promise.name,
                            "state": t.state.value,
                            "deadline": t.deadline.isoformat(),
                            "done_at": t.done_at.isoformat() if t.done_at else None,
                        }
                        for t in timers
                    ],
                }
            )
    rows = _rows(counts)
    jobs_out.sort(key=lambda j: (j["technician"], j["number"]))
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "at": now.isoformat(),
        "by_technician": [r for r in rows if r["technician"] != ALL_TECHNICIANS],
        "by_promise": [r for r in rows if r["technician"] == ALL_TECHNICIANS],
        "jobs": jobs_out,
    }


def _promise_position(policy: str, promise: str) -> int:
    """Promises in their policy's order (reply before resolved), not alphabetically."""
    names = [p.name for p in policy_named(policy).promises]
    return names.index(promise)


def _rows(counts: Counter[tuple[str, str, str, str]]) -> list[dict[str, Any]]:
    keys: set[tuple[str, str, str]] = set()
    for technician, policy, promise, _state in counts:
        keys.update({(technician, policy, promise), (ALL_TECHNICIANS, policy, promise)})
    rows = []
    for key in sorted(
        keys, key=lambda k: (k[0] == ALL_TECHNICIANS, k[0], k[1], _promise_position(k[1], k[2]))
    ):
        technician, policy, promise = key
        row: dict[str, Any] = {"technician": technician, "policy": policy, "promise": promise}
        for state in STATES:
            row[state.value] = sum(
                n
                for (tech, pol, prom, st), n in counts.items()
                if (pol, prom, st) == (policy, promise, state.value)
                and technician in (ALL_TECHNICIANS, tech)
            )
        row["jobs"] = sum(row[s.value] for s in STATES)
        rows.append(row)
    return rows


def overview_csv(overview: dict[str, Any]) -> str:
    """One row per technician and promise, then the totals per promise (technician "(all)")."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in [*overview["by_technician"], *overview["by_promise"]]:
        writer.writerow({k: row[k] for k in CSV_COLUMNS})
    return out.getvalue()
