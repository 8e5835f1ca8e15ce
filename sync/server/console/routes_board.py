"""The dispatch board and what it changes: assign, reschedule, cancel, resolve a review.

Each change is one call of ``sync.server.dispatch``, so it passes the write gate: a
signed job refuses all of them but the review mark, whatever the form sends.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection

from sync.server import auth, company, dispatch
from sync.server.console import views
from sync.server.console.board import Filters, build_board
from sync.server.console.forms import (
    Posted,
    Signed,
    Text,
    change,
    engine_of,
    local_path,
    read_window,
)
from sync.server.db import read_transaction
from sync.server.office_input import company_today
from tech_app.vocab import JobStatus, JobType

router = APIRouter(include_in_schema=False)


@router.get("/")
def board(
    request: Request,
    visitor: Signed,
    day: str = "",
    status: str = "",
    job_type: str = "",
    technician: str = "",
    q: str = "",
) -> Response:
    now = datetime.now(UTC)
    with read_transaction(engine_of(request)) as conn:
        try:
            shown = date.fromisoformat(day)
        except ValueError:
            shown = company_today(now, company.zone(conn))
        filters = Filters(shown, status, job_type, technician, q[:200])
        found = build_board(conn, filters, now)
        technicians = auth.user_names(conn, "technician")
    week = filters.week_start
    return views.render(
        request,
        "board.html",
        visitor,
        board=found,
        technicians=technicians,
        statuses=[s.value for s in JobStatus],
        job_types=[t.value for t in JobType],
        previous_week=(week - timedelta(days=7)).isoformat(),
        next_week=(week + timedelta(days=7)).isoformat(),
        back=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
    )


@router.post("/jobs/{key}/assign")
def assign(
    key: str, request: Request, visitor: Posted, technician: Text = "", back: Text = "/"
) -> Response:
    return change(
        request, visitor, local_path(back), lambda conn: dispatch.assign(conn, key, technician)
    )


@router.post("/jobs/{key}/schedule")
def schedule(
    key: str,
    request: Request,
    visitor: Posted,
    day: Text = "",
    start: Text = "",
    end: Text = "",
    back: Text = "/",
) -> Response:
    def work(conn: Connection) -> object:
        begins, ends = read_window(day, start, end, company.zone(conn))
        return dispatch.schedule(conn, key, begins, ends)

    return change(request, visitor, local_path(back), work)


@router.post("/jobs/{key}/cancel")
def cancel(key: str, request: Request, visitor: Posted, back: Text = "/") -> Response:
    return change(request, visitor, local_path(back), lambda conn: dispatch.cancel(conn, key))


@router.post("/jobs/{key}/resolve")
def resolve(key: str, request: Request, visitor: Posted, back: Text = "/") -> Response:
    return change(request, visitor, local_path(back), lambda conn: dispatch.resolve_flag(conn, key))
