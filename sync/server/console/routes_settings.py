"""Company settings and the price list. Settings are typed as ``tech-app office settings
--set`` takes them (``company.parse_value``) and stored by ``company.update``; a part is a
catalogue record put through the write gate. Laptops receive both on their next sync.

The logo is uploaded as a file and set by ``company.set_logo``, as ``office settings
--logo`` sets it: checked whole (``tech_app.images.check_logo``), kept in head office's
blob store and named in the settings through the same write gate."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection
from starlette.datastructures import UploadFile

from sync.server import blobs, company, dispatch
from sync.server.console import views
from sync.server.console.forms import Posted, Signed, Text, change, engine_of
from sync.server.console.i18n import N_
from sync.server.console.session import Visitor
from sync.server.db import read_transaction
from sync.server.record_rows import live_rows
from tech_app.errors import ValidationError
from tech_app.images import MAX_LOGO_BYTES, MAX_SIDE, ImageKind, read_image
from tech_app.money import format_money, parse_money
from tech_app.records import Part
from tech_app.vocab import JobType

router = APIRouter(include_in_schema=False)
# Uploaded as a file (the logo form below, or `tech-app office settings --logo`), not typed.
NOT_TYPED = frozenset({"logo_sha256"})
EDITABLE = tuple(key for key in company.KEYS if key not in NOT_TYPED)
LOGO_FIELD = "logo"
# What a multipart body adds around the file: the boundary, the headers, the CSRF field.
_FORM_OVERHEAD = 64 * 1024
_MEDIA_TYPES = {ImageKind.PNG: "image/png", ImageKind.JPEG: "image/jpeg"}


class UploadTooLarge(Exception):
    """A logo upload announced a body larger than any logo may be."""


def logo_upload_size(request: Request) -> None:
    """Refuse an oversized upload by its Content-Length, before the form is parsed (a
    dependency listed before the CSRF guard, which reads the whole form)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_LOGO_BYTES + _FORM_OVERHEAD:
        raise UploadTooLarge()


SizeChecked = Annotated[None, Depends(logo_upload_size)]


def _problem(request: Request, visitor: Visitor, status: int, message: str) -> Response:
    return views.render(
        request,
        "problem.html",
        visitor,
        status=status,
        message=message,
        params={},
        back="/settings",
    )


def _current_logo(conn: Connection) -> tuple[str, bytes | None]:
    sha256 = company.current(conn).logo_sha256
    return sha256, blobs.get(conn, sha256) if sha256 else None


@router.get("/settings")
def settings_page(request: Request, visitor: Signed) -> Response:
    with read_transaction(engine_of(request)) as conn:
        typed = company.typed_values(company.current(conn))
        parts = sorted(live_rows(conn, "parts"), key=lambda p: str(p["number"]))
        logo_sha256, logo = _current_logo(conn)
    return views.render(
        request,
        "settings.html",
        visitor,
        typed=typed,
        keys=EDITABLE,
        parts=parts,
        money=format_money,
        job_types=[t.value for t in JobType],
        logo_sha256=logo_sha256 if logo is not None else "",
        logo_limit_kb=MAX_LOGO_BYTES // 1024,
        logo_limit_side=MAX_SIDE,
    )


@router.get("/settings/logo")
def logo_image(request: Request, visitor: Signed) -> Response:
    """The logo every slip prints, for the settings page to show."""
    with read_transaction(engine_of(request)) as conn:
        _, logo = _current_logo(conn)
    if logo is None:
        return _problem(
            request, visitor, 404, N_("No logo yet: slips print the company's name only.")
        )
    try:
        kind = read_image(LOGO_FIELD, logo).kind
    except ValidationError:
        kind = ImageKind.PNG  # checked when set; a browser sniffs it if ever it is not
    # Its address stays the same when the logo changes: never cached stale.
    return Response(logo, media_type=_MEDIA_TYPES[kind], headers={"Cache-Control": "no-store"})


@router.post("/settings/logo")
async def upload_logo(request: Request, size: SizeChecked, visitor: Posted) -> Response:
    """A new logo from a PNG or JPEG file; a bad file is refused in the office's words
    and nothing changes."""
    form = await request.form()
    sent = form.get(LOGO_FIELD)
    if not isinstance(sent, UploadFile) or not sent.filename:
        return _problem(request, visitor, 422, N_("Choose a PNG or JPEG file first."))
    # One byte past the limit is enough to refuse it (a body sent without its length).
    data = await sent.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise UploadTooLarge()
    # set_logo checks the image whole; a refusal rolls back and is shown in words.
    return change(request, visitor, "/settings", lambda conn: company.set_logo(conn, data))


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
