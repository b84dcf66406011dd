"""Tests of the CenterFace plugin, the detector registry and the analysis loops on real media."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from app.detection import (
    Detection,
    Detector,
    analyze_frames,
    available_detectors,
    failed_plugins,
    find_residual_faces,
    load_detector,
)
from app.detection.analyze import UNANALYSED_KIND
from app.errors import CancelledError, DetectorError
from app.jobs import CancelToken
from app.paths import resource_path
from app.project.model import Box, Track
from plugins.faces.centerface import MODEL_SHA256, CenterFaceDetector

CATALOGUE = resource_path("i18n", "messages", "detection.json")

# First frame of each shot in short_hamilton_clip.mp4, checked by eye.
HAMILTON_SHOTS = [0, 20, 82, 211]


def face_sample(samples_dir: Path, name: str) -> Path:
    path = samples_dir / "faces" / name
    if not path.exists():
        pytest.skip(f"sample folder {path.parent} is missing {name}")
    return path


def decode(path: Path, limit: int | None = None) -> Iterator[tuple[int, np.ndarray]]:
    with av.open(str(path)) as container:
        for index, frame in enumerate(container.decode(video=0)):
            if limit is not None and index >= limit:
                return
            yield index, frame.to_ndarray(format="rgb24")


def frame_count(path: Path) -> int:
    return sum(1 for _ in decode(path))


def intersection_ratio(box: Box, cover: Box) -> float:
    """Return the share of ``box``'s area that ``cover`` covers."""
    overlap_w = max(0.0, min(box.x + box.w, cover.x + cover.w) - max(box.x, cover.x))
    overlap_h = max(0.0, min(box.y + box.h, cover.y + cover.h) - max(box.y, cover.y))
    return overlap_w * overlap_h / (box.w * box.h)


class RecordingDetector(CenterFaceDetector):
    """CenterFace that keeps every result it returns, keyed by the identity of the frame array."""

    def __init__(self, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.results: dict[int, list[Detection]] = {}

    def detect_batch(self, frames: list[np.ndarray]) -> list[list[Detection]]:
        results = super().detect_batch(frames)
        for frame, detections in zip(frames, results, strict=True):
            self.results[id(frame)] = detections
        return results

    def by_frame(self, frames: list[tuple[int, np.ndarray]]) -> dict[int, list[Detection]]:
        """Return the recorded results keyed by frame index, for the frames it saw."""
        return {index: self.results[id(array)] for index, array in frames
                if id(array) in self.results}


class FailingDetector(CenterFaceDetector):
    """CenterFace that raises on every frame whose top-left pixel is pure magenta."""

    def detect_batch(self, frames: list[np.ndarray]) -> list[list[Detection]]:
        if any(tuple(frame[0, 0]) == (255, 0, 255) for frame in frames):
            raise RuntimeError("simulated inference failure")
        return super().detect_batch(frames)


@pytest.fixture(scope="module")
def detector() -> Detector:
    return load_detector("face")


@pytest.fixture(scope="module")
def two_people(samples_dir: Path) -> np.ndarray:
    path = face_sample(samples_dir, "two_people.jpg")
    image = cv2.imread(str(path))
    assert image is not None
    return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


def test_registry_loads_face_plugin(detector: Detector) -> None:
    assert "face" in available_detectors()
    assert "face" not in failed_plugins()
    assert isinstance(detector, CenterFaceDetector)
    assert isinstance(detector, Detector)
    assert (detector.id, detector.kind, detector.name) == ("face", "face", "CenterFace")
    assert detector.model_sha256 == MODEL_SHA256
    assert detector.params()["max_side"] == 960


def test_registry_unknown_id_raises() -> None:
    with pytest.raises(DetectorError) as caught:
        load_detector("no-such-detector")

    assert caught.value.key == "detector.unknown"
    assert caught.value.params["detector"] == "no-such-detector"
    assert "face" in str(caught.value.params["available"])


def test_registry_rejects_bad_options() -> None:
    with pytest.raises(DetectorError) as unknown:
        load_detector("face", thresold=0.5)
    with pytest.raises(DetectorError) as invalid:
        load_detector("face", threshold=1.5)

    assert unknown.value.key == "detector.unknown_option"
    assert invalid.value.key == "detector.invalid_option"
    assert "threshold" in str(invalid.value)


def test_registry_skips_broken_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A real installed distribution whose entry point names a module that does not exist.
    dist_info = tmp_path / "broken_voile_plugin-0.1.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: broken-voile-plugin\nVersion: 0.1\n", encoding="utf-8"
    )
    (dist_info / "entry_points.txt").write_text(
        "[voile.detectors]\nbroken = no_such_module_for_voile:Detector\n", encoding="utf-8"
    )
    with monkeypatch.context() as patch:
        patch.syspath_prepend(str(tmp_path))
        detectors = available_detectors()
        failed = failed_plugins()
        with pytest.raises(DetectorError) as caught:
            load_detector("broken")

    assert "face" in detectors
    assert "broken" not in detectors
    assert failed == {"broken": "ModuleNotFoundError"}
    assert any("broken" in record.getMessage() for record in caplog.records)
    assert caught.value.key == "detector.plugin_failed"
    available_detectors()  # rescan without the broken plugin so later tests start clean
    assert failed_plugins() == {}


def test_two_people_gives_two_faces(detector: Detector, two_people: np.ndarray) -> None:
    height, width = two_people.shape[:2]

    detections = detector.detect(two_people)

    assert len(detections) == 2
    left, right = sorted(detections, key=lambda detection: detection.box.x)
    assert left.box.x + left.box.w < width / 2 < right.box.x
    for detection in detections:
        box = detection.box
        assert detection.score > 0.5
        assert box.x >= 0
        assert box.y >= 0
        assert box.x + box.w <= width
        assert box.y + box.h <= height
        assert 0.1 * height < box.h < 0.6 * height
        assert 0.9 < box.h / box.w < 1.8  # faces are a little taller than wide
        assert box.y + box.h / 2 < height / 2  # both faces are in the upper half


def test_downscaled_input_maps_back(two_people: np.ndarray) -> None:
    full = CenterFaceDetector().detect(two_people)
    small = CenterFaceDetector(max_side=640).detect(two_people)

    assert len(small) == len(full) == 2
    for detection in small:
        assert max(detection.box.iou(other.box) for other in full) > 0.7


def test_batch_matches_single(detector: Detector, two_people: np.ndarray) -> None:
    single = detector.detect(two_people)
    batch = detector.detect_batch([two_people, two_people[:, ::-1].copy()])

    assert batch[0] == single
    assert len(batch[1]) == 2


def test_blank_and_noise_give_nothing(detector: Detector) -> None:
    black = np.zeros((544, 960, 3), np.uint8)
    noise = np.random.default_rng(7).integers(0, 256, (544, 960, 3), dtype=np.uint8)

    assert detector.detect(black) == []
    assert detector.detect(noise) == []


def test_bad_frame_raises(detector: Detector) -> None:
    with pytest.raises(ValueError, match="HxWx3 uint8"):
        detector.detect(np.zeros((64, 64), np.uint8))
    with pytest.raises(ValueError, match="HxWx3 uint8"):
        detector.detect(np.zeros((64, 64, 3), np.float32))


def assert_detections_covered(tracks: list[Track], results: dict[int, list[Detection]]) -> None:
    """Check that every detection scoring 0.5 or more lies under some applied track's box."""
    for frame, detections in results.items():
        for detection in detections:
            if detection.score < 0.5:
                continue
            covers = [
                intersection_ratio(detection.box, box)
                for track in tracks
                if track.is_applied_at(frame) and (box := track.box_at(frame)) is not None
            ]
            assert max(covers, default=0.0) >= 0.9, f"detection on frame {frame} is not covered"


def test_hamilton_analysis_links_and_cuts(samples_dir: Path) -> None:
    path = face_sample(samples_dir, "short_hamilton_clip.mp4")
    frames = list(decode(path))
    total = len(frames)
    detector = RecordingDetector()
    reports: list[tuple[int, int, str]] = []

    tracks, run = analyze_frames(
        iter(frames), total, detector, "tester", first_track_number=3,
        progress=lambda done, count, stage: reports.append((done, count, stage)),
    )

    seen = detector.by_frame(frames)
    assert len(seen) >= 0.9 * total  # faces fill this clip, so nearly every frame is sampled
    assert_detections_covered(tracks, seen)

    def shot_of(frame: int) -> int:
        return max(index for index, start in enumerate(HAMILTON_SHOTS) if start <= frame)

    for track in tracks:
        assert shot_of(track.start_frame) == shot_of(track.end_frame), f"{track.id} spans a cut"
        assert track.origin == "auto"
        assert track.status == "proposed"
        assert track.created_by == "detector:face"
    assert tracks[0].id == "T0003"
    assert len({track.id for track in tracks}) == len(tracks)

    # Shot 82-210 shows one singer: one confirmed track from its first to its last frame.
    third_shot = [track for track in tracks if 82 <= track.start_frame < 211 and not track.review]
    assert [(track.start_frame, track.end_frame) for track in third_shot] == [(82, 210)]
    # Shot 0-19 shows two faces for the whole shot.
    first_shot = [track for track in tracks if track.start_frame < 20 and not track.review]
    assert sorted((track.start_frame, track.end_frame) for track in first_shot) == [(0, 19)] * 2

    assert run.detector == "face"
    assert run.frames_total == run.frames_analyzed == total
    assert run.failed_frames == []
    assert run.threshold == detector.threshold
    assert run.model_sha256 == MODEL_SHA256
    assert run.params["linking"]
    assert run.params["support_threshold"] == detector.support_threshold
    assert run.user == "tester"
    assert reports[-1] == (total, total, "analyze")
    assert [done for done, _, _ in reports] == sorted(done for done, _, _ in reports)


def test_katie_hill_gives_one_main_track(samples_dir: Path) -> None:
    path = face_sample(samples_dir, "WDA_KatieHill_000.mp4")
    frames = list(decode(path))
    total = len(frames)
    detector = RecordingDetector()

    tracks, _ = analyze_frames(iter(frames), total, detector, "tester")

    assert_detections_covered(tracks, detector.by_frame(frames))
    main = max(tracks, key=lambda track: track.frame_count)
    assert main.frame_count >= 0.95 * total
    assert all(track.frame_count < 10 for track in tracks if track is not main)


def test_sparse_sampling_leaves_no_gap(samples_dir: Path) -> None:
    """With a detection every third frame, every frame between two detections stays covered."""
    path = face_sample(samples_dir, "WDA_KatieHill_000.mp4")
    frames = list(decode(path, limit=60))
    reference = CenterFaceDetector(threshold=0.5)
    every_frame = {index: reference.detect(array) for index, array in frames}

    sparse = CenterFaceDetector(frame_step=3, idle_step=6)
    tracks, run = analyze_frames(iter(frames), len(frames), sparse, "tester")

    assert run.params["frames_sampled"] <= len(frames) // 3 + 2
    assert_detections_covered(tracks, every_frame)
    face_frames = [index for index, found in every_frame.items() if found]
    uncovered = [index for index in face_frames
                 if not any(track.is_applied_at(index) for track in tracks)]
    assert uncovered == []


def test_detector_failure_recorded_as_unanalysed(samples_dir: Path) -> None:
    path = face_sample(samples_dir, "WDA_KatieHill_000.mp4")
    frames = []
    for index, array in decode(path, limit=12):
        if index in (5, 6):
            array = array.copy()
            array[0, 0] = (255, 0, 255)
        frames.append((index, array))

    tracks, run = analyze_frames(iter(frames), 12, FailingDetector(), "tester", batch_size=4)

    assert run.failed_frames == [5, 6]
    assert run.frames_analyzed == 12
    [unanalysed] = [track for track in tracks if track.kind == UNANALYSED_KIND]
    assert (unanalysed.start_frame, unanalysed.end_frame) == (5, 6)
    assert unanalysed.whole_frame
    assert unanalysed.status == "proposed"
    assert [flag.reason for flag in unanalysed.review] == ["unanalysed"]
    faces = [track for track in tracks if track.kind == "face"]
    assert faces
    assert all(track.is_applied_at(frame) for track in faces[:1] for frame in (4, 7))


def test_detector_failing_everywhere_raises(samples_dir: Path) -> None:
    path = face_sample(samples_dir, "WDA_KatieHill_000.mp4")
    frames = []
    for index, array in decode(path, limit=6):
        array = array.copy()
        array[0, 0] = (255, 0, 255)
        frames.append((index, array))

    with pytest.raises(DetectorError) as caught:
        analyze_frames(iter(frames), 6, FailingDetector(), "tester", batch_size=4)

    assert caught.value.key == "detector.frame_failed"
    assert caught.value.params["first_frame"] == 0
    assert caught.value.params["error"] == "RuntimeError"


def test_cancel_stops_analysis(detector: Detector, samples_dir: Path) -> None:
    path = face_sample(samples_dir, "WDA_KatieHill_000.mp4")
    token = CancelToken()
    token.cancel()

    with pytest.raises(CancelledError):
        analyze_frames(decode(path, limit=8), 8, detector, "tester", cancel=token)


def test_no_frames_is_an_error(detector: Detector) -> None:
    with pytest.raises(DetectorError) as analysis:
        analyze_frames(iter([]), 10, detector, "tester")
    with pytest.raises(DetectorError) as residual:
        find_residual_faces(iter([]), detector)

    assert analysis.value.key == "detector.no_frames"
    assert residual.value.key == "detector.no_frames"


def test_messages_have_both_languages() -> None:
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))

    for key, texts in catalogue.items():
        assert key.startswith("detector."), key
        assert set(texts) == {"en", "fr"}, key
        english_fields = set(re.findall(r"{(\w+)}", texts["en"]))
        french_fields = set(re.findall(r"{(\w+)}", texts["fr"]))
        assert english_fields == french_fields, key
    assert DetectorError().key in catalogue


def test_residual_check_finds_unredacted_frames(detector: Detector, samples_dir: Path) -> None:
    path = face_sample(samples_dir, "WDA_KatieHill_000.mp4")
    frames = list(decode(path, limit=6))
    redacted = []
    for index, frame in frames:
        frame = frame.copy()
        if index % 2 == 0:  # redact even frames only, by filling the detected face boxes
            for detection in detector.detect(frame):
                box = detection.box.expanded(0.15)
                x0, y0 = max(int(box.x), 0), max(int(box.y), 0)
                frame[y0 : int(box.y + box.h) + 1, x0 : int(box.x + box.w) + 1] = 0
        redacted.append((index, frame))

    assert find_residual_faces(iter(redacted), detector) == [1, 3, 5]
