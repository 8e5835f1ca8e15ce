"""Maintenance contracts: create one for a customer, preview the visits it owes, plan
them, end it with its notice. Planning is ``planning.plan_contract`` itself: the
preview runs it in a transaction that is rolled back, so what is shown is exactly what
"Plan these visits" then stores."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection, Engine
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from sync.server import company, dispatch, planning, store
from sync.server.console import views
from sync.server.console.forms import Posted, Signed, Text, change, engine_of, read_day
from sync.server.db import read_transaction, write_transaction
from sync.server.office_input import company_today
from sync.server.record_rows import live_by_id
from tech_app.errors import NotFoundError, TechAppError, ValidationError
from tech_app.money import format_money, parse_money
from tech_app.records import Contract

router = APIRouter(include_in_schema=False)
PREVIEW_DAYS = 365  # the horizon a preview shows unless asked for another


class _RolledBack(Exception):
    """Carries a plan out of the transaction it must not be stored by."""

    def __init__(self, result: planning.PlanResult) -> None:
        self.result = result


def preview(engine: Engine, key: str, first: date, until: date) -> planning.PlanResult:
    """What planning the contract would store, computed by the planner and rolled back."""
    try:
        with write_transaction(engine) as conn:
            contract = planning.find_contract(conn, key)
            raise _RolledBack(planning.plan_contract(conn, contract, first, until))
    except _RolledBack as done:
        return done.result


def _count(field: str, text: str, *, optional: bool = False) -> int | None:
    text = text.strip()
    if not text and optional:
        return None
    if not text.isdigit():
        raise ValidationError(field, f"{text!r} is not a whole number")
    return int(text)


def _terms(form: FormData) -> dict[str, Any]:
    """A contract's terms as the create and edit forms type them."""

    def text(name: str, default: str = "") -> str:
        return str(form.get(name, "")).strip() or default

    return {
        "name": text("name"),
        "visits_per_year": _count(
            "contract.visits_per_year", text("visits_per_year"), optional=True
        ),
        "interval_hours": _count("contract.interval_hours", text("interval_hours"), optional=True),
        "visit_fee": parse_money("contract.visit_fee", text("visit_fee", "0")),
        "out_of_scope_per_hour": parse_money(
            "contract.out_of_scope_per_hour", text("out_of_scope_per_hour", "0")
        ),
        "waiting_per_hour": parse_money("contract.waiting_per_hour", text("waiting_per_hour", "0")),
        "starts_on": read_day("contract.starts_on", text("starts_on")),
        "term_months": _count("contract.term_months", text("term_months", "12")),
        "notice_days": _count("contract.notice_days", text("notice_days", "30")),
    }


@router.post("/customers/{customer_id}/contracts")
async def create_contract(customer_id: str, request: Request, visitor: Posted) -> Response:
    form = await request.form()

    def work(conn: Connection) -> Contract:
        if store.load(conn, "customers", customer_id) is None:
            raise NotFoundError("customer", customer_id)
        contract = Contract(customer_id=customer_id, **_terms(form))
        dispatch.put_record(conn, contract)
        return contract

    return await run_in_threadpool(change, request, visitor, f"/customers/{customer_id}", work)


@router.post("/contracts/{key}")
async def edit_contract(key: str, request: Request, visitor: Posted) -> Response:
    """New terms for the contract; visits already planned change when it is planned again."""
    form = await request.form()

    def work(conn: Connection) -> Contract:
        contract = dataclasses.replace(planning.find_contract(conn, key), **_terms(form))
        dispatch.put_record(conn, contract)
        return contract

    return await run_in_threadpool(change, request, visitor, f"/contracts/{key}", work)


@router.get("/contracts/{key}")
def contract_page(
    key: str, request: Request, visitor: Signed, first: str = "", until: str = ""
) -> Response:
    engine = engine_of(request)
    try:
        with read_transaction(engine) as conn:
            contract = planning.find_contract(conn, key)
            customer = live_by_id(conn, "customers").get(contract.customer_id, {})
            sites = live_by_id(conn, "sites")
            today = company_today(datetime.now(UTC), company.zone(conn))
        start = read_day("from", first) if first else today
        end = read_day("until", until) if until else start + timedelta(days=PREVIEW_DAYS)
        plan = preview(engine, contract.id, start, end)
    except TechAppError as refused:
        return views.refusal(request, visitor, refused, "/customers")
    return views.render(
        request,
        "contract.html",
        visitor,
        contract=contract,
        customer=customer,
        sites=sites,
        plan=plan,
        first=start,
        until=end,
        money=format_money,
    )


@router.post("/contracts/{key}/plan")
def plan(
    key: str, request: Request, visitor: Posted, first: Text = "", until: Text = ""
) -> Response:
    def work(conn: Connection) -> planning.PlanResult:
        contract = planning.find_contract(conn, key)
        start, end = read_day("from", first), read_day("until", until)
        return planning.plan_contract(conn, contract, start, end)

    back = f"/contracts/{key}?{urlencode({'first': first, 'until': until})}"
    return change(request, visitor, back, work)


@router.post("/contracts/{key}/end")
def end(key: str, request: Request, visitor: Posted, notice_given_on: Text = "") -> Response:
    def work(conn: Connection) -> object:
        return planning.end_contract(conn, key, read_day("notice_given_on", notice_given_on))

    return change(request, visitor, f"/contracts/{key}", work)
