"""Maintain the editor's Qt catalogues: extract strings, fill English, compile, check French.

``scripts/i18n`` runs ``python -m ui.i18n_tools``. First ``pyside6-lupdate``
collects every ``tr``/``translate``/``QT_TRANSLATE_NOOP`` string of ``ui/`` into
``resources/i18n/voile_fr.ts`` and ``voile_en.ts``. It keeps the translations
already there and drops strings no longer in the code. Then the English
catalogue gets each source text as its translation, and ``pyside6-lrelease``
compiles both to ``.qm``. The command exits with status 1, listing them, when
French entries are missing or unfinished. The tests use the same functions.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    state: str  # "", "unfinished", "vanished" or "obsolete"


def catalogue(language: str, folder: Path = I18N_DIR) -> Path:
    return folder / f"voile_{language}.ts"


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found: install PySide6-Essentials in this venv")
    return found


def source_files(root: Path = ROOT) -> list[Path]:
    return sorted((root / "ui").glob("*.py"))


def extract(targets: list[Path], root: Path = ROOT) -> None:
    """Run lupdate over ``ui/*.py`` into ``targets`` (.ts files, created or updated)."""
    for target in targets:
        language = target.stem.rsplit("_", 1)[-1]
        command = [_tool("pyside6-lupdate"), *map(str, source_files(root)), "-locations", "none",
                   "-no-obsolete", "-source-language", "en", "-target-language", language,
                   "-ts", str(target)]
        subprocess.run(command, check=True, capture_output=True)


def read_messages(path: Path) -> list[Message]:
    tree = ElementTree.parse(path)
    messages: list[Message] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "" if translation is None else "".join(translation.itertext())
            state = "" if translation is None else translation.get("type", "")
            messages.append(Message(name, message.findtext("source", ""), text, state))
    return messages


def incomplete(path: Path) -> list[Message]:
    """Return the messages of a catalogue that have no finished translation."""
    return [message for message in read_messages(path)
            if message.state in ("unfinished", "vanished", "obsolete") or not message.translation]


def fill_with_source(path: Path) -> None:
    """Give every message of the English catalogue its source text as translation."""
    tree = ElementTree.parse(path)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None:
            translation = ElementTree.SubElement(message, "translation")
        if translation.get("type") == "unfinished" or not (translation.text or ""):
            translation.text = message.findtext("source", "")
            translation.attrib.pop("type", None)
    _write(tree, path)


def _write(tree: ElementTree.ElementTree[ElementTree.Element[str]], path: Path) -> None:
    root = tree.getroot()
    ElementTree.indent(root, space="    ")
    body = ElementTree.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def compile_catalogues(sources: list[Path]) -> None:
    for source in sources:
        subprocess.run([_tool("pyside6-lrelease"), str(source), "-qm",
                        str(source.with_suffix(".qm"))], check=True, capture_output=True)


def main() -> int:
    targets = [catalogue(language) for language in LANGUAGES]
    extract(targets)
    fill_with_source(catalogue("en"))
    compile_catalogues(targets)
    missing = incomplete(catalogue("fr"))
    for message in missing:
        print(f"untranslated [{message.context}] {message.source!r}", file=sys.stderr)
    if missing:
        print(f"{len(missing)} French entries to translate in {catalogue('fr')}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
