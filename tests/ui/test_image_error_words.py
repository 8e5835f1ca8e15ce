"""A refused image (a visit photo) is worded in the app's language, like every coded refusal."""

from __future__ import annotations

import pytest

from tech_app.errors import Invalid, ValidationError
from tech_app.images import read_image
from tests.tech_app.test_images import png
from ui import error_words
from ui.error_words import invalid_text


def test_every_refusal_code_has_words() -> None:
    # invalid_text looks a code up; one without words would fail at the worst moment.
    assert set(error_words._INVALID) == set(Invalid)


def _refusal(data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        read_image("photo", data)
    return caught.value


def test_a_damaged_photo_is_refused_in_chinese(chinese: None) -> None:
    assert invalid_text(_refusal(png(30, 10)[:-6])) == "PNG 图片已损坏或不完整"
    assert invalid_text(_refusal(b"GIF89a")) == "文件不是 PNG 或 JPEG 图片"
    assert invalid_text(_refusal(b"")) == "文件是空的"


def test_and_in_english_without_a_translator() -> None:
    assert invalid_text(_refusal(png(30, 10)[:-6])) == "The PNG image is damaged or cut short"
