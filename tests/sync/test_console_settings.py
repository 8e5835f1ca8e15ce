"""Company settings and the price list in the console: typed as the settings command
takes them, only what was changed is changed, a wrong value is refused naming it, and a
part saved again under its number is changed in place."""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any

import pytest

from sync.server import company
from sync.server.db import read_transaction
from sync.server.record_rows import live_rows
from tech_app.images import MAX_LOGO_BYTES
from tests.sync.conftest import Server
from tests.sync.console_client import Console, office_console
from tests.sync.test_company_logo import _unique_logo, restore_settings  # noqa: F401
from tests.tech_app.test_images import jpeg, png


def test_settings_and_parts_are_saved_as_the_command_saves_them(server: Server) -> None:
    console = office_console(server)
    page = console.get("/settings").text
    form = dict(re.findall(r'<input name="(\w+)" id="setting-\w+" value="([^"]*)"', page))
    assert "logo_sha256" not in form and "time_zone" in form
    with read_transaction(server.engine) as conn:
        before = company.current(conn)
    answer = console.post("/settings", {**form, "phone": "400-820-5566"})
    assert answer.status_code == 303
    with read_transaction(server.engine) as conn:
        after = company.current(conn)
    assert after.phone == "400-820-5566"
    assert {k: v for k, v in vars(after).items() if k != "phone"} == {
        k: v for k, v in vars(before).items() if k != "phone"
    }, "saving the form changed a setting nobody touched"
    bad = console.post("/settings", {**form, "tax_rate": "abc"})
    assert bad.status_code == 422 and "tax_rate" in bad.text

    number = f"P-{uuid.uuid4().hex[:6]}"
    part = {"number": number, "name": "Battery D", "name_zh": "1号电池", "unit_price": "3.50"}
    assert console.post("/parts", part).status_code == 303
    assert console.post("/parts", {**part, "unit_price": "4.00"}).status_code == 303
    with read_transaction(server.engine) as conn:
        found = [p for p in live_rows(conn, "parts") if p["number"] == number]
    assert len(found) == 1 and found[0]["unit_price"] == 400  # changed in place, one part
    assert f'id="part-{number}"' in console.get("/settings").text
    assert console.post("/parts", {**part, "unit_price": "-1"}).status_code == 422
    # Put the phone back: the session's head office is shared with other tests.
    assert console.post("/settings", {**form, "phone": before.phone}).status_code == 303


def _upload(console: Console, data: bytes, *, csrf: str | None = None, name: str = "logo.png"):  # type: ignore[no-untyped-def]
    sent = {"csrf": console.csrf if csrf is None else csrf}
    return console.http.post(
        f"{console.server.url}/settings/logo",
        data=sent,
        files={"logo": (name, data, "application/octet-stream")},
        allow_redirects=False,
    )


def _logo(server: Server) -> str:
    with read_transaction(server.engine) as conn:
        return company.current(conn).logo_sha256


def _at_settings(server: Server) -> tuple[Console, str]:
    """An office user on the settings page (its form's CSRF token), and the logo now."""
    console = office_console(server)
    console.get("/settings")
    return console, _logo(server)


def test_a_logo_uploaded_on_the_settings_page_is_the_one_every_slip_prints(
    server: Server,
    restore_settings: Any,  # noqa: F811
) -> None:
    console = office_console(server)
    logo = _unique_logo()
    console.get("/settings")
    answer = _upload(console, logo)
    assert answer.status_code == 303 and answer.headers["location"] == "/settings"
    sha256 = hashlib.sha256(logo).hexdigest()
    assert _logo(server) == sha256 and server.blob(sha256) == logo
    # The page shows it, and serves the image itself.
    page = console.get("/settings").text
    assert f'id="logo" data-sha256="{sha256}"' in page
    shown = console.get("/settings/logo")
    assert shown.status_code == 200 and shown.content == logo
    assert shown.headers["content-type"] == "image/png"
    # A JPEG is a logo too; uploading the same file again changes nothing.
    picture = jpeg(40, 20)
    assert _upload(console, picture, name="logo.jpg").status_code == 303
    assert _logo(server) == hashlib.sha256(picture).hexdigest()
    assert console.get("/settings/logo").headers["content-type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "english", "chinese"),
    [
        (b"GIF89a not a logo", "the file is not a PNG or JPEG image", "文件不是 PNG 或 JPEG 图片"),
        (png(30, 10)[:-6], "the PNG image is damaged or cut short", "PNG 图片已损坏或不完整"),
        (png(5000, 1), "at most 4000×4000", "最多 4000×4000"),
        (b"", "the file is empty", "文件是空的"),
    ],
)
def test_a_bad_file_is_refused_in_the_users_words_and_nothing_changes(
    server: Server,
    restore_settings: Any,  # noqa: F811
    data: bytes,
    english: str,
    chinese: str,
) -> None:
    console, before = _at_settings(server)
    for language, says, field in (("en", english, "Company logo"), ("zh_CN", chinese, "公司标志")):
        console.post("/language", {"language": language, "back": "/settings"})
        console.get("/settings")
        answer = _upload(console, data)
        assert answer.status_code == 422 and says in answer.text and field in answer.text
        assert "Traceback" not in answer.text
    assert _logo(server) == before


def test_no_file_or_too_large_a_file_is_refused(
    server: Server,
    restore_settings: Any,  # noqa: F811
) -> None:
    console, before = _at_settings(server)
    nothing = console.http.post(
        f"{server.url}/settings/logo", data={"csrf": console.csrf}, allow_redirects=False
    )
    assert nothing.status_code == 422 and "Choose a PNG or JPEG file first." in nothing.text
    huge = _upload(console, png(30, 10) + b"\x00" * (MAX_LOGO_BYTES + 1))
    assert huge.status_code == 413 and "nothing was changed" in huge.text
    assert _logo(server) == before


def test_a_logo_upload_needs_the_sessions_csrf_token(
    server: Server,
    restore_settings: Any,  # noqa: F811
) -> None:
    console, before = _at_settings(server)
    for token in ("", "forged", office_console(server).csrf):
        answer = _upload(console, _unique_logo(), csrf=token)
        assert answer.status_code == 403, token
    assert _logo(server) == before
