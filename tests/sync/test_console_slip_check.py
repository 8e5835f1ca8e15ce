"""The job page recomputes a signed slip's content hash from head office's records."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from reports.integrity import slip_content_hash
from reports.slip_data import build_slip_data
from sync.server import company
from sync.server import tables as t
from sync.server.db import read_transaction, write_transaction
from sync.server.record_rows import live_rows
from sync.server.slip_check import Recomputed, SlipCheck, check_slips, recompute_content_hash
from tests.sync.conftest import Server
from tests.sync.console_client import office_console
from tests.sync.test_company_logo import restore_settings  # noqa: F401
from tests.sync.test_write_gate import signed  # noqa: F401  (the fixture)

VERIFIED = "Content hash verified — records match the signed slip"
DIFFERS = "Records differ from the signed slip"


def _check(page: str) -> str:
    """The words of the first slip's content check."""
    found = re.search(r'id="slip-check-1"[^>]*>(.*?)</p>', page, re.S)
    assert found is not None, "no content check on the page"
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_a_synced_signed_job_verifies_with_the_laptops_own_hash(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    job_id = signed["job"]
    laptop = slip_content_hash(build_slip_data(signed["first"].store, job_id))
    with read_transaction(server.engine) as conn:
        (slip,) = [s for s in live_rows(conn, "slips") if s["job_id"] == job_id]
        recomputed = recompute_content_hash(conn, job_id)
    assert slip["content_hash"] == laptop == recomputed.content_hash
    page = office_console(server).get(f"/jobs/{job_id}").text
    assert _check(page) == VERIFIED and DIFFERS not in page


def test_a_part_line_changed_behind_the_gates_back_shows_the_tamper_warning(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    job_id = signed["job"]
    console = office_console(server)
    assert _check(console.get(f"/jobs/{job_id}").text) == VERIFIED
    lines = t.kinds["part_usage"]
    with write_transaction(server.engine) as conn:
        changed = conn.execute(
            sa.update(lines).where(lines.c.job_id == job_id).values(quantity="7")
        ).rowcount
    assert changed >= 1
    page = console.get(f"/jobs/{job_id}").text
    assert _check(page).startswith(DIFFERS) and 'class="tamper"' in page
    assert VERIFIED not in page and 'id="settings-changed-1"' not in page
    # In Chinese, the warning is in Chinese.
    console.post("/language", {"language": "zh_CN", "back": "/"})
    chinese = _check(console.get(f"/jobs/{job_id}").text)
    assert chinese.startswith("记录与客户签字的服务单不一致") and "differ" not in chinese


def test_a_changed_letterhead_is_named_beside_the_warning(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
    restore_settings: Any,  # noqa: F811
) -> None:
    # The slip prints the company's phone: changing it after signature changes the hash,
    # and the page says that the settings changed, not only that the records differ.
    with write_transaction(server.engine) as conn:
        company.update(conn, {"phone": "400-000-0000"})
    page = office_console(server).get(f"/jobs/{signed['job']}").text
    assert _check(page).startswith(DIFFERS) and 'id="settings-changed-1"' in page


def test_the_verified_words_in_chinese(
    server: Server,
    signed: dict[str, Any],  # noqa: F811
) -> None:
    console = office_console(server)
    console.post("/language", {"language": "zh_CN", "back": "/"})
    assert (
        _check(console.get(f"/jobs/{signed['job']}").text)
        == "内容校验码已核对——记录与签字的服务单一致"
    )


def test_only_the_latest_revision_must_match() -> None:
    now = Recomputed("b" * 64)
    assert check_slips([(1, "a" * 64), (2, "b" * 64)], now) == {
        1: SlipCheck.SUPERSEDED,
        2: SlipCheck.VERIFIED,
    }
    assert check_slips([(1, "b" * 64), (2, "c" * 64)], now) == {
        1: SlipCheck.VERIFIED,
        2: SlipCheck.DIFFERS,
    }
    assert check_slips([(1, "a" * 64)], Recomputed(None, "no technician")) == {
        1: SlipCheck.UNCHECKED
    }
    assert check_slips([], now) == {}
