"""A lesson exported from real footage: chapters, recorded narration, muted sound, arrow, card.

The footage is the bundled astronaut pan (a real photograph, with a face to redact) given a
440 Hz tone as its recorded sound, so muting is measurable. The narration is "recorded" from
a speech sample through the same ``Recorder`` a microphone feeds.
"""

from __future__ import annotations

import json
import subprocess
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from app.analysis import analyse_media
from app.audit.sheet import read_embedded_facts
from app.edit.audio import add_narration
from app.edit.recorder import FileSource, Recorder
from app.edit.sidecars import parse_vtt
from app.export.exporter import ExportOptions, export_lesson
from app.project.model import Caption, ContextCard, Diagram, Sequence
from app.redaction.render import regions_for_frame
from app.vault import Vault
from tests.conftest import PASSWORD, TEST_KDF, USER, give_consent
from tests.edit.clips import with_tone
from tests.edit.conftest import (
    EXAMPLES,
    band_power,
    best_correlation,
    decode_mono,
    decode_rgb,
    require_tool,
)

pytestmark = pytest.mark.slow

RATE = Fraction(25, 1)
CARD_FRAMES = 30  # 1.2 s at 25 fps
SEQUENCES = [  # id, in, out (inclusive), title, in lesson order
    ("S1", 100, 129, "Exposition"),
    ("S2", 10, 39, "Dissection du triangle de Calot"),
    ("S3", 60, 89, "Clipping"),
]
ARROW = [[60.0, 300.0], [200.0, 220.0]]
NARRATION_AT_S = 0.4
CASE_LABEL = "Mme Dupont-Ricard — leçon"


@pytest.fixture(scope="module")
def lesson(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> dict[str, object]:
    root = tmp_path_factory.mktemp("lesson") / "Leçons d'Hélène"
    root.mkdir(parents=True)
    footage = with_tone(EXAMPLES / "astronaut_pan.mp4", root / "astronaut_tone.mp4")
    vault = Vault.create(root / "Coffre", USER, PASSWORD, kdf=TEST_KDF)
    try:
        record = vault.import_media(footage, CASE_LABEL)
        analyse_media(vault, record.id)
        project = vault.load_project(record.case_id)
        lesson = project.lesson
        lesson.sequences = [Sequence(sid, record.id, first, last, title)
                            for sid, first, last, title in SEQUENCES]
        lesson.diagrams = [Diagram("D0001", record.id, 10, 39, "arrow", ARROW, width=6.0)]
        lesson.card = ContextCard(procedure="Cholécystectomie laparoscopique",
                                  pathology="Lithiase vésiculaire symptomatique",
                                  team="Équipe de chirurgie digestive", age_band="40_49",
                                  history="Coliques hépatiques récidivantes", duration_s=1.2)
        lesson.captions = [Caption(0.0, 1.0, "Ouverture du péritoine")]
        levels: list[float] = []
        recording = Recorder(FileSource(samples_dir / "speech" / "french.aiff"),
                             lambda level: levels.append(level.rms_dbfs)).record()
        clip = add_narration(vault, project, recording, NARRATION_AT_S, "recorded")
        vault.save_project(project)
        give_consent(vault, record.case_id)
        result = export_lesson(vault, record.case_id, root / "Exports",
                               ExportOptions(language="fr"))
        media = vault.load_project(record.case_id).media[record.id]
    finally:
        vault.close()
    return {"result": result, "footage": footage, "recording": recording, "clip": clip,
            "levels": levels, "media": media, "root": root}


def output_start(index: int) -> int:
    """Output frame of the first frame of sequence ``index`` (card first)."""
    return CARD_FRAMES + sum(last - first + 1 for _, first, last, _ in SEQUENCES[:index])


def test_export_is_releasable(lesson: dict) -> None:
    result = lesson["result"]
    assert result.releasable
    assert result.facts["verification"]["container_findings"] == []
    assert result.facts["edit"]["total_frames"] == output_start(len(SEQUENCES))


def test_mp4_has_the_chapters(lesson: dict) -> None:
    ffprobe = require_tool("ffprobe")
    probe = subprocess.run([ffprobe, "-v", "error", "-show_chapters", "-of", "json",
                            str(lesson["result"].video)], capture_output=True, text=True,
                           check=True)
    chapters = json.loads(probe.stdout)["chapters"]
    titles = [chapter["tags"]["title"] for chapter in chapters]
    assert titles == ["Introduction"] + [title for *_, title in SEQUENCES]
    for index, chapter in enumerate(chapters[1:]):
        assert float(chapter["start_time"]) == pytest.approx(output_start(index) / 25, abs=0.002)
    assert float(chapters[-1]["end_time"]) == pytest.approx(output_start(3) / 25, abs=0.002)


def test_chapter_file_matches_mp4(lesson: dict) -> None:
    cues = parse_vtt(lesson["result"].sidecars["chapters"].read_text(encoding="utf-8"))
    assert [text for _, _, text in cues][1:] == [title for *_, title in SEQUENCES]
    assert [round(start * 25) for start, _, _ in cues][1:] == [output_start(i) for i in range(3)]


def test_audio_is_the_narration_only(lesson: dict) -> None:
    exported = decode_mono(lesson["result"].video)
    narration = lesson["recording"].samples[0]
    start = round((CARD_FRAMES / 25 + NARRATION_AT_S) * 48000)
    assert best_correlation(exported, narration, start) > 0.9

    # The original 440 Hz tone is muted: after the narration ends the export is silent,
    # and the tone makes no noticeable share of the sound while the narration plays.
    narration_end = start + len(narration) + 2048
    tail = exported[narration_end: round(output_start(3) / 25 * 48000) - 2048]
    assert len(tail) > 9000
    assert float(np.sqrt(np.mean(tail ** 2))) < 1e-3
    assert band_power(exported[start: start + len(narration)], 440.0) < 0.01
    source_tone = decode_mono(lesson["footage"])
    assert band_power(source_tone, 440.0) > 0.9


def test_narration_was_metered_and_normalised(lesson: dict) -> None:
    assert len(lesson["levels"]) > 10
    assert max(lesson["levels"]) > -40
    audio = lesson["result"].facts["audio"]
    assert audio["mode"] == "mixed"
    assert audio["loudness_lufs"] == pytest.approx(-16.0, abs=1.0)
    assert audio["peak_dbfs"] <= -1.0
    assert {piece["mode"] for piece in audio["voices"]} == {"mute"}
    assert audio["narration"][0]["source"] == "recorded"


def test_arrow_is_where_drawn(lesson: dict) -> None:
    exported = decode_rgb(lesson["result"].video)
    source = decode_rgb(lesson["footage"])
    (x0, y0), (x1, y1) = ARROW
    shaft = [(round(x0 + (x1 - x0) * t), round(y0 + (y1 - y0) * t)) for t in (0.1, 0.3, 0.5)]

    def yellow(pixel: np.ndarray) -> bool:
        red, green, blue = (int(value) for value in pixel)
        return red > 200 and green > 170 and blue < 110

    drawn = exported[output_start(1) + 15]
    for x, y in shaft:
        assert yellow(drawn[y, x]), (x, y, drawn[y, x])
        assert not yellow(source[25][y, x])
    outside = exported[output_start(0) + 15]  # S1 is outside the arrow's frames
    assert not any(yellow(outside[y, x]) for x, y in shaft)


def _psnr(a: np.ndarray, b: np.ndarray, mask: np.ndarray) -> float:
    error = np.mean((a[mask].astype(np.float64) - b[mask].astype(np.float64)) ** 2)
    return float("inf") if error == 0 else 10 * np.log10(255 ** 2 / error)


def test_kept_ranges_match_in_and_out_points(lesson: dict) -> None:
    exported = decode_rgb(lesson["result"].video)
    source = decode_rgb(lesson["footage"])
    media = lesson["media"]
    for index, (_, first, last, _) in enumerate(SEQUENCES):
        for offset, wanted in ((0, first), (last - first, last)):
            frame = exported[output_start(index) + offset]
            mask = np.ones(frame.shape[:2], dtype=bool)
            for region in regions_for_frame(media, wanted, 640, 360):
                mask[region.y0: region.y1, region.x0: region.x1] = False
            mask[190:330, 40:230] = False  # the arrow
            exact = _psnr(frame, source[wanted], mask)
            neighbours = [_psnr(frame, source[other], mask) for other in (wanted - 1, wanted + 1)]
            assert exact > 30
            assert exact > max(neighbours) + 3, (index, wanted, exact, neighbours)


def test_sheet_lists_the_edit(lesson: dict) -> None:
    pdftotext = require_tool("pdftotext")
    sheet = lesson["result"].package.sheet
    text = subprocess.run([pdftotext, "-layout", str(sheet), "-"], capture_output=True,
                          text=True, check=True).stdout
    for expected in ("Montage pédagogique", "Chapitres (MP4 et WebVTT)", "Exposition",
                     "Dissection du triangle de Calot", "Clipping", "Son d'origine", "coupée",
                     "Narration", "N0001", "enregistré", "flèche", "Carton de contexte",
                     "Cholécystectomie laparoscopique", "40–49 ans", "liste de montage",
                     "sous-titres WebVTT"):
        assert expected in text, expected
    facts = read_embedded_facts(sheet.read_bytes())
    assert facts is not None
    kept = [(item["in_frame"], item["out_frame"]) for item in facts["edit"]["kept_ranges"]]
    assert kept == [(first, last) for _, first, last, _ in SEQUENCES]


def test_sidecars_describe_the_cut(lesson: dict) -> None:
    import opentimelineio as otio

    result = lesson["result"]
    timeline = otio.adapters.read_from_file(str(result.sidecars["timeline"]))
    video = timeline.video_tracks()[0]
    clips = list(video.find_clips())
    assert clips[0].media_reference.generator_kind == "voile.context_card"
    ranges = [(clip.source_range.start_time.to_frames(), clip.source_range.duration.to_frames())
              for clip in clips[1:]]
    assert ranges == [(first, last - first + 1) for _, first, last, _ in SEQUENCES]
    assert [marker.name for marker in video.markers][1:] == [title for *_, title in SEQUENCES]
    assert len(timeline.audio_tracks()) == 1

    captions = parse_vtt(result.sidecars["captions"].read_text(encoding="utf-8"))
    assert captions == [(pytest.approx(1.2), pytest.approx(2.2), "Ouverture du péritoine")]


def test_outputs_name_no_patient(lesson: dict) -> None:
    folder = lesson["result"].video.parent
    for path in folder.iterdir():
        assert "Dupont" not in path.name
        data = path.read_bytes()
        assert b"Dupont" not in data
        assert b"astronaut" not in data
