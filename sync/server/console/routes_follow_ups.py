"""Follow-up calls: the list (soonest due first, jewellery check reminders too), the
questionnaire as a form, and an overcharge flagged — all by ``sync.server.follow_ups``,
which also refunds-and-flags an amount above the slip's total against the technician."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection

from sync.server import company, follow_ups
from sync.server.console import views
from sync.server.console.forms import Posted, Signed, Text, change, engine_of, read_day
from sync.server.db import write_transaction
from sync.server.office_input import company_today, parse_answers
from sync.server.ratings import ratings
from tech_app.errors import ValidationError
from tech_app.money import format_money

router = APIRouter(include_in_schema=False)


@router.get("/follow-ups")
def follow_up_list(
    request: Request, visitor: Signed, due: str = "", first: str = "", last: str = ""
) -> Response:
    now = datetime.now(UTC)
    try:
        # A write transaction: visits completed since the last look get their follow-up first.
        with write_transaction(engine_of(request)) as conn:
            calls = follow_ups.list_follow_ups(conn, now, due_only=bool(due))
            zone = company.zone(conn)
            today = company_today(now, zone)
            start = read_day("from", first) if first else today.replace(day=1)
            end = read_day("to", last) if last else today
            rated = ratings(conn, start, end)
    except ValidationError as refused:
        return views.refusal(request, visitor, refused, "/follow-ups")
    return views.render(
        request,
        "follow_ups.html",
        visitor,
        calls=calls,
        due=bool(due),
        money=format_money,
        ratings=rated,
        at=lambda value: views.stored_moment_text(value, zone),
        first=start,
        last=end,
    )


@router.post("/follow-ups/{key}/answers")
def answer(
    key: str,
    request: Request,
    visitor: Posted,
    problem_solved: Text = "",
    on_time: Text = "",
    attitude: Text = "",
    skill: Text = "",
    amount_charged: Text = "",
    comment: Text = "",
) -> Response:
    def work(conn: Connection) -> object:
        answers = parse_answers(
            {
                "problem_solved": problem_solved or None,
                "on_time": on_time or None,
                "attitude": attitude or None,
                "skill": skill or None,
                "amount_charged": amount_charged.strip() or None,
                "comment": comment,
            }
        )
        return follow_ups.record_answers(conn, key, answers, datetime.now(UTC))

    return change(request, visitor, "/follow-ups", work)
