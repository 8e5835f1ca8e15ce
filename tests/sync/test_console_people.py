"""The accounts page: an admin adds accounts, gives new passwords (which end the old
sessions) and unlocks one locked by wrong passwords; office staff without the role are
refused and change nothing. Against the real server, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import requests

from sync.server import auth
from sync.server.db import read_transaction
from tests.sync.conftest import PASSWORD, Server
from tests.sync.console_client import Console
from tests.sync.test_security import login


def _admin_console(server: Server) -> Console:
    console = Console(server)
    assert console.sign_in(server.technician("admin")).status_code == 303
    return console


def _accounts(server: Server) -> dict[str, auth.Account]:
    with read_transaction(server.engine) as conn:
        return {account.name: account for account in auth.accounts(conn)}


def test_an_admin_adds_a_technician_who_can_then_log_in(server: Server) -> None:
    console = _admin_console(server)
    page = console.get("/people")
    assert page.status_code == 200 and 'id="nav-people"' in page.text
    name = f"n{uuid.uuid4().hex[:8]}"
    answer = console.post("/people", {"name": name, "role": "technician", "password": "pw-1234"})
    assert answer.status_code == 303
    assert _accounts(server)[name].role == "technician"
    assert login(server, name, "pw-1234").status_code == 200
    assert f'id="account-{name}"' in console.get("/people").text


def test_a_new_password_ends_the_accounts_sessions(server: Server) -> None:
    console = _admin_console(server)
    tech = server.technician()
    token = login(server, tech).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "X-Tech-App-Protocol": "1"}
    assert requests.get(f"{server.url}/sync/open-jobs", headers=headers).status_code == 200
    answer = console.post("/people", {"name": tech, "role": "technician", "password": "new-pw-9"})
    assert answer.status_code == 303
    assert requests.get(f"{server.url}/sync/open-jobs", headers=headers).status_code == 401
    assert login(server, tech, PASSWORD).status_code == 401
    assert login(server, tech, "new-pw-9").status_code == 200


def test_an_admin_unlocks_an_account_locked_by_wrong_passwords(server: Server) -> None:
    console = _admin_console(server)
    tech = server.technician()
    for _ in range(auth.MAX_FAILURES):
        assert login(server, tech, "wrong").status_code == 401
    assert login(server, tech).status_code == 429
    assert _accounts(server)[tech].locked
    assert f'id="unlock-{tech}"' in console.get("/people").text
    assert console.post(f"/people/{tech}/unlock", {}).status_code == 303
    assert not _accounts(server)[tech].locked
    assert login(server, tech).status_code == 200


def test_office_staff_without_the_admin_role_keep_no_accounts(server: Server) -> None:
    console = Console(server)
    assert console.sign_in(server.technician("office")).status_code == 303
    assert 'id="nav-people"' not in console.get("/").text
    assert console.get("/people").status_code == 403
    before = _accounts(server)
    name = f"n{uuid.uuid4().hex[:8]}"
    answer = console.post("/people", {"name": name, "role": "admin", "password": "pw-1234"})
    assert answer.status_code == 403
    assert _accounts(server) == before  # no account made, no one promoted


def test_a_bad_account_is_refused_by_name_and_nothing_stored(server: Server) -> None:
    console = _admin_console(server)
    before = _accounts(server)
    answer = console.post("/people", {"name": "x", "role": "technician", "password": "pw-1234"})
    assert answer.status_code == 422 and "technician.name" in answer.text
    answer = console.post("/people", {"name": "okname", "role": "boss", "password": "pw-1234"})
    assert answer.status_code == 422
    assert _accounts(server) == before


def test_an_admin_uses_the_office_api_too(server: Server) -> None:
    admin = server.technician("admin")
    token = login(server, admin).json()["access_token"]
    answer = requests.get(
        f"{server.url}/office/jobs",
        headers={"Authorization": f"Bearer {token}", "X-Tech-App-Protocol": "1"},
    )
    assert answer.status_code == 200
