"""Settings the technician may change: for now the language, applied at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from ui.settings import AppSettings


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: AppSettings,
        parent: QWidget | None = None,
        *,
        apply_language: Callable[[str | None], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._apply_language = apply_language
        self.setWindowTitle(self.tr("Settings"))
        self.language_combo = QComboBox(self)
        self.language_combo.addItem(self.tr("Same as the system"), None)
        # Each language is named in itself, so it can be found whatever is showing now.
        self.language_combo.addItem("English", "en")
        self.language_combo.addItem("简体中文", "zh_CN")
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(settings.language()))
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow(buttons)

    def accept(self) -> None:
        chosen = self.language_combo.currentData()
        changed = chosen != self._settings.language()
        self._settings.set_language(chosen)
        self._settings.sync()
        super().accept()
        if changed and self._apply_language is not None:
            self._apply_language(chosen)  # every open window says it anew, nothing restarts
