"""A unit's service card (售后服务卡): what it is, where and when it was bought, the
warranty of each component as of today (``rules.warranty.check_warranty``), and the
history of its visits with their readings and parts (``history.build_summary``, the same
summaries laptops receive), newest first."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection

from sync.server import company, store
from sync.server.console import views
from sync.server.console.forms import Signed, engine_of
from sync.server.db import read_transaction
from sync.server.history import build_summary
from sync.server.office_input import company_today
from sync.server.record_rows import done_visits_by_asset
from tech_app.errors import NotFoundError, ValidationError
from tech_app.rules.warranty import WARRANTY_TERMS, check_warranty

router = APIRouter(include_in_schema=False)


def warranty_rows(asset: dict[str, Any], today: date) -> list[dict[str, Any]]:
    """Each component of the unit's terms: covered or not today, and until when."""
    terms = WARRANTY_TERMS.get(str(asset.get("warranty_terms") or ""))
    bought = asset.get("purchased_on")
    if terms is None or not bought:
        return []
    rows: list[dict[str, Any]] = []
    for term in terms.components:
        try:
            decision = check_warranty(
                terms,
                term.component,
                date.fromisoformat(str(bought)),
                today,
                hour_meter=asset.get("hour_meter"),
            )
        except ValidationError:  # an hours limit and no meter read yet: not guessed
            rows.append({"component": term.component, "code": "unknown", "until": None})
            continue
        rows.append(
            {"component": term.component, "code": decision.code, "until": decision.expires_on}
        )
    return rows


def _visits(conn: Connection, asset_id: str) -> list[dict[str, Any]]:
    done = done_visits_by_asset(conn).get(asset_id, [])
    return [build_summary(conn, visit.job, asset_id) for visit in reversed(done)]


@router.get("/assets/{asset_id}")
def unit_page(asset_id: str, request: Request, visitor: Signed) -> Response:
    with read_transaction(engine_of(request)) as conn:
        found = store.load(conn, "assets", asset_id)
        if found is None or found.deleted:
            return views.refusal(request, visitor, NotFoundError("unit", asset_id), "/customers")
        zone = company.zone(conn)
        today = company_today(datetime.now(UTC), zone)
        visits = _visits(conn, asset_id)
    return views.render(
        request,
        "unit.html",
        visitor,
        unit=found.data,
        warranty=warranty_rows(found.data, today),
        visits=visits,
        zone=zone,
        today=today,
        parse=datetime.fromisoformat,
    )
