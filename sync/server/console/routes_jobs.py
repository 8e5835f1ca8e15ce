"""Jobs: the new-job form, a job's page, and its signed slip's PDF."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Connection

from sync.server import auth, company, dispatch, store
from sync.server.console import views
from sync.server.console.forms import Posted, Signed, Text, engine_of, read_moment, read_window
from sync.server.console.job_page import read_job_page, slip_pdf
from sync.server.console.session import Visitor
from sync.server.db import read_transaction, write_transaction
from sync.server.office_input import parse_priority
from sync.server.record_rows import live_by_id, live_rows
from tech_app.errors import NotFoundError, TechAppError, ValidationError
from tech_app.records import Job
from tech_app.rules.sla import SLA_POLICIES
from tech_app.vocab import JobType

router = APIRouter(include_in_schema=False)


def _site_choices(conn: Connection) -> list[dict[str, str]]:
    customers = live_by_id(conn, "customers")
    return [
        {
            "id": str(site["id"]),
            "label": f"{customers.get(str(site['customer_id']), {}).get('name', '')} — "
            f"{site['address']}",
        }
        for site in live_rows(conn, "sites")
        if str(site["customer_id"]) in customers
    ]


def _new_job_page(
    request: Request, visitor: Visitor, *, site: str = "", problem: TechAppError | None = None
) -> Response:
    with read_transaction(engine_of(request)) as conn:
        sites = _site_choices(conn)
        now = datetime.now(company.zone(conn))  # the form's fields are company time
        units = [a for a in live_rows(conn, "assets") if a["site_id"] == site] if site else []
        technicians = auth.user_names(conn, "technician")
    return views.render(
        request,
        "job_new.html",
        visitor,
        status=422 if problem else 200,
        sites=sites,
        chosen_site=site,
        units=units,
        technicians=technicians,
        job_types=[t.value for t in JobType],
        policies=["", *SLA_POLICIES],
        problem=problem,
        now=now.strftime("%Y-%m-%dT%H:%M"),
    )


@router.get("/jobs/new")
def new_job(request: Request, visitor: Signed, site: str = "") -> Response:
    return _new_job_page(request, visitor, site=site)


@router.post("/jobs")
def create_job(
    request: Request,
    visitor: Posted,
    site_id: Text = "",
    number: Text = "",
    job_type: Text = "",
    problem: Text = "",
    reported_at: Text = "",
    sla_policy: Text = "",
    priority: Text = "3",
    day: Text = "",
    start: Text = "",
    end: Text = "",
    technician: Text = "",
    unit: Annotated[list[str] | None, Form()] = None,
) -> Response:
    try:
        with write_transaction(engine_of(request)) as conn:
            zone = company.zone(conn)
            site = store.load(conn, "sites", site_id.strip()) if site_id.strip() else None
            if site is None or site.deleted:
                raise ValidationError("job.site_id", "choose the customer's site")
            job = Job(
                number=number.strip(),
                job_type=job_type,  # type: ignore[arg-type]  # the record checks the choice
                customer_id=str(site.data["customer_id"]),
                site_id=site.id,
                problem=problem.strip(),
                reported_at=read_moment("reported_at", reported_at, zone),
                sla_policy=sla_policy if sla_policy in SLA_POLICIES else "",
                priority=parse_priority("priority", priority),
            )
            if day.strip():  # a job may be created before it is scheduled
                begins, ends = read_window(day, start, end, zone)
                job = dataclasses.replace(job, window_start=begins, window_end=ends)
            dispatch.create_job(conn, job, units=unit or ())
            if technician:
                dispatch.assign(conn, job.id, technician)
    except TechAppError as refused:
        return _new_job_page(request, visitor, site=site_id, problem=refused)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{key}")
def job_page(key: str, request: Request, visitor: Signed) -> Response:
    try:
        with read_transaction(engine_of(request)) as conn:
            page = read_job_page(conn, key, datetime.now(UTC))
    except NotFoundError as missing:
        return views.refusal(request, visitor, missing, "/")
    return views.render(request, "job.html", visitor, page=page, back=f"/jobs/{key}")


@router.get("/jobs/{key}/slips/{slip_id}.pdf")
def slip(key: str, slip_id: str, request: Request, visitor: Signed) -> Response:
    try:
        with read_transaction(engine_of(request)) as conn:
            data = slip_pdf(conn, key, slip_id)
    except NotFoundError as missing:
        return views.refusal(request, visitor, missing, "/")
    if data is None:
        return views.refusal(request, visitor, NotFoundError("slip", slip_id), f"/jobs/{key}")
    return Response(data, media_type="application/pdf")
