"""Preferences: interface language, idle lock delay, autosave delay."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.settings import Preferences


class QtPreferencesDialog(QDialog):
    """Edit a copy of the preferences; ``values()`` returns them after ``accept``."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self.language = QComboBox()
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(0, 240)
        self.idle_lock.setValue(preferences.idle_lock_minutes)
        self.autosave = QDoubleSpinBox()
        self.autosave.setRange(0.5, 60)
        self.autosave.setDecimals(1)
        self.autosave.setValue(preferences.autosave_seconds)
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.language)
        form.addRow(self.labels[1], self.idle_lock)
        form.addRow(self.labels[2], self.autosave)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.labels[0].setText(self.tr("Language"))
        self.labels[1].setText(self.tr("Lock the vault after"))
        self.labels[2].setText(self.tr("Save edits after"))
        current = self.language.currentData() or self._preferences.language
        self.language.clear()
        self.language.addItem(self.tr("As the system"), "system")
        # Each language is named in itself, so it can be found whatever the current one.
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.idle_lock.setSuffix(" " + self.tr("min idle"))
        self.idle_lock.setSpecialValueText(self.tr("Never"))
        self.autosave.setSuffix(" " + self.tr("s"))
        self.autosave.setToolTip(self.tr("Edits are saved in the vault this long after the last "
                                         "change, and when the window closes."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def values(self) -> Preferences:
        chosen = Preferences(**vars(self._preferences))
        chosen.language = str(self.language.currentData())
        chosen.idle_lock_minutes = self.idle_lock.value()
        chosen.autosave_seconds = self.autosave.value()
        return chosen
