"""The office's job sheet as Chinese Excel saves it: encodings, date styles, clear refusals."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sync.server.csv_text import EncodingProblem, read_sheet
from sync.server.office_input import parse_job_type, parse_sheet_moment
from sync.server.sheet_columns import CSV_COLUMNS
from tech_app.demo import CHINA
from tech_app.errors import ValidationError
from tech_app.vocab import JobType
from tests.sync.test_commands import run

HEADER = "job_number,job_type,problem,reported_at,window_start,window_end,assignee,customer_name,customer_phone,site_address,asset_category,asset_make,asset_model,asset_serial\n"
ROWS = (
    "HO-0101,维修,燃气灶打不着火，客户很着急,2026/11/28 8:05,2026/12/01 10:00,2026/12/1 12:00,,"
    "李梅,186 2100 4477,上海市徐汇区漕溪北路 201 弄 5 号,燃气灶,方太,FD21BE,FT-88\n"
    "HO-0102,installation,安装打印机,2026-11-28 08:00,2026年12月2日 9:00,2026年12月2日 10:30,,"
    "张伟,139 2233 4455,深圳市南山区科技园南区,printer,联想,LJ2405,LJ-1\n"
)


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TECH_APP_PASSWORD", "secret-pass")
    return f"sqlite:///{tmp_path / 'office.sqlite3'}"


def _stored(office: str, job_id: str) -> dict[str, Any]:
    from sync.server.db import make_engine, read_transaction
    from sync.server.store import load

    with read_transaction(make_engine(office)) as conn:
        row = load(conn, "jobs", job_id)
    assert row is not None
    return dict(row.data)


def _imported(office: str, capsys: Any) -> dict[str, dict[str, Any]]:
    jobs = json.loads(run(["office", "jobs", "--db", office, "--json"], capsys)[1])
    return {j["number"]: j for j in jobs}


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("gb18030", b""), ("gbk", b""), ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16", b"")],
    ids=["GB18030", "GBK", "UTF-8", "UTF-8 with BOM", "UTF-16"],
)
def test_a_sheet_in_any_excel_encoding_imports_with_chinese_intact(
    office: str, tmp_path: Path, capsys: Any, encoding: str, bom: bytes
) -> None:
    sheet = tmp_path / "jobs.csv"
    sheet.write_bytes(bom + (HEADER + ROWS).encode(encoding))
    code, out, err = run(["office", "import-jobs", str(sheet), "--db", office], capsys)
    assert code == 0, err
    assert "imported 2" in out
    jobs = _imported(office, capsys)
    assert jobs["HO-0101"]["customer"] == "李梅"
    assert _stored(office, jobs["HO-0101"]["id"])["job_type"] == "repair"  # 维修 in the sheet
    assert jobs["HO-0102"]["customer"] == "张伟"


def test_the_excel_date_styles_are_read_in_company_time(
    office: str, tmp_path: Path, capsys: Any
) -> None:
    # The company's own time zone, from its settings, is what a sheet without one means.
    zone = ["office", "settings", "--db", office, "--set", "time_zone=Asia/Shanghai"]
    assert run(zone, capsys)[0] == 0
    sheet = tmp_path / "jobs.csv"
    sheet.write_bytes((HEADER + ROWS).encode("gb18030"))
    assert run(["office", "import-jobs", str(sheet), "--db", office], capsys)[0] == 0
    jobs = _imported(office, capsys)
    first = _stored(office, jobs["HO-0101"]["id"])
    second = _stored(office, jobs["HO-0102"]["id"])
    assert first["reported_at"] == "2026-11-28T08:05:00+08:00"
    assert first["window_start"] == "2026-12-01T10:00:00+08:00"
    assert first["window_end"] == "2026-12-01T12:00:00+08:00"
    assert second["window_start"] == "2026-12-02T09:00:00+08:00"


def test_an_explicit_encoding_is_used(office: str, tmp_path: Path, capsys: Any) -> None:
    sheet = tmp_path / "big5.csv"  # traditional characters as Big5, which is not detected
    rows = "HO-0101,repair,燃氣灶打不著火,2026/11/28 8:05,,,,陳靜,186 2100 4477,臺北市,燃氣灶,方太,FD21BE,FT-88\n"
    sheet.write_bytes((HEADER + rows).encode("big5"))
    code, _, err = run(
        ["office", "import-jobs", str(sheet), "--encoding", "big5", "--db", office], capsys
    )
    assert code == 0, err
    assert _imported(office, capsys)["HO-0101"]["customer"] == "陳靜"
    code, _, err = run(
        ["office", "import-jobs", str(sheet), "--encoding", "klingon", "--db", office], capsys
    )
    assert code == 1 and "--encoding" in err and "klingon" in err


def test_bytes_that_are_no_text_are_refused_with_the_line(tmp_path: Path) -> None:
    sheet = tmp_path / "broken.csv"
    sheet.write_bytes(HEADER.encode() + b"HO-1,repair,\x81\xff\xfe\x80,2026-11-28\n")
    with pytest.raises(EncodingProblem) as refused:
        read_sheet(sheet)
    assert refused.value.line == 2 and "--encoding" in str(refused.value)


@pytest.mark.parametrize(
    ("column", "cell", "words"),
    [
        (
            "window_start",
            "2026/13/01 10:00",
            ["line 2", "window_start", "2026/13/01 10:00", "2026/12/01 10:00"],
        ),
        (
            "job_type",
            "修理工作",
            ["line 2", "job_type", "修理工作", "repair (维修)", "installation (安装调试)"],
        ),
        ("reported_at", "明天", ["line 2", "reported_at", "明天"]),
    ],
)
def test_a_bad_cell_is_refused_naming_line_column_and_what_is_valid(
    office: str, tmp_path: Path, capsys: Any, column: str, cell: str, words: list[str]
) -> None:
    header = HEADER.strip().split(",")
    first = ROWS.splitlines()[0].split(",")
    first[header.index(column)] = cell
    sheet = tmp_path / "bad.csv"
    sheet.write_bytes((HEADER + ",".join(first) + "\n").encode("gb18030"))
    code, _, err = run(["office", "import-jobs", str(sheet), "--db", office], capsys)
    assert code == 1
    for word in words:
        assert word in err
    assert "nothing was imported" in err
    assert _imported(office, capsys) == {}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("repair", JobType.REPAIR),
        ("维修", JobType.REPAIR),
        ("安装调试", JobType.INSTALLATION),
        ("保养", JobType.MAINTENANCE),
        (" Repair ", JobType.REPAIR),
    ],
)
def test_job_types_as_codes_or_chinese_words(typed: str, expected: JobType) -> None:
    assert parse_job_type("job_type", typed) is expected


def test_a_date_alone_is_midnight_and_full_width_digits_are_read() -> None:
    moment = parse_sheet_moment("reported_at", "２０２６/１２/０１", CHINA)
    assert moment is not None and moment.isoformat() == "2026-12-01T00:00:00+08:00"
    assert parse_sheet_moment("window_end", "  ", CHINA) is None
    with pytest.raises(ValidationError) as refused:
        parse_sheet_moment(
            "window_end", "12/01/2026 10:00", CHINA
        )  # month or day first? not guessed
    assert refused.value.field == "window_end"


def test_import_jobs_help_lists_every_column() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "tech-app"), "office", "import-jobs", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0
    for column in CSV_COLUMNS:
        assert f"  {column} " in done.stdout
    assert "--encoding" in done.stdout and "GB18030" in done.stdout
