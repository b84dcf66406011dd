"""Language of the editor: Qt translators for the widgets, ``app.i18n`` for engine messages.

Widget strings are marked with ``self.tr`` or ``QCoreApplication.translate`` and
live in ``resources/i18n/voile_fr.ts`` and ``voile_en.ts``; ``scripts/i18n``
compiles them to ``.qm``. Placeholders are named (``{count}``) and filled with
``str.format`` after translation. Errors raised by the engine carry their own
message keys and are translated by ``app.i18n``; both follow the same language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import i18n as engine_i18n
from app.errors import VoileError
from app.paths import resource_path

log = logging.getLogger(__name__)

CATALOGUE_PREFIX = "voile"
_installed: list[QTranslator] = []


def catalogue_path(language: str) -> Path:
    return resource_path("i18n", f"{CATALOGUE_PREFIX}_{language}.qm")


def resolve_language(preference: str) -> str:
    """Turn a preference (``system``, ``fr``, ``en``) into ``fr`` or ``en``."""
    if preference in engine_i18n.SUPPORTED_LANGUAGES:
        return preference
    engine_i18n.set_language(None)
    return engine_i18n.current_language()


def install_language(language: str) -> str:
    """Load the catalogues of ``language`` (``fr``/``en``/``system``) and return the one chosen.

    Every widget receives a ``LanguageChange`` event and retranslates itself.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    chosen = resolve_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()

    own = QTranslator(app)
    if own.load(str(catalogue_path(chosen))):
        _installed.append(own)
    else:
        log.warning("translation catalogue for %s is missing; run scripts/i18n", chosen)
    qt_base = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_base.load(f"qtbase_{chosen}", qt_folder) or qt_base.load(f"qt_{chosen}", qt_folder):
        _installed.append(qt_base)
    for translator in _installed:
        app.installTranslator(translator)

    engine_i18n.set_language(chosen)
    QLocale.setDefault(QLocale(QLocale.Language.French if chosen == "fr"
                               else QLocale.Language.English))
    log.info("interface language set to %s", chosen)
    return chosen


def current_language() -> str:
    return engine_i18n.current_language()


def error_text(error: BaseException) -> str:
    """Return the message to show for ``error`` in the current language."""
    if isinstance(error, VoileError):
        return error.message(engine_i18n.current_language())
    return QCoreApplication.translate(
        "Errors", "An unexpected error occurred ({kind}). The details are in the log."
    ).format(kind=type(error).__name__)
