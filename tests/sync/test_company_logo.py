"""The company logo: set once by the office, fetched by every laptop, on every slip offline.

A logo is checked whole when it is set (a damaged file would otherwise fail on a
technician's laptop, offline, with the customer waiting) and is readable by every
technician, unlike the blobs that hang off a job.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import secrets
import subprocess
from pathlib import Path
from typing import Any

import pytest
import requests

from reports import build_slip_data, render_slip
from sync.server import company
from sync.server.db import read_transaction, write_transaction
from tech_app.demo import DEMO_SETTINGS
from tech_app.errors import ValidationError
from tech_app.records import CompanySettings, Job
from tests.sync.conftest import Server
from tests.sync.test_commands import run
from tests.sync.test_security import bearer, login
from tests.tech_app.test_images import png


@pytest.fixture
def restore_settings(server: Server) -> Any:
    yield
    with write_transaction(server.engine) as conn:
        company.update(
            conn,
            {f.name: getattr(DEMO_SETTINGS, f.name) for f in dataclasses.fields(DEMO_SETTINGS)},
        )


def _unique_logo() -> bytes:
    # The test server is shared: a logo's bytes become readable by every technician, so
    # they must be bytes no other test uploads as a private blob.
    return png(width=secrets.randbelow(3000) + 100, height=23)


def _images(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "slip.pdf"
    path.write_bytes(pdf)
    listed = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return listed[2:]  # two header lines


def test_the_logo_reaches_a_laptop_and_its_slips(
    server: Server, device_factory: Any, restore_settings: Any, tmp_path: Path
) -> None:
    tech = server.technician()
    server.dispatch_demo(tech)
    logo = _unique_logo()
    with write_transaction(server.engine) as conn:
        settings = company.set_logo(conn, logo)
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    (held,) = laptop.store.select(CompanySettings)
    assert held.logo_sha256 == settings.logo_sha256
    assert laptop.blobs.get(held.logo_sha256) == logo  # fetched: slips offline carry it
    job = laptop.store.select(Job)[0]
    with_logo = render_slip(build_slip_data(laptop.store, job.id, "zh_CN", blobs=laptop.blobs))
    without = render_slip(build_slip_data(laptop.store, job.id, "zh_CN"))
    assert len(_images(with_logo, tmp_path)) == len(_images(without, tmp_path)) + 1


def test_every_technician_reads_the_logo(server: Server, restore_settings: Any) -> None:
    logo = _unique_logo()
    # The same bytes were uploaded by a technician first: the logo is still everyone's.
    uploader = bearer(login(server, server.technician()).json()["access_token"])
    sha = hashlib.sha256(logo).hexdigest()
    assert requests.put(f"{server.url}/blobs/{sha}", data=logo, headers=uploader).ok
    with write_transaction(server.engine) as conn:
        assert company.set_logo(conn, logo).logo_sha256 == sha
    stranger = server.technician()
    headers = bearer(login(server, stranger).json()["access_token"])
    answer = requests.get(f"{server.url}/blobs/{sha}", headers=headers)
    assert answer.status_code == 200 and answer.content == logo


def test_a_damaged_logo_is_refused_and_changes_nothing(
    server: Server, restore_settings: Any
) -> None:
    with read_transaction(server.engine) as conn:
        before = company.current(conn)
    with pytest.raises(ValidationError) as refused, write_transaction(server.engine) as conn:
        company.set_logo(conn, _unique_logo()[:-12])
    assert refused.value.field == "logo" and "cut short" in refused.value.reason
    with read_transaction(server.engine) as conn:
        assert company.current(conn) == before


def test_the_office_command_sets_the_logo(tmp_path: Path, capsys: Any) -> None:
    office_db = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    logo = tmp_path / "logo.png"
    logo.write_bytes(_unique_logo())
    code, out, _ = run(
        ["office", "settings", "--db", office_db, "--logo", str(logo), "--json"], capsys
    )
    assert code == 0
    assert len(json.loads(out)["logo_sha256"]) == 64
    logo.write_text("not a picture", encoding="utf-8")
    code, _, err = run(["office", "settings", "--db", office_db, "--logo", str(logo)], capsys)
    assert code != 0 and "is not a PNG or JPEG" in err and "Traceback" not in err
    code, _, err = run(
        ["office", "settings", "--db", office_db, "--logo", str(tmp_path / "missing.png")], capsys
    )
    assert code != 0 and "cannot read" in err
