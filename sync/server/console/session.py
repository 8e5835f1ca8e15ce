"""Who is using the console: the session cookie, the CSRF token, and the two guards.

The session is a ``console`` token from ``auth.console_login`` (stored only as its hash,
revoked at sign-out like a device session). The cookie is HttpOnly and SameSite=Strict,
Secure when the console is served over HTTPS. Every form carries a CSRF token derived
from the session secret (HMAC), so nothing is stored for it and another site can
neither read nor guess it; before sign-in the form carries a random token that must
match a cookie of its own (double submit).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from sync.server import auth
from sync.server.db import read_transaction

SESSION_COOKIE = "tech_app_console"
LOGIN_COOKIE = "tech_app_console_login"
LANGUAGE_COOKIE = "tech_app_console_lang"
CSRF_FIELD = "csrf"


class SignInRequired(Exception):
    """No live console session: pages send the browser to the sign-in form."""


class CsrfRefused(Exception):
    """A form posted without the token of this session (or of this sign-in form)."""


@dataclass(frozen=True)
class Visitor:
    """The signed-in office user, with the secret their forms are tied to."""

    caller: auth.Caller
    token: str

    @property
    def csrf(self) -> str:
        return csrf_for(self.token)


def csrf_for(secret: str) -> str:
    return hmac.new(secret.encode(), b"tech-app console form", hashlib.sha256).hexdigest()


def new_login_token() -> str:
    return secrets.token_urlsafe(32)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/",
    )


async def _visitor(request: Request) -> Visitor | None:
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token:
        return None
    engine: Engine = request.app.state.engine

    def check() -> auth.Caller | None:
        with read_transaction(engine) as conn:
            try:
                return auth.console_caller(conn, token)
            except auth.AuthError:
                return None

    found = await run_in_threadpool(check)
    return Visitor(found, token) if found is not None else None


async def maybe_signed_in(request: Request) -> Visitor | None:
    """The visitor when signed in, else None (the sign-in page and the language switch)."""
    return await _visitor(request)


async def signed_in(request: Request) -> Visitor:
    """Guard of every console page."""
    found = await _visitor(request)
    if found is None:
        raise SignInRequired()
    return found


async def check_form(request: Request, visitor: Visitor | None) -> None:
    """The posted form's CSRF token: the session's when signed in, else the sign-in
    form's double-submit token, which must match its own cookie."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    if visitor is not None:
        expected = visitor.csrf
    else:
        cookie = request.cookies.get(LOGIN_COOKIE, "")
        expected = csrf_for(cookie) if cookie else ""
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise CsrfRefused()


async def posted_by_office(request: Request) -> Visitor:
    """Guard of every console form that changes something: a session and its CSRF token."""
    found = await signed_in(request)
    await check_form(request, found)
    return found


async def check_login_form(request: Request) -> None:
    """Guard of the sign-in form."""
    await check_form(request, None)
