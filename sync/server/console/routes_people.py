"""The accounts, for an admin: who may use devices, the office API and this console.

An admin adds an account or gives it a new password (``auth.add_technician``; a new
password ends the account's sessions, so a lost laptop's login stops working), changes
its role, and unlocks one that repeated wrong passwords locked. Office staff without
the admin role get a refusal page, as a technician gets for the whole console.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection

from sync.server import auth
from sync.server.console import views
from sync.server.console.forms import Text, change, engine_of
from sync.server.console.session import Visitor, posted_by_office, signed_in
from sync.server.db import read_transaction
from tech_app.errors import TechAppError

router = APIRouter(include_in_schema=False)


class NotAdmin(TechAppError):
    """An office user without the admin role on an admin page (403)."""


def _only_admin(visitor: Visitor) -> Visitor:
    if visitor.caller.role != auth.ADMIN:
        raise NotAdmin("only an admin keeps the accounts")
    return visitor


async def _admin(request: Request) -> Visitor:
    return _only_admin(await signed_in(request))


async def _admin_form(request: Request) -> Visitor:
    return _only_admin(await posted_by_office(request))


Admin = Annotated[Visitor, Depends(_admin)]
AdminForm = Annotated[Visitor, Depends(_admin_form)]


@router.get("/people")
def people(request: Request, visitor: Admin) -> Response:
    with read_transaction(engine_of(request)) as conn:
        found = auth.accounts(conn)
    return views.render(request, "people.html", visitor, accounts=found, roles=auth.ROLES)


@router.post("/people")
def save_account(
    request: Request, visitor: AdminForm, name: Text = "", role: Text = "", password: Text = ""
) -> Response:
    def work(conn: Connection) -> None:
        auth.add_technician(conn, name.strip(), password, role)
        auth.end_sessions(conn, name.strip())  # a new password: old logins stop

    return change(request, visitor, "/people", work)


@router.post("/people/{name}/unlock")
def unlock(request: Request, visitor: AdminForm, name: str) -> Response:
    return change(request, visitor, "/people", lambda conn: auth.unlock(conn, name))
