"""Track builders for region detectors: frame sampling, linking per kind, review flags.

``LinkedTrackBuilder`` runs a detector every ``step`` frames while something is
in view and every ``idle_step`` frames otherwise, always on the first frame
after a camera cut, and links the detections of each kind with a
``TrackLinker``. Interpolation covers the frames between two samples of a
track. A lead-in covers the frames back to the sample before its first one,
and the hold covers the frames after its last one. So a region seen on a
sample is masked on every frame around it where it may already or still be visible.

Recall comes first: a detector may return detections down to a support
threshold below its confirmation threshold. A track with at least one
confirmed detection is kept; a track with only weak ones is kept when it has
``min_support`` samples, and flagged "low_confidence" for review.
"""

from __future__ import annotations

import bisect
import logging

import numpy as np

from app.detection.base import Detection
from app.detection.tracking import TrackLinker
from app.project.model import Box, ReviewFlag, Sample, Track

logger = logging.getLogger(__name__)

# Frames a track stays open, and is held on screen, beyond the sampling step.
BASE_GAP = 12
BASE_HOLD = 12
# Weak samples in a row, within a confirmed track, that get a review flag.
WEAK_RUN_FOR_REVIEW = 3


class LinkedTrackBuilder:
    """Sample frames adaptively and link detections into tracks, one linker per kind."""

    def __init__(
        self,
        kind: str,
        detector_id: str,
        *,
        step: int = 1,
        idle_step: int | None = None,
        confirm_threshold: float = 0.0,
        min_support: int = 3,
        base_gap: int = BASE_GAP,
        base_hold: int = BASE_HOLD,
    ) -> None:
        idle = step if idle_step is None else idle_step
        if step < 1 or idle < step:
            raise ValueError(f"step {step} must be >= 1 and idle_step {idle} >= step")
        if min_support < 1:
            raise ValueError(f"min_support {min_support} must be >= 1")

        self.kind = kind
        self.detector_id = detector_id
        self.step = step
        self.idle_step = idle
        self.confirm_threshold = confirm_threshold
        self.min_support = min_support
        self.max_gap = base_gap + idle
        self.hold_frames = base_hold + idle - 1
        # The step depends on the last results, so the analysis must not hold frames back.
        self.max_batch = 1 if idle > step else 16

        self._linkers: dict[str, TrackLinker] = {}
        self._sampled: list[int] = []  # frames handed to the detector, in order
        self._cuts: list[int] = [0]  # first frame of every shot
        self._last_wanted: int | None = None
        self._last_added: int | None = None
        self._active = False  # the last processed sample had detections

    def params(self) -> dict[str, object]:
        return {
            "step": self.step,
            "idle_step": self.idle_step,
            "confirm_threshold": self.confirm_threshold,
            "min_support": self.min_support,
            "max_gap": self.max_gap,
            "hold_frames": self.hold_frames,
            "linking": self._linker(self.kind).params(),
        }

    def wants(self, frame: int, shot_change: bool) -> bool:
        if shot_change:
            self._cuts.append(frame)
        step = self.step if self._active else self.idle_step
        wanted = (
            self._last_wanted is None
            or shot_change
            or frame - self._last_wanted >= step
        )
        if wanted:
            self._last_wanted = frame
            self._sampled.append(frame)
        return wanted

    def add(self, frame: int, detections: list[Detection]) -> None:
        # Results arrive in batches after ``wants`` saw later frames, so look the cut up.
        previous = -1 if self._last_added is None else self._last_added
        if self._cuts[bisect.bisect_right(self._cuts, frame) - 1] > previous:
            for linker in self._linkers.values():
                linker.close_open_tracks()
        self._last_added = frame

        by_kind: dict[str, list[Detection]] = {}
        for detection in detections:
            by_kind.setdefault(detection.kind or self.kind, []).append(detection)
        for kind, found in by_kind.items():
            self._linker(kind).add(frame, found)
        self._active = bool(detections)

    def finish(self, frame_total: int, first_track_number: int) -> list[Track]:
        candidates: list[Track] = []
        for linker in self._linkers.values():
            candidates.extend(linker.finish())

        kept: list[Track] = []
        for track in sorted(candidates, key=lambda item: (item.start_frame, item.kind, item.id)):
            if self._confirmed(track) or len(track.samples) >= self.min_support:
                kept.append(track)
        dropped = len(candidates) - len(kept)
        if dropped:
            logger.info("dropped %d unconfirmed %s tracks of %d", dropped, self.kind,
                        len(candidates))

        for position, track in enumerate(kept):
            track.id = f"T{first_track_number + position:04d}"
            self._fit_to_shot(track)
            track.review.extend(self._review_flags(track))
        return kept

    def _linker(self, kind: str) -> TrackLinker:
        linker = self._linkers.get(kind)
        if linker is None:
            # Every track is kept here; ``finish`` filters with the support rule instead.
            linker = TrackLinker(
                kind, self.detector_id, max_gap=self.max_gap, hold_frames=self.hold_frames,
                min_frames=1, short_track_min_score=0.0,
            )
            self._linkers[kind] = linker
        return linker

    def _confirmed(self, track: Track) -> bool:
        return any(sample.score >= self.confirm_threshold for sample in track.samples)

    def _fit_to_shot(self, track: Track) -> None:
        """Start the track just after the previous sample and end its hold before the next cut.

        The lead-in never crosses the cut that starts the track's shot, and the
        hold stops at the next cut, where the box would mask an unrelated place.
        """
        first = track.samples[0].frame
        position = bisect.bisect_left(self._sampled, first)
        previous_sample = self._sampled[position - 1] if position > 0 else -1
        shot_start = self._cuts[bisect.bisect_right(self._cuts, first) - 1]
        track.start_frame = max(previous_sample + 1, shot_start, first - self.hold_frames)

        next_cut_index = bisect.bisect_right(self._cuts, track.end_frame)
        if next_cut_index < len(self._cuts):
            until_cut = self._cuts[next_cut_index] - track.end_frame - 1
            # ``box_at`` uses the hold for the lead-in too, so it must stay long enough.
            track.hold_frames = max(first - track.start_frame, min(track.hold_frames, until_cut))

    def _review_flags(self, track: Track) -> list[ReviewFlag]:
        if not self._confirmed(track):
            return [ReviewFlag(track.start_frame, track.end_frame, "low_confidence")]

        flags: list[ReviewFlag] = []
        weak_run: list[int] = []
        for sample in [*track.samples, None]:
            if sample is not None and sample.score < self.confirm_threshold:
                weak_run.append(sample.frame)
                continue
            if len(weak_run) >= WEAK_RUN_FOR_REVIEW:
                flags.append(ReviewFlag(weak_run[0], weak_run[-1], "low_confidence"))
            weak_run = []
        return flags


class WholeFrameRangeBuilder:
    """Turn per-frame scores of a whole-frame detector into smoothed, padded frame ranges.

    The detector runs every ``step`` frames and on the first frame after each
    camera cut; a frame's score is its strongest detection, 0 without one. The
    scores go through a running median over ``smoothing_frames``, except that a
    detection whose category is in ``override_categories`` (a face seen on the
    frame) always counts. Samples whose smoothed score reaches ``threshold -
    review_band`` make a range. Each range covers the frames up to the
    neighbouring samples, grows by ``margin_frames`` on both sides, and becomes
    one whole-frame track. The frames around each edge of a range
    and any stretch scored inside the review band get a "transition" flag.
    """

    def __init__(
        self,
        kind: str,
        detector_id: str,
        *,
        step: int,
        threshold: float,
        review_band: float,
        smoothing_frames: int,
        margin_frames: int,
        override_categories: frozenset[str] = frozenset(),
    ) -> None:
        if step < 1 or smoothing_frames < 1 or margin_frames < 0:
            raise ValueError(
                f"step {step} and smoothing_frames {smoothing_frames} must be >= 1, "
                f"margin_frames {margin_frames} >= 0"
            )
        if not 0.0 <= review_band < threshold:
            raise ValueError(f"review_band {review_band} must be in [0, threshold {threshold})")

        self.kind = kind
        self.detector_id = detector_id
        self.step = step
        self.threshold = threshold
        self.review_band = review_band
        self.smoothing_frames = smoothing_frames
        self.margin_frames = margin_frames
        self.override_categories = override_categories

        self._last_wanted: int | None = None
        self._frames: list[int] = []
        self._scores: list[float] = []
        self._overrides: list[bool] = []
        self._boxes: list[Box] = []

    def params(self) -> dict[str, object]:
        return {
            "step": self.step,
            "threshold": self.threshold,
            "review_band": self.review_band,
            "smoothing_frames": self.smoothing_frames,
            "margin_frames": self.margin_frames,
            "smoothing": "running median",
        }

    def wants(self, frame: int, shot_change: bool) -> bool:
        wanted = self._last_wanted is None or shot_change or frame - self._last_wanted >= self.step
        if wanted:
            self._last_wanted = frame
        return wanted

    def add(self, frame: int, detections: list[Detection]) -> None:
        strongest = max(detections, key=lambda detection: detection.score, default=None)
        self._frames.append(frame)
        self._scores.append(0.0 if strongest is None else float(strongest.score))
        self._overrides.append(
            any(detection.category in self.override_categories for detection in detections))
        if strongest is not None:
            self._boxes.append(strongest.box)

    def finish(self, frame_total: int, first_track_number: int) -> list[Track]:
        if not self._frames:
            return []
        smoothed = self.smoothed_scores()
        lower = self.threshold - self.review_band
        upper = self.threshold + self.review_band
        selected = [score >= lower for score in smoothed]
        uncertain = [lower <= score < upper for score in smoothed]
        last_frame = max(frame_total - 1, self._frames[-1])

        ranges = self._ranges(selected, last_frame)
        tracks = []
        for position, (start, end, core_start, core_end) in enumerate(ranges):
            track = self._track(first_track_number + position, start, end, smoothed)
            track.review.extend(self._flags(start, end, core_start, core_end, last_frame,
                                            uncertain))
            tracks.append(track)
        return tracks

    def smoothed_scores(self) -> list[float]:
        """Return the running median of the sample scores, with overrides applied."""
        scores = np.asarray(self._scores, dtype=np.float64)
        half = max(0, round(self.smoothing_frames / self.step) // 2)
        smoothed = []
        for index in range(len(scores)):
            window = scores[max(0, index - half) : index + half + 1]
            value = float(np.median(window))
            if self._overrides[index]:
                value = max(value, float(scores[index]), self.threshold)
            smoothed.append(value)
        return smoothed

    def _ranges(self, selected: list[bool], last_frame: int) -> list[tuple[int, int, int, int]]:
        """Return (start, end, first selected sample, last selected sample) per merged range."""
        frames = self._frames
        cores: list[tuple[int, int]] = []
        for index, chosen in enumerate(selected):
            if not chosen:
                continue
            if cores and cores[-1][1] == index - 1:
                cores[-1] = (cores[-1][0], index)
            else:
                cores.append((index, index))

        ranges: list[tuple[int, int, int, int]] = []
        for first, last in cores:
            # A sample vouches only for itself: the frames up to its unselected
            # neighbours may already look like it, so they are covered even when
            # the margin is shorter than the sampling step.
            after_previous = frames[first - 1] + 1 if first > 0 else 0
            before_next = frames[last + 1] - 1 if last + 1 < len(frames) else last_frame
            start = max(0, min(after_previous, frames[first] - self.margin_frames))
            end = min(last_frame, max(before_next, frames[last] + self.margin_frames))
            if ranges and start <= ranges[-1][1] + 1:
                previous = ranges[-1]
                ranges[-1] = (previous[0], max(previous[1], end), previous[2], frames[last])
            else:
                ranges.append((start, end, frames[first], frames[last]))
        return ranges

    def _track(self, number: int, start: int, end: int, smoothed: list[float]) -> Track:
        author = f"detector:{self.detector_id}"
        box = self._boxes[0] if self._boxes else Box(0.0, 0.0, 0.0, 0.0)
        inside = [index for index, frame in enumerate(self._frames) if start <= frame <= end]
        # About one stored sample per smoothing window keeps long ranges small in the project.
        stride = max(1, self.smoothing_frames // self.step)
        samples = [Sample(self._frames[index], box, round(smoothed[index], 4))
                   for index in inside[::stride]]
        track = Track(
            id=f"T{number:04d}",
            kind=self.kind,
            origin="auto",
            start_frame=start,
            end_frame=end,
            detector=self.detector_id,
            samples=samples,
            status="proposed",
            whole_frame=True,
            created_by=author,
        )
        scores = [smoothed[index] for index in inside]
        mean_score = sum(scores) / len(scores) if scores else 0.0
        track.record("propose", author, start, end,
                     detail=f"{len(inside)} samples, mean score {mean_score:.3f}")
        return track

    def _flags(self, start: int, end: int, core_start: int, core_end: int, last_frame: int,
               uncertain: list[bool]) -> list[ReviewFlag]:
        flags: list[ReviewFlag] = []
        if start > 0:
            flags.append(ReviewFlag(start, min(end, core_start + self.step), "transition"))
        if end < last_frame:
            flags.append(ReviewFlag(max(start, core_end - self.step), end, "transition"))

        run: list[int] = []
        for frame, doubtful in [*zip(self._frames, uncertain, strict=True), (None, False)]:
            if frame is not None and doubtful and start <= frame <= end:
                run.append(frame)
                continue
            if run:
                flags.append(ReviewFlag(run[0], run[-1], "transition"))
            run = []
        return flags


class StaticZoneBuilder:
    """Group region detections on sampled frames into zones, and hold static zones throughout.

    Made for burned-in overlays, which stay in place: the detector runs every
    ``step`` frames and on the first frame after each camera cut. Detections
    that overlap (by at least half of the smaller box) join the same zone, and
    a zone's box is the union of its detections, so a clock whose text changes
    width stays covered. A zone seen on at least ``static_min_samples`` samples,
    and on at least ``static_share`` of the samples between its first and last
    sighting, is static and covers the whole media. Any other zone covers the
    frames from just after the sample before its first sighting to just before
    the sample after its last one.
    """

    def __init__(
        self,
        kind: str,
        detector_id: str,
        *,
        step: int,
        static_min_samples: int = 2,
        static_share: float = 0.5,
        min_overlap: float = 0.5,
    ) -> None:
        if step < 1 or static_min_samples < 1:
            raise ValueError(f"step {step} and static_min_samples {static_min_samples} must be >= 1")
        if not 0.0 < static_share <= 1.0 or not 0.0 < min_overlap <= 1.0:
            raise ValueError(f"static_share {static_share} and min_overlap {min_overlap} "
                             "must be in (0, 1]")
        self.kind = kind
        self.detector_id = detector_id
        self.step = step
        self.static_min_samples = static_min_samples
        self.static_share = static_share
        self.min_overlap = min_overlap

        self._last_wanted: int | None = None
        self._sampled: list[int] = []  # frames whose results arrived
        self._zones: list[_Zone] = []

    def params(self) -> dict[str, object]:
        return {
            "step": self.step,
            "static_min_samples": self.static_min_samples,
            "static_share": self.static_share,
            "min_overlap": self.min_overlap,
        }

    def wants(self, frame: int, shot_change: bool) -> bool:
        wanted = self._last_wanted is None or shot_change or frame - self._last_wanted >= self.step
        if wanted:
            self._last_wanted = frame
        return wanted

    def add(self, frame: int, detections: list[Detection]) -> None:
        self._sampled.append(frame)
        for detection in detections:
            zone = self._zone_for(detection.box)
            if zone is None:
                zone = _Zone(detection.box)
                self._zones.append(zone)
            zone.observe(frame, detection)

    def finish(self, frame_total: int, first_track_number: int) -> list[Track]:
        last_frame = max([frame_total - 1, *self._sampled])
        zones = sorted(self._zones, key=lambda zone: (zone.frames[0], zone.box.y, zone.box.x))
        return [self._track(zone, first_track_number + position, last_frame)
                for position, zone in enumerate(zones)]

    def _zone_for(self, box: Box) -> _Zone | None:
        best: _Zone | None = None
        best_overlap = self.min_overlap
        for zone in self._zones:
            overlap = _overlap_of_smaller(zone.box, box)
            if overlap >= best_overlap:
                best, best_overlap = zone, overlap
        return best

    def _track(self, zone: _Zone, number: int, last_frame: int) -> Track:
        first_seen, last_seen = zone.frames[0], zone.frames[-1]
        first_index = bisect.bisect_left(self._sampled, first_seen)
        last_index = bisect.bisect_left(self._sampled, last_seen)
        samples_spanned = last_index - first_index + 1
        seen = len(set(zone.frames))
        static = (seen >= self.static_min_samples
                  and seen >= self.static_share * samples_spanned)

        if static:
            start, end, hold = 0, last_frame, last_frame + 1
        else:
            start = self._sampled[first_index - 1] + 1 if first_index > 0 else 0
            end = last_seen
            following = self._sampled[last_index + 1] if last_index + 1 < len(self._sampled) else None
            hold = (following - 1 - last_seen) if following is not None else last_frame - last_seen
            hold = max(hold, first_seen - start)

        author = f"detector:{self.detector_id}"
        # Every sample carries the zone's union box, so the mask never shrinks between samples.
        samples = [Sample(frame, zone.box, score) for frame, score in zone.best_scores()]
        track = Track(
            id=f"T{number:04d}",
            kind=self.kind,
            origin="auto",
            start_frame=start,
            end_frame=end,
            detector=self.detector_id,
            samples=samples,
            status="proposed",
            hold_frames=hold,
            created_by=author,
        )
        category = zone.category() or self.kind
        kind_of_zone = "static" if static else "transient"
        track.record("propose", author, start, end,
                     detail=f"{kind_of_zone} zone, category {category}, seen on {seen} of "
                            f"{samples_spanned} samples")
        return track


class _Zone:
    """Detections of one place on the frame, over the samples that saw something there."""

    def __init__(self, box: Box) -> None:
        self.box = box
        self.frames: list[int] = []
        self.scores: list[float] = []
        self.categories: set[str] = set()

    def observe(self, frame: int, detection: Detection) -> None:
        self.box = self.box.union(detection.box)
        self.frames.append(frame)
        self.scores.append(float(detection.score))
        if detection.category:
            self.categories.add(detection.category)

    def best_scores(self) -> list[tuple[int, float]]:
        best: dict[int, float] = {}
        for frame, score in zip(self.frames, self.scores, strict=True):
            best[frame] = max(score, best.get(frame, 0.0))
        return sorted(best.items())

    def category(self) -> str:
        """Return the most sensitive category seen, "identifier" before any other."""
        if "identifier" in self.categories:
            return "identifier"
        return min(self.categories, default="")


def _overlap_of_smaller(first: Box, second: Box) -> float:
    """Return the intersection area over the area of the smaller box."""
    overlap_w = max(0.0, min(first.x + first.w, second.x + second.w) - max(first.x, second.x))
    overlap_h = max(0.0, min(first.y + first.h, second.y + second.h) - max(first.y, second.y))
    smaller = min(first.w * first.h, second.w * second.h)
    return overlap_w * overlap_h / smaller if smaller > 0 else 0.0
