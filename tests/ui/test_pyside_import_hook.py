"""PySide's check of each imported module, made cheap, gives the answers it gave."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

import tech_app.vocab
import ui.job_table_model
import ui.pyside_import_hook


def _feature() -> types.ModuleType:
    return sys.modules["shibokensupport.feature"]


def test_the_app_runs_with_the_byte_search_installed() -> None:
    assert getattr(_feature()._mod_uses_pyside, "reads_bytes", False)


@pytest.mark.parametrize(
    ("module", "uses"),
    [(ui.job_table_model, True), (tech_app.vocab, False), (sys, False), (pytest, False)],
)
def test_same_answer_as_pysides_own(module: types.ModuleType, uses: bool) -> None:
    cheap = _feature()._mod_uses_pyside
    original = cheap.__closure__[0].cell_contents  # the function it stands in front of
    assert cheap(module) is original(module) is uses


def test_a_module_whose_file_is_gone_is_asked_the_old_way(tmp_path: Path) -> None:
    module = types.ModuleType("vanished")
    module.__file__ = str(tmp_path / "vanished.py")  # never written
    assert _feature()._mod_uses_pyside(module) is False


def test_installing_twice_changes_nothing() -> None:
    before = _feature()._mod_uses_pyside
    ui.pyside_import_hook.install()
    assert _feature()._mod_uses_pyside is before
