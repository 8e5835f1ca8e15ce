"""What the app remembers between runs: window geometry, columns, last filter, language.

A thin typed wrapper over ``QSettings``, which is passed in so tests use a
temporary ini file and never touch the user's real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from tech_app.job_list import JobFilter

LANGUAGES = ("en", "zh_CN")


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "tech-app", "tech-app")


def settings_at(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


class AppSettings:
    def __init__(self, settings: QSettings) -> None:
        self.qsettings = settings

    # -- window layout -----------------------------------------------------------
    def state(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"window/{key}", value)

    # -- the job list's filter -----------------------------------------------------
    def last_filter(self) -> tuple[JobFilter, str]:
        """The filter and the date choice ("any", "today", "tomorrow", "day") last used."""
        value = self.qsettings.value
        flt = JobFilter(
            text=str(value("filter/text", "") or ""),
            status=str(value("filter/status", "") or "") or None,
            job_type=str(value("filter/type", "") or "") or None,
            day=str(value("filter/day", "") or "") or None,
        )
        return flt, str(value("filter/date_choice", "any") or "any")

    def set_last_filter(self, flt: JobFilter, date_choice: str) -> None:
        self.qsettings.setValue("filter/text", flt.text)
        self.qsettings.setValue("filter/status", flt.status or "")
        self.qsettings.setValue("filter/type", flt.job_type or "")
        self.qsettings.setValue("filter/day", flt.day or "")
        self.qsettings.setValue("filter/date_choice", date_choice)

    # -- language --------------------------------------------------------------------
    def language(self) -> str | None:
        """The chosen language, or None to follow the system locale."""
        found = str(self.qsettings.value("language", "") or "")
        return found if found in LANGUAGES else None

    def set_language(self, language: str | None) -> None:
        self.qsettings.setValue("language", language or "")

    def sync(self) -> None:
        self.qsettings.sync()
