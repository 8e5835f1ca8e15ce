"""What every console form handler does: run one change in one write transaction, turn
a refusal into a page, go back to where the form was; and read the typed fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, tzinfo
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Connection, Engine

from sync.server.console import views
from sync.server.console.session import Visitor, posted_by_office, signed_in
from sync.server.db import write_transaction
from tech_app.errors import TechAppError, ValidationError

# What a handler asks for: a page's signed-in visitor, a form's (CSRF checked), a field.
Signed = Annotated[Visitor, Depends(signed_in)]
Posted = Annotated[Visitor, Depends(posted_by_office)]
Text = Annotated[str, Form()]


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def local_path(text: str, default: str = "/") -> str:
    """A form's "back" address, only ever a path on this server (never ``//elsewhere``)."""
    if text.startswith("/") and not text.startswith("//") and "\\" not in text:
        return text
    return default


def change(
    request: Request, visitor: Visitor, back: str, work: Callable[[Connection], object]
) -> Response:
    """``work`` in one write transaction, then back (303); a refusal is shown, not stored."""
    try:
        with write_transaction(engine_of(request)) as conn:
            work(conn)
    except TechAppError as problem:
        return views.refusal(request, visitor, problem, back)
    return RedirectResponse(back, status_code=303)


def read_day(field: str, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(field, "must be a date such as 2026-12-02") from None


def read_clock(field: str, text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(field, "must be a time such as 09:30") from None


def read_moment(field: str, text: str, zone: tzinfo) -> datetime:
    """A ``datetime-local`` field (``2026-12-02T09:30``), in company time."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(field, "must be a date and time such as 2026-12-02T09:30") from None
    return value if value.tzinfo else value.replace(tzinfo=zone)


def read_window(day: str, start: str, end: str, zone: tzinfo) -> tuple[datetime, datetime]:
    """A visit's time window from a day and two clock times, in company time."""
    on = read_day("day", day)
    return (
        datetime.combine(on, read_clock("start", start), zone),
        datetime.combine(on, read_clock("end", end), zone),
    )
