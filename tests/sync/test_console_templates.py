"""Checklist templates in the console: an edit is saved as a new revision under the same
code, the old revision stays as it was for the jobs that have it, and a bad item is
refused with nothing saved."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sync.server import checklist_templates, dispatch
from sync.server.db import read_transaction, write_transaction
from sync.server.record_rows import live_rows
from tech_app.records import ChecklistItem, ChecklistTemplate
from tech_app.records.codec import from_row
from tests.sync.conftest import Server
from tests.sync.console_client import office_console


def test_an_edit_is_a_new_revision_and_the_old_one_stays(server: Server) -> None:
    code = f"heater-check-{uuid.uuid4().hex[:6]}"
    first = ChecklistTemplate(
        code=code,
        title="Heater check",
        items=(
            ChecklistItem(
                key="pressure", label="Pressure", kind="number", unit="bar", minimum=Decimal("1")
            ),
            ChecklistItem(key="leak", label="Leak", kind="yes_no", required=True),
        ),
    )
    with write_transaction(server.engine) as conn:
        dispatch.put_record(conn, first)
    console = office_console(server)
    assert code in console.get("/templates").text
    assert 'id="item-pressure"' in console.get(f"/templates/{code}").text
    form = {
        "title": "Heater check",
        "title_zh": "热水器检查",
        "label-0": "Water pressure",
        "label_zh-0": "水压",
        "unit-0": "bar",
        "minimum-0": "1",
        "maximum-0": "６",  # typed on a Chinese keyboard: full-width, read as 6
        "required-0": "1",
        "label-1": "Leak",
        "remove-1": "1",
        "new_key": "photo_of_tank",
        "new_kind": "photo",
        "new_label": "Photo of the tank",
    }
    assert console.post(f"/templates/{code}", form).status_code == 303
    with read_transaction(server.engine) as conn:
        now = checklist_templates.current(conn, code)
        revisions = sorted(
            int(t["revision"]) for t in live_rows(conn, "checklist_templates") if t["code"] == code
        )
        old = next(t for t in live_rows(conn, "checklist_templates") if t["id"] == first.id)
    assert revisions == [1, 2] and now.revision == 2 and now.id != first.id
    assert [i.key for i in now.items] == ["pressure", "photo_of_tank"]
    assert (
        now.items[0].maximum == Decimal(6)
        and now.items[0].required
        and now.title_zh == "热水器检查"
    )
    # The jobs that have revision 1 keep it exactly: the leak check is still in it.
    assert [i.key for i in from_row(ChecklistTemplate, old).items] == ["pressure", "leak"]
    # Saving what is there already makes no third revision.
    with write_transaction(server.engine) as conn:
        same = checklist_templates.revise(conn, code, now.title, now.title_zh, now.items)
    assert same.revision == 2
    assert "Water pressure" in console.get(f"/templates/{code}").text
    bad = console.post(
        f"/templates/{code}", {**form, "new_key": "pressure", "new_kind": "text", "new_label": "x"}
    )
    assert bad.status_code == 422 and "duplicate" in bad.text
    with read_transaction(server.engine) as conn:
        assert checklist_templates.current(conn, code).revision == 2
