"""A refused image (a visit photo) is worded in the app's language, like every coded refusal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from tech_app.errors import Invalid, ValidationError
from tech_app.images import read_image
from tests.tech_app.test_images import png
from ui import error_words
from ui.error_words import invalid_text
from ui.i18n import install_translator, remove_translators


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    installed = install_translator(qapp, "zh_CN")
    locale = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    QLocale.setDefault(locale)
    remove_translators(qapp, installed)


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
