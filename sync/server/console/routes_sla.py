"""The SLA overview: for the jobs reported in a period, how each promise went (met, at
risk, breached, on track) in total and per technician, as a chart and as CSV — both
from ``sla_overview``, the same counts ``tech-app office sla`` prints."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.server import company
from sync.server.console import views
from sync.server.console.forms import Signed, engine_of, read_day
from sync.server.db import read_transaction
from sync.server.office_input import company_today
from sync.server.sla_overview import STATES, overview_csv, sla_overview
from tech_app.errors import ValidationError

router = APIRouter(include_in_schema=False)


def _overview(request: Request, first: str, last: str) -> dict[str, Any]:
    """The overview of ``first``–``last`` (default: this month so far, company days)."""
    now = datetime.now(UTC)
    with read_transaction(engine_of(request)) as conn:
        today = company_today(now, company.zone(conn))
        start = read_day("from", first) if first else today.replace(day=1)
        end = read_day("to", last) if last else today
        return sla_overview(conn, start, end, now)


@router.get("/sla")
def sla_page(request: Request, visitor: Signed, first: str = "", last: str = "") -> Response:
    try:
        overview = _overview(request, first, last)
    except ValidationError as refused:
        return views.refusal(request, visitor, refused, "/sla")
    return views.render(
        request, "sla.html", visitor, overview=overview, states=[s.value for s in STATES]
    )


@router.get("/sla.csv")
def sla_csv(request: Request, visitor: Signed, first: str = "", last: str = "") -> Response:
    try:
        overview = _overview(request, first, last)
    except ValidationError as refused:
        return views.refusal(request, visitor, refused, "/sla")
    name = f"sla-{overview['from']}-{overview['to']}.csv"
    return Response(
        overview_csv(overview),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
