"""What a visit produces besides answers and parts: time, consent, signature, slip, follow-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tech_app.errors import ValidationError
from tech_app.records.validate import (
    check_aware,
    check_choice,
    check_count,
    check_id,
    check_order,
    check_text,
    new_id,
)
from tech_app.vocab import TimeKind


def _check_sha256(field_name: str, value: str) -> None:
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise ValidationError(field_name, "is not a SHA-256 hex digest")


def _check_rating(field_name: str, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or value not in range(1, 6)):
        raise ValidationError(field_name, "must be a whole number from 1 to 5")


@dataclass(frozen=True, kw_only=True)
class TimeEntry:
    id: str = field(default_factory=new_id)
    job_id: str
    kind: TimeKind
    started_at: datetime
    ended_at: datetime | None = None  # None while the timer runs
    technician: str = ""
    # On a contract visit: work the technician marks outside the agreement, billed at
    # the contract's hourly rate (in-scope work is paid by the visit fee).
    out_of_scope: bool = False

    def __post_init__(self) -> None:
        check_id("time_entry.id", self.id)
        check_id("time_entry.job_id", self.job_id)
        object.__setattr__(
            self, "kind", TimeKind(check_choice("time_entry.kind", self.kind, TimeKind))
        )
        check_aware("time_entry.started_at", self.started_at)
        if self.ended_at is not None:
            check_aware("time_entry.ended_at", self.ended_at)
            check_order("time_entry.ended_at", self.started_at, self.ended_at)

    @property
    def minutes(self) -> int:
        if self.ended_at is None:
            return 0
        return round((self.ended_at - self.started_at).total_seconds() / 60)


@dataclass(frozen=True, kw_only=True)
class Estimate:
    """The charges shown to the customer before repair (out of warranty)."""

    id: str = field(default_factory=new_id)
    job_id: str
    total: int  # minor units, as computed by the pricing rules
    breakdown: str  # JSON of the charge lines the customer saw
    created_at: datetime

    def __post_init__(self) -> None:
        check_id("estimate.id", self.id)
        check_id("estimate.job_id", self.job_id)
        check_count("estimate.total", self.total)
        check_aware("estimate.created_at", self.created_at)


@dataclass(frozen=True, kw_only=True)
class Consent:
    id: str = field(default_factory=new_id)
    job_id: str
    estimate_id: str
    consented_by: str
    consented_at: datetime

    def __post_init__(self) -> None:
        check_id("consent.id", self.id)
        check_id("consent.job_id", self.job_id)
        check_id("consent.estimate_id", self.estimate_id)
        check_text("consent.consented_by", self.consented_by, max_length=120)
        check_aware("consent.consented_at", self.consented_at)


@dataclass(frozen=True, kw_only=True)
class Signature:
    """The customer's signature: drawn on the pad (its PNG a blob), or on a printed copy
    of the slip (``on_paper``: no image; the photo of the signed paper, when one was
    taken, is a ``Photo`` of the job named by ``paper_photo_id``)."""

    id: str = field(default_factory=new_id)
    job_id: str
    signer_name: str
    signed_at: datetime
    image_sha256: str = ""  # PNG of the strokes, stored as a blob; "" on paper
    rating: int | None = None
    comment: str = ""
    on_paper: bool = False
    paper_photo_id: str | None = None

    def __post_init__(self) -> None:
        check_id("signature.id", self.id)
        check_id("signature.job_id", self.job_id)
        check_text("signature.signer_name", self.signer_name, max_length=120)
        check_aware("signature.signed_at", self.signed_at)
        if self.on_paper:
            if self.image_sha256:
                raise ValidationError(
                    "signature.image_sha256", "a signature on paper has no pad image"
                )
            if self.paper_photo_id is not None:
                check_id("signature.paper_photo_id", self.paper_photo_id)
        else:
            _check_sha256("signature.image_sha256", self.image_sha256)
            if self.paper_photo_id is not None:
                raise ValidationError(
                    "signature.paper_photo_id", "only a signature on paper has a photo of it"
                )
        _check_rating("signature.rating", self.rating)
        check_text("signature.comment", self.comment, required=False, max_length=2000)


@dataclass(frozen=True, kw_only=True)
class Photo:
    id: str = field(default_factory=new_id)
    job_id: str
    asset_id: str | None = None
    item_key: str = ""
    sha256: str
    caption: str = ""
    taken_at: datetime

    def __post_init__(self) -> None:
        check_id("photo.id", self.id)
        check_id("photo.job_id", self.job_id)
        _check_sha256("photo.sha256", self.sha256)
        check_aware("photo.taken_at", self.taken_at)


@dataclass(frozen=True, kw_only=True)
class Slip:
    id: str = field(default_factory=new_id)
    job_id: str
    revision: int = 1
    content_hash: str
    pdf_sha256: str
    created_at: datetime

    def __post_init__(self) -> None:
        check_id("slip.id", self.id)
        check_id("slip.job_id", self.job_id)
        check_count("slip.revision", self.revision, minimum=1)
        _check_sha256("slip.content_hash", self.content_hash)
        _check_sha256("slip.pdf_sha256", self.pdf_sha256)
        check_aware("slip.created_at", self.created_at)


@dataclass(frozen=True, kw_only=True)
class Feedback:
    """The customer's opinion, at sign-off or on the follow-up call."""

    id: str = field(default_factory=new_id)
    job_id: str
    problem_solved: bool | None = None
    on_time: bool | None = None
    attitude: int | None = None
    skill: int | None = None
    amount_charged: int | None = None  # what the customer says they paid, minor units
    comment: str = ""
    recorded_at: datetime

    def __post_init__(self) -> None:
        check_id("feedback.id", self.id)
        check_id("feedback.job_id", self.job_id)
        _check_rating("feedback.attitude", self.attitude)
        _check_rating("feedback.skill", self.skill)
        if self.amount_charged is not None:
            check_count("feedback.amount_charged", self.amount_charged)
        check_aware("feedback.recorded_at", self.recorded_at)


@dataclass(frozen=True, kw_only=True)
class FollowUp:
    id: str = field(default_factory=new_id)
    job_id: str
    kind: str  # "call" or "visit"
    due_at: datetime
    done_at: datetime | None = None

    def __post_init__(self) -> None:
        check_id("follow_up.id", self.id)
        check_id("follow_up.job_id", self.job_id)
        if self.kind not in ("call", "visit"):
            raise ValidationError("follow_up.kind", "must be call or visit")
        check_aware("follow_up.due_at", self.due_at)
        if self.done_at is not None:
            check_aware("follow_up.done_at", self.done_at)
