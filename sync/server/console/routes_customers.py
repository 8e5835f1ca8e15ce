"""Customer files: the list, a new customer with their first site, a customer's page
(sites, units, jobs) and another site. Records are written by ``dispatch.put_record``,
through the write gate like every office change."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Connection

from sync.server import company, dispatch, store
from sync.server.console import views
from sync.server.console.forms import Posted, Signed, Text, change, engine_of, read_day
from sync.server.console.session import Visitor
from sync.server.db import read_transaction, write_transaction
from sync.server.office_input import company_today
from sync.server.record_rows import live_rows
from tech_app.errors import NotFoundError, TechAppError, ValidationError
from tech_app.records import Asset, Customer, Site
from tech_app.records.parties import CUSTOMER_CLASSES
from tech_app.rules.warranty import WARRANTY_TERMS

router = APIRouter(include_in_schema=False)


def _site(customer_id: str, address: str, contact_name: str, contact_phone: str) -> Site:
    return Site(
        customer_id=customer_id,
        address=address.strip(),
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
    )


def _list_page(request: Request, visitor: Visitor, problem: TechAppError | None = None) -> Response:
    with read_transaction(engine_of(request)) as conn:
        customers = sorted(live_rows(conn, "customers"), key=lambda c: str(c["name"]))
    return views.render(
        request,
        "customers.html",
        visitor,
        status=422 if problem else 200,
        customers=customers,
        classes=sorted(CUSTOMER_CLASSES),
        problem=problem,
    )


@router.get("/customers")
def customers(request: Request, visitor: Signed) -> Response:
    return _list_page(request, visitor)


@router.post("/customers")
def create_customer(
    request: Request,
    visitor: Posted,
    name: Text = "",
    phone: Text = "",
    customer_class: Text = "B",
    notes: Text = "",
    address: Text = "",
    contact_name: Text = "",
    contact_phone: Text = "",
) -> Response:
    try:
        customer = Customer(
            name=name.strip(), phone=phone.strip(), customer_class=customer_class, notes=notes
        )
        site = _site(customer.id, address, contact_name, contact_phone)
        with write_transaction(engine_of(request)) as conn:
            dispatch.put_record(conn, customer)
            dispatch.put_record(conn, site)
    except TechAppError as refused:
        return _list_page(request, visitor, refused)
    return RedirectResponse(f"/customers/{customer.id}", status_code=303)


@router.get("/customers/{customer_id}")
def customer_page(customer_id: str, request: Request, visitor: Signed) -> Response:
    with read_transaction(engine_of(request)) as conn:
        found = store.load(conn, "customers", customer_id)
        if found is None or found.deleted:
            return views.refusal(request, visitor, NotFoundError("customer", customer_id), "/")

        def mine(table: str) -> list[dict[str, object]]:
            return [r for r in live_rows(conn, table) if r.get("customer_id") == customer_id]

        sites, units, jobs = mine("sites"), mine("assets"), mine("jobs")
        contracts = mine("contracts")
        zone = company.zone(conn)
        today = company_today(datetime.now(UTC), zone)
    return views.render(
        request,
        "customer.html",
        visitor,
        customer=found.data,
        sites=sites,
        units=units,
        jobs=sorted(jobs, key=lambda j: str(j["reported_at"]), reverse=True),
        contracts=contracts,
        warranty_terms=list(WARRANTY_TERMS),
        today=today.isoformat(),
        at=lambda value: views.stored_moment_text(value, zone),
    )


@router.post("/customers/{customer_id}/sites")
def add_site(
    customer_id: str,
    request: Request,
    visitor: Posted,
    address: Text = "",
    contact_name: Text = "",
    contact_phone: Text = "",
) -> Response:
    back = f"/customers/{customer_id}"

    def work(conn: Connection) -> int:
        if store.load(conn, "customers", customer_id) is None:
            raise NotFoundError("customer", customer_id)
        return dispatch.put_record(conn, _site(customer_id, address, contact_name, contact_phone))

    return change(request, visitor, back, work)


@router.post("/customers/{customer_id}/assets")
def add_unit(
    customer_id: str,
    request: Request,
    visitor: Posted,
    site_id: Text = "",
    category: Text = "",
    make: Text = "",
    model: Text = "",
    serial: Text = "",
    purchased_on: Text = "",
    purchased_at: Text = "",
    warranty_terms: Text = "",
) -> Response:
    """A unit's service card (售后服务卡): what it is, where and when it was bought, and
    the warranty terms its components are covered by."""

    def work(conn: Connection) -> int:
        site = store.load(conn, "sites", site_id)
        if site is None or site.deleted or site.data.get("customer_id") != customer_id:
            raise ValidationError("asset.site_id", "choose one of the customer's sites")
        unit = Asset(
            customer_id=customer_id,
            site_id=site_id,
            category=category.strip(),
            make=make.strip(),
            model=model.strip(),
            serial=serial.strip(),
            purchased_on=read_day("asset.purchased_on", purchased_on) if purchased_on else None,
            purchased_at=purchased_at.strip(),
            warranty_terms=warranty_terms if warranty_terms in WARRANTY_TERMS else "",
        )
        return dispatch.put_record(conn, unit)

    return change(request, visitor, f"/customers/{customer_id}", work)
