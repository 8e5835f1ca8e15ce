"""English and Simplified Chinese for every string the app shows.

Strings are marked with ``self.tr(...)`` / ``QT_TRANSLATE_NOOP``; regenerate the
catalogue and the compiled file with::

    pyside6-lupdate ui/*.py ui/i18n/*.py -no-obsolete -ts ui/i18n/tech_app_zh_CN.ts
    pyside6-lrelease ui/i18n/tech_app_zh_CN.ts -qm ui/i18n/tech_app_zh_CN.qm

Language choice, first that applies: ``TECH_APP_LANG`` (zh_CN or en, for
screenshots and tests), the language picked in Settings, the system locale.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

HERE = Path(__file__).parent
CATALOGUE = HERE / "tech_app_zh_CN.ts"
COMPILED = HERE / "tech_app_zh_CN.qm"
ENV_VAR = "TECH_APP_LANG"


def choose_language(
    chosen: str | None,
    env: Mapping[str, str] = os.environ,
    system: QLocale | None = None,
) -> str:
    """ "zh_CN" or "en"."""
    for candidate in (env.get(ENV_VAR, ""), chosen or ""):
        if candidate.startswith("zh"):
            return "zh_CN"
        if candidate.startswith("en"):
            return "en"
    locale = system or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def is_chinese(language: str) -> bool:
    return language.startswith("zh")


def install_translator(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's own Chinese strings (standard buttons, dialogs) into ``app``.

    The translators are returned: they must outlive their use, so the caller keeps them.
    """
    if not is_chinese(language):
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(COMPILED)):
        app.installTranslator(ours)
        installed.append(ours)
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load("qtbase_zh_CN", qt_dir):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def set_locale(language: str) -> None:
    """Numbers and the words chosen by locale (``ui.error_words``) follow the language:
    Chinese for zh_CN; for English the system's own locale unless that is Chinese."""
    if is_chinese(language):
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    elif QLocale.system().language() == QLocale.Language.Chinese:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        QLocale.setDefault(QLocale.system())


def switch_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Change the running app's language: every translator of ``app`` goes, ``language``'s
    come in. Qt then sends ``QEvent.LanguageChange`` to every widget (``ui.retranslate``)."""
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    set_locale(language)
    return install_translator(app, language)
