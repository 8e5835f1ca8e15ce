"""Sign-in, sign-out and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from sync.server import auth
from sync.server.console import i18n, views
from sync.server.console.forms import engine_of, local_path
from sync.server.console.i18n import N_
from sync.server.console.session import (
    LANGUAGE_COOKIE,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    Visitor,
    check_form,
    check_login_form,
    csrf_for,
    maybe_signed_in,
    new_login_token,
    posted_by_office,
    set_cookie,
)
from sync.server.db import write_transaction
from tech_app.errors import ValidationError

router = APIRouter(include_in_schema=False)
YEAR = 365 * 24 * 3600


def _login_page(request: Request, *, problem: str = "", status: int = 200) -> Response:
    token = new_login_token()
    page = views.render(
        request, "login.html", None, status=status, csrf=csrf_for(token), problem=problem
    )
    set_cookie(request, page, LOGIN_COOKIE, token, max_age=3600)
    return page


@router.get("/login")
async def login_form(
    request: Request, visitor: Annotated[Visitor | None, Depends(maybe_signed_in)]
) -> Response:
    if visitor is not None:
        return RedirectResponse("/", status_code=303)
    return _login_page(request)


@router.post("/login", dependencies=[Depends(check_login_form)])
def login(
    request: Request, user: Annotated[str, Form()] = "", password: Annotated[str, Form()] = ""
) -> Response:
    ip = request.client.host if request.client else "?"
    failure: Exception | None = None
    token = ""
    with write_transaction(engine_of(request)) as conn:
        try:
            token = auth.console_login(conn, user.strip(), password, ip)
        except (auth.AuthError, auth.RateLimited, ValidationError) as exc:
            failure = exc  # the recorded failure commits with the transaction
    if isinstance(failure, auth.RateLimited):
        message = N_("Too many failed sign-ins; wait five minutes and try again.")
        return _login_page(request, problem=message, status=429)
    if failure is not None:
        return _login_page(request, problem=N_("Wrong user name or password."), status=401)
    answer = RedirectResponse("/", status_code=303)
    set_cookie(request, answer, SESSION_COOKIE, token, max_age=auth.CONSOLE_TTL)
    answer.delete_cookie(LOGIN_COOKIE, path="/")
    return answer


@router.post("/logout")
def logout(request: Request, visitor: Annotated[Visitor, Depends(posted_by_office)]) -> Response:
    with write_transaction(engine_of(request)) as conn:
        auth.logout(conn, visitor.caller)
    answer = RedirectResponse("/login", status_code=303)
    answer.delete_cookie(SESSION_COOKIE, path="/")
    return answer


@router.post("/language")
async def language(
    request: Request, visitor: Annotated[Visitor | None, Depends(maybe_signed_in)]
) -> Response:
    """Switch the language; the form's token is the session's, or the sign-in form's."""
    await check_form(request, visitor)
    form = await request.form()
    chosen = str(form.get("language", ""))
    back = local_path(str(form.get("back", "/")))
    answer = RedirectResponse(back, status_code=303)
    if chosen in i18n.LANGUAGES:
        set_cookie(request, answer, LANGUAGE_COOKIE, chosen, max_age=YEAR)
    return answer
