"""Follow-up calls: the list (soonest due first, jewellery check reminders too), the
questionnaire as a form, and an overcharge flagged — all by ``sync.server.follow_ups``,
which also refunds-and-flags an amount above the slip's total against the technician."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection

from sync.server import follow_ups
from sync.server.console import views
from sync.server.console.forms import Posted, Signed, Text, change, engine_of
from sync.server.db import write_transaction
from sync.server.office_input import parse_answers
from tech_app.money import format_money

router = APIRouter(include_in_schema=False)


@router.get("/follow-ups")
def follow_up_list(request: Request, visitor: Signed, due: str = "") -> Response:
    now = datetime.now(UTC)
    # A write transaction: visits completed since the last look get their follow-up first.
    with write_transaction(engine_of(request)) as conn:
        calls = follow_ups.list_follow_ups(conn, now, due_only=bool(due))
    return views.render(
        request,
        "follow_ups.html",
        visitor,
        calls=calls,
        due=bool(due),
        money=format_money,
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
