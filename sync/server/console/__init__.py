"""The head-office web console for office staff, served at ``/`` by the head office itself.

Server-rendered (Jinja2), in Simplified Chinese and English. Sign-in is for office
users only (``auth.console_login``); every page needs the session cookie and every
form its CSRF token (``session``); every change is a call of the office functions
(``dispatch`` …), so it passes the one write gate. Modules: ``session`` (cookie, CSRF,
guards), ``i18n`` (the catalogue), ``views`` (rendering), ``forms`` (one change per
form), ``board`` / ``job_page`` (what pages show), ``routes_*`` (the pages).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from sync.server.console import (
    routes_auth,
    routes_board,
    routes_contracts,
    routes_customers,
    routes_follow_ups,
    routes_import,
    routes_jobs,
    routes_people,
    routes_settings,
    routes_sla,
    routes_templates,
    routes_units,
    routes_vans,
    views,
)
from sync.server.console.i18n import N_
from sync.server.console.session import CsrfRefused, SignInRequired
from tech_app.images import MAX_LOGO_BYTES

STATIC = Path(__file__).parent / "static"
ROUTERS = (
    routes_auth.router,
    routes_board.router,
    routes_jobs.router,
    routes_customers.router,
    routes_contracts.router,
    routes_follow_ups.router,
    routes_sla.router,
    routes_vans.router,
    routes_settings.router,
    routes_import.router,
    routes_units.router,
    routes_templates.router,
    routes_people.router,
)


async def _sign_in_first(request: Request, exc: Exception) -> Response:
    if request.method in ("GET", "HEAD"):
        return RedirectResponse("/login", status_code=303)
    return _refused_page(request, N_("Please sign in first."))


async def _admins_only(request: Request, exc: Exception) -> Response:
    return _refused_page(request, N_("Only an admin may keep the accounts."), back="/")


async def _form_expired(request: Request, exc: Exception) -> Response:
    return _refused_page(request, N_("The form expired; please try again."))


async def _upload_too_large(request: Request, exc: Exception) -> Response:
    return views.render(
        request,
        "problem.html",
        None,
        status=413,
        message=N_(
            "The file is larger than {limit_kb} KB, more than a logo may be; nothing was changed."
        ),
        params={"limit_kb": MAX_LOGO_BYTES // 1024},
        back="/settings",
    )


def _refused_page(request: Request, message: str, back: str = "/login") -> HTMLResponse:
    return views.render(
        request, "problem.html", None, status=403, message=message, params={}, back=back
    )


def add_console(app: FastAPI) -> None:
    """Mount the console's pages and static files on the head-office app."""
    app.add_exception_handler(SignInRequired, _sign_in_first)
    app.add_exception_handler(CsrfRefused, _form_expired)
    app.add_exception_handler(routes_people.NotAdmin, _admins_only)
    app.add_exception_handler(routes_settings.UploadTooLarge, _upload_too_large)
    app.mount("/static/console", StaticFiles(directory=STATIC), name="console-static")
    for router in ROUTERS:
        app.include_router(router)
