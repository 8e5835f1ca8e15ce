"""``tech-app slip`` and ``tech-app report`` as registered by reports.commands."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.commands import register
from tech_app.demo import load_demo
from tech_app.errors import NotFoundError
from tech_app.profile import DATABASE_NAME
from tech_app.records import Slip
from tech_app.store import open_store
from tests.reports.conftest import DEMO_DAY


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="tech-app")
    top.add_argument("--data-dir", type=Path)
    register(top.add_subparsers(dest="command"))
    return top


def run(*argv: str) -> int:
    args = parser().parse_args(list(argv))
    return int(args.run(args))


def test_slip_and_report_commands_write_pdfs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = open_store(tmp_path / DATABASE_NAME)
    load_demo(profile, DEMO_DAY)
    profile.close()
    slip = tmp_path / "slip.pdf"
    assert (
        run(
            "--data-dir",
            str(tmp_path),
            "slip",
            "SV-261128-03",
            "--out",
            str(slip),
            "--layout",
            "receipt",
            "--lang",
            "zh_TW",
        )
        == 0
    )
    assert "revision 1" in capsys.readouterr().out
    assert PdfReader(slip).pages[0].mediabox.width < 230
    report = tmp_path / "report.pdf"
    assert run("--data-dir", str(tmp_path), "report", "SV-261128-01", "--out", str(report)) == 0
    assert len(PdfReader(report).pages) >= 2
    store = open_store(tmp_path / DATABASE_NAME)
    assert len(store.select(Slip)) == 1
    with pytest.raises(NotFoundError):  # tech_app.cli prints it as one line
        run("--data-dir", str(tmp_path), "slip", "SV-999", "--out", str(slip))
    store.close()


def test_bad_layout_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(["slip", "SV-1", "--out", "x.pdf", "--layout", "a5"])
    assert "invalid choice" in capsys.readouterr().err
