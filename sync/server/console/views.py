"""Rendering console pages: one Jinja environment, the user's language, the frame's
context (who is signed in, the CSRF token), and the page for a refused change."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from sync.server.console import i18n
from sync.server.console.i18n import N_
from sync.server.console.review_words import notes_shown, reason_text
from sync.server.console.session import LANGUAGE_COOKIE, Visitor
from sync.server.gate import Refused
from tech_app.errors import Invalid, NotFoundError, TechAppError, ValidationError

_env = Environment(
    loader=PackageLoader("sync.server.console", "templates"),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def language_of(request: Request) -> str:
    return i18n.choose(
        request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language", "")
    )


def moment_text(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def stored_moment_text(value: object, zone: tzinfo) -> str:
    """A stored moment (ISO text with its offset) in company time; a bare date as it is."""
    text = str(value or "")
    if len(text) <= 10:
        return text
    return moment_text(datetime.fromisoformat(text).astimezone(zone))


def countdown(translate: Any, remaining: timedelta | None) -> str:
    """``3 h 20 min left`` or ``1 h 5 min overdue``; "" when the promise is done."""
    if remaining is None:
        return ""
    minutes = int(abs(remaining.total_seconds()) // 60)
    if remaining >= timedelta(0):
        message = N_("{hours} h {minutes} min left")
    else:
        message = N_("{hours} h {minutes} min overdue")
    return str(translate(message, hours=minutes // 60, minutes=minutes % 60))


def render(
    request: Request,
    template: str,
    visitor: Visitor | None,
    *,
    status: int = 200,
    csrf: str | None = None,
    **context: Any,
) -> HTMLResponse:
    language = language_of(request)
    translate = i18n.translator(language)
    page = _env.get_template(template).render(
        _=translate,
        word=lambda kind, code: translate(i18n.code_word(kind, code)),
        codes=i18n.CODE_WORDS,
        language=language,
        languages=i18n.LANGUAGE_NAMES,
        visitor=visitor,
        csrf=csrf if csrf is not None else (visitor.csrf if visitor else ""),
        moment=moment_text,
        countdown=lambda remaining: countdown(translate, remaining),
        review_notes=lambda flagged: notes_shown(str(flagged or ""), translate),
        conflict_reason=lambda reason: reason_text(str(reason or ""), translate),
        path=request.url.path,
        query=str(request.url.query),
        **context,
    )
    return HTMLResponse(page, status_code=status)


# Refused input the core gives a code (``tech_app.errors.Invalid``), in the office's
# words; the rest is shown by the core's English reason inside a translated sentence.
INVALID_WORDS: dict[Invalid, str] = {
    Invalid.FILE_EMPTY: N_("the file is empty"),
    Invalid.NOT_AN_IMAGE: N_("the file is not a PNG or JPEG image"),
    Invalid.IMAGE_DAMAGED: N_("the {kind} image is damaged or cut short"),
    Invalid.FILE_TOO_LARGE: N_("the file is {size_kb} KB; at most {limit_kb} KB"),
    Invalid.IMAGE_TOO_LARGE: N_("the image is {width}×{height} pixels; at most {limit}×{limit}"),
}
FIELD_WORDS: dict[str, str] = {"logo": N_("Company logo")}


def _validation_params(request: Request, problem: ValidationError) -> dict[str, str]:
    translate = i18n.translator(language_of(request))
    field = FIELD_WORDS.get(problem.field)
    detail = problem.reason
    if problem.code in INVALID_WORDS:
        detail = translate(INVALID_WORDS[problem.code], **problem.params)
    return {"field": translate(field) if field else problem.field, "detail": detail}


def refusal(request: Request, visitor: Visitor, problem: TechAppError, back: str) -> HTMLResponse:
    """The page for a change the rules refused: what was refused, in the user's words
    around the core's own reason, and the way back."""
    if isinstance(problem, Refused):
        message, status = N_("The rules refuse this change: {detail}"), 409
    elif isinstance(problem, ValidationError):
        message, status = N_("Check {field}: {detail}"), 422
    elif isinstance(problem, NotFoundError):
        message, status = N_("Not found: {detail}"), 404
    else:
        message, status = N_("The rules refuse this change: {detail}"), 409
    params = {"detail": str(problem)}
    if isinstance(problem, ValidationError):
        params = _validation_params(request, problem)
    return render(
        request, "problem.html", visitor, status=status, message=message, params=params, back=back
    )
