"""Follow-up calls after a visit, their questionnaire, and jewellery check reminders.

Every completed visit owes the customer a follow-up within the promise
(``tech_app.rules.sla.follow_up_due``: 72 h for the stove brand, one month after an
installation, one week otherwise). Head office learns of completions through pushes;
rather than hooking the push path, the follow-ups are derived here whenever head
office looks at them: each gets an id derived from its job, so scheduling again
creates nothing new, and the record joins the change sequence like any other.

The questionnaire (problem solved? on time? attitude and skill 1–5? anything charged,
how much?) is stored as the job's ``feedback``. An amount above the slip's total is an
overcharge: the job is flagged for review, naming the technician, and the ``overcharges``
table keeps the amount against that technician (to refund, and for their rating).
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.server import company, dispatch, store
from sync.server import tables as t
from sync.server.job_bill import slip_total
from sync.server.record_rows import (
    DONE_STATUSES,
    done_visits_by_asset,
    live_by_id,
    live_rows,
    local_day,
    moment,
)
from tech_app import review_notes
from tech_app.errors import ValidationError
from tech_app.records import Feedback, FollowUp, Job
from tech_app.records.codec import from_row
from tech_app.review_notes import NoteCode, note
from tech_app.rules.sla import follow_up_due, jewellery_check_due, policy_named
from tech_app.vocab import JobType

_NS = uuid.UUID("0b7d54c2-91e3-4f0a-a6d8-2c5e8f1b7a34")
JEWELLERY = frozenset({"jewellery", "jewelry", "珠宝"})


def follow_up_id(job_id: str) -> str:
    return str(uuid.uuid5(_NS, f"follow-up|{job_id}"))


def feedback_id(job_id: str) -> str:
    return str(uuid.uuid5(_NS, f"feedback|{job_id}"))


def _due_at(job: Job) -> datetime:
    assert job.completed_at is not None
    policy = None
    if job.sla_policy:
        try:
            policy = policy_named(job.sla_policy)
        except ValidationError:
            policy = None  # a policy this version does not know: the default promise applies
    # A completion stamped before the report (a laptop's wrong clock) counts from completion.
    reported = job.reported_at if job.completed_at >= job.reported_at else None
    return follow_up_due(job.job_type, job.completed_at, policy, reported_at=reported)


def schedule_follow_ups(conn: Connection) -> list[str]:
    """Create the follow-up of every completed visit that has none yet; returns job numbers."""
    made = []
    jobs, follow_ups = t.kinds["jobs"], t.kinds["follow_ups"]
    # Narrowed in SQL to done visits without a follow-up yet (each office call runs this;
    # reading every job each time made it grow with head office's history). The checks
    # below still decide.
    candidates = live_rows(
        conn,
        "jobs",
        jobs.c.status.in_(sorted(str(s) for s in DONE_STATUSES)),
        jobs.c.completed_at.is_not(None),
        jobs.c.job_type != JobType.FOLLOW_UP.value,
        ~sa.exists().where(follow_ups.c.job_id == jobs.c.id),
    )
    for row in candidates:
        if row["status"] not in DONE_STATUSES or not row.get("completed_at"):
            continue
        if row["job_type"] == JobType.FOLLOW_UP.value:
            continue
        if store.load(conn, "follow_ups", follow_up_id(str(row["id"]))) is not None:
            continue
        job = from_row(Job, row)
        dispatch.put_record(
            conn, FollowUp(id=follow_up_id(job.id), job_id=job.id, kind="call", due_at=_due_at(job))
        )
        made.append(job.number)
    return made


def _jewellery_reminders(conn: Connection, today: date) -> list[dict[str, Any]]:
    """The next 3-monthly check of each piece: from its last done visit, else its purchase."""
    customers = live_by_id(conn, "customers")
    visits = done_visits_by_asset(conn)
    out = []
    for asset in live_rows(conn, "assets"):
        if str(asset["category"]).strip().lower() not in JEWELLERY:
            continue
        done = visits.get(str(asset["id"]), [])
        if done:
            last_check = local_day(done[-1].completed_at, company.zone(conn))
        elif asset.get("purchased_on"):
            last_check = date.fromisoformat(str(asset["purchased_on"]))
        else:
            continue  # nothing to count three months from
        due_on = jewellery_check_due(last_check)
        customer = customers.get(str(asset["customer_id"]), {})
        out.append(
            {
                "kind": "jewellery_check",
                "job_id": None,
                "job_number": None,
                "job_type": None,
                "customer": customer.get("name", ""),
                "phone": customer.get("phone", ""),
                "technician": None,
                "item": f"{asset['make']} {asset['model']} ({asset['serial']})",
                "last_check_on": last_check.isoformat(),
                "due_at": due_on.isoformat(),
                "done_at": None,
                "overdue": due_on < today,
                "answers": None,
                "overcharge": None,
            }
        )
    return out


def list_follow_ups(
    conn: Connection, now: datetime, *, due_only: bool = False
) -> list[dict[str, Any]]:
    """Follow-up calls (with their answers) and jewellery reminders, soonest due first.

    ``due_only``: calls not answered yet, and jewellery checks whose day has come.
    Call inside a write transaction: visits completed since the last look get their
    follow-up first.
    """
    schedule_follow_ups(conn)
    jobs = live_by_id(conn, "jobs")
    customers = live_by_id(conn, "customers")
    feedback = live_by_id(conn, "feedback")
    overcharged = overcharges_by_job(conn)
    out = []
    for row in live_rows(conn, "follow_ups"):
        job = jobs.get(str(row["job_id"]))
        if job is None:
            continue
        due_at = moment(row["due_at"])
        assert due_at is not None
        if due_only and row.get("done_at"):
            continue
        answers = feedback.get(feedback_id(str(job["id"])))
        customer = customers.get(str(job["customer_id"]), {})
        out.append(
            {
                "kind": row["kind"],
                "job_id": job["id"],
                "job_number": job["number"],
                "job_type": job["job_type"],
                "customer": customer.get("name", ""),
                "phone": customer.get("phone", ""),
                "technician": job.get("assignee") or None,
                "item": None,
                "last_check_on": None,
                "due_at": due_at.isoformat(),
                "done_at": row.get("done_at"),
                "overdue": not row.get("done_at") and due_at < now,
                "answers": _answers_json(answers) if answers else None,
                "overcharge": overcharged.get(str(job["id"])),
            }
        )
    zone = company.zone(conn)
    today = local_day(now, zone)
    out += [
        r
        for r in _jewellery_reminders(conn, today)
        if not due_only or date.fromisoformat(r["due_at"]) <= today
    ]
    out.sort(key=lambda r: (_sort_moment(r["due_at"], zone), r["job_number"] or ""))
    return out


def _sort_moment(text: str, zone: tzinfo) -> datetime:
    if "T" in text:
        found = moment(text)
        assert found is not None
        return found
    return datetime.combine(date.fromisoformat(text), datetime.min.time(), zone)


def _answers_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "problem_solved": _flag(row.get("problem_solved")),
        "on_time": _flag(row.get("on_time")),
        "attitude": row.get("attitude"),
        "skill": row.get("skill"),
        "amount_charged": row.get("amount_charged"),
        "comment": row.get("comment", ""),
        "recorded_at": row.get("recorded_at"),
    }


def _flag(value: object) -> bool | None:
    return None if value is None else bool(value)


def overcharges_by_job(conn: Connection) -> dict[str, int]:
    """The amount charged above the slip, by job, of every overcharge recorded."""
    rows = conn.execute(sa.select(t.overcharges.c.job_id, t.overcharges.c.amount))
    return {str(row.job_id): int(row.amount) for row in rows}


@dataclass(frozen=True)
class Answers:
    """What the customer said on the follow-up call."""

    problem_solved: bool
    on_time: bool
    attitude: int
    skill: int
    amount_charged: int  # minor units; 0 when nothing was charged
    comment: str = ""


def record_answers(conn: Connection, key: str, answers: Answers, at: datetime) -> dict[str, Any]:
    """Store the questionnaire of a job's follow-up and close it; flag an overcharge."""
    job_row = dispatch.find_job(conn, key)
    if job_row.deleted:
        raise dispatch.DispatchError(f"job {job_row.data['number']} was deleted")
    job = from_row(Job, job_row.data)
    schedule_follow_ups(conn)
    found = store.load(conn, "follow_ups", follow_up_id(job.id))
    if found is None:
        raise dispatch.DispatchError(
            f"job {job.number} has no follow-up: it is {job.status.value}, not completed"
        )
    follow_up = from_row(FollowUp, found.data)
    if follow_up.done_at is not None:
        raise dispatch.DispatchError(
            f"the follow-up of job {job.number} was answered on {follow_up.done_at.isoformat()}"
        )
    feedback = Feedback(
        id=feedback_id(job.id),
        job_id=job.id,
        problem_solved=answers.problem_solved,
        on_time=answers.on_time,
        attitude=answers.attitude,
        skill=answers.skill,
        amount_charged=answers.amount_charged,
        comment=answers.comment,
        recorded_at=at,
    )
    total = slip_total(conn, job.id)
    over = max(0, answers.amount_charged - total)
    dispatch.put_record(conn, feedback)
    dispatch.put_record(conn, dataclasses.replace(follow_up, done_at=at))
    if over:
        conn.execute(
            t.overcharges.insert().values(
                job_id=job.id,
                technician=job.assignee,
                amount=over,
                amount_charged=answers.amount_charged,
                slip_total=total,
                recorded_at=at.timestamp(),
            )
        )
        overcharge = note(
            NoteCode.OVERCHARGE,
            technician=job.assignee or "",
            overcharge=over,
            amount_charged=answers.amount_charged,
            slip_total=total,
        )
        flagged = review_notes.add(job.flagged, overcharge)
        dispatch.put_record(conn, dataclasses.replace(job, flagged=flagged))
    return {
        "job_id": job.id,
        "job_number": job.number,
        "technician": job.assignee or None,
        "slip_total": total,
        "amount_charged": answers.amount_charged,
        "overcharge": over or None,
        "done_at": at.isoformat(),
    }
