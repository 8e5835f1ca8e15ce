"""Company settings and the price list in the console: typed as the settings command
takes them, only what was changed is changed, a wrong value is refused naming it, and a
part saved again under its number is changed in place."""

from __future__ import annotations

import re
import uuid

from sync.server import company
from sync.server.db import read_transaction
from sync.server.record_rows import live_rows
from tests.sync.conftest import Server
from tests.sync.console_client import office_console


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
