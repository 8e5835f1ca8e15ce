"""Finding a CJK TrueType font, and saying what to install when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.fonts import (
    CJK_FONT_ENV,
    FontFile,
    FontNotFoundError,
    find_cjk_font,
    register_cjk_font,
)


def test_font_file_names_a_face_inside_a_collection() -> None:
    assert FontFile.parse("/fonts/msyh.ttc#1") == FontFile(Path("/fonts/msyh.ttc"), 1)
    assert FontFile.parse(" /fonts/simhei.ttf ") == FontFile(Path("/fonts/simhei.ttf"), 0)


def test_a_broken_override_is_an_error_naming_the_variable(tmp_path: Path) -> None:
    with pytest.raises(FontNotFoundError, match=CJK_FONT_ENV) as missing:
        find_cjk_font(environ={CJK_FONT_ENV: str(tmp_path / "nope.ttf")})
    assert "no such file" in str(missing.value)
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all" * 10)
    with pytest.raises(FontNotFoundError, match=CJK_FONT_ENV):
        find_cjk_font(environ={CJK_FONT_ENV: str(junk)})


def test_a_broken_setting_is_an_error_naming_the_setting(tmp_path: Path) -> None:
    with pytest.raises(FontNotFoundError, match="cjk_font"):
        find_cjk_font(setting=str(tmp_path / "nope.ttc"), environ={})


@pytest.mark.parametrize(
    ("platform", "advice"),
    [("linux", "fonts-wqy-microhei"), ("win32", "msyh.ttc"), ("darwin", "STHeiti")],
)
def test_no_font_found_says_what_to_install(platform: str, advice: str) -> None:
    with pytest.raises(FontNotFoundError) as caught:
        find_cjk_font(environ={}, platform=platform, candidates=[])
    message = str(caught.value)
    assert advice in message and CJK_FONT_ENV in message and "Noto Sans CJK" in message


def test_files_that_cannot_be_used_are_skipped_and_reported(tmp_path: Path) -> None:
    junk = tmp_path / "junk.ttc"
    junk.write_bytes(b"\x00" * 64)
    with pytest.raises(FontNotFoundError, match=r"junk\.ttc"):
        find_cjk_font(environ={}, candidates=[FontFile(junk), FontFile(tmp_path / "absent.ttf")])


def test_this_machine_has_a_usable_font_and_registers_it_once() -> None:
    found = find_cjk_font()
    assert found.file.path.is_file()
    assert register_cjk_font() == register_cjk_font()
