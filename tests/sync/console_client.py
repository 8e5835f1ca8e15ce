"""A browser-like client of the web console for the tests: cookies, and the CSRF token
read from the page it came from, as a browser would post it."""

from __future__ import annotations

import html
import re
from typing import Any

import requests

from tests.sync.conftest import PASSWORD, Server

_CSRF = re.compile(r'name="csrf" value="([^"]*)"')


def csrf_of(page: str) -> str:
    found = _CSRF.search(page)
    assert found is not None, "the page has no form with a CSRF token"
    return html.unescape(found.group(1))


class Console:
    def __init__(self, server: Server) -> None:
        self.server = server
        self.http = requests.Session()
        self.csrf = ""

    def get(self, path: str, **kw: Any) -> requests.Response:
        answer = self.http.get(f"{self.server.url}{path}", allow_redirects=False, **kw)
        if answer.status_code == 200 and 'name="csrf"' in answer.text:
            self.csrf = csrf_of(answer.text)
        return answer

    def post(
        self, path: str, data: dict[str, str], *, csrf: str | None = None
    ) -> requests.Response:
        sent = {"csrf": self.csrf if csrf is None else csrf, **data}
        return self.http.post(f"{self.server.url}{path}", data=sent, allow_redirects=False)

    def sign_in(self, name: str, password: str = PASSWORD) -> requests.Response:
        self.get("/login")
        answer = self.post("/login", {"user": name, "password": password})
        if answer.status_code == 303:
            self.get("/")
        return answer


def office_console(server: Server) -> Console:
    console = Console(server)
    answer = console.sign_in(server.technician("office"))
    assert answer.status_code == 303, answer.text
    return console
