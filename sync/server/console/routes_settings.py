"""Company settings and the price list. Settings are typed as ``tech-app office settings
--set`` takes them (``company.parse_value``) and stored by ``company.update``; a part is a
catalogue record put through the write gate. Laptops receive both on their next sync."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection

from sync.server import company, dispatch
from sync.server.console import views
from sync.server.console.forms import Posted, Signed, Text, change, engine_of
from sync.server.db import read_transaction
from sync.server.record_rows import live_rows
from tech_app.money import format_money, parse_money
from tech_app.records import Part
from tech_app.vocab import JobType

router = APIRouter(include_in_schema=False)
# Set from a file with `tech-app office settings --logo` (checked whole), not typed.
NOT_TYPED = frozenset({"logo_sha256"})
EDITABLE = tuple(key for key in company.KEYS if key not in NOT_TYPED)


@router.get("/settings")
def settings_page(request: Request, visitor: Signed) -> Response:
    with read_transaction(engine_of(request)) as conn:
        typed = company.typed_values(company.current(conn))
        parts = sorted(live_rows(conn, "parts"), key=lambda p: str(p["number"]))
    return views.render(
        request,
        "settings.html",
        visitor,
        typed=typed,
        keys=EDITABLE,
        parts=parts,
        money=format_money,
        job_types=[t.value for t in JobType],
    )


@router.post("/settings")
async def save_settings(request: Request, visitor: Posted) -> Response:
    form = await request.form()
    sent = {key: str(form.get(key, "")) for key in EDITABLE if key in form}

    def work(conn: Connection) -> object:
        typed = company.typed_values(company.current(conn))
        changed = {k: company.parse_value(k, v) for k, v in sent.items() if v != typed[k]}
        return company.update(conn, changed) if changed else None

    return change(request, visitor, "/settings", work)


@router.post("/parts")
def save_part(
    request: Request,
    visitor: Posted,
    number: Text = "",
    name: Text = "",
    name_zh: Text = "",
    unit: Text = "pc",
    unit_price: Text = "",
    warranty_months: Text = "",
    component: Text = "",
) -> Response:
    """A new part, or new values for the part with this number (its id stays)."""

    def work(conn: Connection) -> int:
        same = [p for p in live_rows(conn, "parts") if p["number"] == number.strip()]
        kept = {"id": str(same[0]["id"])} if same else {}  # a changed part keeps its id
        months = warranty_months.strip()
        part = Part(
            **kept,
            number=number.strip(),
            name=name.strip(),
            name_zh=name_zh.strip(),
            unit=unit.strip() or "pc",
            unit_price=parse_money("part.unit_price", unit_price),
            warranty_months=int(months) if months.isdigit() else None,
            component=component.strip(),
        )
        return dispatch.put_record(conn, part)

    return change(request, visitor, "/settings", work)
