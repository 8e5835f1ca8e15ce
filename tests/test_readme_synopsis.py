"""README's command-line synopsis and the real parser say the same thing.

A newcomer copies commands from README; a command or option that README names and the
parser lacks fails on their machine, and one the parser has but README hides is a
feature nobody finds. Both directions are checked here, command by command (the way
sqlite-utils checks its CLI docs).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from tech_app.cli import build_parser

README = Path(__file__).resolve().parents[1] / "README.md"
OPTION = re.compile(r"--[a-z][a-z-]*")
# Options every command has or that belong to the command's parent, written once.
PARENT_OPTIONS = {"--help", "--data-dir"}


def _synopsis() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Using the command line", 1)[1]
    block = section.split("```", 2)[1]
    return [line.strip() for line in block.splitlines() if line.strip().startswith("tech-app")]


def _readme_commands() -> dict[str, set[str]]:
    """Command path ("slip", "office settings") → the options README writes for it."""
    found: dict[str, set[str]] = {}
    for line in _synopsis():
        words = line.removeprefix("tech-app").replace("[--data-dir DIR]", "").split()
        if not words or words[0].startswith("-"):
            continue  # `tech-app --help`
        head, rest = words[0].strip("[]"), " ".join(words[1:])  # `[app]`: the default
        if head == "office":
            rest = rest.replace("[--db URL]", "")
            for alternative in rest.split(" | "):
                name, *options = alternative.split(maxsplit=1)
                found.setdefault(f"office {name}", set()).update(OPTION.findall(" ".join(options)))
        else:
            found.setdefault(head, set()).update(OPTION.findall(rest))
    return found


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {
        option
        for action in parser._actions
        if action.default is not argparse.SUPPRESS or action.option_strings == ["--db"]
        for option in action.option_strings
        if option.startswith("--") and option not in PARENT_OPTIONS
    }


def _parser_commands() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for name, sub in _subparsers(build_parser()).items():
        if name == "office":
            for office_name, office_sub in _subparsers(sub).items():
                found[f"office {office_name}"] = _options(office_sub) - {"--db"}
        else:
            found[name] = _options(sub)
    return found


def test_every_command_in_readme_exists_and_every_command_is_in_readme() -> None:
    readme, parser = _readme_commands(), _parser_commands()
    assert sorted(set(readme) - set(parser)) == [], "README names commands the CLI lacks"
    assert sorted(set(parser) - set(readme)) == [], "commands missing from README's synopsis"


@pytest.mark.parametrize("command", sorted(_parser_commands()))
def test_readme_writes_the_options_the_command_has(command: str) -> None:
    readme = _readme_commands().get(command, set())
    options = _parser_commands()[command]
    assert sorted(readme - options) == [], f"README gives `{command}` options it does not take"
    assert sorted(options - readme) == [], f"`{command}` options missing from README"


def test_readme_install_line_runs_the_demo_command() -> None:
    text = README.read_text(encoding="utf-8")
    try_it = text.split("## Try it", 1)[1].split("```", 2)[1]
    assert "pip install -e '.[demo]'" in try_it and try_it.strip().endswith("tech-app demo")
    assert "demo" in _parser_commands()
    run_tests = text.split("## Run the tests", 1)[1]
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash .ci/run" in run_tests.split("```", 2)[1]
    assert "`python -m pytest -q`" in run_tests and "\npython -m pytest -q\n" in ci
