"""Head office checks the consent behind every signature it receives.

The laptop refuses to sign a charged job without the customer's consent
(``tech_app.signoff.require_consent``); a device that got round it (an old build, a
hand-edited database) still reaches head office, which must not lose the work. So
head office prices the job with the same pure function, applies the same rule
(``tech_app.rules.consent``) and flags the job for office review with the rule's code.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from sync.server import company, gate, store
from sync.server.job_bill import job_bill
from tech_app.errors import ConsentError
from tech_app.review_notes import NoteCode, note
from tech_app.rules.consent import check_consent


def consented_total(conn: Connection, job_id: str) -> int | None:
    """The total of the latest estimate the customer consented to, as head office holds it."""
    consents = []
    for table, record_id in store.children_of(conn, job_id):
        if table != "consents":
            continue
        found = store.load(conn, table, record_id)
        if found is not None and not found.deleted:
            consents.append(found.data)
    if not consents:
        return None
    latest = max(consents, key=lambda c: str(c["consented_at"]))
    estimate = store.load(conn, "estimates", str(latest["estimate_id"]))
    return None if estimate is None else int(estimate.data["total"])


def review_signature(conn: Connection, job_id: str) -> str | None:
    """Flag a signed job whose bill the customer did not consent to; returns the code."""
    job = store.load(conn, "jobs", job_id)
    if job is None or job.deleted or job.data.get("status") != "signed":
        return None  # the signature was not applied (the job left the technician)
    bill = job_bill(conn, job_id)
    try:
        check_consent(
            bill.total,
            consented_total(conn, job_id),
            company.current(conn).consent_margin,
            needed=bill.needs_consent,
        )
    except ConsentError as problem:
        gate.flag(
            conn,
            job_id,
            note(NoteCode.SIGNED_WITHOUT_CONSENT, rule=problem.code, bill_total=bill.total),
        )
        return problem.code
    return None
