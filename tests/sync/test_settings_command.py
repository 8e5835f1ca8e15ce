"""`tech-app office settings`: show and change the company settings from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.sync.test_commands import run


@pytest.fixture
def office_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'office.sqlite3'}"


def test_settings_are_shown_changed_and_kept(office_db: str, capsys: Any) -> None:
    code, out, _ = run(["office", "settings", "--db", office_db, "--json"], capsys)
    assert code == 0
    empty = json.loads(out)
    assert empty["company_name"] == "" and empty["call_out_fee"] == "0.00"
    code, out, _ = run(
        [
            "office",
            "settings",
            "--db",
            office_db,
            "--set",
            "company_name=安心家电售后服务中心",
            "--set",
            "tax_rate=13%",
            "--set",
            "call_out_fee=50.00",
            "--set",
            "labour_rates=repair=120.00,installation=100.00",
            "--set",
            "free_entitlements=solar_water_heater:maintenance:2,forklift:maintenance:4:within_warranty",
            "--set",
            "time_zone=Asia/Shanghai",
            "--json",
        ],
        capsys,
    )
    assert code == 0
    shown = json.loads(out)
    assert shown["company_name"] == "安心家电售后服务中心"
    assert shown["tax_rate"] == "0.13" and shown["call_out_fee"] == "50.00"
    assert shown["labour_rates"] == {"repair": "120.00", "installation": "100.00"}
    assert shown["free_entitlements"][1] == {
        "warranty_terms": "forklift",
        "job_type": "maintenance",
        "visits_per_year": 4,
        "within_warranty": True,
    }
    code, out, _ = run(["office", "settings", "--db", office_db], capsys)
    assert code == 0 and "Asia/Shanghai" in out and "安心家电售后服务中心" in out


def test_a_wrong_setting_is_one_line_naming_it(office_db: str, capsys: Any) -> None:
    code, out, err = run(
        ["office", "settings", "--db", office_db, "--set", "time_zone=Mars/Olympus"], capsys
    )
    assert code == 1 and out == ""
    assert err.startswith("tech-app: company_settings.time_zone:") and "Mars/Olympus" in err
    assert "Traceback" not in err
