"""Head-office routes for contracts, follow-ups and the SLA overview (all office-only).

Kept out of ``app.py`` so each service area reads on its own. Annotations here are
evaluated at definition time (no ``from __future__ import annotations``): FastAPI
must see the office dependency that ``create_app`` hands in, not a name to look up.
"""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, tzinfo
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from sync.server import api_docs as docs
from sync.server import company, follow_ups, planning
from sync.server.db import read_transaction, write_transaction
from sync.server.office_input import company_today, parse_answers, parse_day, parse_moment
from sync.server.sla_overview import sla_overview
from tech_app.errors import ValidationError
from tech_app.records.validate import check_text


def add_office_routes(
    app: FastAPI,
    engine: Engine,
    json_body: Callable[[Request], Awaitable[Any]],
    office_caller: Callable[..., Awaitable[Any]],
) -> None:
    Office = Annotated[Any, Depends(office_caller)]

    def company_zone() -> tzinfo:
        with read_transaction(engine) as conn:
            return company.zone(conn)

    def at_or_now(at: str | None) -> datetime:
        return parse_moment("at", at, company_zone()) if at is not None else datetime.now(UTC)

    @app.post(
        "/office/plan-visits",
        tags=["office"],
        openapi_extra=docs.body_object(
            {
                "until": {"type": "string", "format": "date"},
                "from": {"type": "string", "format": "date"},
                "assignee": {"type": "string"},
            },
            "until",
        ),
        responses=docs.answers(None, 422),
    )
    async def office_plan_visits(request: Request, who: Office) -> dict[str, Any]:
        """Store the visits every contract owes up to ``until`` (idempotent).

        Body: ``{"until": "YYYY-MM-DD", "from": "YYYY-MM-DD" (default today),
        "assignee": "NAME" (optional)}``.
        """
        data = await json_body(request)
        if not isinstance(data, dict):
            raise ValidationError("body", "send a JSON object with 'until'")
        until = parse_day("until", data.get("until"))
        first = (
            parse_day("from", data["from"])
            if data.get("from") is not None
            else company_today(datetime.now(UTC), company_zone())
        )
        assignee = data.get("assignee") or ""
        if not isinstance(assignee, str):
            raise ValidationError("assignee", "must be a technician's name")
        check_text("assignee", assignee, required=False, max_length=60)

        def run() -> dict[str, Any]:
            with write_transaction(engine) as conn:
                return planning.plan_all(conn, first, until, assignee).as_json()

        return await run_in_threadpool(run)

    @app.post(
        "/office/contracts/{key}/end",
        tags=["office"],
        openapi_extra=docs.body_object(
            {"notice_given_on": {"type": "string", "format": "date"}}, "notice_given_on"
        ),
        responses=docs.answers(None, 404, 409),
    )
    async def office_end_contract(key: str, request: Request, who: Office) -> dict[str, Any]:
        """End a contract with its notice: ``{"notice_given_on": "YYYY-MM-DD"}``."""
        data = await json_body(request)
        if not isinstance(data, dict):
            raise ValidationError("body", "send a JSON object with 'notice_given_on'")
        notice = parse_day("notice_given_on", data.get("notice_given_on"))

        def run() -> dict[str, Any]:
            with write_transaction(engine) as conn:
                contract, result = planning.end_contract(conn, key, notice)
            assert contract.ended_on is not None
            return {
                "contract_id": contract.id,
                "ended_on": contract.ended_on.isoformat(),
                "cancelled": list(result.cancelled),
            }

        return await run_in_threadpool(run)

    @app.get("/office/follow-ups", tags=["office"])
    def office_follow_ups(
        who: Office, due: bool = False, at: str | None = None
    ) -> list[dict[str, Any]]:
        """Follow-up calls and jewellery check reminders; ``due=true``: only those to do now.

        Visits completed since the last look get their follow-up first (idempotent).
        """
        now = at_or_now(at)
        with write_transaction(engine) as conn:
            return follow_ups.list_follow_ups(conn, now, due_only=due)

    @app.post(
        "/office/follow-ups/{key}/answers",
        tags=["office"],
        openapi_extra=docs.body_object(
            {
                "problem_solved": {"type": "boolean"},
                "on_time": {"type": "boolean"},
                "attitude": {"type": "integer", "minimum": 1, "maximum": 5},
                "skill": {"type": "integer", "minimum": 1, "maximum": 5},
                "amount_charged": {"type": "string", "description": "decimal, e.g. 120.00"},
                "comment": {"type": "string"},
                "at": {"type": "string", "format": "date-time"},
            },
            "problem_solved",
            "on_time",
            "attitude",
            "skill",
            "amount_charged",
        ),
        responses=docs.answers(None, 404, 409),
    )
    async def office_follow_up_answers(key: str, request: Request, who: Office) -> dict[str, Any]:
        """Record the questionnaire of job ``key``'s follow-up: ``{"problem_solved": true,
        "on_time": true, "attitude": 1-5, "skill": 1-5, "amount_charged": "120.00",
        "comment": ""}``. An amount above the slip's total flags an overcharge."""
        data = await json_body(request)
        answers = parse_answers(data)
        at = at_or_now(data.get("at") if isinstance(data, dict) else None)

        def run() -> dict[str, Any]:
            with write_transaction(engine) as conn:
                return follow_ups.record_answers(conn, key, answers, at)

        return await run_in_threadpool(run)

    @app.get("/office/sla", tags=["office"])
    def office_sla(
        who: Office,
        first: Annotated[str | None, Query(alias="from")] = None,
        last: Annotated[str | None, Query(alias="to")] = None,
        at: str | None = None,
    ) -> dict[str, Any]:
        """Jobs reported ``from``–``to`` (days, both included) by SLA state, per promise
        and per technician, as of ``at`` (default now)."""
        start, end = parse_day("from", first), parse_day("to", last)
        now = at_or_now(at)
        with read_transaction(engine) as conn:
            return sla_overview(conn, start, end, now)
