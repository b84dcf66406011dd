"""Tests of the overlay text detector: boxes, categories, offline models, and zone holding."""

from __future__ import annotations

import itertools
import logging
import socket

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from app.detection import analyze_frames, load_detector
from app.detection.base import Detection
from app.detection.builders import StaticZoneBuilder
from app.paths import resource_path
from app.project.model import Box
from plugins.overlay_text.detector import OverlayTextDetector, _classify, _tile_starts

pytest.importorskip("rapidocr", reason="the overlay text detector needs rapidocr")

LINES = [("GARNIER Éloïse", (24, 20)), ("Née le 07/11/1958", (24, 48)), ("14:03:27", (520, 20))]


def overlay_frame(background: int = 60) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Draw three overlay lines on a plain 640x360 frame; return it and the line boxes."""
    font = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans.ttf")), 18)
    image = Image.new("RGB", (640, 360), (background, 20, 20))
    draw = ImageDraw.Draw(image)
    boxes = []
    for text, at in LINES:
        draw.text(at, text, font=font, fill=(255, 255, 255))
        x0, y0, x1, y1 = draw.textbbox(at, text, font=font)
        boxes.append((x0, y0, x1 - x0, y1 - y0))
    return np.asarray(image), boxes


def covered(box: tuple[int, int, int, int], detections: list[Detection]) -> bool:
    x, y, w, h = box
    target = Box(float(x), float(y), float(w), float(h))
    for detection in detections:
        found = detection.box
        overlap_w = min(x + w, found.x + found.w) - max(x, found.x)
        overlap_h = min(y + h, found.y + found.h) - max(y, found.y)
        if overlap_w > 0 and overlap_h > 0 and overlap_w * overlap_h >= 0.8 * target.w * target.h:
            return True
    return False


@pytest.fixture(scope="module")
def detector() -> OverlayTextDetector:
    loaded = load_detector("text")
    assert isinstance(loaded, OverlayTextDetector)
    return loaded


def test_every_line_found_with_category(detector: OverlayTextDetector) -> None:
    frame, boxes = overlay_frame()

    detections = detector.detect(frame)

    for box in boxes:
        assert covered(box, detections), box
    categories = sorted(detection.category for detection in detections)
    assert categories.count("identifier") >= 2  # the birth date and the clock
    assert all(detection.kind is None for detection in detections)


def test_plain_frame_gives_nothing(detector: OverlayTextDetector) -> None:
    assert detector.detect(np.full((360, 640, 3), 90, np.uint8)) == []


def test_models_load_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def reject_connection(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", reject_connection)
    monkeypatch.setattr(socket, "create_connection", reject_connection)

    fresh = OverlayTextDetector(classify=True)
    frame, boxes = overlay_frame()
    detections = fresh.detect(frame)

    assert all(covered(box, detections) for box in boxes)


def test_recognised_text_is_not_logged(detector: OverlayTextDetector,
                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    frame, _ = overlay_frame()

    detector.detect(frame)

    for record in caplog.records:
        message = record.getMessage()
        assert "GARNIER" not in message
        assert "1958" not in message


@pytest.mark.parametrize(
    ("reading", "category"),
    [
        ("Née le 12/03/1961", "identifier"),
        ("2024-05-02 14:03:27", "identifier"),
        ("IPP 0012345678", "identifier"),
        ("NIP: 8841", "identifier"),
        ("CADIERE FORCEPS", "text"),
        ("Bloc opératoire", "text"),
    ],
)
def test_classify_finds_identifiers(reading: str, category: str) -> None:
    assert _classify(reading) == category


def test_tiles_cover_the_whole_side() -> None:
    assert _tile_starts(900, 1280, 160) == [0]
    starts = _tile_starts(2112, 1280, 160)
    assert starts[0] == 0
    assert starts[-1] + 1280 == 2112
    assert all(later - earlier <= 1280 - 160 for earlier, later in itertools.pairwise(starts))


def test_analysis_holds_static_overlay_everywhere(detector: OverlayTextDetector) -> None:
    frame, boxes = overlay_frame()
    frames = [(index, frame) for index in range(120)]

    tracks, run = analyze_frames(iter(frames), 120, detector, "tester", fps=25.0)

    assert run.params["frames_sampled"] == 3  # frames 0, 50 and 100
    assert len(tracks) == len(boxes)
    for track in tracks:
        assert track.kind == "text"
        assert all(track.is_applied_at(index) for index in range(120))
        assert track.history[0].detail.startswith("static zone")


ZONE_BOX = Box(10.0, 10.0, 100.0, 20.0)


def feed_zone_builder(seen_on: set[int], total: int = 300, step: int = 50) -> list:
    builder = StaticZoneBuilder("text", "text", step=step)
    for frame in range(total):
        if builder.wants(frame, False):
            found = [Detection(ZONE_BOX, 0.8, category="identifier")] if frame in seen_on else []
            builder.add(frame, found)
    return builder.finish(total, 1)


def test_zone_seen_once_covers_gap_to_neighbour_samples() -> None:
    [track] = feed_zone_builder({100})

    covered_frames = [frame for frame in range(300) if track.is_applied_at(frame)]
    assert covered_frames == list(range(51, 150))
    assert "transient zone, category identifier" in track.history[0].detail


def test_zone_seen_twice_is_static() -> None:
    [track] = feed_zone_builder({100, 150})

    assert all(track.is_applied_at(frame) for frame in range(300))
    assert track.box_at(0) == ZONE_BOX
    assert track.box_at(299) == ZONE_BOX


def test_zone_box_grows_with_longer_text() -> None:
    builder = StaticZoneBuilder("text", "text", step=1)
    wider = Box(10.0, 10.0, 160.0, 20.0)
    for frame, box in enumerate([ZONE_BOX, wider, ZONE_BOX]):
        builder.wants(frame, False)
        builder.add(frame, [Detection(box, 0.9)])

    [track] = builder.finish(3, 1)

    assert track.box_at(0) == wider
