"""Checklist templates: the newest revision of each, and an editor whose save is a new
revision (``checklist_templates.revise``) — jobs planned before keep the revision they
have, so their answers keep meaning what they meant."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection
from starlette.datastructures import FormData

from sync.server import checklist_templates
from sync.server.console import views
from sync.server.console.forms import Posted, Signed, change, engine_of
from sync.server.db import read_transaction
from tech_app.errors import TechAppError
from tech_app.numbers import read_number
from tech_app.records import ChecklistItem, ChecklistTemplate
from tech_app.vocab import ItemKind

router = APIRouter(include_in_schema=False)
NUMBERS = ("minimum", "maximum", "tolerance")


def _number(field: str, text: str) -> Decimal | None:
    return read_number(field, text) if text.strip() else None


def _edited(form: FormData, n: int, item: ChecklistItem) -> ChecklistItem | None:
    """Item ``n`` as the form left it; None when it was ticked for removal."""

    def text(name: str) -> str:
        return str(form.get(f"{name}-{n}", ""))

    if text("remove"):
        return None
    changes: dict[str, Any] = {
        "label": text("label").strip(),
        "label_zh": text("label_zh").strip(),
        "unit": text("unit").strip(),
        "required": bool(text("required")),
    }
    if item.kind is ItemKind.NUMBER:
        changes.update({k: _number(f"{item.key}.{k}", text(k)) for k in NUMBERS})
    return dataclasses.replace(item, **changes)


def _added(form: FormData) -> ChecklistItem | None:
    """The new item of the form's last row, when a key was given."""

    def text(name: str) -> str:
        return str(form.get(f"new_{name}", "")).strip()

    if not text("key"):
        return None
    return ChecklistItem(
        key=text("key"),
        label=text("label"),
        label_zh=text("label_zh"),
        kind=text("kind"),  # type: ignore[arg-type]  # the record checks the choice
        required=bool(text("required")),
        unit=text("unit"),
        minimum=_number("new.minimum", text("minimum")),
        maximum=_number("new.maximum", text("maximum")),
        choices=tuple(c.strip() for c in text("choices").split(",") if c.strip()),
    )


@router.get("/templates")
def template_list(request: Request, visitor: Signed) -> Response:
    with read_transaction(engine_of(request)) as conn:
        newest = sorted(checklist_templates.latest(conn).values(), key=lambda t: str(t["code"]))
    return views.render(request, "templates.html", visitor, templates=newest)


@router.get("/templates/{code}")
def template_editor(code: str, request: Request, visitor: Signed) -> Response:
    try:
        with read_transaction(engine_of(request)) as conn:
            template = checklist_templates.current(conn, code)
    except TechAppError as missing:
        return views.refusal(request, visitor, missing, "/templates")
    return views.render(
        request,
        "template.html",
        visitor,
        checklist=template,
        kinds=[k.value for k in ItemKind],
        numbers=NUMBERS,
    )


@router.post("/templates/{code}")
async def save_template(code: str, request: Request, visitor: Posted) -> Response:
    form = await request.form()

    def work(conn: Connection) -> ChecklistTemplate:
        now = checklist_templates.current(conn, code)
        kept = [_edited(form, n, item) for n, item in enumerate(now.items)]
        items = tuple(i for i in [*kept, _added(form)] if i is not None)
        title, title_zh = str(form.get("title", "")).strip(), str(form.get("title_zh", ""))
        return checklist_templates.revise(conn, code, title, title_zh.strip(), items)

    return change(request, visitor, f"/templates/{quote(code)}", work)
