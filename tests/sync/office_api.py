"""An office user's HTTP session against the test server, and records put straight into
head office (as ``tech-app office`` does) for the contract, follow-up and SLA tests."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

import requests

from sync.protocol import PROTOCOL_HEADER, SCHEMA_HEADER
from sync.server import dispatch, store
from sync.server.db import read_transaction, write_transaction
from tech_app.demo import CHINA
from tech_app.demo_templates import FORKLIFT_QUARTERLY
from tech_app.records import Asset, Contract, Customer, Job, JobAsset, Site
from tech_app.records.codec import RECORD_SCHEMA, TABLES, from_row
from tests.sync.conftest import PASSWORD, Server

VERSIONS = {PROTOCOL_HEADER: "1", SCHEMA_HEADER: str(RECORD_SCHEMA)}


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA)


def office_session(server: Server) -> requests.Session:
    name = server.technician("office")
    answer = requests.post(
        f"{server.url}/auth/login", json={"user": name, "password": PASSWORD}, headers=VERSIONS
    )
    answer.raise_for_status()
    session = requests.Session()
    session.headers.update({**VERSIONS, "Authorization": f"Bearer {answer.json()['access_token']}"})
    return session


def put(server: Server, records: Iterable[object]) -> None:
    with write_transaction(server.engine) as conn:
        for record in records:
            dispatch.put_record(conn, record)


def stored(server: Server, cls: type, record_id: str) -> Any:
    with read_transaction(server.engine) as conn:
        found = store.load(conn, TABLES[cls], record_id)
    assert found is not None, record_id
    return found


def record(server: Server, cls: type, record_id: str) -> Any:
    return from_row(cls, stored(server, cls, record_id).data)


@dataclasses.dataclass
class Fleet:
    customer: Customer
    site: Site
    contract: Contract
    trucks: list[Asset]


def make_fleet(server: Server, starts_on: date = date(2026, 1, 1), trucks: int = 6) -> Fleet:
    """A customer with one warehouse, ``trucks`` forklifts and a quarterly 500 h agreement."""
    key = uuid.uuid4().hex[:8]
    customer = Customer(name=f"华东物流 {key}", phone="021-5888 1234", customer_class="A")
    site = Site(customer_id=customer.id, address=f"上海市浦东新区张江路 88 号 {key}")
    contract = Contract(
        customer_id=customer.id,
        name=f"叉车季度保养协议 {key}",
        visits_per_year=4,
        interval_hours=500,
        visit_fee=80000,
        out_of_scope_per_hour=15000,
        waiting_per_hour=10000,
        starts_on=starts_on,
        term_months=12,
        notice_days=30,
    )
    units = [
        Asset(
            customer_id=customer.id,
            site_id=site.id,
            category="forklift",
            make="合力 Heli",
            model="CPCD30",
            serial=f"HL-{key}-{n:02d}",
            warranty_terms="forklift",
        )
        for n in range(1, trucks + 1)
    ]
    put(server, [FORKLIFT_QUARTERLY, customer, site, contract, *units])
    # Checked on delivery with the quarterly checklist: planning gives each truck the
    # checklist it had last.
    done_job(
        server,
        (customer.id, site.id),
        "inspection",
        at(starts_on - timedelta(days=1), 15),
        dict.fromkeys((u.id for u in units), None),
        template_id=FORKLIFT_QUARTERLY.id,
    )
    return Fleet(customer, site, contract, units)


def done_job(
    server: Server,
    fleet_or_customer: tuple[str, str],
    job_type: str,
    completed_at: datetime,
    readings: dict[str, int | None],
    *,
    contract_id: str | None = None,
    assignee: str = "",
    template_id: str | None = None,
) -> Job:
    """A job head office already knows as completed, with the hour meter read per unit."""
    customer_id, site_id = fleet_or_customer
    job = Job(
        number=f"T-{uuid.uuid4().hex[:10]}",
        job_type=job_type,  # type: ignore[arg-type]
        customer_id=customer_id,
        site_id=site_id,
        reported_at=completed_at.replace(hour=0, minute=0),
        assignee=assignee,
        status="completed",  # type: ignore[arg-type]
        contract_id=contract_id,
        completed_at=completed_at,
    )
    links = [
        JobAsset(
            job_id=job.id, asset_id=asset_id, position=n, hour_meter=hours, template_id=template_id
        )
        for n, (asset_id, hours) in enumerate(readings.items())
    ]
    put(server, [job, *links])
    return job
