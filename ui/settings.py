"""Editor preferences and the list of recent vaults, stored with ``QSettings``.

The settings file lives in ``$VOILE_CONFIG_DIR`` when that variable is set (tests
point it to a temporary folder), otherwise in the platform's configuration
folder. It is versioned: ``_upgrade`` moves older files to the current layout.
It stores vault folders and user names, never passwords.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
LANGUAGES = ("system", "fr", "en")
MAX_RECENT_VAULTS = 8
DEFAULT_IDLE_LOCK_MINUTES = 10
DEFAULT_AUTOSAVE_SECONDS = 2.0


@dataclass
class Preferences:
    language: str = "system"  # "system", "fr" or "en"
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES  # 0 turns the idle lock off
    autosave_seconds: float = DEFAULT_AUTOSAVE_SECONDS  # delay after the last edit
    recent_vaults: list[str] = field(default_factory=list)
    last_user: dict[str, str] = field(default_factory=dict)  # vault folder -> user name
    last_media: dict[str, str] = field(default_factory=dict)  # vault folder -> "media_id@frame"

    def remember_vault(self, folder: Path, user: str) -> None:
        """Move ``folder`` to the top of the recent list and remember who opened it."""
        key = str(folder)
        self.recent_vaults = [key] + [item for item in self.recent_vaults if item != key]
        del self.recent_vaults[MAX_RECENT_VAULTS:]
        self.last_user[key] = user


def settings_file() -> Path:
    override = os.environ.get("VOILE_CONFIG_DIR")
    if override:
        folder = Path(override)
    else:
        location = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppConfigLocation)
        folder = Path(location or Path.home() / ".config" / "voile")
    return folder / "voile-editor.ini"


def _open() -> QSettings:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def _upgrade(settings: QSettings) -> None:
    version = int(str(settings.value("settings_version", 0)))
    if version < 1:
        # Version 0 files had no version key; nothing to move yet.
        settings.setValue("settings_version", SETTINGS_VERSION)


def _as_list(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]  # type: ignore[attr-defined]


def load_preferences() -> Preferences:
    settings = _open()
    _upgrade(settings)
    preferences = Preferences()
    language = str(settings.value("language", preferences.language))
    preferences.language = language if language in LANGUAGES else "system"
    try:
        preferences.idle_lock_minutes = max(0, int(str(settings.value(
            "idle_lock_minutes", preferences.idle_lock_minutes))))
        preferences.autosave_seconds = min(60.0, max(0.5, float(str(settings.value(
            "autosave_seconds", preferences.autosave_seconds)))))
    except ValueError:
        log.warning("settings: invalid number in %s; using defaults", settings_file().name)
    preferences.recent_vaults = _as_list(settings.value("recent_vaults"))[:MAX_RECENT_VAULTS]
    for group, mapping in (("last_user", preferences.last_user),
                           ("last_media", preferences.last_media)):
        settings.beginGroup(group)
        for index, folder in enumerate(preferences.recent_vaults):
            value = settings.value(f"v{index}")
            if value:
                mapping[folder] = str(value)
        settings.endGroup()
    return preferences


def save_preferences(preferences: Preferences) -> None:
    settings = _open()
    settings.setValue("settings_version", SETTINGS_VERSION)
    settings.setValue("language", preferences.language)
    settings.setValue("idle_lock_minutes", preferences.idle_lock_minutes)
    settings.setValue("autosave_seconds", preferences.autosave_seconds)
    settings.setValue("recent_vaults", preferences.recent_vaults)
    # Both maps are keyed by the vault's position in the recent list, so INI keys stay plain.
    for group, mapping in (("last_user", preferences.last_user),
                           ("last_media", preferences.last_media)):
        settings.remove(group)
        settings.beginGroup(group)
        for index, folder in enumerate(preferences.recent_vaults):
            value = mapping.get(folder)
            if value:
                settings.setValue(f"v{index}", value)
        settings.endGroup()
    settings.sync()
