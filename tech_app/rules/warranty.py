"""Is this component still under warranty today, and if not, why not.

The technician decides on site whether a repair is free, so the answer must
be explainable to the customer: every decision carries a stable ``code`` for
reports and a short English ``reason`` naming the component and the date or
the exclusion.

Period counting follows Chinese civil law (民法典 arts. 201-202), which is how
三包 periods are read: cover runs *through* the anniversary day, and when the
anniversary month has no such day (bought 2024-02-29) it ends on that month's
last day (2025-02-28).  ``expires_on`` is therefore the last covered day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Final

from tech_app.errors import ValidationError
from tech_app.records.validate import check_date
from tech_app.rules.schedule import add_months
from tech_app.vocab import Exclusion

EXCLUSION_TEXT: Final[Mapping[Exclusion, str]] = MappingProxyType(
    {
        Exclusion.USER_DISMANTLING: "damage from the user's own dismantling",
        Exclusion.UNAUTHORISED_REPAIR: "repair by a non-authorised repairer",
        Exclusion.USER_TRANSPORT_STORAGE: "damage in the user's own transport or storage",
        Exclusion.MISUSE: "use against the manual",
        Exclusion.PART_PAST_PERIOD: "the part is past its own warranty period",
        Exclusion.FORCE_MAJEURE: "force majeure (e.g. abnormal water supply)",
    }
)


@dataclass(frozen=True)
class ComponentTerm:
    """The period for one group of parts; ``includes`` lets a technician name a member part.

    A limit of months, hours or both; with both, whichever is reached first ends cover.
    """

    component: str
    months: int | None
    hours: int | None = None
    includes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.component.strip():
            raise ValidationError("component", "is required")
        if self.months is None and self.hours is None:
            raise ValidationError("months", f"{self.component}: give months, hours or both")
        for name in ("months", "hours"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < 1
            ):
                raise ValidationError(name, f"{self.component}: must be a whole number, 1 or more")

    def names(self) -> tuple[str, ...]:
        return (self.component, *self.includes)


@dataclass(frozen=True)
class WarrantyTerms:
    name: str
    components: tuple[ComponentTerm, ...]
    free_visits_per_year: int
    lifetime_repair: bool  # out of warranty the maker still repairs, customer pays parts + labour

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for term in self.components:
            for label in term.names():
                if label in seen:
                    raise ValidationError("components", f"{label!r} appears twice in {self.name}")
                seen.add(label)
        if isinstance(self.free_visits_per_year, bool) or self.free_visits_per_year < 0:
            raise ValidationError("free_visits_per_year", "must be 0 or more")

    def term_for(self, component: str) -> ComponentTerm:
        """The term covering ``component`` (a group name or one of its member parts)."""
        if not isinstance(component, str) or not component.strip():
            raise ValidationError("component", "is required")
        wanted = component.strip().lower()
        for term in self.components:
            if wanted in term.names():
                return term
        known = ", ".join(label for term in self.components for label in term.names())
        raise ValidationError(
            "component", f"{component!r} is not in the {self.name} terms (known: {known})"
        )


SOLAR_HEATER_MAIN_UNIT_MONTHS: Final = 36
SOLAR_HEATER_PIPES_MONTHS: Final = 12
SOLAR_HEATER_FREE_VISITS: Final = 2
FORKLIFT_WARRANTY_MONTHS: Final = 12
FORKLIFT_WARRANTY_HOURS: Final = 2000
FORKLIFT_FREE_VISITS: Final = 4

SOLAR_HEATER_TERMS: Final = WarrantyTerms(
    name="solar_water_heater",
    components=(
        ComponentTerm(
            "main_unit",
            SOLAR_HEATER_MAIN_UNIT_MONTHS,
            includes=("tank", "collector_tubes", "frame"),
        ),
        ComponentTerm(
            "pipes_electrical",
            SOLAR_HEATER_PIPES_MONTHS,
            includes=("pipes", "pipe", "fittings", "electrical"),
        ),
    ),
    free_visits_per_year=SOLAR_HEATER_FREE_VISITS,
    lifetime_repair=True,
)

FORKLIFT_TERMS: Final = WarrantyTerms(
    name="forklift",
    components=(ComponentTerm("truck", FORKLIFT_WARRANTY_MONTHS, FORKLIFT_WARRANTY_HOURS),),
    free_visits_per_year=FORKLIFT_FREE_VISITS,  # all inside the one-year period
    lifetime_repair=False,
)

# Assets store the *name* of their terms; this is where the name is looked up.
WARRANTY_TERMS: Final[Mapping[str, WarrantyTerms]] = MappingProxyType(
    {terms.name: terms for terms in (SOLAR_HEATER_TERMS, FORKLIFT_TERMS)}
)


def terms_named(name: str) -> WarrantyTerms:
    try:
        return WARRANTY_TERMS[name]
    except KeyError:
        raise ValidationError(
            "warranty_terms", f"{name!r} is not one of: {', '.join(WARRANTY_TERMS)}"
        ) from None


@dataclass(frozen=True)
class WarrantyDecision:
    covered: bool
    code: str  # "in_warranty", "expired", "hours_exceeded", "excluded:<exclusion>"
    reason: str
    expires_on: date | None  # last covered day; None for an hours-only term


def _exclusions(values: Iterable[Exclusion | str]) -> tuple[Exclusion, ...]:
    if isinstance(values, str):  # a bare string would be split into letters
        values = (values,)
    found: set[Exclusion] = set()
    for value in values:
        try:
            found.add(Exclusion(value))
        except ValueError:
            names = ", ".join(e.value for e in Exclusion)
            raise ValidationError("exclusions", f"{value!r} is not one of: {names}") from None
    # Declaration order, so the same facts always give the same code.
    return tuple(e for e in Exclusion if e in found)


def check_warranty(
    terms: WarrantyTerms,
    component: str,
    purchased_on: date,
    on_date: date,
    *,
    hour_meter: int | None = None,
    exclusions: Iterable[Exclusion | str] = (),
    installed_on: date | None = None,
) -> WarrantyDecision:
    """Decide whether work on ``component`` on ``on_date`` is free under ``terms``.

    ``installed_on`` is for a part replaced later: its own period starts when it
    was fitted, not when the product was bought.  ``hour_meter`` is the hours
    counted against this component (the truck's meter, or for a part fitted
    later, the hours run since fitting); it is required when the terms have an
    hours limit, because a guessed "covered" gives away paid work.

    The period is checked before exclusions: an expired component is simply
    expired, and "expired" is the easier answer to explain.
    """
    term = terms.term_for(component)
    component = component.strip().lower()
    check_date("purchased_on", purchased_on)
    check_date("on_date", on_date)
    if on_date < purchased_on:
        raise ValidationError("on_date", "is before the purchase date")
    starts_on = purchased_on
    if installed_on is not None:
        check_date("installed_on", installed_on)
        if installed_on < purchased_on:
            raise ValidationError("installed_on", "is before the purchase date")
        if installed_on > on_date:
            raise ValidationError("installed_on", "is after the date being checked")
        starts_on = installed_on
    if hour_meter is not None and (
        isinstance(hour_meter, bool) or not isinstance(hour_meter, int) or hour_meter < 0
    ):
        raise ValidationError("hour_meter", "must be a whole number of hours, 0 or more")
    if term.hours is not None and hour_meter is None:
        raise ValidationError(
            "hour_meter", f"{term.component} warranty has an hours limit; read the meter"
        )
    excluded = _exclusions(exclusions)

    named = component if component == term.component else f"{component} ({term.component})"
    label = f"The {named}"
    start_text = "fitted" if installed_on is not None else "bought"
    expires_on = add_months(starts_on, term.months) if term.months is not None else None
    after_expiry = (
        " Repair is still offered: the customer pays parts at cost plus labour."
        if terms.lifetime_repair
        else ""
    )

    if expires_on is not None and on_date > expires_on:
        return WarrantyDecision(
            covered=False,
            code="expired",
            reason=(
                f"{label}, {start_text} {starts_on.isoformat()}, was covered until "
                f"{expires_on.isoformat()}.{after_expiry}"
            ),
            expires_on=expires_on,
        )
    if term.hours is not None and hour_meter is not None and hour_meter > term.hours:
        return WarrantyDecision(
            covered=False,
            code="hours_exceeded",
            reason=(
                f"{label} has run {hour_meter} h, over the {term.hours} h warranty limit."
                f"{after_expiry}"
            ),
            expires_on=expires_on,
        )
    if excluded:
        causes = "; ".join(EXCLUSION_TEXT[e] for e in excluded)
        return WarrantyDecision(
            covered=False,
            code=f"excluded:{excluded[0].value}",
            reason=f"{label} is in the warranty period but not covered: {causes}.",
            expires_on=expires_on,
        )
    until = f" until {expires_on.isoformat()}" if expires_on is not None else ""
    hours = f" (up to {term.hours} h, now {hour_meter} h)" if term.hours is not None else ""
    return WarrantyDecision(
        covered=True,
        code="in_warranty",
        reason=f"{label} is in warranty{until}{hours}: parts and labour are free.",
        expires_on=expires_on,
    )


def part_warranty(
    part_name: str, months: int, installed_on: date, on_date: date
) -> WarrantyDecision:
    """A replacement part's own warranty: ``months`` from the day it was fitted.

    The part carries its period with it, whatever the unit's own warranty says:
    a brake pad fitted to an old truck is still covered for its months.
    """
    component = part_name.strip().lower()
    terms = WarrantyTerms(
        name=f"part {component}",
        components=(ComponentTerm(component, months),),
        free_visits_per_year=0,
        lifetime_repair=False,
    )
    return check_warranty(terms, component, installed_on, on_date, installed_on=installed_on)
