"""The frame plan of an export: which source frames are written, in which order, and the chapters.

A lesson keeps ``Sequence`` ranges of its media in lesson order; an empty list keeps the whole
media. Frames covered by a track with ``cut=True`` (out-of-body ranges, for instance) are then
removed, which may split a sequence into several segments. Every kept frame is decoded and
re-encoded, so a cut never snaps to a keyframe.

Two timelines are used:

- the *lesson timeline* starts at the first kept frame; narration clips, captions and chapter
  times are given on it, as the editor shows them;
- the *output timeline* is the exported file: ``lead_frames`` of context card come first, then
  the kept frames. Output frame ``i`` has the timestamp ``i / rate``, so timestamps are
  continuous whatever the source timestamps were.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from app.errors import ExportError
from app.project.model import CaseProject, MediaProject

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Segment:
    """A run of consecutive source frames kept in the export."""

    sequence_id: str  # "" when the whole media is kept
    media_id: str
    in_frame: int
    out_frame: int  # inclusive
    lesson_start: int  # lesson-timeline frame of ``in_frame``

    @property
    def frames(self) -> int:
        return self.out_frame - self.in_frame + 1


@dataclass(frozen=True)
class Chapter:
    """A titled part of the export, on the output timeline (``end_frame`` exclusive)."""

    title: str
    sequence_id: str
    start_frame: int
    end_frame: int


@dataclass(frozen=True)
class KeptRange:
    """One sequence as kept: its marked in/out points and where its frames landed."""

    sequence_id: str
    media_id: str
    title: str
    in_frame: int
    out_frame: int  # inclusive
    kept_frames: int
    cut_frames: int  # frames of the range removed by cut tracks
    output_start: int | None  # output frame of the first kept frame, None when all were cut


@dataclass
class FramePlan:
    """The ordered source frames of an export, with chapters and the frames cut by tracks."""

    rate: Fraction
    segments: list[Segment]
    lead_frames: int = 0
    kept: list[KeptRange] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    cut_ranges: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def lesson_frames(self) -> int:
        return sum(segment.frames for segment in self.segments)

    @property
    def total_frames(self) -> int:
        return self.lead_frames + self.lesson_frames

    @property
    def media_ids(self) -> list[str]:
        return list(dict.fromkeys(segment.media_id for segment in self.segments))

    def seconds(self, output_frame: int) -> float:
        return float(output_frame / self.rate)

    def output_frames(self) -> Iterator[tuple[int, Segment, int]]:
        """Yield ``(output_frame, segment, source_frame)`` for every kept frame, in output order."""
        output = self.lead_frames
        for segment in self.segments:
            for source in range(segment.in_frame, segment.out_frame + 1):
                yield output, segment, source
                output += 1

    def source_of(self, output_frame: int) -> tuple[str, int] | None:
        """Return ``(media_id, source_frame)`` shown on ``output_frame``, or None on the card."""
        lesson_frame = output_frame - self.lead_frames
        if lesson_frame < 0:
            return None
        for segment in self.segments:
            if segment.lesson_start <= lesson_frame < segment.lesson_start + segment.frames:
                return segment.media_id, segment.in_frame + lesson_frame - segment.lesson_start
        return None


def cut_mask(media: MediaProject) -> np.ndarray:
    """Return a boolean array over the media's frames, True where a cut track removes the frame.

    A cut track removes its frames (plus ``hold_frames``, as for masking) unless it is rejected;
    its rejected ranges are kept. Tracks are combined with OR, so one track's rejected range
    never restores a frame that another track cuts.
    """
    mask = np.zeros(max(media.frame_count, 0), dtype=bool)
    for track in media.tracks:
        if not track.cut or track.status == "rejected":
            continue
        track_mask = np.zeros_like(mask)
        track_mask[max(track.start_frame, 0): track.end_frame + track.hold_frames + 1] = True
        for start, end in track.rejected_ranges:
            track_mask[max(start, 0): end + 1] = False
        mask |= track_mask
    return mask


def _runs(values: np.ndarray, offset: int) -> list[tuple[int, int]]:
    """Return the inclusive ``(first, last)`` index ranges where ``values`` is True."""
    padded = np.concatenate(([False], values, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    starts, ends = edges[::2], edges[1::2]
    return [(int(start) + offset, int(end) - 1 + offset)
            for start, end in zip(starts, ends, strict=True)]


def build_plan(project: CaseProject, rate: Fraction, media_id: str | None = None,
               lead_frames: int = 0, opening_title: str = "") -> FramePlan:
    """Build the frame plan of ``project``'s lesson, or of the whole ``media_id`` without a lesson.

    ``media_id`` is exported whole when the lesson has no sequences. ``rate`` is the output
    frame rate. MP4 chapter tracks cannot start after 0 (FFmpeg 7 reads the first chapter
    from 0 whatever was written), so when the first titled sequence starts later, a chapter
    titled ``opening_title`` covers the card and any untitled sequences before it.
    Raises ``ExportError`` for a sequence outside its media, a media of another case, or a plan
    that keeps no frame.
    """
    sequences = project.lesson.sequences
    if not sequences:
        if media_id is None:
            raise ExportError("edit.no_sequences")
        return whole_media_plan(project, media_id, rate, lead_frames)

    masks: dict[str, np.ndarray] = {}
    segments: list[Segment] = []
    kept: list[KeptRange] = []
    chapters_start: list[tuple[str, str, int]] = []
    lesson_frame = 0
    for sequence in sequences:
        media = project.media.get(sequence.media_id)
        if media is None:
            raise ExportError("edit.sequence_media_missing", sequence=sequence.id,
                              media_id=sequence.media_id)
        if not 0 <= sequence.in_frame <= sequence.out_frame < media.frame_count:
            raise ExportError("edit.sequence_out_of_range", sequence=sequence.id,
                              first=sequence.in_frame, last=sequence.out_frame,
                              count=media.frame_count)
        if media.media_id not in masks:
            masks[media.media_id] = cut_mask(media)
        removed = masks[media.media_id][sequence.in_frame: sequence.out_frame + 1]
        runs = _runs(~removed, sequence.in_frame)

        first_output = lesson_frame + lead_frames if runs else None
        for first, last in runs:
            segments.append(Segment(sequence.id, media.media_id, first, last, lesson_frame))
            lesson_frame += last - first + 1
        kept_count = sum(last - first + 1 for first, last in runs)
        kept.append(KeptRange(sequence.id, media.media_id, sequence.title, sequence.in_frame,
                              sequence.out_frame, kept_count,
                              sequence.out_frame - sequence.in_frame + 1 - kept_count,
                              first_output))
        if sequence.title.strip() and first_output is not None:
            chapters_start.append((sequence.title.strip(), sequence.id, first_output))
        elif sequence.title.strip():
            log.warning("sequence %s: every frame is cut, its chapter is dropped", sequence.id)

    if not segments:
        raise ExportError("edit.plan_empty")
    _check_same_format([project.media[media] for media in masks])
    plan = FramePlan(rate, segments, lead_frames, kept)
    if chapters_start and opening_title and min(start for _, _, start in chapters_start) > 0:
        chapters_start.append((opening_title, "", 0))
    plan.chapters = _chapters(chapters_start, plan.total_frames)
    plan.cut_ranges = {media: _runs(mask, 0) for media, mask in masks.items() if mask.any()}
    return plan


def whole_media_plan(project: CaseProject, media_id: str, rate: Fraction,
                     lead_frames: int = 0) -> FramePlan:
    """Plan the whole media ``media_id`` minus the frames of its cut tracks."""
    media = project.media.get(media_id)
    if media is None:
        raise ExportError("edit.sequence_media_missing", sequence="-", media_id=media_id)
    mask = cut_mask(media)
    segments: list[Segment] = []
    lesson_frame = 0
    for first, last in _runs(~mask, 0):
        segments.append(Segment("", media_id, first, last, lesson_frame))
        lesson_frame += last - first + 1
    if not segments:
        raise ExportError("edit.plan_empty")
    kept = [KeptRange("", media_id, "", 0, media.frame_count - 1, lesson_frame,
                      media.frame_count - lesson_frame, lead_frames)]
    plan = FramePlan(rate, segments, lead_frames, kept)
    if mask.any():
        plan.cut_ranges = {media_id: _runs(mask, 0)}
    return plan


def _check_same_format(media: list[MediaProject]) -> None:
    """Raise unless every media has the first one's size and frame rate (0.1 % tolerance).

    Frames are written one for one on a single constant-rate timeline, so a media with another
    rate would play at the wrong speed, and another size would need scaling.
    """
    first = media[0]
    for other in media[1:]:
        same_size = (other.width, other.height) == (first.width, first.height)
        same_rate = abs(other.fps - first.fps) <= 0.001 * max(first.fps, 1.0)
        if not (same_size and same_rate):
            raise ExportError("edit.mixed_media", media_id=other.media_id, first=first.media_id)


def _chapters(starts: list[tuple[str, str, int]], total: int) -> list[Chapter]:
    """Turn chapter starts into chapters that end where the next one starts (or at the end)."""
    ordered = sorted(starts, key=lambda item: item[2])
    chapters: list[Chapter] = []
    for index, (title, sequence_id, start) in enumerate(ordered):
        end = ordered[index + 1][2] if index + 1 < len(ordered) else total
        if end > start:
            chapters.append(Chapter(title, sequence_id, start, end))
    return chapters


def frame_rate_of(fps: float) -> Fraction:
    """Return ``fps`` as a fraction; NTSC rates such as 29.97 become 30000/1001."""
    if fps <= 0:
        return Fraction(25, 1)
    return Fraction(fps).limit_denominator(1001)
