"""Translated messages for the engine and the command line.

Catalogues are JSON files in ``resources/i18n/messages/``, one per area, mapping a
message key to its English and French text. Placeholders are named
(``{media_id}``), never positional, so translators can reorder them. The Qt
interface uses Qt's own ``.ts`` catalogues for its widgets and this module for
errors raised by the engine.
"""

from __future__ import annotations

import json
import locale
import os
from functools import cache
from pathlib import Path

from app.paths import resource_path

SUPPORTED_LANGUAGES = ("en", "fr")
_forced_language: str | None = None


def set_language(language: str | None) -> None:
    """Force the language used by ``tr`` (``None`` returns to the system locale)."""
    global _forced_language
    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {SUPPORTED_LANGUAGES}")
    _forced_language = language


def current_language() -> str:
    """Return ``fr`` or ``en``: the forced language, ``VOILE_LANG``, then the system locale."""
    if _forced_language:
        return _forced_language
    requested = os.environ.get("VOILE_LANG", "").strip().lower()
    if requested in SUPPORTED_LANGUAGES:
        return requested
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    system = locale.getlocale()[0] or ""
    return "fr" if system.lower().startswith("fr") else "en"


def catalogue_dir() -> Path:
    return resource_path("i18n", "messages")


@cache
def load_catalogue() -> dict[str, dict[str, str]]:
    """Merge every area catalogue; a key defined twice is a packaging error."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(catalogue_dir().glob("*.json")):
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)
        for key, texts in entries.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} is defined twice (second time in {path.name})")
            merged[key] = texts
    return merged


def tr(key: str, language: str | None = None, /, **params: object) -> str:
    """Return the message ``key`` in ``language`` (default: current), filled with ``params``.

    An unknown key returns the key itself followed by the parameters, so a
    missing translation is visible instead of raising inside an error handler.
    """
    language = language or current_language()
    texts = load_catalogue().get(key)
    if texts is None:
        details = ", ".join(f"{name}={value}" for name, value in params.items())
        return f"{key} ({details})" if details else key
    template = texts.get(language) or texts["en"]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
