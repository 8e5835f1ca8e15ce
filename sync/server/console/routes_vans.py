"""Van stock per technician: what each van holds (opening balance plus the ledger), a
restock or correction, and a transfer between vans — one ledger row on each van, out
negative and in positive, in one transaction — all by ``van_stock.record_movement``."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection

from sync.server import auth
from sync.server.console import views
from sync.server.console.forms import Posted, Signed, Text, change, engine_of
from sync.server.db import read_transaction
from sync.server.record_rows import live_by_id
from sync.server.van_stock import on_hand, record_movement
from tech_app.errors import ValidationError
from tech_app.vocab import StockMove

router = APIRouter(include_in_schema=False)
# What the office may add to a van's ledger from this page (uses come from the laptops).
OFFICE_MOVES = (StockMove.RESTOCK, StockMove.CORRECTION)


@router.get("/vans")
def vans(request: Request, visitor: Signed, technician: str = "") -> Response:
    with read_transaction(engine_of(request)) as conn:
        technicians = auth.user_names(conn, "technician")
        chosen = technician if technician in technicians else (technicians or [""])[0]
        held = on_hand(conn, chosen) if chosen else {}
        parts = live_by_id(conn, "parts")
    return views.render(
        request,
        "vans.html",
        visitor,
        technicians=technicians,
        chosen=chosen,
        held=sorted(held.items(), key=lambda item: str(parts.get(item[0], {}).get("number"))),
        parts=parts,
        moves=[m.value for m in OFFICE_MOVES],
    )


def _back(technician: str) -> str:
    return f"/vans?{urlencode({'technician': technician})}"


@router.post("/vans/{technician}/movements")
def movement(
    technician: str,
    request: Request,
    visitor: Posted,
    part: Text = "",
    quantity: Text = "",
    kind: Text = "restock",
    note: Text = "",
) -> Response:
    def work(conn: Connection) -> Decimal:
        if kind not in {m.value for m in OFFICE_MOVES}:
            raise ValidationError("kind", "the office records restocks and corrections here")
        return record_movement(
            conn,
            technician,
            part,
            quantity,
            StockMove(kind),
            by=visitor.caller.name,
            at=datetime.now(UTC),
            note=note.strip(),
        )

    return change(request, visitor, _back(technician), work)


@router.post("/vans/{technician}/transfers")
def transfer(
    technician: str,
    request: Request,
    visitor: Posted,
    part: Text = "",
    quantity: Text = "",
    to: Text = "",
    note: Text = "",
) -> Response:
    def work(conn: Connection) -> None:
        try:
            amount = Decimal(quantity.strip())
        except InvalidOperation:
            raise ValidationError("quantity", f"{quantity!r} is not a number") from None
        if amount <= 0 or to == technician:
            raise ValidationError("quantity", "move a positive quantity to another van")
        at = datetime.now(UTC)
        for van, signed in ((technician, -amount), (to, amount)):
            record_movement(
                conn,
                van,
                part,
                signed,
                StockMove.TRANSFER,
                by=visitor.caller.name,
                at=at,
                note=note,
            )

    return change(request, visitor, _back(technician), work)
