"""The web console's doors: nothing without an office sign-in, no technician, a CSRF
token on every change, the shared lockout, sign-out ends the session, and a signed job
stays frozen whatever a form sends. Against the real server, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from sync.server import auth
from sync.server.console import ROUTERS
from sync.server.console.session import SESSION_COOKIE
from sync.server.db import current_seq, read_transaction, write_transaction
from tests.sync.conftest import PASSWORD, Server
from tests.sync.console_client import Console, office_console
from tests.sync.test_security import V, bearer, login
from tests.sync.test_write_gate import signed, stored_job  # noqa: F401  (the fixture)

# Every console route with an address to try it at; PUBLIC may be reached signed out.
ROUTES = {
    ("GET", "/"): "/",
    ("GET", "/login"): "/login",
    ("POST", "/login"): "/login",
    ("POST", "/logout"): "/logout",
    ("POST", "/language"): "/language",
    ("POST", "/jobs/{key}/assign"): "/jobs/{job}/assign",
    ("POST", "/jobs/{key}/schedule"): "/jobs/{job}/schedule",
    ("POST", "/jobs/{key}/cancel"): "/jobs/{job}/cancel",
    ("POST", "/jobs/{key}/resolve"): "/jobs/{job}/resolve",
    ("GET", "/jobs/new"): "/jobs/new",
    ("POST", "/jobs"): "/jobs",
    ("GET", "/jobs/{key}"): "/jobs/{job}",
    ("GET", "/jobs/{key}/slips/{slip_id}.pdf"): "/jobs/{job}/slips/{job}.pdf",
    ("GET", "/customers"): "/customers",
    ("POST", "/customers"): "/customers",
    ("GET", "/customers/{customer_id}"): "/customers/{customer}",
    ("POST", "/customers/{customer_id}/sites"): "/customers/{customer}/sites",
    ("POST", "/customers/{customer_id}/assets"): "/customers/{customer}/assets",
    ("POST", "/customers/{customer_id}/contracts"): "/customers/{customer}/contracts",
    ("GET", "/contracts/{key}"): "/contracts/{job}",
    ("POST", "/contracts/{key}"): "/contracts/{job}",
    ("POST", "/contracts/{key}/plan"): "/contracts/{job}/plan",
    ("POST", "/contracts/{key}/end"): "/contracts/{job}/end",
    ("GET", "/vans"): "/vans",
    ("POST", "/vans/{technician}/movements"): "/vans/{job}/movements",
    ("POST", "/vans/{technician}/transfers"): "/vans/{job}/transfers",
    ("GET", "/import"): "/import",
    ("POST", "/import/preview"): "/import/preview",
    ("POST", "/import"): "/import",
    ("GET", "/assets/{asset_id}"): "/assets/{job}",
    ("GET", "/templates"): "/templates",
    ("GET", "/templates/{code}"): "/templates/{job}",
    ("POST", "/templates/{code}"): "/templates/{job}",
    ("GET", "/settings"): "/settings",
    ("POST", "/settings"): "/settings",
    ("GET", "/settings/logo"): "/settings/logo",
    ("POST", "/settings/logo"): "/settings/logo",
    ("POST", "/parts"): "/parts",
    ("GET", "/sla"): "/sla",
    ("GET", "/sla.csv"): "/sla.csv",
    ("GET", "/follow-ups"): "/follow-ups",
    ("POST", "/follow-ups/{key}/answers"): "/follow-ups/{job}/answers",
    ("GET", "/people"): "/people",
    ("POST", "/people"): "/people",
    ("POST", "/people/{name}/unlock"): "/people/{job}/unlock",
}
PUBLIC = {("GET", "/login"), ("POST", "/login"), ("POST", "/language")}
FORM = {
    "technician": "x",
    "day": "2026-12-03",
    "start": "09:00",
    "end": "10:00",
    "number": "X-1",
    "name": "x",
    "phone": "13800000000",
    "address": "x",
}


def _console_routes() -> set[tuple[str, str]]:
    return {
        (method, str(getattr(route, "path", "")))
        for router in ROUTERS
        for route in router.routes
        for method in getattr(route, "methods", set())
        if method != "HEAD"
    }


def _seq(server: Server) -> int:
    with read_transaction(server.engine) as conn:
        return current_seq(conn)


def _try_every_route(server: Server, client: Console, job: str, customer: str) -> None:
    """Each guarded route refuses: a page sends to sign-in, a form is forbidden."""
    before = _seq(server)
    for (method, _), address in ROUTES.items():
        if (method, _) in PUBLIC:
            continue
        path = address.format(job=job, customer=customer)
        if method == "GET":
            answer = client.get(path)
            assert answer.status_code == 303, (path, answer.status_code)
            assert answer.headers["location"] == "/login", path
        else:
            answer = client.post(path, FORM)
            assert answer.status_code == 403, (path, answer.status_code)
    assert _seq(server) == before, "a refused request changed something"


def test_every_console_route_is_in_this_test() -> None:
    assert _console_routes() == set(ROUTES)


def test_nothing_works_signed_out(server: Server) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    customer = stored_job(server, jobs["stove"])["customer_id"]
    _try_every_route(server, Console(server), jobs["stove"], customer)


def test_a_technician_cannot_sign_in_nor_use_a_token(server: Server) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    customer = stored_job(server, jobs["stove"])["customer_id"]
    console = Console(server)
    answer = console.sign_in(tech)  # the right password
    assert answer.status_code == 401 and SESSION_COOKIE not in console.http.cookies
    # The device's bearer token (and even passing it as the cookie) opens nothing.
    token = login(server, tech).json()["access_token"]
    console.http.headers["Authorization"] = f"Bearer {token}"
    console.http.cookies.set(SESSION_COOKIE, token)
    _try_every_route(server, console, jobs["stove"], customer)
    # Nor does an office user's device token: only a console session is a console session.
    office = server.technician("office")
    office_token = login(server, office).json()["access_token"]
    by_office_token = Console(server)
    by_office_token.http.cookies.set(SESSION_COOKIE, office_token)
    _try_every_route(server, by_office_token, jobs["stove"], customer)


def test_a_console_session_is_no_api_token(server: Server) -> None:
    console = office_console(server)
    cookie = str(console.http.cookies[SESSION_COOKIE])
    answer = requests.get(f"{server.url}/office/jobs", headers=bearer(cookie))
    assert answer.status_code == 401


def test_the_cookie_is_httponly_and_samesite(server: Server) -> None:
    console = Console(server)
    console.get("/login")
    answer = console.post("/login", {"user": server.technician("office"), "password": PASSWORD})
    cookie = answer.headers["set-cookie"].lower()
    assert f"{SESSION_COOKIE}=" in cookie and "httponly" in cookie and "samesite=strict" in cookie


def test_forms_need_the_sessions_csrf_token(server: Server) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    console = office_console(server)
    other = office_console(server)
    before = _seq(server)
    path = f"/jobs/{jobs['stove']}/cancel"
    for token in ("", "forged", other.csrf):
        answer = console.post(path, {}, csrf=token)
        assert answer.status_code == 403, token
    assert _seq(server) == before and stored_job(server, jobs["stove"])["status"] == "assigned"
    # The sign-in form has its own token, tied to its cookie.
    fresh = Console(server)
    fresh.get("/login")
    assert fresh.post("/login", {"user": "x1", "password": "y"}, csrf="forged").status_code == 403
    # With the right token the same change goes through.
    assert console.post(path, {}).status_code == 303
    assert stored_job(server, jobs["stove"])["status"] == "cancelled"


def test_wrong_passwords_lock_the_console_and_the_device_login_alike(server: Server) -> None:
    name = server.technician("office")
    console = Console(server)
    for _ in range(auth.MAX_FAILURES - 2):
        assert console.sign_in(name, "wrong").status_code == 401
    for _ in range(2):  # the device login counts against the same rule
        assert login(server, name, "wrong").status_code == 401
    answer = console.sign_in(name)
    assert answer.status_code == 429 and SESSION_COOKIE not in console.http.cookies
    assert login(server, name).status_code == 429


def test_sign_out_ends_the_session(server: Server) -> None:
    console = office_console(server)
    cookie = console.http.cookies[SESSION_COOKIE]
    assert console.get("/").status_code == 200
    assert console.post("/logout", {}).status_code == 303
    assert console.get("/").headers["location"] == "/login"
    # The old cookie, replayed, is dead at head office, not only gone from the browser.
    replay = Console(server)
    replay.http.cookies.set(SESSION_COOKIE, cookie)
    assert replay.get("/").status_code == 303


def test_a_demoted_user_loses_the_console(server: Server) -> None:
    name = server.technician("office")
    console = Console(server)
    assert console.sign_in(name).status_code == 303
    with write_transaction(server.engine) as conn:
        auth.add_technician(conn, name, PASSWORD, "technician")
    assert console.get("/").status_code == 303


def test_a_signed_job_stays_frozen_through_the_console(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    job_id = signed["job"]
    before = stored_job(server, job_id)
    console = office_console(server)
    other = server.technician()
    page = console.get(f"/jobs/{job_id}")
    assert page.status_code == 200 and "job-status" in page.text
    seq = _seq(server)
    for action, data in (
        ("assign", {"technician": other}),
        ("schedule", {"day": "2026-12-09", "start": "09:00", "end": "10:00"}),
        ("cancel", {}),
    ):
        answer = console.post(f"/jobs/{job_id}/{action}", {**data, "back": "/"})
        assert answer.status_code == 409, (action, answer.status_code)
        assert "frozen" in answer.text, action
    assert stored_job(server, job_id) == before and _seq(server) == seq
    # The board offers no change on a signed card in the first place.
    board = console.get(f"/?q={before['number']}&day=2026-11-28&status=signed")
    card = board.text.split(f'id="card-{before["number"]}"')[1].split("</article>")[0]
    assert "/assign" not in card and "/cancel" not in card


def test_unknown_job_is_a_page_not_an_error(server: Server) -> None:
    console = office_console(server)
    assert console.get(f"/jobs/{uuid.uuid4()}").status_code == 404
    answer = console.post(f"/jobs/{uuid.uuid4()}/cancel", {})
    assert answer.status_code == 404 and "<html" in answer.text
    assert requests.get(f"{server.url}/health", headers=V).ok
