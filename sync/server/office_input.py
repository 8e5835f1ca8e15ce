"""Turning what an office user typed or sent (dates, times, questionnaire answers) into
values, with one clear message naming the field when it is wrong. Shared by the HTTP
API and the ``tech-app office`` commands so both refuse the same things the same way.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sync.server.follow_ups import Answers
from tech_app.demo import CHINA
from tech_app.errors import ValidationError
from tech_app.money import parse_money
from tech_app.records.validate import check_text


def parse_day(field: str, value: object) -> date:
    if not isinstance(value, str):
        raise ValidationError(field, "give a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date (YYYY-MM-DD)") from None


def parse_moment(field: str, value: object) -> datetime:
    """An ISO date-time; without a zone it is the company's time (as office staff type it)."""
    if not isinstance(value, str):
        raise ValidationError(field, "give a date and time as YYYY-MM-DDTHH:MM")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            field, f"{value!r} is not a date and time (YYYY-MM-DDTHH:MM)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=CHINA)


def company_today(now: datetime) -> date:
    return now.astimezone(CHINA).date()


def parse_yes_no(field: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("yes", "y", "true", "1"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("no", "n", "false", "0"):
        return False
    raise ValidationError(field, f"{value!r} is not yes or no")


def parse_rating(field: str, value: object) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(field, f"{value!r} is not a whole number from 1 to 5")
    return value


def parse_answers(data: Any) -> Answers:
    """The follow-up questionnaire from a JSON object (or the CLI's options as one)."""
    if not isinstance(data, dict):
        raise ValidationError("answers", "send a JSON object with the questionnaire's answers")
    for name in ("problem_solved", "on_time", "attitude", "skill", "amount_charged"):
        if data.get(name) is None:
            raise ValidationError(name, "is required")
    amount = data["amount_charged"]
    if not isinstance(amount, str):
        raise ValidationError("amount_charged", 'give the amount as text, e.g. "120.00"')
    comment = data.get("comment") or ""
    check_text("comment", comment, required=False, max_length=2000)
    return Answers(
        problem_solved=parse_yes_no("problem_solved", data["problem_solved"]),
        on_time=parse_yes_no("on_time", data["on_time"]),
        attitude=parse_rating("attitude", data["attitude"]),
        skill=parse_rating("skill", data["skill"]),
        amount_charged=parse_money("amount_charged", amount),
        comment=comment,
    )
