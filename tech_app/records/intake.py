"""The jewellery counter's registration form (售后服务登记表) and what happens to the piece.

Seed 001 describes the counter: check the piece against its service booklet, fill in the
registration form (product name, material, stone size and grade, the requested services,
other problems noticed), the customer signs it, and keeps a counterfoil (回执联) to collect
the piece with. ``JewelleryIntake`` is that form as signed: it is recorded once, when the
customer signs, and never edited (``tech_app.write_rules``). What happens to the piece
afterwards is a row per step (``IntakeStep``: ready, collected), so the form itself never
changes and two devices cannot overwrite each other's step.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from tech_app.errors import Invalid, ValidationError
from tech_app.numbers import read_number
from tech_app.records.validate import (
    check_aware,
    check_choice,
    check_id,
    check_text,
    new_id,
    shown,
)
from tech_app.vocab import IntakeService, IntakeState, Material

# The largest stone a counter form takes, in carats; more is a typing slip.
MAX_CARATS = Decimal(100)
STONE_UNIT = "ct"

S = IntakeState
# A piece is handed in (the form), made ready, then collected: one way, no skipping.
INTAKE_STEPS: dict[IntakeState, frozenset[IntakeState]] = {
    S.HANDED_IN: frozenset({S.READY}),
    S.READY: frozenset({S.COLLECTED}),
    S.COLLECTED: frozenset(),
}


def check_intake_step(current: IntakeState, wanted: IntakeState) -> None:
    """Refuse a step the intake does not take (``Invalid.INTAKE_STEP_NOT_ALLOWED``)."""
    if wanted in INTAKE_STEPS[current]:
        return
    raise ValidationError(
        "jewellery_intake.state",
        f"a piece that is {current.value!r} cannot become {wanted.value!r}",
        code=Invalid.INTAKE_STEP_NOT_ALLOWED,
        current=current.value,
        wanted=wanted.value,
    )


def form_text(field_name: str, value: object, *, required: bool, max_length: int) -> str:
    """``check_text`` with the codes a form words next to the field (required, too long)."""
    if isinstance(value, str) and len(value.strip()) > max_length:
        raise ValidationError(
            field_name,
            f"is longer than {max_length} characters",
            code=Invalid.TOO_LONG,
            limit=str(max_length),
        )
    if required and isinstance(value, str) and not value.strip():
        raise ValidationError(field_name, "is required", code=Invalid.REQUIRED)
    return check_text(field_name, value, required=required, max_length=max_length)  # type: ignore[arg-type]


def read_carats(value: Decimal | str | int | None) -> Decimal | None:
    """The main stone's size as typed (０．３０, 0.30ct, 0.3 ct), or None without a stone."""
    where = "jewellery_intake.stone_size"
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float | bool):
        raise ValidationError(where, "give the size as text or Decimal, not a float")
    size = read_number(where, value, unit=STONE_UNIT)
    typed = str(value).strip()
    if size <= 0:
        raise ValidationError(
            where, f"{typed!r}: must be more than zero", code=Invalid.NOT_POSITIVE, value=typed
        )
    if size > MAX_CARATS:
        raise ValidationError(
            where, f"{shown(value)} carats is too large", code=Invalid.TOO_LARGE, value=typed
        )
    if size != size.quantize(Decimal("0.001")):
        raise ValidationError(
            where,
            "has more than 3 decimals",
            code=Invalid.TOO_MANY_DECIMALS,
            value=typed,
            decimals="3",
        )
    return size.normalize() if size == size.to_integral() else size


def _services(values: Iterable[IntakeService | str]) -> tuple[IntakeService, ...]:
    where = "jewellery_intake.services"
    if isinstance(values, str):
        values = [values]
    chosen = set()
    for value in values:
        try:
            chosen.add(IntakeService(value))
        except ValueError:
            raise ValidationError(
                where,
                f"{shown(value)} is not one of: {', '.join(s.value for s in IntakeService)}",
                code=Invalid.NOT_A_CHOICE,
                value=str(value),
            ) from None
    if not chosen:
        raise ValidationError(where, "choose at least one service", code=Invalid.NO_SERVICE)
    return tuple(s for s in IntakeService if s in chosen)


@dataclass(frozen=True, kw_only=True)
class IntakeForm:
    """What the counter writes on the registration form, checked field by field.

    The app builds one from what was typed before the signature pad opens, so a wrong
    value is shown next to its field and the customer never signs a form that is refused.
    """

    product: str
    material: Material
    stone_size: Decimal | None = None  # carats; None when the piece has no main stone
    stone_grade: str = ""  # colour and clarity as certified (H / VS1)
    services: tuple[IntakeService, ...]
    service_note: str = ""  # what "other" means, a ring's sizes (14 → 16)
    other_problems: str = ""  # 货品其他问题描述: scratches, a bent claw, a loose stone

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "product",
            form_text("jewellery_intake.product", self.product, required=True, max_length=120),
        )
        object.__setattr__(
            self,
            "material",
            Material(check_choice("jewellery_intake.material", self.material, Material)),
        )
        object.__setattr__(self, "stone_size", read_carats(self.stone_size))
        object.__setattr__(
            self,
            "stone_grade",
            form_text(
                "jewellery_intake.stone_grade", self.stone_grade, required=False, max_length=60
            ),
        )
        object.__setattr__(self, "services", _services(self.services))
        object.__setattr__(
            self,
            "service_note",
            form_text(
                "jewellery_intake.service_note",
                self.service_note,
                required=IntakeService.OTHER in self.services,
                max_length=500,
            ),
        )
        object.__setattr__(
            self,
            "other_problems",
            form_text(
                "jewellery_intake.other_problems",
                self.other_problems,
                required=False,
                max_length=2000,
            ),
        )


_FORM_FIELDS = (
    "product",
    "material",
    "stone_size",
    "stone_grade",
    "services",
    "service_note",
    "other_problems",
)


@dataclass(frozen=True, kw_only=True)
class JewelleryIntake:
    """The registration form as the customer signed it, with its counterfoil number.

    Recorded once, at hand-in; the form's fields are checked as ``IntakeForm`` checks them.
    """

    id: str = field(default_factory=new_id)
    job_id: str
    counterfoil_number: str  # printed on the counterfoil; from the device's sequence
    product: str
    material: Material
    stone_size: Decimal | None = None
    stone_grade: str = ""
    services: tuple[IntakeService, ...]
    service_note: str = ""
    other_problems: str = ""
    received_by: str = ""  # who took the piece in at the counter
    signer_name: str
    signature_sha256: str  # PNG of the customer's signature, stored as a blob
    handed_in_at: datetime

    def __post_init__(self) -> None:
        check_id("jewellery_intake.id", self.id)
        check_id("jewellery_intake.job_id", self.job_id)
        form_text(
            "jewellery_intake.counterfoil_number",
            self.counterfoil_number,
            required=True,
            max_length=40,
        )
        form = IntakeForm(**{name: getattr(self, name) for name in _FORM_FIELDS})
        for name in _FORM_FIELDS:
            object.__setattr__(self, name, getattr(form, name))
        check_text("jewellery_intake.received_by", self.received_by, required=False, max_length=60)
        object.__setattr__(
            self,
            "signer_name",
            form_text(
                "jewellery_intake.signer_name", self.signer_name, required=True, max_length=120
            ),
        )
        if len(self.signature_sha256) != 64 or any(
            c not in "0123456789abcdef" for c in self.signature_sha256
        ):
            raise ValidationError(
                "jewellery_intake.signature_sha256", "is not a SHA-256 hex digest"
            )
        check_aware("jewellery_intake.handed_in_at", self.handed_in_at)

    @property
    def form(self) -> IntakeForm:
        return IntakeForm(**{name: getattr(self, name) for name in _FORM_FIELDS})


_STEP_NAMESPACE = uuid.UUID("3c51f5a8-0d0b-4a8e-9d8e-3b1f6f2a9c40")


def step_id(intake_id: str, state: IntakeState) -> str:
    """The one id a step of an intake can have: two devices marking the same piece ready
    offline write the same record, so head office keeps the first and refuses the copy."""
    return str(uuid.uuid5(_STEP_NAMESPACE, f"{intake_id}:{state.value}"))


@dataclass(frozen=True, kw_only=True)
class IntakeStep:
    """A piece made ready or collected. Recorded once; the intake's state is its last step."""

    id: str = ""  # step_id(intake_id, state) when left empty
    intake_id: str
    job_id: str
    state: IntakeState
    stepped_at: datetime
    staff: str = ""  # who did it at the counter
    # At collection: the counterfoil number as it was checked (normalised), for the record.
    counterfoil_number: str = ""

    def __post_init__(self) -> None:
        check_id("intake_step.intake_id", self.intake_id)
        check_id("intake_step.job_id", self.job_id)
        state = IntakeState(check_choice("intake_step.state", self.state, IntakeState))
        if state is IntakeState.HANDED_IN:
            raise ValidationError(
                "intake_step.state", "a piece is handed in by its registration form, not a step"
            )
        object.__setattr__(self, "state", state)
        wanted = step_id(self.intake_id, state)
        if not self.id:
            object.__setattr__(self, "id", wanted)
        elif check_id("intake_step.id", self.id) != wanted:
            raise ValidationError("intake_step.id", "is not the id of this step of this intake")
        check_aware("intake_step.stepped_at", self.stepped_at)
        check_text("intake_step.staff", self.staff, required=False, max_length=60)
        check_text(
            "intake_step.counterfoil_number", self.counterfoil_number, required=False, max_length=40
        )
        if state is IntakeState.COLLECTED and not self.counterfoil_number:
            raise ValidationError(
                "intake_step.counterfoil_number", "is checked at collection", code=Invalid.REQUIRED
            )
