"""The audit message catalogue: complete in both languages, with matching placeholders."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

from app.i18n import load_catalogue
from app.paths import resource_path

CATALOGUE = resource_path("i18n", "messages", "audit.json")
SOURCES = Path(__file__).resolve().parents[2] / "app" / "audit"

# Keys that verify.py builds as "audit.check.<name>.<outcome>".
CHECK_KEYS = [
    f"audit.check.{name}.{outcome}"
    for name, outcomes in {
        "manifest.parse": ("ok", "fail"),
        "manifest.canonical": ("ok", "fail"),
        "manifest.format": ("ok", "fail"),
        "manifest.signer_key": ("ok", "fail"),
        "manifest.signature": ("ok", "fail", "missing"),
        "authority.root_sha256": ("ok", "fail", "untrusted"),
        "export.file": ("ok", "fail"),
        "export.size": ("ok", "fail"),
        "export.sha256": ("ok", "fail"),
        "sheet.sha256": ("ok", "fail"),
        "sheet.facts": ("ok", "fail"),
        "sheet.author_signature": ("ok", "fail"),
        "sheet.author_certificate": ("ok", "fail"),
        "sheet.updates": ("none", "ok", "fail"),
        "sheet.reviewer_signature": ("pending", "ok", "fail"),
    }.items()
    for outcome in outcomes
]


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_entry_has_both_languages() -> None:
    entries = json.loads(CATALOGUE.read_text(encoding="utf-8"))

    for key, texts in entries.items():
        assert key.startswith("audit."), key
        assert texts.get("en"), key
        assert texts.get("fr"), key
        assert _placeholders(texts["en"]) == _placeholders(texts["fr"]), key


def test_keys_used_in_code_exist() -> None:
    catalogue = load_catalogue()
    literal = re.compile(r'"(audit\.[a-z0-9_.]+[a-z0-9_])"')
    used = {key for path in SOURCES.glob("*.py") for key in literal.findall(path.read_text())}

    assert used
    for key in sorted(used | set(CHECK_KEYS)):
        assert key in catalogue, key


def test_months_and_values_translated() -> None:
    catalogue = load_catalogue()

    for month in range(1, 13):
        assert f"audit.month.{month}" in catalogue
    for kind, french in {
        "face": "visage",
        "text": "texte incrusté",
        "out_of_body": "image hors du corps",
        "manual": "zone manuelle",
    }.items():
        assert catalogue[f"audit.value.kind.{kind}"]["fr"] == french
    for fill, french in {"solid": "aplat", "pixelate": "pixellisation", "blur": "flou"}.items():
        assert catalogue[f"audit.value.fill.{fill}"]["fr"] == french
