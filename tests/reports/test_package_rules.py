"""Labels complete in every language; reports stays off Qt, ui and sync."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import reports
from reports.labels import LANGUAGES, TABLES, Labels
from tech_app.errors import ValidationError

FORBIDDEN = ("PySide6", "ui", "sync", "requests")


def test_every_language_has_every_label() -> None:
    keys = set(TABLES["en"])
    for lang in LANGUAGES:
        assert set(TABLES[lang]) == keys, lang
        assert all(TABLES[lang][k].strip() or k == "sentence_sep" for k in keys)


def test_placeholders_match_across_languages() -> None:
    def fields(text: str) -> set[str]:
        import string

        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, english in TABLES["en"].items():
        for lang in LANGUAGES:
            assert fields(TABLES[lang][key]) == fields(english), (lang, key)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValidationError, match="lang"):
        Labels("fr")


def test_reports_imports_only_tech_app_and_reportlab() -> None:
    package = Path(reports.__file__).parent
    for source in package.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{source.name} imports {name}"
