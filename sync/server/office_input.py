"""Turning what an office user typed or sent (dates, times, questionnaire answers) into
values, with one clear message naming the field when it is wrong. Shared by the HTTP
API and the ``tech-app office`` commands so both refuse the same things the same way.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, tzinfo
from typing import Any

from sync.server.follow_ups import Answers
from tech_app.errors import ValidationError
from tech_app.money import parse_money
from tech_app.records.validate import check_text
from tech_app.search_words import JOB_TYPE_WORDS
from tech_app.vocab import JobType, VisitMode


def parse_day(field: str, value: object) -> date:
    if not isinstance(value, str):
        raise ValidationError(field, "give a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date (YYYY-MM-DD)") from None


def parse_moment(field: str, value: object, zone: tzinfo) -> datetime:
    """An ISO date-time; without a zone it is the company's time (as office staff type it)."""
    if not isinstance(value, str):
        raise ValidationError(field, "give a date and time as YYYY-MM-DDTHH:MM")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            field, f"{value!r} is not a date and time (YYYY-MM-DDTHH:MM)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


# How Excel writes a date and time in a Chinese (or an ISO) locale; tried in order.
_SHEET_FORMATS = (
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H时%M分",
    "%Y/%m/%d",
    "%Y-%m-%d",
    "%Y年%m月%d日",
)
SHEET_TIME_FORMS = "2026-12-01T10:00, 2026-12-01 10:00, 2026/12/01 10:00, 2026年12月1日 10:00"


def parse_sheet_moment(field: str, value: str, zone: tzinfo) -> datetime | None:
    """A date and time from a spreadsheet cell; empty is None; without a zone, company time.

    ISO as the API takes it, and what Chinese Excel writes (``2026/12/01 10:00``,
    ``2026/12/1 9:05``, ``2026年12月1日 10:00``, a date alone at midnight), full-width
    digits included. A cell that is none of them is refused naming the column.
    """
    text = " ".join(unicodedata.normalize("NFKC", value).split())
    if not text:
        return None
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = _sheet_moment(text)
    if moment is None:
        raise ValidationError(
            field, f"{value.strip()!r} is not a date and time (write it like {SHEET_TIME_FORMS})"
        )
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _sheet_moment(text: str) -> datetime | None:
    for form in _SHEET_FORMATS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    return None


def parse_job_type(field: str, value: str) -> JobType:
    """A job type as a code (``repair``) or as a sheet writes it in Chinese (维修, 安装调试)."""
    text = unicodedata.normalize("NFKC", value).strip()
    for job_type in JobType:
        if text.lower() == job_type.value or text in JOB_TYPE_WORDS[job_type]:
            return job_type
    valid = ", ".join(f"{t.value} ({JOB_TYPE_WORDS[t][1]})" for t in JobType)
    raise ValidationError(field, f"{value.strip()!r} is not a job type; use one of: {valid}")


VISIT_MODE_WORDS: dict[VisitMode, tuple[str, ...]] = {
    VisitMode.ON_SITE: ("上门", "上門", "现场", "現場", "on site"),
    VisitMode.COUNTER: ("到店", "柜台", "櫃檯", "门店", "門店", "送修"),
    VisitMode.PHONE: ("电话", "電話", "电话指导", "電話指導", "by phone"),
}


def parse_visit_mode(field: str, value: str) -> VisitMode:
    """Where the work happens, as a code or in Chinese; an empty cell is on site."""
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return VisitMode.ON_SITE
    for mode in VisitMode:
        if text.lower() == mode.value or text in VISIT_MODE_WORDS[mode]:
            return mode
    valid = ", ".join(f"{m.value} ({VISIT_MODE_WORDS[m][0]})" for m in VisitMode)
    raise ValidationError(field, f"{value.strip()!r} is not a visit mode; use one of: {valid}")


def parse_priority(field: str, value: str) -> int:
    """1 (most urgent) to 5; an empty cell is the usual 3."""
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return 3
    if not text.isdigit() or not 1 <= int(text) <= 5:
        raise ValidationError(field, f"{value.strip()!r} is not a whole number from 1 to 5")
    return int(text)


def company_today(now: datetime, zone: tzinfo) -> date:
    """The company's calendar day at ``now`` (its time zone comes from the settings)."""
    return now.astimezone(zone).date()


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
