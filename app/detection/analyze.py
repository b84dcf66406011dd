"""Analysis of a media's frames with a detector: proposed tracks, and residual checks on exports.

Both loops fail closed. If the detector raises on any frame, the job stops with
``DetectorError`` and returns nothing, because a partial result would look
complete to a reviewer. Frames arrive as ``(frame_index, RGB array)`` pairs,
decoded by the caller; this module never reads or writes files.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator

import cv2
import numpy as np

from app.detection.base import Detection, Detector
from app.detection.tracking import TrackLinker
from app.errors import CancelledError, DetectorError
from app.jobs import CancelToken, ProgressCallback, no_progress
from app.project.model import DetectorRun, Track, utc_now

logger = logging.getLogger(__name__)

PROGRESS_STAGE = "analyze"

# Shot-change test: mean absolute difference of consecutive 64x36 RGB thumbnails,
# on the 0..255 scale. Measured on three public clips (stage footage, a talking
# head, a laparoscopy): camera cuts gave 27.5 to 30, while fast pans, head turns
# and a moving laparoscope stayed at or below 14.4.
THUMBNAIL_SIZE = (64, 36)
SHOT_CHANGE_THRESHOLD = 20.0


def analyze_frames(
    frames: Iterable[tuple[int, np.ndarray]],
    frame_total: int,
    detector: Detector,
    user: str,
    first_track_number: int = 1,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    batch_size: int = 4,
) -> tuple[list[Track], DetectorRun]:
    """Run ``detector`` on every frame, link its detections into proposed tracks and record the run.

    ``frame_total`` is the media's frame count, used for progress and recorded in
    the run. ``frames`` may be a subset of the media, in increasing index order.
    Raises DetectorError if the detector fails on a frame or receives no frame
    while ``frame_total`` is positive, and CancelledError when ``cancel`` is set.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size {batch_size} must be >= 1")

    started_at = utc_now()
    clock = time.perf_counter()
    linker = TrackLinker(detector.kind, detector.id, first_track_number=first_track_number)
    shots = _ShotChangeDetector()
    analyzed = 0
    logger.info("analysis with detector %s %s started on %d frames", detector.id,
                detector.version, frame_total)

    for batch in _batches(frames, batch_size, cancel):
        results = _detect_batch(detector, batch)

        for (frame_index, frame), detections in zip(batch, results, strict=True):
            if shots.is_cut(frame):
                linker.close_open_tracks()
            linker.add(frame_index, detections)

        analyzed += len(batch)
        progress(min(batch[-1][0] + 1, frame_total), frame_total, PROGRESS_STAGE)

    if analyzed == 0 and frame_total > 0:
        # An analysis that saw nothing must not pass for one that found no face.
        logger.error("analysis with detector %s received no frame of %d", detector.id, frame_total)
        raise DetectorError("detector.no_frames", detector=detector.id)

    tracks = linker.finish()
    progress(frame_total, frame_total, PROGRESS_STAGE)

    run = DetectorRun(
        detector=detector.id,
        name=detector.name,
        version=detector.version,
        threshold=detector.threshold,
        model_sha256=detector.model_sha256,
        params={**detector.params(), "linking": linker.params()},
        user=user,
        started_at=started_at,
        finished_at=utc_now(),
        frames_total=frame_total,
        frames_analyzed=analyzed,
    )
    elapsed = time.perf_counter() - clock
    logger.info(
        "analysis with detector %s finished: %d frames in %.1f s (%.1f frames/s), %d tracks, "
        "%d shot changes",
        detector.id, analyzed, elapsed, analyzed / elapsed if elapsed > 0 else 0.0, len(tracks),
        shots.cuts,
    )
    return tracks, run


def find_residual_faces(
    frames: Iterable[tuple[int, np.ndarray]],
    detector: Detector,
    cancel: CancelToken | None = None,
    batch_size: int = 4,
) -> list[int]:
    """Return the indices of the frames on which ``detector`` still finds something.

    Used on a written export to verify its redaction. Raises DetectorError if the
    detector fails on a frame or receives no frame at all, because an unchecked
    frame is not a clean one.
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
            if detections
        )
        checked += len(batch)

    if checked == 0:
        logger.error("residual check with detector %s received no frame", detector.id)
        raise DetectorError("detector.no_frames", detector=detector.id)
    logger.info("residual check with detector %s: %d of %d frames still have detections",
                detector.id, len(residual), checked)
    return residual


def _batches(
    frames: Iterable[tuple[int, np.ndarray]], batch_size: int, cancel: CancelToken | None
) -> Iterator[list[tuple[int, np.ndarray]]]:
    """Group consecutive frames of one shape into batches, checking ``cancel`` before each."""
    batch: list[tuple[int, np.ndarray]] = []
    previous_index: int | None = None

    for frame_index, frame in frames:
        if previous_index is not None and frame_index <= previous_index:
            raise ValueError(f"frame {frame_index} arrived after frame {previous_index}")
        previous_index = frame_index

        if batch and (len(batch) == batch_size or frame.shape != batch[0][1].shape):
            if cancel is not None:
                cancel.raise_if_cancelled()
            yield batch
            batch = []
        batch.append((frame_index, frame))

    if batch:
        if cancel is not None:
            cancel.raise_if_cancelled()
        yield batch


def _detect_batch(detector: Detector, batch: list[tuple[int, np.ndarray]]) -> list[list[Detection]]:
    """Run the detector on one batch; raise DetectorError on a failure or a wrong result count."""
    first_frame = batch[0][0]
    last_frame = batch[-1][0]
    try:
        results = detector.detect_batch([frame for _, frame in batch])
    except CancelledError:
        raise
    except Exception as exc:
        # A plugin may raise any exception, and every one stops the job (fail closed).
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
        self._previous_shape: tuple[int, ...] | None = None
        self.cuts = 0

    def is_cut(self, frame: np.ndarray) -> bool:
        thumbnail = cv2.resize(frame, THUMBNAIL_SIZE, interpolation=cv2.INTER_AREA).astype(np.int16)
        previous, self._previous = self._previous, thumbnail
        previous_shape, self._previous_shape = self._previous_shape, frame.shape
        if previous is None:
            return False
        if previous_shape != frame.shape:
            self.cuts += 1
            return True

        difference = float(np.abs(thumbnail - previous).mean())
        if difference > SHOT_CHANGE_THRESHOLD:
            self.cuts += 1
            return True
        return False
