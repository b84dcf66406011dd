"""Linking of per-frame detections into tracks.

Matching is greedy: every pair of an open track and a new detection gets an
affinity, and pairs are taken from the strongest down. A pair matches when the
detection overlaps the track's last or predicted box (IoU), or, for fast motion
where boxes no longer overlap, when its centre is close to the predicted centre
and its size is similar. Frames between two observations of a track are
interpolated by ``Track.box_at``, and ``hold_frames`` keeps the last box after
the last observation, so a missed detection does not uncover a face.

The linker is biased to recall: a spurious track costs a reviewer one click,
while a dropped one may leave a face visible.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

from app.detection.base import Detection
from app.project.model import Box, Sample, Track

logger = logging.getLogger(__name__)

# A detection whose centre is within this many face sizes (square root of the
# box area) of the predicted centre may continue a track even without overlap.
MAX_CENTRE_DISTANCE = 0.5
# ... provided the two boxes' linear sizes differ by at most this factor.
MAX_SIZE_RATIO = 1.6
# Weight of the newest motion step in the smoothed velocity.
VELOCITY_SMOOTHING = 0.5


@dataclass
class _OpenTrack:
    serial: int  # creation order, used for stable numbering
    samples: list[Sample] = field(default_factory=list)
    velocity_x: float = 0.0  # centre motion in pixels per frame
    velocity_y: float = 0.0

    @property
    def last(self) -> Sample:
        return self.samples[-1]

    def predicted_box(self, frame: int) -> Box:
        """Extrapolate the last box to ``frame`` at the smoothed velocity, keeping its size."""
        box = self.last.box
        elapsed = frame - self.last.frame
        shift_x = self.velocity_x * elapsed
        shift_y = self.velocity_y * elapsed
        return Box(box.x + shift_x, box.y + shift_y, box.w, box.h)

    def append(self, sample: Sample) -> None:
        previous = self.last
        elapsed = sample.frame - previous.frame
        step_x = (_centre(sample.box)[0] - _centre(previous.box)[0]) / elapsed
        step_y = (_centre(sample.box)[1] - _centre(previous.box)[1]) / elapsed
        if len(self.samples) == 1:
            self.velocity_x, self.velocity_y = step_x, step_y
        else:
            keep = 1.0 - VELOCITY_SMOOTHING
            self.velocity_x = keep * self.velocity_x + VELOCITY_SMOOTHING * step_x
            self.velocity_y = keep * self.velocity_y + VELOCITY_SMOOTHING * step_y
        self.samples.append(sample)


class TrackLinker:
    """Links per-frame detections into proposed ``Track`` objects of one kind.

    Feed frames in increasing order with ``add``, call ``close_open_tracks`` at a
    camera cut, then ``finish`` once. A track stays open for ``max_gap`` frames
    without a match. A track with fewer than ``min_frames`` detections is dropped
    only when its mean score is also below ``short_track_min_score``. That bar is
    meant to sit just above the detector threshold, and 0 keeps every track.
    """

    def __init__(
        self,
        kind: str,
        detector_id: str,
        first_track_number: int = 1,
        iou_threshold: float = 0.2,
        max_gap: int = 12,
        hold_frames: int = 12,
        *,
        min_frames: int = 3,
        short_track_min_score: float = 0.45,
    ) -> None:
        if not 0.0 < iou_threshold <= 1.0:
            raise ValueError(f"iou_threshold {iou_threshold} is outside (0, 1]")
        if max_gap < 0 or hold_frames < 0 or min_frames < 1:
            raise ValueError(
                f"max_gap {max_gap} and hold_frames {hold_frames} must be >= 0, "
                f"min_frames {min_frames} >= 1"
            )
        if first_track_number < 1:
            raise ValueError(f"first_track_number {first_track_number} must be >= 1")

        self.kind = kind
        self.detector_id = detector_id
        self.first_track_number = first_track_number
        self.iou_threshold = iou_threshold
        self.max_gap = max_gap
        self.hold_frames = hold_frames
        self.min_frames = min_frames
        self.short_track_min_score = short_track_min_score

        self._open: list[_OpenTrack] = []
        self._closed: list[_OpenTrack] = []
        self._next_serial = 0
        self._last_frame: int | None = None
        self._finished = False

    def params(self) -> dict[str, object]:
        """Return the linking settings, to be recorded next to the detector's."""
        return {
            "iou_threshold": self.iou_threshold,
            "max_gap": self.max_gap,
            "hold_frames": self.hold_frames,
            "min_frames": self.min_frames,
            "short_track_min_score": self.short_track_min_score,
            "max_centre_distance": MAX_CENTRE_DISTANCE,
            "max_size_ratio": MAX_SIZE_RATIO,
        }

    def add(self, frame: int, detections: list[Detection]) -> None:
        """Extend open tracks with the detections of ``frame``; each unmatched one opens a track."""
        if self._finished:
            raise RuntimeError("TrackLinker.add called after finish")
        if self._last_frame is not None and frame <= self._last_frame:
            raise ValueError(f"frame {frame} is not after the previous frame {self._last_frame}")
        self._last_frame = frame

        self._close_stale(frame)
        matches = self._match(frame, detections)

        for detection_index, detection in enumerate(detections):
            sample = Sample(frame, detection.box, float(detection.score))
            track = matches.get(detection_index)
            if track is not None:
                track.append(sample)
            else:
                self._open.append(_OpenTrack(self._next_serial, [sample]))
                self._next_serial += 1

    def close_open_tracks(self) -> None:
        """Close every open track so later detections start new ones (call it at a camera cut)."""
        self._closed.extend(self._open)
        self._open = []

    def finish(self) -> list[Track]:
        """Close all tracks and return them as proposals, numbered in order of first frame."""
        if self._finished:
            raise RuntimeError("TrackLinker.finish called twice")
        self._finished = True
        self.close_open_tracks()

        kept_tracks = [track for track in self._closed if self._keep(track)]
        kept_tracks.sort(key=lambda track: (track.samples[0].frame, track.serial))
        dropped = len(self._closed) - len(kept_tracks)
        if dropped:
            logger.info("dropped %d short low-score %s tracks of %d", dropped, self.kind,
                        len(self._closed))

        return [
            self._to_track(track, self.first_track_number + position)
            for position, track in enumerate(kept_tracks)
        ]

    def _close_stale(self, frame: int) -> None:
        still_open = []
        for track in self._open:
            missed = frame - track.last.frame - 1
            if missed > self.max_gap:
                self._closed.append(track)
            else:
                still_open.append(track)
        self._open = still_open

    def _match(self, frame: int, detections: list[Detection]) -> dict[int, _OpenTrack]:
        """Pair detections with open tracks, strongest first; return detection index -> track."""
        candidates: list[tuple[float, int, int]] = []
        for track_index, track in enumerate(self._open):
            predicted = track.predicted_box(frame)
            for detection_index, detection in enumerate(detections):
                affinity = self._affinity(track.last.box, predicted, detection.box)
                if affinity is not None:
                    candidates.append((affinity, track_index, detection_index))

        candidates.sort(key=lambda candidate: -candidate[0])
        matches: dict[int, _OpenTrack] = {}
        used_tracks: set[int] = set()
        for _, track_index, detection_index in candidates:
            if track_index in used_tracks or detection_index in matches:
                continue
            used_tracks.add(track_index)
            matches[detection_index] = self._open[track_index]
        return matches

    def _affinity(self, last: Box, predicted: Box, box: Box) -> float | None:
        """Score how well ``box`` continues a track, or return ``None`` when it cannot.

        Overlap matches score above 1 and always rank before centre-distance ones.
        """
        overlap = max(last.iou(box), predicted.iou(box))
        if overlap >= self.iou_threshold:
            return 1.0 + overlap

        last_size = math.sqrt(max(last.w * last.h, 1e-9))
        size = math.sqrt(max(box.w * box.h, 1e-9))
        if max(size / last_size, last_size / size) > MAX_SIZE_RATIO:
            return None

        predicted_x, predicted_y = _centre(predicted)
        centre_x, centre_y = _centre(box)
        mean_size = (size + last_size) / 2
        distance = math.hypot(centre_x - predicted_x, centre_y - predicted_y) / mean_size
        if distance > MAX_CENTRE_DISTANCE:
            return None
        return 1.0 - distance

    def _keep(self, track: _OpenTrack) -> bool:
        if len(track.samples) >= self.min_frames:
            return True
        mean_score = sum(sample.score for sample in track.samples) / len(track.samples)
        return mean_score >= self.short_track_min_score

    def _to_track(self, open_track: _OpenTrack, number: int) -> Track:
        samples = open_track.samples
        author = f"detector:{self.detector_id}"
        track = Track(
            id=f"T{number:04d}",
            kind=self.kind,
            origin="auto",
            start_frame=samples[0].frame,
            end_frame=samples[-1].frame,
            detector=self.detector_id,
            samples=list(samples),
            status="proposed",
            hold_frames=self.hold_frames,
            created_by=author,
        )
        mean_score = sum(sample.score for sample in samples) / len(samples)
        track.record(
            "propose",
            author,
            track.start_frame,
            track.end_frame,
            detail=f"{len(samples)} detections, mean score {mean_score:.3f}",
        )
        return track


def _centre(box: Box) -> tuple[float, float]:
    return box.x + box.w / 2, box.y + box.h / 2
