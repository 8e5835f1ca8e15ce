"""Prepaid service cards at head office: sold to a customer, listed with what is left.

A card (``tech_app.records.ServiceCard``, the water-dispenser 承包制度) is sold at the
office: N visits of one job type between two days, for one customer and perhaps one
unit. Jobs name the card they are done on (a sheet's ``card_number`` column); every job
on it that is not cancelled uses a visit (``tech_app.bill.counts_as_visit``, the rule
pricing counts by), and the visit after the last one is charged like any other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.server import dispatch, store
from sync.server import tables as t
from sync.server.record_rows import live_rows
from tech_app.bill import counts_as_visit
from tech_app.errors import NotFoundError, ValidationError
from tech_app.records import Asset, Customer, Job, ServiceCard
from tech_app.records.codec import from_row
from tech_app.rules.schedule import term_ends_on
from tech_app.vocab import CardPlan, JobType

PLAN_MONTHS = {CardPlan.MONTHLY: 1, CardPlan.YEARLY: 12}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def find_customer(conn: Connection, key: str) -> Customer:
    """A customer by id, by phone (any separators) or by exact name; never a guess."""
    found = store.load(conn, "customers", key)
    if found is not None and not found.deleted:
        return from_row(Customer, found.data)
    text = unicodedata.normalize("NFKC", key).strip()
    digits = _digits(text)
    matches = [
        data
        for data in live_rows(conn, "customers")
        if data["name"] == text or (len(digits) >= 6 and _digits(data["phone"]) == digits)
    ]
    if not matches:
        raise NotFoundError("customer", key)
    if len(matches) > 1:
        listed = "; ".join(f"{m['name']} {m['phone']} ({m['id']})" for m in matches[:5])
        raise ValidationError("customer", f"{key!r} names {len(matches)} customers: {listed}")
    return from_row(Customer, matches[0])


def _unit(conn: Connection, customer: Customer, serial: str) -> Asset:
    assets = t.kinds["assets"].c
    units = [
        from_row(Asset, data)
        for data in live_rows(
            conn, "assets", assets.customer_id == customer.id, assets.serial == serial
        )
    ]
    if not units:
        raise ValidationError("asset", f"{customer.name} has no unit with serial {serial!r}")
    return units[0]


def _cards(conn: Connection) -> list[ServiceCard]:
    return [from_row(ServiceCard, data) for data in live_rows(conn, "service_cards")]


def _next_number(cards: list[ServiceCard], starts_on: date) -> str:
    stem = f"C{starts_on:%Y%m%d}-"
    taken = {c.number for c in cards}
    n = 1 + sum(1 for c in cards if c.number.startswith(stem))
    while f"{stem}{n:03d}" in taken:
        n += 1
    return f"{stem}{n:03d}"


def sell(
    conn: Connection,
    customer_key: str,
    plan: CardPlan,
    visits: int,
    starts_on: date,
    *,
    number: str = "",
    asset_serial: str = "",
    job_type: JobType = JobType.CLEANING,
) -> ServiceCard:
    """Sell a card (through the write gate); its number is unique among all cards."""
    customer = find_customer(conn, customer_key)
    cards = _cards(conn)
    number = unicodedata.normalize("NFKC", number).strip() or _next_number(cards, starts_on)
    if any(card.number == number for card in cards):
        raise ValidationError("number", f"card number {number!r} is already sold")
    card = ServiceCard(
        customer_id=customer.id,
        asset_id=_unit(conn, customer, asset_serial).id if asset_serial else None,
        number=number,
        plan=plan,
        visits=visits,
        job_type=job_type,
        starts_on=starts_on,
        ends_on=term_ends_on(starts_on, PLAN_MONTHS[plan]),
    )
    dispatch.put_record(conn, card)
    return card


@dataclass(frozen=True)
class CardState:
    card: ServiceCard
    customer: str
    used: int  # jobs on the card that are not cancelled, done or booked

    @property
    def left(self) -> int:
        return max(0, self.card.visits - self.used)

    def state(self, today: date) -> str:
        if today > self.card.ends_on:
            return "expired"
        if today < self.card.starts_on:
            return "not_started"
        return "exhausted" if self.left == 0 else "valid"


def _used(conn: Connection, card_id: str) -> int:
    refs = t.job_refs.c
    job_ids = conn.execute(
        sa.select(refs.job_id).where(refs.table_name == "service_cards", refs.record_id == card_id)
    ).scalars()
    used = 0
    for job_id in job_ids:
        job = store.load(conn, "jobs", job_id)
        if job is not None and not job.deleted and counts_as_visit(from_row(Job, job.data)):
            used += 1
    return used


def card_states(conn: Connection, customer_key: str | None = None) -> list[CardState]:
    """Every card (or one customer's), with the visits used so far."""
    customer = find_customer(conn, customer_key) if customer_key else None
    found = [
        state_of(conn, card)
        for card in _cards(conn)
        if customer is None or card.customer_id == customer.id
    ]
    return sorted(found, key=lambda s: (s.customer, s.card.starts_on, s.card.number))


def state_of(conn: Connection, card: ServiceCard) -> CardState:
    """One card with its customer's name and the visits used so far."""
    row = store.load(conn, "customers", card.customer_id)
    return CardState(card, str(row.data["name"]) if row else "?", _used(conn, card.id))


def card_for_sheet(conn: Connection, customer_id: str, number: str) -> ServiceCard:
    """The customer's card a sheet names by number; a wrong number lists the right ones."""
    text = unicodedata.normalize("NFKC", number).strip()
    theirs = [card for card in _cards(conn) if card.customer_id == customer_id]
    for card in theirs:
        if card.number == text:
            return card
    known = ", ".join(sorted(card.number for card in theirs)) or "none sold"
    raise ValidationError(
        "card_number", f"the customer has no card {text!r} (their cards: {known})"
    )
