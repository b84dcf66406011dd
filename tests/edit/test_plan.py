"""The frame plan: kept sequences in lesson order, cut tracks, chapters, frame mapping."""

from __future__ import annotations

from fractions import Fraction

import pytest

from app.edit.plan import build_plan, cut_mask, frame_rate_of, whole_media_plan
from app.errors import ExportError
from app.project.model import CaseProject, MediaProject, Sequence, Track

RATE = Fraction(25, 1)


def project_with(frames: int = 300, cuts: list[tuple[int, int]] | None = None) -> CaseProject:
    project = CaseProject(case_id="c-test")
    media = MediaProject("m-a", 320, 240, frames, 25.0)
    for number, (first, last) in enumerate(cuts or [], start=1):
        media.tracks.append(Track(f"T{number:04d}", "out_of_body", "auto", first, last, cut=True))
    project.media["m-a"] = media
    return project


def test_sequences_keep_lesson_order() -> None:
    project = project_with()
    project.lesson.sequences = [Sequence("S1", "m-a", 200, 209, "B"),
                                Sequence("S2", "m-a", 0, 4, "A")]
    plan = build_plan(project, RATE)
    assert [(source, output) for output, _, source in plan.output_frames()] == \
        [(200 + i, i) for i in range(10)] + [(i, 10 + i) for i in range(5)]
    assert plan.total_frames == 15


def test_cut_track_splits_a_sequence() -> None:
    project = project_with(cuts=[(20, 24)])
    project.lesson.sequences = [Sequence("S1", "m-a", 10, 40, "Dissection")]
    plan = build_plan(project, RATE)
    assert [(segment.in_frame, segment.out_frame) for segment in plan.segments] == [(10, 19),
                                                                                   (25, 40)]
    assert plan.kept[0].kept_frames == 26
    assert plan.kept[0].cut_frames == 5
    assert plan.cut_ranges == {"m-a": [(20, 24)]}
    assert plan.source_of(10) == ("m-a", 25)


def test_rejected_cut_track_cuts_nothing() -> None:
    project = project_with(cuts=[(20, 24)])
    project.media["m-a"].tracks[0].status = "rejected"
    assert not cut_mask(project.media["m-a"]).any()


def test_rejected_range_of_one_track_keeps_other_cuts() -> None:
    project = project_with(cuts=[(10, 30), (25, 40)])
    project.media["m-a"].tracks[0].rejected_ranges = [(25, 30)]
    mask = cut_mask(project.media["m-a"])
    assert mask[10:25].all()
    assert mask[25:41].all()  # the second track still cuts 25-30
    assert not mask[41:].any()


def test_chapters_start_at_titled_sequences() -> None:
    project = project_with()
    project.lesson.sequences = [Sequence("S1", "m-a", 0, 9, "Exposition"),
                                Sequence("S2", "m-a", 20, 29, ""),
                                Sequence("S3", "m-a", 50, 59, "Clipping")]
    plan = build_plan(project, RATE, lead_frames=25, opening_title="Introduction")
    assert [(c.title, c.start_frame, c.end_frame) for c in plan.chapters] == [
        ("Introduction", 0, 25), ("Exposition", 25, 45), ("Clipping", 45, 55)]
    assert plan.source_of(3) is None  # on the card


def test_sequence_outside_media_is_rejected() -> None:
    project = project_with(frames=100)
    project.lesson.sequences = [Sequence("S1", "m-a", 90, 100, "")]
    with pytest.raises(ExportError) as raised:
        build_plan(project, RATE)
    assert raised.value.key == "edit.sequence_out_of_range"


def test_all_frames_cut_is_rejected() -> None:
    project = project_with(cuts=[(0, 50)])
    project.lesson.sequences = [Sequence("S1", "m-a", 10, 20, "Vide")]
    with pytest.raises(ExportError) as raised:
        build_plan(project, RATE)
    assert raised.value.key == "edit.plan_empty"


def test_media_of_another_size_is_rejected() -> None:
    project = project_with()
    project.media["m-b"] = MediaProject("m-b", 640, 480, 100, 25.0)
    project.lesson.sequences = [Sequence("S1", "m-a", 0, 9, ""), Sequence("S2", "m-b", 0, 9, "")]
    with pytest.raises(ExportError) as raised:
        build_plan(project, RATE)
    assert raised.value.key == "edit.mixed_media"


def test_whole_media_plan_drops_cut_frames() -> None:
    project = project_with(frames=100, cuts=[(0, 9), (90, 99)])
    plan = whole_media_plan(project, "m-a", RATE)
    assert [(s.in_frame, s.out_frame) for s in plan.segments] == [(10, 89)]
    assert plan.chapters == []


def test_frame_rate_recognises_ntsc() -> None:
    assert frame_rate_of(29.97002997) == Fraction(30000, 1001)
    assert frame_rate_of(25.0) == Fraction(25, 1)
