"""Tests of TrackLinker on synthetic detections (no model involved)."""

from __future__ import annotations

import pytest

from app.detection import Detection, TrackLinker
from app.project.model import Box


def face(x: float, y: float, size: float = 50.0, score: float = 0.9) -> Detection:
    return Detection(Box(x, y, size, size), score)


def test_moving_face_gives_one_proposed_track() -> None:
    linker = TrackLinker("face", "face")
    for frame in range(30):
        linker.add(frame, [face(100 + 5 * frame, 80)])

    tracks = linker.finish()

    assert len(tracks) == 1
    track = tracks[0]
    assert track.id == "T0001"
    assert track.kind == "face"
    assert track.origin == "auto"
    assert track.status == "proposed"
    assert track.detector == "face"
    assert track.created_by == "detector:face"
    assert track.hold_frames == 12
    assert (track.start_frame, track.end_frame) == (0, 29)
    assert [sample.frame for sample in track.samples] == list(range(30))
    assert len(track.history) == 1
    assert track.history[0].action == "propose"
    assert track.history[0].user == "detector:face"
    assert (track.history[0].start_frame, track.history[0].end_frame) == (0, 29)


def test_short_gap_is_bridged_and_interpolated() -> None:
    linker = TrackLinker("face", "face", max_gap=12)
    for frame in range(5):
        linker.add(frame, [face(100, 100)])
    for frame in range(5, 15):
        linker.add(frame, [])  # ten frames where the detector missed the face
    for frame in range(15, 20):
        linker.add(frame, [face(120, 100)])

    tracks = linker.finish()

    assert len(tracks) == 1
    middle = tracks[0].box_at(9)
    assert middle is not None
    assert middle.x == pytest.approx(100 + 20 * (9 - 4) / (15 - 4))
    assert tracks[0].is_applied_at(9)


def test_long_gap_splits_track() -> None:
    linker = TrackLinker("face", "face", max_gap=12)
    for frame in range(5):
        linker.add(frame, [face(100, 100)])
    for frame in range(18, 23):  # 13 frames missed, one more than max_gap
        linker.add(frame, [face(100, 100)])

    tracks = linker.finish()

    assert [(track.start_frame, track.end_frame) for track in tracks] == [(0, 4), (18, 22)]
    assert [track.id for track in tracks] == ["T0001", "T0002"]


def test_hold_frames_keep_last_box() -> None:
    linker = TrackLinker("face", "face", hold_frames=6)
    for frame in range(10):
        linker.add(frame, [face(100, 100)])

    track = linker.finish()[0]

    assert track.box_at(15) == Box(100, 100, 50, 50)
    assert track.is_applied_at(15)
    assert track.box_at(16) is None
    assert not track.is_applied_at(16)


def test_adjacent_faces_stay_separate() -> None:
    linker = TrackLinker("face", "face", first_track_number=7)
    for frame in range(20):
        detections = [face(100 + frame, 100), face(160 + frame, 100)]
        if 8 <= frame < 12:
            detections = detections[1:]  # the left face is missed for four frames
        linker.add(frame, detections)

    tracks = linker.finish()

    assert [track.id for track in tracks] == ["T0007", "T0008"]
    left, right = sorted(tracks, key=lambda track: track.samples[0].box.x)
    assert len(left.samples) == 16
    assert len(right.samples) == 20
    assert all(sample.box.x < 130 for sample in left.samples)
    assert all(sample.box.x >= 160 for sample in right.samples)


def test_prediction_bridges_fast_motion_gap() -> None:
    linker = TrackLinker("face", "face")
    for frame in range(6):
        linker.add(frame, [face(100 + 20 * frame, 100)])
    for frame in range(6, 9):
        linker.add(frame, [])
    # The face kept moving at 20 px per frame while it was missed: the last box
    # (x=200) no longer overlaps it, the predicted one does.
    linker.add(9, [face(100 + 20 * 9, 100)])

    tracks = linker.finish()

    assert len(tracks) == 1
    assert tracks[0].end_frame == 9


def test_centre_distance_matches_below_iou_threshold() -> None:
    linker = TrackLinker("face", "face", iou_threshold=0.5)
    linker.add(0, [face(100, 100)])
    linker.add(1, [face(120, 100)])  # IoU 0.43 < 0.5, centre moved 0.4 face sizes

    assert len(linker.finish()) == 1


def test_short_weak_track_dropped() -> None:
    linker = TrackLinker("face", "face", min_frames=3, short_track_min_score=0.45)
    linker.add(0, [face(10, 10, score=0.42), face(200, 10, score=0.9), face(400, 10, score=0.41)])
    linker.add(1, [face(400, 10, score=0.41)])
    linker.add(2, [face(400, 10, score=0.41)])

    tracks = linker.finish()

    # Kept: the strong single detection, and the weak one seen on three frames.
    assert sorted(round(track.samples[0].box.x) for track in tracks) == [200, 400]


def test_zero_bar_keeps_every_track() -> None:
    linker = TrackLinker("face", "face", short_track_min_score=0.0)
    linker.add(0, [face(10, 10, score=0.05)])

    assert len(linker.finish()) == 1


def test_close_open_tracks_splits_at_cut() -> None:
    linker = TrackLinker("face", "face")
    for frame in range(5):
        linker.add(frame, [face(100, 100)])
    linker.close_open_tracks()
    for frame in range(5, 10):
        linker.add(frame, [face(100, 100)])

    tracks = linker.finish()

    assert [(track.start_frame, track.end_frame) for track in tracks] == [(0, 4), (5, 9)]


def test_frames_must_increase() -> None:
    linker = TrackLinker("face", "face")
    linker.add(3, [])

    with pytest.raises(ValueError, match="not after"):
        linker.add(3, [])


def test_finish_twice_raises() -> None:
    linker = TrackLinker("face", "face")

    assert linker.finish() == []
    with pytest.raises(RuntimeError):
        linker.finish()
