"""Track edits as pure functions: decisions, ranges, keyframes, split, trim, follow."""

from __future__ import annotations

from app.project.model import Box
from tests.ui.conftest import face_track, manual_track
from ui import track_edits


def test_set_status_returns_new_track() -> None:
    track = face_track()
    accepted = track_edits.set_status(track, "accepted", "u-1")
    assert accepted is not track
    assert track.status == "proposed"
    assert accepted.status == "accepted"
    assert accepted.history[-1].action == "accept"
    assert accepted.history[-1].user == "u-1"


def test_reject_range_then_accept_part() -> None:
    track = face_track()
    rejected = track_edits.set_range_decision(track, 5, 9, accept=False, user="u-1")
    assert rejected.rejected_ranges == [(5, 9)]
    assert not rejected.is_applied_at(7)
    assert rejected.is_applied_at(4)
    reopened = track_edits.set_range_decision(rejected, 7, 8, accept=True, user="u-1")
    assert reopened.rejected_ranges == [(5, 6), (9, 9)]
    assert reopened.is_applied_at(7)


def test_reject_range_covering_track_rejects_it() -> None:
    track = face_track(frames=10)
    rejected = track_edits.set_range_decision(track, -5, 50, accept=False, user="u-1")
    assert rejected.status == "rejected"
    assert rejected.rejected_ranges == []


def test_accept_range_of_rejected_track() -> None:
    track = track_edits.set_status(face_track(frames=20), "rejected", "u-1")
    partly = track_edits.set_range_decision(track, 5, 9, accept=True, user="u-1")
    assert partly.status == "accepted"
    assert partly.rejected_ranges == [(0, 4), (10, 19)]
    assert [frame for frame in range(20) if partly.is_applied_at(frame)] == list(range(5, 10))


def test_keyframe_changes_only_its_frame_on_detector_track() -> None:
    track = face_track()
    moved = Box(10, 10, 50, 60)
    edited = track_edits.set_keyframe(track, 12, moved, "u-1")
    assert edited.box_at(12) == moved
    for frame in (0, 11, 13, 24):
        assert edited.box_at(frame) == track.box_at(frame)


def test_second_keyframe_keeps_detector_boxes_between() -> None:
    track = track_edits.set_keyframe(face_track(), 5, Box(10, 10, 50, 60), "u-1")
    edited = track_edits.set_keyframe(track, 15, Box(300, 10, 50, 60), "u-1")
    for frame in range(6, 15):
        assert edited.box_at(frame) == face_track().box_at(frame), frame
    assert edited.box_at(15) == Box(300, 10, 50, 60)


def test_keyframes_interpolate_on_manual_track() -> None:
    track = track_edits.new_manual_track("T0009", "manual", 0, Box(0, 0, 10, 10), "u-1")
    track = track_edits.set_keyframe(track, 10, Box(100, 0, 10, 10), "u-1")
    assert track.start_frame == 0
    assert track.end_frame == 10
    middle = track.box_at(5)
    assert middle is not None
    assert middle.x == 50


def test_split_keeps_every_box() -> None:
    track = manual_track()
    parts = track_edits.split(track, 10, "T0003", "u-1")
    assert parts is not None
    first, second = parts
    assert (first.start_frame, first.end_frame) == (0, 9)
    assert (second.start_frame, second.end_frame) == (10, 24)
    assert second.id == "T0003"
    for frame in range(25):
        part = first if frame < 10 else second
        assert part.box_at(frame) == track.box_at(frame), frame
    assert first.history[-1].action == "split"


def test_split_outside_track_is_refused() -> None:
    assert track_edits.split(face_track(), 0, "T0003", "u-1") is None
    assert track_edits.split(face_track(), 30, "T0003", "u-1") is None


def test_trim_drops_samples_outside() -> None:
    trimmed = track_edits.trim(face_track(), 5, 14, "u-1")
    assert (trimmed.start_frame, trimmed.end_frame) == (5, 14)
    assert [sample.frame for sample in trimmed.samples] == list(range(5, 15))
    assert not trimmed.is_applied_at(4)
    assert trimmed.is_applied_at(5)


def test_trim_extends_manual_track_with_last_box() -> None:
    track = track_edits.new_manual_track("T0009", "manual", 3, Box(5, 5, 20, 20), "u-1")
    extended = track_edits.trim(track, 0, 12, "u-1")
    assert extended.box_at(0) == Box(5, 5, 20, 20)
    assert extended.box_at(12) == Box(5, 5, 20, 20)


def test_apply_follow_extends_track() -> None:
    track = track_edits.new_manual_track("T0009", "manual", 10, Box(5, 5, 20, 20), "u-1")
    followed = track_edits.apply_follow(
        track, {9: (Box(4, 5, 20, 20), 0.8), 11: (Box(6, 5, 20, 20), 0.9)}, "u-1")
    assert (followed.start_frame, followed.end_frame) == (9, 11)
    assert followed.box_at(9) == Box(4, 5, 20, 20)
    assert followed.box_at(10) == Box(5, 5, 20, 20)
    assert followed.box_at(11) == Box(6, 5, 20, 20)


def test_merge_and_subtract_ranges() -> None:
    assert track_edits.merge_ranges([(5, 7), (1, 2), (3, 4), (10, 12)]) == [(1, 7), (10, 12)]
    assert track_edits.subtract_range([(0, 10)], 3, 4) == [(0, 2), (5, 10)]
    assert track_edits.subtract_range([(0, 10)], -1, 20) == []
