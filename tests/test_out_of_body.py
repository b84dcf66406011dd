"""Tests of the out-of-body detector's frame score and of the whole-frame range builder."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from app.detection import load_detector
from app.detection.base import Detection
from app.detection.builders import WholeFrameRangeBuilder
from app.errors import DetectorError
from app.project.model import Box
from plugins.out_of_body.detector import DARK_SCORE, FACE_CATEGORY, OutOfBodyDetector, colour_score
from tests.eval.clips import decode_rgb


def sample(samples_dir: Path, relative: str) -> Path:
    path = samples_dir / relative
    if not path.exists():
        pytest.skip(f"sample {relative} is missing from {samples_dir}")
    return path


@pytest.fixture(scope="module")
def detector() -> OutOfBodyDetector:
    loaded = load_detector("out_of_body")
    assert isinstance(loaded, OutOfBodyDetector)
    return loaded


def test_laparoscopy_scores_in_body(samples_dir: Path) -> None:
    frames = list(decode_rgb(sample(samples_dir, "endoscopy/cholec_endo_720p.mp4")))[::25]

    scores = [colour_score(frame) for frame in frames]

    assert len(scores) == 10
    assert max(scores) < 0.2


@pytest.mark.parametrize("relative", ["faces/short_hamilton_clip.mp4", "faces/WDA_KatieHill_000.mp4"])
def test_room_footage_scores_out_of_body(samples_dir: Path, detector: OutOfBodyDetector,
                                         relative: str) -> None:
    frames = list(decode_rgb(sample(samples_dir, relative)))[::20]

    scores = [detector.detect(frame)[0].score for frame in frames]

    assert min(scores) >= detector.threshold


def test_robotic_room_frame_scores_out_of_body(samples_dir: Path) -> None:
    image = cv2.imread(str(sample(samples_dir, "endoscopy/robotic_out_of_body_with_osd.png")))
    left_half = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)[:, :450]

    assert colour_score(left_half) > 0.9


def test_dark_frame_is_uncertain(detector: OutOfBodyDetector) -> None:
    dark = np.full((360, 640, 3), 8, np.uint8)

    [detection] = detector.detect(dark)

    assert detection.score == DARK_SCORE
    assert detector.threshold - detector.review_band <= DARK_SCORE < detector.threshold


def test_face_makes_tissue_coloured_frame_out_of_body(samples_dir: Path,
                                                      detector: OutOfBodyDetector) -> None:
    face = next(decode_rgb(sample(samples_dir, "faces/WDA_KatieHill_000.mp4")))
    # Push every pixel towards saturated red, as a close-up under warm light can look.
    reddened = face.astype(np.float32)
    reddened[..., 0] = np.clip(reddened[..., 0] * 1.3 + 60, 0, 255)
    reddened[..., 1:] *= 0.35
    reddened_frame = reddened.astype(np.uint8)

    [detection] = detector.detect(reddened_frame)
    no_faces = OutOfBodyDetector(face_cue=False)

    assert colour_score(reddened_frame) < detector.threshold
    assert detection.category == FACE_CATEGORY
    assert detection.score >= detector.threshold
    assert no_faces.detect(reddened_frame)[0].score < detector.threshold


def test_invalid_options_raise() -> None:
    with pytest.raises(DetectorError) as caught:
        OutOfBodyDetector(review_band=0.6)

    assert caught.value.key == "detector.invalid_option"
    assert caught.value.params["option"] == "review_band"


WHOLE = Box(0.0, 0.0, 640.0, 360.0)


def run_builder(scores: list[float], step: int = 5, margin: int = 25, faces: tuple[int, ...] = (),
                frame_total: int | None = None) -> list:
    builder = WholeFrameRangeBuilder(
        "out_of_body", "out_of_body", step=step, threshold=0.5, review_band=0.2,
        smoothing_frames=25, margin_frames=margin, override_categories=frozenset({"face_seen"}),
    )
    frames = range(0, len(scores) * step, step)
    for frame in range(len(scores) * step):
        builder.wants(frame, False)
    for position, (frame, score) in enumerate(zip(frames, scores, strict=True)):
        category = "face_seen" if position in faces else ""
        builder.add(frame, [Detection(WHOLE, score, category=category)])
    return builder.finish(frame_total or len(scores) * step, 1)


def test_builder_range_covers_segment_and_margin() -> None:
    scores = [0.0] * 20 + [0.9] * 10 + [0.0] * 20  # samples every 5 frames: room at 100..145

    [track] = run_builder(scores)

    assert track.whole_frame
    assert track.kind == "out_of_body"
    assert (track.start_frame, track.end_frame) == (100 - 25, 145 + 25)
    assert [flag.reason for flag in track.review] == ["transition", "transition"]
    assert track.review[0].start_frame == 75
    assert track.review[1].end_frame == 170


def test_builder_median_drops_short_spike() -> None:
    scores = [0.0] * 20 + [0.95] * 2 + [0.0] * 20

    assert run_builder(scores) == []


def test_builder_face_overrides_smoothing() -> None:
    scores = [0.0] * 20 + [0.95] + [0.0] * 20

    [track] = run_builder(scores, faces=(20,))

    assert track.start_frame <= 100 - 25
    assert track.end_frame >= 100 + 25


def test_builder_margin_shorter_than_step_still_covers_gap() -> None:
    scores = [0.0] * 10 + [0.9] * 10 + [0.0] * 10

    [track] = run_builder(scores, step=10, margin=2)

    assert track.start_frame == 91  # just after the last in-body sample
    assert track.end_frame == 199  # just before the next in-body sample


def test_builder_uncertain_stretch_is_masked_and_flagged() -> None:
    scores = [0.0] * 20 + [0.4] * 10 + [0.0] * 20

    [track] = run_builder(scores)

    inner = [flag for flag in track.review if flag.start_frame >= 100 and flag.end_frame <= 145]
    assert inner
    assert all(flag.reason == "transition" for flag in inner)
