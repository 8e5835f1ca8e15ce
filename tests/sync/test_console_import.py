"""The job sheet in the console: a preview of what each record would become, nothing
written by it; the import of the very file previewed; a bad line refused naming it."""

from __future__ import annotations

import re
import uuid

from sync.server.db import read_transaction
from sync.server.record_rows import live_rows
from tests.sync.conftest import Server
from tests.sync.console_client import Console, office_console

HEADER = "job_number,job_type,problem,reported_at,customer_name,customer_phone,site_address\n"


def _preview(console: Console, sheet: bytes) -> str:
    console.get("/import")
    answer = console.http.post(
        f"{console.server.url}/import/preview",
        data={"csrf": console.csrf},
        files={"sheet": ("jobs.csv", sheet, "text/csv")},
        allow_redirects=False,
    )
    return str(answer.status_code) + "\n" + answer.text


def _numbers(server: Server) -> set[str]:
    with read_transaction(server.engine) as conn:
        return {str(j["number"]) for j in live_rows(conn, "jobs")}


def test_preview_then_import_the_previewed_sheet(server: Server) -> None:
    key = uuid.uuid4().hex[:6]
    rows = [
        f"I-{key}-1,维修,燃气灶打不着火,2026/12/01 10:00,赵敏 {key},138 0013 8000,上海市静安区南京西路 1 号",
        f"I-{key}-2,清洗,饮水机清洗,2026-12-01 11:00,赵敏 {key},138 0013 8000,上海市静安区南京西路 1 号",
    ]
    sheet = (HEADER + "\n".join(rows) + "\n").encode("gb18030")  # as Chinese Excel saves it
    console = office_console(server)
    page = _preview(console, sheet)
    assert page.startswith("200") and f"I-{key}-1" in page and f"I-{key}-2" in page
    assert page.count(f"赵敏 {key}") == 1, "the customer of both rows is listed once"
    assert not {f"I-{key}-1", f"I-{key}-2"} & _numbers(server), "the preview wrote"

    hidden = re.search(r'name="sheet" value="([^"]+)"', page)
    assert hidden is not None
    done = console.post("/import", {"sheet": hidden.group(1)})
    assert done.status_code == 200 and 'id="imported"' in done.text
    assert {f"I-{key}-1", f"I-{key}-2"} <= _numbers(server)
    again = _preview(console, sheet)  # the same sheet once more changes nothing
    assert ">new<" not in again and "unchanged" in again


def test_a_bad_line_is_named_and_nothing_is_imported(server: Server) -> None:
    key = uuid.uuid4().hex[:6]
    sheet = (
        HEADER
        + f"B-{key}-1,repair,x,2026-12-01 10:00,钱 {key},139 0000 0000,北京\n"
        + f"B-{key}-2,fixing,x,2026-12-01 10:00,钱 {key},139 0000 0000,北京\n"
    ).encode()
    console = office_console(server)
    page = _preview(console, sheet)
    assert page.startswith("422") and "line 3" in page and "job_type" in page
    forged = console.post("/import", {"sheet": "not base64!"})
    assert forged.status_code == 422
    assert not {f"B-{key}-1", f"B-{key}-2"} & _numbers(server)
