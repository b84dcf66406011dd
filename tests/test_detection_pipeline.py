"""Tests of the analysis pass: sampled linking, several detectors at once, export gating."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from app.analysis import analyse_media_with
from app.detection.analyze import UNANALYSED_KIND, analyze_media_frames
from app.detection.base import Detection
from app.detection.builders import LinkedTrackBuilder
from app.detection.frames import ArrayFrame, VideoFrame
from app.detection.registry import load_detector
from app.detection.verification import (
    check_analysis_complete,
    find_residual_in_export,
    unreviewed_failed_frames,
)
from app.errors import ExportError
from app.project.model import Box, DetectorRun, MediaProject, Track
from app.vault import Vault
from tests.eval.clips import decode_rgb, fit, write_clip


def face(x: float, score: float = 0.9) -> Detection:
    return Detection(Box(x, 50.0, 40.0, 40.0), score)


def drive(builder: LinkedTrackBuilder, seen: dict[int, list[Detection]], total: int,
          cuts: tuple[int, ...] = ()) -> list[int]:
    """Run ``builder`` over ``total`` frames; ``seen`` gives detections by frame. Return samples."""
    sampled = []
    for frame in range(total):
        if builder.wants(frame, frame in cuts):
            sampled.append(frame)
            builder.add(frame, seen.get(frame, []))
    return sampled


def test_builder_idles_then_samples_every_frame() -> None:
    builder = LinkedTrackBuilder("face", "face", step=1, idle_step=4, confirm_threshold=0.4)
    seen = {frame: [face(100.0)] for frame in range(10, 30)}

    sampled = drive(builder, seen, 40)
    [track] = builder.finish(40, 1)

    assert sampled[:4] == [0, 4, 8, 12]
    assert sampled[4:8] == [13, 14, 15, 16]
    # The face may have appeared just after the idle sample at 8, so the track starts at 9.
    assert track.start_frame == 9
    assert track.box_at(9) == face(100.0).box
    assert track.end_frame == 29
    assert all(track.is_applied_at(frame) for frame in range(9, 30))


def test_builder_lead_in_stops_at_cut() -> None:
    builder = LinkedTrackBuilder("face", "face", step=1, idle_step=4, confirm_threshold=0.4)
    seen = {frame: [face(100.0)] for frame in range(10, 20)}

    drive(builder, seen, 20, cuts=(10,))
    [track] = builder.finish(20, 1)

    assert track.start_frame == 10


def test_builder_keeps_supported_weak_track_for_review() -> None:
    builder = LinkedTrackBuilder("face", "face", confirm_threshold=0.4, min_support=3)
    seen = {frame: [face(100.0, 0.25)] for frame in range(5, 9)}
    seen[20] = [face(300.0, 0.3)]  # a single weak detection: dropped

    drive(builder, seen, 30)
    tracks = builder.finish(30, 7)

    [track] = tracks
    assert track.id == "T0007"
    assert [(flag.start_frame, flag.end_frame, flag.reason) for flag in track.review] == [
        (5, 8, "low_confidence")]


def test_builder_flags_weak_run_inside_confirmed_track() -> None:
    builder = LinkedTrackBuilder("face", "face", confirm_threshold=0.4)
    seen = {frame: [face(100.0, 0.9 if frame < 5 else 0.25)] for frame in range(10)}

    drive(builder, seen, 10)
    [track] = builder.finish(10, 1)

    assert [(flag.start_frame, flag.end_frame) for flag in track.review] == [(5, 9)]


def test_video_frame_thumbnail_matches_array(samples_dir: Path) -> None:
    path = samples_dir / "endoscopy" / "cholec_endo_720p.mp4"
    with av.open(str(path)) as container:
        decoded = next(iter(container.decode(video=0)))
        lazy = VideoFrame(decoded)
        thumbnail = lazy.thumbnail()
        rgb = lazy.rgb()

    difference = np.abs(thumbnail - ArrayFrame(rgb).thumbnail()).mean()
    assert difference < 2.0
    assert lazy.rgb() is rgb  # converted once


def test_one_pass_runs_every_detector(samples_dir: Path) -> None:
    path = samples_dir / "faces" / "WDA_KatieHill_000.mp4"
    frames = [(index, fit(frame, 640, 360)) for index, frame in enumerate(decode_rgb(path, 0, 40))]
    detectors = [load_detector("face"), load_detector("out_of_body")]

    results = analyze_media_frames(iter(frames), 40, detectors, "tester", first_track_number=5)

    [(faces, face_run), (rooms, room_run)] = results
    assert face_run.detector == "face"
    assert room_run.detector == "out_of_body"
    assert faces
    assert [track.kind for track in rooms] == ["out_of_body"]
    assert (rooms[0].start_frame, rooms[0].end_frame) == (0, 39)
    numbers = [int(track.id[1:]) for track in faces + rooms]
    assert numbers == list(range(5, 5 + len(numbers)))


def media_with(runs: list[DetectorRun], tracks: list[Track] | None = None) -> MediaProject:
    return MediaProject("m-test", 640, 360, 100, 25.0, tracks or [], runs)


def run_of(detector: str, failed: list[int] | None = None, analysed: int = 100) -> DetectorRun:
    return DetectorRun(detector, detector, "1", 0.5, "", {}, "tester", "", "", 100, analysed,
                       failed or [])


def test_export_check_requires_complete_runs() -> None:
    with pytest.raises(ExportError) as missing:
        check_analysis_complete(media_with([run_of("text")]), ("face", "text"))
    with pytest.raises(ExportError) as short:
        check_analysis_complete(media_with([run_of("face", analysed=90)]))

    assert missing.value.key == "detector.run_missing"
    assert missing.value.params["detector"] == "face"
    assert short.value.key == "detector.run_incomplete"
    assert short.value.params["missing"] == 10
    check_analysis_complete(media_with([run_of("face"), run_of("text")]), ("face", "text"))


def test_failed_frames_block_export_until_decided() -> None:
    unanalysed = Track("T0001", UNANALYSED_KIND, "auto", 40, 44, detector="face", whole_frame=True)
    unanalysed.record("propose", "detector:face", 40, 44)
    media = media_with([run_of("face", failed=[40, 41, 42, 43, 44])], [unanalysed])

    assert unreviewed_failed_frames(media) == {"face": [40, 41, 42, 43, 44]}
    with pytest.raises(ExportError) as blocked:
        check_analysis_complete(media)
    assert blocked.value.key == "detector.failed_frames_unreviewed"
    assert blocked.value.params["count"] == 5

    unanalysed.status = "accepted"
    unanalysed.record("accept", "Dr Test", 40, 44)
    assert unreviewed_failed_frames(media) == {}
    check_analysis_complete(media)


def test_residual_check_reads_export_frames(tmp_path: Path, samples_dir: Path) -> None:
    room = [fit(frame, 320, 180) for frame in decode_rgb(
        samples_dir / "faces" / "WDA_KatieHill_000.mp4", 0, 30)]
    black = [np.zeros((180, 320, 3), np.uint8)] * 30
    clip = tmp_path / "half.mp4"
    write_clip(clip, black + room)

    residual = find_residual_in_export(clip, ("out_of_body",), every_s=0.4)

    assert residual["out_of_body"]
    assert min(residual["out_of_body"]) >= 30


def test_analyse_media_with_replaces_only_its_tracks(vault: Vault, tmp_path: Path,
                                                     samples_dir: Path) -> None:
    clip = tmp_path / "room.mp4"
    write_clip(clip, (fit(frame, 320, 180) for frame in decode_rgb(
        samples_dir / "faces" / "WDA_KatieHill_000.mp4", 0, 20)))
    record = vault.import_media(clip, "Cas")

    analyse_media_with(vault, record.id, ("face", "out_of_body"))
    first = vault.load_project(record.case_id).media[record.id]
    room_ids = {track.id for track in first.tracks if track.detector == "out_of_body"}
    analyse_media_with(vault, record.id, {"face": {"threshold": 0.5}})
    second = vault.load_project(record.case_id).media[record.id]

    assert {track.id for track in second.tracks if track.detector == "out_of_body"} == room_ids
    assert [run.detector for run in second.runs] == ["face", "out_of_body", "face"]
    assert second.runs[-1].threshold == 0.5
    entries = [entry for entry in vault.journal_entries() if entry["action"] == "media.analysed"]
    assert len(entries) == 3


def test_builder_hold_stops_at_next_cut() -> None:
    builder = LinkedTrackBuilder("face", "face", step=1, idle_step=1, confirm_threshold=0.4)
    seen = {frame: [face(100.0)] for frame in range(10)}

    drive(builder, seen, 30, cuts=(12,))
    [track] = builder.finish(30, 1)

    assert track.end_frame == 9
    assert track.is_applied_at(11)
    assert not track.is_applied_at(12)


def test_review_flags_survive_project_round_trip() -> None:
    from app.project.model import CaseProject, ReviewFlag

    track = Track("T0001", "out_of_body", "auto", 10, 90, detector="out_of_body",
                  whole_frame=True, review=[ReviewFlag(10, 40, "transition")])
    project = CaseProject("c-test", media={"m-test": media_with([run_of("out_of_body")], [track])})

    loaded = CaseProject.from_dict(project.to_dict())

    assert loaded.media["m-test"].tracks[0].review == [ReviewFlag(10, 40, "transition")]
    old_document = project.to_dict()
    del old_document["media"]["m-test"]["tracks"][0]["review"]
    assert CaseProject.from_dict(old_document).media["m-test"].tracks[0].review == []
