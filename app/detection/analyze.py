"""Analysis of a media's frames with detectors: proposed tracks, and residual checks on exports.

One pass over the frames feeds every detector of the run. A detector that
implements ``BuildsTracks`` picks its frames and builds its own tracks; any
other detector sees every frame and its detections are linked by a
``TrackLinker``. Frames arrive as ``(frame_index, frame)`` pairs, decoded by
the caller, where a frame is an RGB array or a PyAV video frame; this module
never reads or writes files.

Failures are recorded, not skipped. When a detector raises on a frame, or
returns a wrong number of results, the frames it could not vouch for are
listed in ``DetectorRun.failed_frames`` and covered by a whole-frame
"unanalysed" track, so they are masked by default and export stays blocked
until a person has decided on them (see ``app.detection.verification``). A
detector that fails on every frame it was given raises ``DetectorError``.
The residual check on exports stops at the first failure instead, because an
unchecked frame of an export is not a clean one.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from app.detection.base import BuildsTracks, Detection, Detector, TrackBuilder
from app.detection.frames import AnalysisFrame, as_analysis_frame
from app.detection.tracking import TrackLinker
from app.errors import CancelledError, DetectorError
from app.jobs import CancelToken, ProgressCallback, no_progress
from app.project.model import DetectorRun, ReviewFlag, Track, utc_now

logger = logging.getLogger(__name__)

PROGRESS_STAGE = "analyze"
PROGRESS_EVERY = 8  # frames between two progress reports
UNANALYSED_KIND = "unanalysed"

# Shot-change test: mean absolute difference of consecutive 64x36 grey (luma)
# thumbnails, on the 0..255 scale. Measured on three public clips (stage
# footage, a talking head, a laparoscopy): camera cuts gave 23.4 to 25.7,
# while fast pans, head turns and a moving laparoscope stayed at or below 12.3.
SHOT_CHANGE_THRESHOLD = 17.0

FrameInput = Iterable[tuple[int, Any]]


def analyze_media_frames(
    frames: FrameInput,
    frame_total: int,
    detectors: list[Detector],
    user: str,
    *,
    fps: float = 25.0,
    first_track_number: int = 1,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    batch_size: int = 4,
) -> list[tuple[list[Track], DetectorRun]]:
    """Run every detector over one pass of ``frames`` and return (tracks, run) per detector.

    ``frame_total`` is the media's frame count, used for progress and recorded in
    each run. Track numbers continue from one detector to the next. Raises
    DetectorError when no frame arrives while ``frame_total`` is positive or a
    detector fails on every frame it was given, and CancelledError when
    ``cancel`` is set.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size {batch_size} must be >= 1")
    if not detectors:
        raise ValueError("analyze_media_frames needs at least one detector")
    if fps <= 0:
        raise ValueError(f"fps {fps} must be positive")

    started_at = utc_now()
    clock = time.perf_counter()
    passes = [_DetectorPass(detector, frame_total, fps, batch_size) for detector in detectors]
    shots = _ShotChangeDetector()
    seen = 0
    previous_index: int | None = None
    logger.info("analysis with detectors %s started on %d frames",
                ",".join(detector.id for detector in detectors), frame_total)

    for frame_index, raw in frames:
        if previous_index is not None and frame_index <= previous_index:
            raise ValueError(f"frame {frame_index} arrived after frame {previous_index}")
        previous_index = frame_index
        if cancel is not None:
            cancel.raise_if_cancelled()

        frame = as_analysis_frame(raw)
        shot_change = shots.is_cut(frame)
        for detector_pass in passes:
            detector_pass.feed(frame_index, frame, shot_change)

        seen += 1
        if seen % PROGRESS_EVERY == 0:
            progress(min(frame_index + 1, frame_total), frame_total, PROGRESS_STAGE)

    if cancel is not None:
        cancel.raise_if_cancelled()
    if seen == 0 and frame_total > 0:
        # An analysis that saw nothing must not pass for one that found nothing.
        logger.error("analysis received no frame of %d", frame_total)
        raise DetectorError("detector.no_frames", detector=detectors[0].id)

    results: list[tuple[list[Track], DetectorRun]] = []
    number = first_track_number
    for detector_pass in passes:
        detector_pass.flush()
        tracks, run = detector_pass.finish(frame_total, seen, number, user, started_at)
        number += len(tracks)
        results.append((tracks, run))
    progress(frame_total, frame_total, PROGRESS_STAGE)

    elapsed = time.perf_counter() - clock
    logger.info("analysis finished: %d frames in %.1f s (%.1f frames/s), %d shot changes",
                seen, elapsed, seen / elapsed if elapsed > 0 else 0.0, shots.cuts)
    return results


def analyze_frames(
    frames: FrameInput,
    frame_total: int,
    detector: Detector,
    user: str,
    first_track_number: int = 1,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    batch_size: int = 4,
    fps: float = 25.0,
) -> tuple[list[Track], DetectorRun]:
    """Run one detector over ``frames``, link its detections into proposed tracks, record the run.

    The same as ``analyze_media_frames`` with a single detector.
    """
    [result] = analyze_media_frames(
        frames, frame_total, [detector], user, fps=fps, first_track_number=first_track_number,
        progress=progress, cancel=cancel, batch_size=batch_size,
    )
    return result


def find_residual_frames(
    frames: FrameInput,
    detector: Detector,
    cancel: CancelToken | None = None,
    batch_size: int = 4,
) -> list[int]:
    """Return the indices of the frames on which ``detector`` finds something at its threshold.

    Used on a written export to verify its redaction; the caller chooses which
    frames to check. Raises DetectorError if the detector fails on a frame or
    receives no frame at all, because an unchecked frame is not a clean one.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size {batch_size} must be >= 1")

    residual: list[int] = []
    checked = 0
    for batch in _batches(frames, batch_size, cancel):
        results = _detect_batch(detector, batch)
        residual.extend(
            frame_index
            for (frame_index, _), detections in zip(batch, results, strict=True)
            if any(detection.score >= detector.threshold for detection in detections)
        )
        checked += len(batch)

    if checked == 0:
        logger.error("residual check with detector %s received no frame", detector.id)
        raise DetectorError("detector.no_frames", detector=detector.id)
    logger.info("residual check with detector %s: %d of %d frames still have detections",
                detector.id, len(residual), checked)
    return residual


def find_residual_faces(
    frames: FrameInput,
    detector: Detector,
    cancel: CancelToken | None = None,
    batch_size: int = 4,
) -> list[int]:
    """Return the indices of the frames on which the face ``detector`` still finds a face."""
    return find_residual_frames(frames, detector, cancel, batch_size)


class _EveryFrameBuilder:
    """The builder of plain detectors: every frame, linked by a ``TrackLinker`` with its defaults."""

    def __init__(self, detector: Detector) -> None:
        self._linker = TrackLinker(detector.kind, detector.id)
        self._pending_cuts: deque[int] = deque()

    def params(self) -> dict[str, object]:
        return {"linking": self._linker.params()}

    def wants(self, frame: int, shot_change: bool) -> bool:
        if shot_change:
            self._pending_cuts.append(frame)
        return True

    def add(self, frame: int, detections: list[Detection]) -> None:
        # Results come in batches, after ``wants`` has seen later frames and their cuts.
        cut = False
        while self._pending_cuts and self._pending_cuts[0] <= frame:
            self._pending_cuts.popleft()
            cut = True
        if cut:
            self._linker.close_open_tracks()
        self._linker.add(frame, detections)

    def finish(self, frame_total: int, first_track_number: int) -> list[Track]:
        tracks = self._linker.finish()
        for position, track in enumerate(tracks):
            track.id = f"T{first_track_number + position:04d}"
        return tracks


class _DetectorPass:
    """One detector's share of an analysis pass: its builder, pending batch and failures."""

    def __init__(self, detector: Detector, frame_total: int, fps: float, batch_size: int) -> None:
        self.detector = detector
        self.builder: TrackBuilder
        if isinstance(detector, BuildsTracks):
            self.builder = detector.track_builder(frame_total, fps)
        else:
            self.builder = _EveryFrameBuilder(detector)
        # A builder that picks its next frame from the last results needs them at once.
        self.batch_size = min(batch_size, int(getattr(self.builder, "max_batch", batch_size)))
        self._batch: list[tuple[int, AnalysisFrame]] = []
        self._processed: list[int] = []
        self._failed: list[int] = []
        self._last_error = ""

    def feed(self, frame_index: int, frame: AnalysisFrame, shot_change: bool) -> None:
        if not self.builder.wants(frame_index, shot_change):
            return
        if self._batch:
            first = self._batch[0][1]
            if len(self._batch) >= self.batch_size or (frame.width, frame.height) != (
                    first.width, first.height):
                self.flush()
        self._batch.append((frame_index, frame))

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        found = self._detect_or_none(batch)
        results: list[list[Detection] | None]
        if found is not None:
            results = list(found)
        elif len(batch) > 1:
            # Find the frames that fail on their own, so one bad frame does not cost its batch.
            results = [self._detect_one(frame_index, frame) for frame_index, frame in batch]
        else:
            results = [None]

        for (frame_index, _), detections in zip(batch, results, strict=True):
            if detections is None:
                self._failed.append(frame_index)
                continue
            self._processed.append(frame_index)
            self.builder.add(frame_index, detections)

    def finish(self, frame_total: int, seen: int, first_number: int, user: str,
               started_at: str) -> tuple[list[Track], DetectorRun]:
        detector = self.detector
        if self._failed and not self._processed:
            logger.error("detector %s failed on all %d frames it was given", detector.id,
                         len(self._failed))
            raise DetectorError(
                "detector.frame_failed", detector=detector.id, first_frame=self._failed[0],
                last_frame=self._failed[-1], error=self._last_error,
            )

        tracks = self.builder.finish(seen, first_number)
        unanalysed = self._unanalysed_ranges(seen)
        tracks.extend(
            self._unanalysed_track(start, end, first_number + len(tracks) + position)
            for position, (start, end) in enumerate(unanalysed)
        )
        failed_frames = [frame for start, end in unanalysed for frame in range(start, end + 1)]
        if failed_frames:
            logger.warning("detector %s could not analyse %d frames in %d ranges", detector.id,
                           len(failed_frames), len(unanalysed))

        run = DetectorRun(
            detector=detector.id,
            name=detector.name,
            version=detector.version,
            threshold=detector.threshold,
            model_sha256=detector.model_sha256,
            params={**detector.params(), **self.builder.params(),
                    "frames_sampled": len(self._processed) + len(self._failed)},
            user=user,
            started_at=started_at,
            finished_at=utc_now(),
            frames_total=frame_total,
            frames_analyzed=seen,
            failed_frames=failed_frames,
        )
        logger.info("detector %s: %d frames sampled, %d tracks", detector.id,
                    len(self._processed), len(tracks))
        return tracks, run

    def _detect_or_none(self, batch: list[tuple[int, AnalysisFrame]]) -> list[list[Detection]] | None:
        try:
            return _detect_batch(self.detector, batch)
        except DetectorError as error:
            self._last_error = str(error.params.get("error", "bad_output"))
            return None

    def _detect_one(self, frame_index: int, frame: AnalysisFrame) -> list[Detection] | None:
        results = self._detect_or_none([(frame_index, frame)])
        return None if results is None else results[0]

    def _unanalysed_ranges(self, seen: int) -> list[tuple[int, int]]:
        """Merge the frames no successful sample vouches for around each failed one."""
        if not self._failed:
            return []
        processed = sorted(self._processed)
        ranges: list[tuple[int, int]] = []
        for failed in sorted(self._failed):
            position = int(np.searchsorted(processed, failed))
            start = processed[position - 1] + 1 if position > 0 else 0
            end = processed[position] - 1 if position < len(processed) else max(seen - 1, failed)
            if ranges and start <= ranges[-1][1] + 1:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
            else:
                ranges.append((start, end))
        return ranges

    def _unanalysed_track(self, start: int, end: int, number: int) -> Track:
        author = f"detector:{self.detector.id}"
        track = Track(
            id=f"T{number:04d}",
            kind=UNANALYSED_KIND,
            origin="auto",
            start_frame=start,
            end_frame=end,
            detector=self.detector.id,
            whole_frame=True,
            status="proposed",
            created_by=author,
            review=[ReviewFlag(start, end, "unanalysed")],
        )
        track.record("propose", author, start, end,
                     detail=f"detector failed ({self._last_error or 'error'})")
        return track


def _batches(
    frames: FrameInput, batch_size: int, cancel: CancelToken | None
) -> Iterator[list[tuple[int, AnalysisFrame]]]:
    """Group consecutive frames of one size into batches, checking ``cancel`` before each."""
    batch: list[tuple[int, AnalysisFrame]] = []
    previous_index: int | None = None

    for frame_index, raw in frames:
        if previous_index is not None and frame_index <= previous_index:
            raise ValueError(f"frame {frame_index} arrived after frame {previous_index}")
        previous_index = frame_index
        frame = as_analysis_frame(raw)

        if batch:
            first = batch[0][1]
            if len(batch) == batch_size or (frame.width, frame.height) != (first.width, first.height):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                yield batch
                batch = []
        batch.append((frame_index, frame))

    if batch:
        if cancel is not None:
            cancel.raise_if_cancelled()
        yield batch


def _detect_batch(detector: Detector, batch: list[tuple[int, AnalysisFrame]]) -> list[list[Detection]]:
    """Run the detector on one batch; raise DetectorError on a failure or a wrong result count."""
    first_frame = batch[0][0]
    last_frame = batch[-1][0]
    try:
        results = detector.detect_batch([frame.rgb() for _, frame in batch])
    except CancelledError:
        raise
    except Exception as exc:
        # A plugin may raise any exception; the caller records or stops (fail closed).
        logger.exception("detector %s failed on frames %d-%d", detector.id, first_frame, last_frame)
        raise DetectorError(
            "detector.frame_failed",
            detector=detector.id,
            first_frame=first_frame,
            last_frame=last_frame,
            error=type(exc).__name__,
        ) from exc

    if len(results) != len(batch):
        logger.error("detector %s returned %d results for %d frames", detector.id, len(results),
                     len(batch))
        raise DetectorError(
            "detector.bad_output", detector=detector.id, first_frame=first_frame,
            last_frame=last_frame,
        )
    return results


class _ShotChangeDetector:
    """Flags a camera cut when a frame's thumbnail differs strongly from the previous one."""

    def __init__(self) -> None:
        self._previous: np.ndarray | None = None
        self._previous_size: tuple[int, int] | None = None
        self.cuts = 0

    def is_cut(self, frame: AnalysisFrame) -> bool:
        thumbnail = frame.thumbnail()
        size = (frame.width, frame.height)
        previous, self._previous = self._previous, thumbnail
        previous_size, self._previous_size = self._previous_size, size
        if previous is None:
            return False
        if previous_size != size:
            self.cuts += 1
            return True

        difference = float(np.abs(thumbnail - previous).mean())
        if difference > SHOT_CHANGE_THRESHOLD:
            self.cuts += 1
            return True
        return False
