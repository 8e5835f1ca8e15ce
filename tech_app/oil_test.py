"""The lubricant company's free on-site oil test (seeds 000, 002: 免费为客户提供油品检测服务).

A testing visit samples the oil of one piece of equipment: which equipment, which oil,
how many operating hours since the last change, whether a sample was taken for the
laboratory, the readings taken on site, and a verdict — when is the oil due for a change
(油品什么时候到了换油期). The visit's checklist (template ``oil-testing``) holds these as
answers under the keys below; ``oil_test_of`` reads them back into one ``OilTest`` and
``recommendation`` turns the verdict into a code with its hours, which the slip words
("Oil change due in 250 h"). The visit itself is free (``tech_app.rules.pricing``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

from tech_app.errors import ValidationError
from tech_app.vocab import OilVerdict

TEMPLATE_CODE: Final = "oil-testing"
EQUIPMENT: Final = "equipment"
OIL: Final = "oil"
HOURS_SINCE_CHANGE: Final = "hours_since_change"
SAMPLE_TAKEN: Final = "sample_taken"
VERDICT: Final = "oil_verdict"
CHANGE_DUE_HOURS: Final = "change_due_hours"
RECOMMENDATION: Final = "recommendation"
# The readings taken on site, in the order the slip lists them.
READINGS: Final = ("viscosity_40c", "water_content", "contamination_nas", "acid_number")


class Advice:
    """Recommendation codes; the slip and the app word them."""

    CHANGE_NOW = "oil.change_now"
    CHANGE_DUE = "oil.change_due"  # params: hours
    FIT = "oil.fit"  # fit for further use, no change date given


@dataclass(frozen=True)
class OilTest:
    equipment: str
    oil: str  # a choice key of the template (hydraulic, gear, turbine, engine)
    hours_since_change: int | None
    sample_taken: bool
    readings: tuple[tuple[str, str], ...]  # (item key, value as answered)
    verdict: OilVerdict
    change_due_hours: int | None
    note: str


def _hours(key: str, value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValidationError(key, f"{value!r} is not a number of hours") from None
    if number < 0:
        raise ValidationError(key, "must be at least 0")
    return int(number)


def oil_test_of(answers: Mapping[str, str]) -> OilTest | None:
    """The test from one unit's answers (item key → value); None until a verdict is given."""
    verdict = answers.get(VERDICT)
    if not verdict:
        return None
    try:
        decided = OilVerdict(verdict)
    except ValueError:
        raise ValidationError(VERDICT, f"{verdict!r} is not an oil verdict") from None
    due = _hours(CHANGE_DUE_HOURS, answers.get(CHANGE_DUE_HOURS))
    if decided is OilVerdict.CHANGE_SOON and due is None:
        raise ValidationError(CHANGE_DUE_HOURS, "say in how many hours the change is due")
    return OilTest(
        equipment=answers.get(EQUIPMENT, ""),
        oil=answers.get(OIL, ""),
        hours_since_change=_hours(HOURS_SINCE_CHANGE, answers.get(HOURS_SINCE_CHANGE)),
        sample_taken=answers.get(SAMPLE_TAKEN) == "yes",
        readings=tuple((key, answers[key]) for key in READINGS if answers.get(key)),
        verdict=decided,
        change_due_hours=None if decided is OilVerdict.CHANGE_NOW else due,
        note=answers.get(RECOMMENDATION, ""),
    )


def recommendation(test: OilTest) -> tuple[str, dict[str, int]]:
    """What the customer is told: change now, change due in N hours, or fit for use."""
    if test.verdict is OilVerdict.CHANGE_NOW or test.change_due_hours == 0:
        return Advice.CHANGE_NOW, {}
    if test.change_due_hours is not None:
        return Advice.CHANGE_DUE, {"hours": test.change_due_hours}
    return Advice.FIT, {}
