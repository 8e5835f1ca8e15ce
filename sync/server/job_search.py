"""Finding head-office jobs by what people type, with the laptop's own search rules.

Each job's words come from its rows here (customer, site, units, counterfoils) and go
through ``tech_app.store.search``: the same text, the same two indexes and the same
query parsing a technician's search uses, so 售后 or a surname finds at head office
what it finds on the laptop.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy.engine import Connection

from sync.server.record_rows import live_by_id, live_rows
from tech_app.store.search import JobWords, matching_keys, searchable_text


def job_words(conn: Connection, jobs: list[dict[str, Any]]) -> dict[str, JobWords]:
    """The search words of each job, read in one pass over each kind of row."""
    customers = live_by_id(conn, "customers")
    sites = live_by_id(conn, "sites")
    assets = live_by_id(conn, "assets")
    units: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for link in live_rows(conn, "job_assets"):
        asset = assets.get(str(link["asset_id"]))
        if asset is not None:
            units[str(link["job_id"])].append(
                tuple(str(asset.get(k) or "") for k in ("category", "make", "model", "serial"))  # type: ignore[arg-type]
            )
    intakes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for intake in live_rows(conn, "jewellery_intakes"):
        intakes[str(intake["job_id"])].append(
            (str(intake.get("counterfoil_number") or ""), str(intake.get("product") or ""))
        )
    words = {}
    for job in jobs:
        customer = customers.get(str(job["customer_id"]), {})
        site = sites.get(str(job["site_id"]), {})
        words[str(job["id"])] = JobWords(
            number=str(job["number"]),
            problem=str(job.get("problem") or ""),
            customer_name=str(customer.get("name") or ""),
            phone=str(customer.get("phone") or ""),
            address=str(site.get("address") or ""),
            contact_name=str(site.get("contact_name") or ""),
            contact_phone=str(site.get("contact_phone") or ""),
            job_type=str(job["job_type"]),
            assets=tuple(units[str(job["id"])]),
            intakes=tuple(intakes[str(job["id"])]),
        )
    return words


def find_jobs(conn: Connection, jobs: list[dict[str, Any]], query: str) -> set[str] | None:
    """Ids of the jobs the search text finds; None for an empty search box."""
    texts = {job_id: searchable_text(w) for job_id, w in job_words(conn, jobs).items()}
    return matching_keys(texts, query)
