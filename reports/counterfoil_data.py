"""The jewellery registration form and its counterfoil as data: a frozen record of the page.

``build_counterfoil_data`` reads the store once (the intake, its steps, the customer,
the company's settings, and how the pricing bills the job's labour); the renderer
(``reports.counterfoil_pdf``) draws only this record. Times are shown in the
company's time zone: the counter and the customer read the shop's clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from reports import gather
from reports.facts import PRESENTATION, CompanyInfo, Party, SignatureFacts
from reports.labels import Labels
from tech_app.blobs import BlobStore
from tech_app.company import company_settings
from tech_app.errors import NotFoundError
from tech_app.intake import require_intake, servicing_terms
from tech_app.store.local import LocalStore
from tech_app.vocab import IntakeService, IntakeState


@dataclass(frozen=True)
class CounterfoilData:
    job_id: str
    job_number: str
    counterfoil_number: str
    company: CompanyInfo
    party: Party
    product: str
    material: str  # tech_app.vocab.Material value
    stone_size: Decimal | None  # carats
    stone_grade: str
    services: tuple[str, ...]  # tech_app.vocab.IntakeService values asked for, in order
    service_note: str
    other_problems: str
    handed_in_at: datetime  # in the company's zone
    received_by: str
    signature: SignatureFacts
    state: str  # tech_app.vocab.IntakeState value
    ready_at: datetime | None
    collected_at: datetime | None
    labour_free: bool  # the pricing's answer for the job's labour (free servicing)
    labels: Labels = field(metadata=PRESENTATION)

    @property
    def polishing(self) -> bool:
        return IntakeService.POLISHING.value in self.services


def build_counterfoil_data(
    store: LocalStore, job_key: str, lang: str = "en", *, blobs: BlobStore | None = None
) -> CounterfoilData:
    """The counterfoil of a job (by number or id); ``blobs`` supplies the signature image.

    Raises ``ValidationError`` (``Invalid.NOT_HANDED_IN``) when nothing was handed in.
    """
    labels = Labels(lang)
    job = store.find_job(job_key)
    status = require_intake(store, job.id)
    intake = status.intake
    zone = company_settings(store).zone
    image = None
    if blobs is not None:
        try:
            image = blobs.get(intake.signature_sha256)
        except NotFoundError:
            image = None  # still downloading: the page says so
    ready, collected = status.step(IntakeState.READY), status.step(IntakeState.COLLECTED)
    return CounterfoilData(
        job_id=job.id,
        job_number=job.number,
        counterfoil_number=intake.counterfoil_number,
        company=gather.company_info(store, blobs),
        party=gather.party_of(store, job),
        product=intake.product,
        material=intake.material.value,
        stone_size=intake.stone_size,
        stone_grade=intake.stone_grade,
        services=tuple(s.value for s in intake.services),
        service_note=intake.service_note,
        other_problems=intake.other_problems,
        handed_in_at=intake.handed_in_at.astimezone(zone),
        received_by=intake.received_by,
        signature=SignatureFacts(
            signer_name=intake.signer_name,
            signed_at=intake.handed_in_at.astimezone(zone),
            image_sha256=intake.signature_sha256,
            rating=None,
            comment="",
            image=image,
        ),
        state=status.state.value,
        ready_at=ready.stepped_at.astimezone(zone) if ready else None,
        collected_at=collected.stepped_at.astimezone(zone) if collected else None,
        labour_free=servicing_terms(store, job.id).labour_free,
        labels=labels,
    )
