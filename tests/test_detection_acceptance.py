"""Detection through import, analysis and export on real footage: room frames, overlay text.

Each clip is built from the shared samples by ``tests/eval/clips.py``, imported
into a vault, analysed and exported with ``export_media``. The checks then read
the exported file frame by frame.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from app.analysis import DEFAULT_DETECTORS, analyse_media_with
from app.detection.verification import check_analysis_complete
from app.export.exporter import ExportOptions, export_media
from app.vault import Vault
from tests.conftest import PASSWORD, TEST_KDF, USER, give_consent
from tests.eval.clips import (
    OverlayLine,
    build_out_of_body_splice,
    build_tower_overlay,
    decode_rgb,
    load_recipe,
    osd_lines,
    write_clip,
)

pytestmark = pytest.mark.slow

MARGIN_FRAMES = 25  # the out-of-body detector's default margin, 1 s, at 25 fps
# A solid fill is luma 16 (black) after encoding; allow codec ringing at the edges.
MASKED_MAX = 40


class _Collector(logging.Handler):
    """Keeps every formatted log message, including those of loggers that do not propagate."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def _collect_logs() -> Iterator[_Collector]:
    collector = _Collector()
    loggers = [logging.getLogger(), logging.getLogger("RapidOCR")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(collector)
        logger.setLevel(logging.DEBUG)
    try:
        yield collector
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(collector)
            logger.setLevel(level)


def whole_frame_masked(frame: np.ndarray) -> bool:
    return float(np.percentile(frame, 99)) < MASKED_MAX


def box_masked(frame: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    x, y, w, h = box
    region = frame[y : y + h, x : x + w]
    return region.size > 0 and float(region.max()) < MASKED_MAX


def export_clip(root: Path, clip: Path, detectors: Any) -> tuple[Any, Any, Vault]:
    """Import, analyse and export ``clip`` in a new vault; return (result, media, vault)."""
    vault = Vault.create(root / "Coffre", USER, PASSWORD, kdf=TEST_KDF)
    record = vault.import_media(clip, "Cas d'essai")
    give_consent(vault, record.case_id)
    analyse_media_with(vault, record.id, detectors)
    media = vault.load_project(record.case_id).media[record.id]
    result = export_media(vault, record.id, root / "Export", ExportOptions())
    return result, media, vault


# ----------------------------------------------------------------------------- out-of-body

@pytest.fixture(scope="module")
def splice(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("splice")
    clip = root / "splice.mp4"
    labels = build_out_of_body_splice(samples_dir, clip)
    result, media, vault = export_clip(root, clip, ("face", "out_of_body"))
    vault.close()
    return {"labels": labels, "result": result, "media": media,
            "exported": list(decode_rgb(result.video))}


def test_splice_every_room_frame_masked(splice: dict[str, Any]) -> None:
    labels, exported = splice["labels"], splice["exported"]

    assert len(exported) == len(labels)
    visible = [index for index, (label, frame) in enumerate(zip(labels, exported, strict=True))
               if label == "out_of_body" and not whole_frame_masked(frame)]
    assert visible == []


def test_splice_keeps_body_beyond_margin(splice: dict[str, Any]) -> None:
    labels, exported = splice["labels"], splice["exported"]
    room = [index for index, label in enumerate(labels) if label == "out_of_body"]

    lost = [
        index for index, (label, frame) in enumerate(zip(labels, exported, strict=True))
        if label == "in_body"
        and min(abs(index - other) for other in room) > MARGIN_FRAMES
        and whole_frame_masked(frame)
    ]
    assert lost == []
    in_body_far = sum(1 for index, label in enumerate(labels)
                      if label == "in_body" and min(abs(index - r) for r in room) > MARGIN_FRAMES)
    assert in_body_far >= 100  # the check above covered most of the in-body footage


def test_splice_transitions_flagged(splice: dict[str, Any]) -> None:
    labels, media = splice["labels"], splice["media"]
    tracks = [track for track in media.tracks if track.kind == "out_of_body"]
    edges = [index for index in range(1, len(labels)) if labels[index] != labels[index - 1]]

    assert tracks
    assert all(track.whole_frame and track.status == "proposed" for track in tracks)
    flags = [flag for track in tracks for flag in track.review if flag.reason == "transition"]
    for edge in edges:
        assert any(flag.start_frame - 5 <= edge <= flag.end_frame + 5 for flag in flags), edge


def test_splice_export_passes_analysis_check(splice: dict[str, Any]) -> None:
    check_analysis_complete(splice["media"], ("face", "out_of_body"))
    assert splice["result"].releasable


# ----------------------------------------------------------------------------- overlay text

@pytest.fixture
def tower(tmp_path: Path, samples_dir: Path, _collect_logs: _Collector) -> Iterator[dict[str, Any]]:
    clip = tmp_path / "tower.mp4"
    drawn = build_tower_overlay(samples_dir, clip)
    result, media, vault = export_clip(tmp_path, clip, DEFAULT_DETECTORS)
    try:
        yield {"drawn": drawn, "result": result, "media": media, "vault": vault,
               "logs": _collect_logs.messages, "exported": list(decode_rgb(result.video))}
    finally:
        vault.close()


def test_tower_overlay_covered_and_never_written(tower: dict[str, Any]) -> None:
    drawn: list[list[OverlayLine]] = tower["drawn"]
    exported = tower["exported"]
    assert len(exported) == len(drawn)

    uncovered = [(index, line.kind) for index, (frame, lines) in enumerate(
        zip(exported, drawn, strict=True)) for line in lines if not box_masked(frame, line.box)]
    assert uncovered == []

    text_tracks = [track for track in tower["media"].tracks if track.kind == "text"]
    assert len(text_tracks) >= len(drawn[0])
    assert any("category identifier" in track.history[0].detail for track in text_tracks)

    forbidden = load_recipe("overlay_text")["tower"]["forbidden_strings"]
    vault: Vault = tower["vault"]
    project = vault.load_project(vault.media(tower["media"].media_id).case_id)
    written = {
        "project": json.dumps(project.to_dict(), ensure_ascii=False),
        "journal": json.dumps(vault.journal_entries(), ensure_ascii=False, default=str),
        "logs": "\n".join(tower["logs"]),
    }
    folder = tower["result"].video.parent
    for path in folder.iterdir():
        written[path.name] = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".pdf" and shutil.which("pdftotext"):
            written[path.name + " text"] = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                check=True).stdout
    assert tower["logs"]  # the analysis and export did log, so the log check saw something
    for name, content in written.items():
        for value in forbidden:
            assert value not in content, f"{value!r} found in {name}"


def test_robotic_osd_lines_covered(tmp_path: Path, samples_dir: Path) -> None:
    image = cv2.imread(str(samples_dir / "endoscopy" / "robotic_out_of_body_with_osd.png"))
    clip = tmp_path / "osd.mp4"
    write_clip(clip, [cv2.cvtColor(image, cv2.COLOR_BGR2RGB)] * 10)
    # The out-of-body detector would mask this room frame whole, so only text is checked.
    result, media, vault = export_clip(tmp_path, clip, ("face", "text"))
    vault.close()
    exported = list(decode_rgb(result.video))

    assert len(exported) == 10
    uncovered = [(index, line.text) for index, frame in enumerate(exported)
                 for line in osd_lines() if not box_masked(frame, line.box)]
    assert uncovered == []
    assert len([track for track in media.tracks if track.kind == "text"]) >= len(osd_lines())
