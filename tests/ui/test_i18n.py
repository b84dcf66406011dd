"""The editor's catalogues are complete and fresh, and switching language changes every string."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QWidget,
)

from tests.ui.conftest import wait_until
from ui.i18n_tools import catalogue, compile_catalogues, extract, incomplete, read_messages

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def test_french_catalogue_complete() -> None:
    missing = incomplete(catalogue("fr"))
    assert not missing, "untranslated: " + "; ".join(f"[{m.context}] {m.source}" for m in missing)


def test_english_catalogue_complete() -> None:
    assert not incomplete(catalogue("en"))


def test_catalogues_match_the_code(tmp_path: Path) -> None:
    for language in ("fr", "en"):
        shutil.copy(catalogue(language), tmp_path / catalogue(language).name)
    copies = [tmp_path / catalogue(language).name for language in ("fr", "en")]
    extract(copies)
    for language, copy in zip(("fr", "en"), copies, strict=True):
        committed = {(m.context, m.source) for m in read_messages(catalogue(language))}
        fresh = {(m.context, m.source) for m in read_messages(copy)}
        assert fresh == committed, f"run scripts/i18n: {sorted(fresh ^ committed)[:5]}"


def test_compiled_catalogues_are_fresh(tmp_path: Path) -> None:
    for language in ("fr", "en"):
        shutil.copy(catalogue(language), tmp_path / catalogue(language).name)
    copies = [tmp_path / catalogue(language).name for language in ("fr", "en")]
    compile_catalogues(copies)
    for language, copy in zip(("fr", "en"), copies, strict=True):
        committed = catalogue(language).with_suffix(".qm")
        assert committed.read_bytes() == copy.with_suffix(".qm").read_bytes(), \
            f"{committed.name} is stale: run scripts/i18n"


def test_french_translations_keep_placeholders() -> None:
    for message in read_messages(catalogue("fr")):
        assert sorted(PLACEHOLDER.findall(message.source)) == \
            sorted(PLACEHOLDER.findall(message.translation)), message.source


def visible_texts(window: QWidget) -> list[str]:
    """Collect the strings a user can see or hover in ``window``: labels, buttons, menus, tips."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QDockWidget):
            texts.append(widget.windowTitle())
        if isinstance(widget, QMenu):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts.extend(widget.itemText(index) for index in range(widget.count()))
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            texts.extend(header.text(column) for column in range(widget.columnCount()))
        for action in widget.actions():
            texts.extend([action.text(), action.toolTip(), action.statusTip()])
    return [text for text in texts if text]


def _leaks(texts: list[str], foreign: set[str]) -> list[str]:
    """Return the texts that show one of the ``foreign`` catalogue strings."""
    found: list[str] = []
    for source in foreign:
        literal = max(PLACEHOLDER.split(source), key=len).strip()
        pattern = re.compile(".+?".join(re.escape(part) for part in PLACEHOLDER.split(source)),
                             re.DOTALL)
        for text in texts:
            if pattern.fullmatch(text) or (len(literal) >= 12 and literal in text):
                found.append(f"{text!r} shows {source!r}")
    return found


@pytest.fixture
def catalogue_strings() -> tuple[set[str], set[str]]:
    """Return ``(english_only, french_only)``: strings that exist in one language only."""
    messages = read_messages(catalogue("fr"))
    sources = {m.source for m in messages}
    translations = {m.translation for m in messages}
    english_only = {m.source for m in messages if m.source != m.translation} - translations
    french_only = {m.translation for m in messages if m.source != m.translation} - sources
    return english_only, french_only


def test_switching_language_changes_every_string(window: object, qtbot: object,
                                                 catalogue_strings: tuple[set[str], set[str]],
                                                 ) -> None:
    from ui.qt_i18n import install_language

    english_only, french_only = catalogue_strings
    window.document.select("T0001")  # type: ignore[attr-defined]
    try:
        install_language("fr")
        wait_until(qtbot, lambda: "&Fichier" in visible_texts(window))  # type: ignore[arg-type]
        french = visible_texts(window)  # type: ignore[arg-type]
        assert "&Fichier" in french
        assert not _leaks(french, english_only)

        preferences = window.preferences  # type: ignore[attr-defined]
        chosen = type(preferences)(**vars(preferences))
        chosen.language = "en"
        window.apply_preferences(chosen)  # type: ignore[attr-defined]
        wait_until(qtbot, lambda: "&File" in visible_texts(window))  # type: ignore[arg-type]
        english = visible_texts(window)  # type: ignore[arg-type]
        assert "&File" in english
        assert not _leaks(english, french_only)
        assert window.inspector.title.text() == "Track T0001"  # type: ignore[attr-defined]
    finally:
        install_language("en")
