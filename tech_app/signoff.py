"""The end of a visit: the customer consents to the price, then signs, and the job freezes."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from tech_app.blobs import BlobStore
from tech_app.charges import charges_json, job_charges, job_estimate
from tech_app.company import company_settings
from tech_app.errors import Invalid, ValidationError
from tech_app.lifecycle import change_status
from tech_app.receipts import take_receipt_number
from tech_app.records import Consent, Estimate, Job, Photo, Signature
from tech_app.records.validate import check_aware, check_choice
from tech_app.rules.consent import check_consent
from tech_app.store.local import LocalStore, utc_now
from tech_app.vocab import JobStatus, PaymentMethod

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def check_signature_png(field: str, png: bytes) -> None:
    """Refuse an image that is no PNG or an empty pad (``Invalid.SIGNATURE_MISSING``): the
    check every signature makes, at sign-off and at a jewellery counter's hand-in."""
    if not png.startswith(_PNG_MAGIC):
        raise ValidationError(
            field, "the signature must be a PNG image", code=Invalid.SIGNATURE_MISSING
        )
    if len(png) < 100:
        raise ValidationError(field, "the signature pad is empty", code=Invalid.SIGNATURE_MISSING)


def record_consent(
    store: LocalStore,
    job_id: str,
    consented_by: str,
    planned_minutes: int | None,
    now: datetime | None = None,
) -> Consent:
    """Keep the estimate exactly as shown and who agreed to it.

    Before repair the estimate is the parts picked plus ``planned_minutes`` of labour;
    with ``planned_minutes`` None it is the bill as it stands, which is how a customer
    agrees again to a bill that grew past their first consent.
    """
    moment = now or utc_now()
    charges = (
        job_charges(store, job_id)
        if planned_minutes is None
        else job_estimate(store, job_id, planned_minutes)
    )
    with store.transaction():
        shown = store.save(
            Estimate(
                job_id=job_id,
                total=charges.total,
                breakdown=charges_json(charges),
                created_at=moment,
            )
        )
        return store.save(
            Consent(
                job_id=job_id, estimate_id=shown.id, consented_by=consented_by, consented_at=moment
            )
        )


def consented_total(store: LocalStore, job_id: str) -> int | None:
    """The total of the latest estimate the customer consented to, None without one."""
    row = store.db.execute(
        "SELECT e.total FROM consents c JOIN estimates e ON e.id = c.estimate_id "
        "WHERE c.job_id = ? ORDER BY c.consented_at DESC, c.rowid DESC LIMIT 1",
        [job_id],
    ).fetchone()
    return None if row is None else int(row[0])


def require_consent(store: LocalStore, job_id: str) -> None:
    """Refuse (``ConsentError``) a charged bill without consent, or above the consented
    estimate plus the company's margin: the check every signature path makes."""
    bill = job_charges(store, job_id)
    check_consent(
        bill.total,
        consented_total(store, job_id),
        company_settings(store).consent_margin,
        needed=bill.needs_consent,
    )


def _record_payment(
    store: LocalStore, job_id: str, payment_method: PaymentMethod | str | None
) -> None:
    """A bill with something to pay gets the payment method and a receipt number,
    taken in the signature's transaction so a failed signature leaves no gap."""
    job = store.get(Job, job_id)
    if job_charges(store, job_id).total <= 0 or job.receipt_number:
        return
    method = (
        PaymentMethod(check_choice("job.payment_method", payment_method, PaymentMethod))
        if payment_method
        else None
    )
    number = take_receipt_number(store, company_settings(store))
    store.save(dataclasses.replace(job, payment_method=method, receipt_number=number))


def sign_job(
    store: LocalStore,
    blobs: BlobStore,
    job_id: str,
    *,
    signer_name: str,
    signature_png: bytes,
    rating: int | None = None,
    comment: str = "",
    payment_method: PaymentMethod | str | None = None,
    now: datetime | None = None,
) -> Signature:
    """Store the signature image, record who signed, and freeze the job.

    A completed job is signed as is; an on-site job is completed first, so the
    checklist's required items are checked before the customer's name goes on it.
    """
    check_signature_png("signature.image", signature_png)
    require_consent(store, job_id)
    moment = now or utc_now()
    sha256 = blobs.put(signature_png)
    return _sign(
        store,
        job_id,
        Signature(
            job_id=job_id,
            signer_name=signer_name,
            signed_at=moment,
            image_sha256=sha256,
            rating=rating,
            comment=comment,
        ),
        payment_method,
        moment,
    )


# The item key of the photo of a slip the customer signed on paper.
PAPER_COPY_PHOTO = "signed_paper_copy"


def sign_on_paper(
    store: LocalStore,
    blobs: BlobStore,
    job_id: str,
    *,
    signer_name: str,
    signed_at: datetime,
    photo: bytes | None = None,
    rating: int | None = None,
    comment: str = "",
    payment_method: PaymentMethod | str | None = None,
    now: datetime | None = None,
) -> Signature:
    """Record that the customer signed the printed, unsigned slip, and freeze the job.

    The same rules as the pad (required answers, consent, payment) decide; the signature
    row says ``on_paper`` and carries no image. ``photo`` (the signed paper, any image
    file's bytes) becomes a ``Photo`` of the job in the same transaction, so the job
    never freezes without it. ``signed_at`` is when the customer signed: not later than
    ``now``.
    """
    moment = now or utc_now()
    check_aware("signature.signed_at", signed_at)
    if signed_at > moment:
        raise ValidationError(
            "signature.signed_at",
            "the paper cannot have been signed later than now",
            code=Invalid.IN_FUTURE,
        )
    require_consent(store, job_id)
    sha256 = blobs.put(photo) if photo else None
    with store.transaction():
        photo_id = None
        if sha256 is not None:
            photo_id = store.save(
                Photo(job_id=job_id, item_key=PAPER_COPY_PHOTO, sha256=sha256, taken_at=moment)
            ).id
        return _sign(
            store,
            job_id,
            Signature(
                job_id=job_id,
                signer_name=signer_name,
                signed_at=signed_at,
                rating=rating,
                comment=comment,
                on_paper=True,
                paper_photo_id=photo_id,
            ),
            payment_method,
            moment,
        )


def _sign(
    store: LocalStore,
    job_id: str,
    signature: Signature,
    payment_method: PaymentMethod | str | None,
    moment: datetime,
) -> Signature:
    """Complete (an on-site job), take the payment, save the signature, freeze: one step."""
    with store.transaction():
        if store.get(Job, job_id).status is JobStatus.ON_SITE:
            change_status(store, job_id, JobStatus.COMPLETED, now=moment)
        _record_payment(store, job_id, payment_method)
        saved = store.save(signature)
        change_status(store, job_id, JobStatus.SIGNED, now=moment)
    return saved
