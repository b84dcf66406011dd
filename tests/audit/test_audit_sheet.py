"""The audit sheet PDF, checked with poppler's tools."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from audit_facts import make_facts

from app.audit.manifest import canonical_bytes, is_canonical
from app.audit.sheet import format_number, format_timecode, read_embedded_facts, render_sheet

POPPLER = ("pdffonts", "pdftotext", "pdfinfo", "pdftoppm")
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in POPPLER), reason="poppler-utils not installed"
)


def _run(*args: str) -> str:
    result = subprocess.run(args, capture_output=True, timeout=60, check=True)
    return result.stdout.decode("utf-8")


def _write(tmp_path: Path, facts: dict[str, Any], language: str) -> Path:
    path = tmp_path / f"sheet-{language}.pdf"
    path.write_bytes(render_sheet(facts, language))
    return path


def _page_count(path: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(path)), re.MULTILINE)
    assert match is not None
    return int(match.group(1))


def test_french_sheet_embeds_only_dejavu(tmp_path: Path, facts: dict[str, Any]) -> None:
    path = _write(tmp_path, facts, "fr")

    font_lines = _run("pdffonts", str(path)).splitlines()[2:]

    assert font_lines
    for line in font_lines:
        name, embedded = line.split()[0], line.split()[-5]
        assert "+DejaVuSans" in name, line
        assert embedded == "yes", line


def test_french_sheet_text(tmp_path: Path, facts: dict[str, Any]) -> None:
    facts["redactions"] = [
        {**facts["redactions"][0], "kind": "face", "fill": "pixelate"},
        {**facts["redactions"][1], "kind": "text", "status": "rejected", "fill": "blur"},
    ]
    text = _run("pdftotext", "-layout", str(_write(tmp_path, facts, "fr")), "-")

    for expected in (
        "Fiche d'audit des masquages",
        "Hélène D'Angelo",
        "visage",
        "texte incrusté",
        "pixellisation",
        "flou",
        "rejeté",
        "4 décembre 2026 à 21:00 UTC",
        "00:00:04.84",
        "position GPS",
        "supprimée",
        facts["export"]["sha256"],
        facts["source"]["sha256"],
        facts["detectors"][0]["model_sha256"],
        "613 928 octets",
        "Page 1 / ",
        "Signatures",
        "Approbation du relecteur",
    ):
        assert expected in text, expected


def test_english_sheet_text(tmp_path: Path, facts: dict[str, Any]) -> None:
    facts["redactions"][0]["kind"] = "out_of_body"
    text = _run("pdftotext", "-layout", str(_write(tmp_path, facts, "en")), "-")

    for expected in (
        "Redaction audit sheet",
        "out-of-body",
        "solid fill",
        "rejected",
        "4 December 2026, 21:00 UTC",
        "613,928 bytes",
    ):
        assert expected in text, expected


def test_unknown_fields_still_shown(tmp_path: Path, facts: dict[str, Any]) -> None:
    facts["export"]["bitrate_kbps"] = 1834
    facts["redactions"][0]["tracker"] = "kcf-2"
    facts["retention"] = {"until": "2036-12-04"}

    text = _run("pdftotext", "-layout", str(_write(tmp_path, facts, "en")), "-")

    assert "bitrate_kbps" in text
    assert "kcf-2" in text
    assert "2036-12-04" in text


def test_300_redactions_span_pages(tmp_path: Path) -> None:
    path = _write(tmp_path, make_facts(redactions=300), "fr")
    pages = _page_count(path)

    assert pages >= 5
    last_page = _run("pdftotext", "-f", str(pages), "-l", str(pages), str(path), "-")
    full_text = _run("pdftotext", str(path), "-")
    assert f"Page {pages} / {pages}" in last_page
    assert "Signatures" in last_page
    assert "T0300" in full_text
    # The table header repeats on every page of the redaction table.
    assert full_text.count("Type / origine") >= pages - 3


def test_first_page_renders_to_png(tmp_path: Path, facts: dict[str, Any]) -> None:
    path = _write(tmp_path, facts, "fr")

    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )

    image = next(tmp_path.glob("page*.png"))
    assert image.stat().st_size > 10_000


def test_facts_attached_as_canonical_json(facts: dict[str, Any]) -> None:
    pdf = render_sheet(facts, "fr")

    assert read_embedded_facts(pdf) == facts
    assert is_canonical(canonical_bytes(facts))


def test_unsupported_language_rejected(facts: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="language"):
        render_sheet(facts, "de")


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "00:00:00.00"), (4.84, "00:00:04.84"), (3725.5, "01:02:05.50"), (59.999, "00:01:00.00")],
)
def test_timecode_format(seconds: float, expected: str) -> None:
    assert format_timecode(seconds) == expected


def test_number_format_by_language() -> None:
    assert format_number(613928, "fr") == "613\u00a0928"
    assert format_number(613928, "en") == "613,928"
    assert format_number(0.4, "fr") == "0,4"
    assert format_number(29.97, "en") == "29.97"
