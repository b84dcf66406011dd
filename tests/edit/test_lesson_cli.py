"""The lesson built and exported through ``voile edit``: frame-exact cuts, voices, card flags.

The footage is generated: every frame carries its own number in binary squares, and the sound
is a 440 Hz tone, so the test can read back exactly which source frame and which sound each
part of the export holds.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import numpy as np
import pytest

from app.analysis import analyse_media
from app.cli import main
from app.i18n import set_language
from app.project.model import Track
from app.vault import Vault
from tests.conftest import PASSWORD, TEST_KDF, USER
from tests.edit.clips import read_watermark, write_numbered_clip
from tests.edit.conftest import band_power, decode_mono, decode_rgb

pytestmark = pytest.mark.slow

CARD_FRAMES = 25  # --duration 1 at 25 fps
CUT = (20, 24)
ACCEPTANCE_SENTENCE = "patient de 47 ans opéré le 12/03/2024 à Strasbourg"


def run(*args: str) -> tuple[int, str, str]:
    """Run ``voile ARGS`` in this process, in French; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--lang", "fr", *args])
    finally:
        set_language(None)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("cli") / "Équipe d'Hélène"
    root.mkdir(parents=True)
    clip = write_numbered_clip(root / "numbered.mp4", frames=200)
    vault_path = root / "Coffre"
    vault = Vault.create(vault_path, USER, PASSWORD, kdf=TEST_KDF)
    try:
        record = vault.import_media(clip, "Mme Dupont-Ricard")
        analyse_media(vault, record.id)
        project = vault.load_project(record.case_id)
        media = project.media[record.id]
        # An out-of-body range marked to be cut: it must vanish from the export.
        cut = Track(id="T9001", kind="out_of_body", origin="manual", start_frame=CUT[0],
                    end_frame=CUT[1], status="accepted", cut=True, created_by=vault.user.id)
        cut.record("add", vault.user.id, *CUT)
        media.tracks.append(cut)
        vault.save_project(project)
        case = vault.case(record.case_id)
    finally:
        vault.close()

    previous = os.environ.get("VOILE_PASSWORD")
    os.environ["VOILE_PASSWORD"] = PASSWORD
    steps: dict[str, tuple[int, str, str]] = {}
    try:
        v, c, m = str(vault_path), case.pseudonym, record.id
        steps["add1"] = run("edit", "sequence", "add", v, c, m, "--in", "f120", "--out", "f150",
                            "--title", "Dissection")
        steps["add2"] = run("edit", "sequence", "add", v, c, m, "--in", "6.4", "--out", "f190",
                            "--title", "Section")
        steps["add3"] = run("edit", "sequence", "add", v, c, m, "--in", "00:00.40", "--out",
                            "f40", "--title", "Clipping", "--position", "2")
        steps["keep"] = run("edit", "voice", "set", v, c, m, "--from", "f120", "--to", "f150",
                            "--mode", "keep")
        steps["bleep"] = run("edit", "voice", "set", v, c, m, "--from", "f160", "--to", "f190",
                             "--mode", "bleep")
        steps["card"] = run("edit", "card", "set", v, c, "--procedure", "Cholécystectomie",
                            "--age-band", "40_49", "--history", ACCEPTANCE_SENTENCE,
                            "--duration", "1")
        steps["consent"] = run("consent", "set", v, c, "--status", "given", "--signed-on",
                               "2026-11-02", "--purpose", "teaching", "--channel",
                               "internal_platform")
        steps["check"] = run("edit", "card", "check", v, c)
        steps["blocked"] = run("edit", "export", v, c, "--out", str(root / "Exports"))
        exports = root / "Exports"
        written_while_blocked = sorted(p.name for p in exports.iterdir()) if exports.exists() else []
        flag_ids = re.findall(r"^([0-9a-f]{8}) ", steps["check"][1], flags=re.MULTILINE)
        for number, flag_id in enumerate(flag_ids):
            steps[f"ack{number}"] = run("edit", "card", "ack", v, c, flag_id)
        steps["recheck"] = run("edit", "card", "check", v, c)
        steps["show"] = run("edit", "show", v, c)
        steps["export"] = run("edit", "export", v, c, "--out", str(root / "Exports"))
    finally:
        if previous is None:
            os.environ.pop("VOILE_PASSWORD", None)
        else:
            os.environ["VOILE_PASSWORD"] = previous
    return {"steps": steps, "flag_ids": flag_ids, "root": root,
            "written_while_blocked": written_while_blocked}


def test_commands_succeed(scenario: dict) -> None:
    for name, (code, _, err) in scenario["steps"].items():
        if name not in ("check", "blocked"):
            assert code == 0, (name, err)
    assert scenario["steps"]["add3"][1].strip() == "S0003"


def test_card_sentence_is_flagged_on_age_date_place(scenario: dict) -> None:
    code, out, _ = scenario["steps"]["check"]
    assert code == 1
    assert len(scenario["flag_ids"]) == 3
    for label in ("âge exact", "date", "nom de lieu"):
        assert label in out
    # Flag ids are random hex and may contain "47", so the age is looked for with its unit.
    for secret in ("Strasbourg", "47 ans", "12/03"):
        assert secret not in out


def test_export_blocked_until_resolved(scenario: dict) -> None:
    code, out, err = scenario["steps"]["blocked"]
    assert code == 6
    assert out == ""
    assert "Export bloqué" in err
    assert "Strasbourg" not in err
    assert scenario["written_while_blocked"] == []
    assert scenario["steps"]["recheck"][0] == 0


def _exported(scenario: dict) -> Path:
    return Path(scenario["steps"]["export"][1].splitlines()[0])


def test_kept_frames_match_in_and_out_points(scenario: dict) -> None:
    frames = decode_rgb(_exported(scenario))
    numbers = [read_watermark(frame) for frame in frames[CARD_FRAMES:]]
    expected = (list(range(120, 151)) + list(range(10, CUT[0])) + list(range(CUT[1] + 1, 41))
                + list(range(160, 191)))
    assert numbers == expected
    assert len(frames) == CARD_FRAMES + len(expected)


def test_voice_modes_follow_the_ranges(scenario: dict) -> None:
    sound = decode_mono(_exported(scenario))

    def window(first_frame: int, frames: int) -> np.ndarray:
        # Stay 0.1 s inside the range: fades, AAC priming and frame rounding sit at its edges.
        start = round((first_frame / 25 + 0.1) * 48000)
        return sound[start: start + round((frames / 25 - 0.2) * 48000)]

    kept = window(CARD_FRAMES, 31)
    muted = window(CARD_FRAMES + 31, 26)
    bleeped = window(CARD_FRAMES + 57, 31)
    assert band_power(kept, 440.0) > 0.9
    assert float(np.sqrt(np.mean(muted ** 2))) < 1e-3
    assert band_power(bleeped, 1000.0) > 0.9


def test_acknowledgements_keep_no_text(scenario: dict) -> None:
    from app.audit.sheet import read_embedded_facts

    sheet = next(_exported(scenario).parent.glob("*.audit.pdf"))
    facts = read_embedded_facts(sheet.read_bytes())
    assert facts is not None
    acknowledgements = facts["edit"]["acknowledgements"]
    assert sorted(item["kind"] for item in acknowledgements) == ["age", "date", "place"]
    assert all(re.fullmatch(r"[0-9a-f]{32}", item["fingerprint"]) for item in acknowledgements)
    assert "Strasbourg" not in repr(acknowledgements)
    kept = {item["sequence_id"]: (item["kept_frames"], item["cut_frames"])
            for item in facts["edit"]["kept_ranges"]}
    assert kept == {"S0001": (31, 0), "S0003": (26, 5), "S0002": (31, 0)}


def test_show_lists_the_lesson(scenario: dict) -> None:
    code, out, _ = scenario["steps"]["show"]
    assert code == 0
    assert "S0001" in out
    assert "Dissection" in out
    assert "f120–f150" in out
