"""Checks before and after an export: complete analysis runs, reviewed failures, residual regions.

``check_analysis_complete`` fails closed: a media can be exported only when the
latest run of every required detector covered all its frames, and every frame
a detector could not process (its whole-frame "unanalysed" track) has a
person's decision. ``find_residual_in_export`` runs detectors again over a
written export, as the face check does, for kinds such as overlay text and
out-of-body frames.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from app.detection.analyze import UNANALYSED_KIND, find_residual_frames
from app.detection.registry import load_detector
from app.errors import ExportError
from app.jobs import CancelToken
from app.media.decode import iter_video_frames, open_container
from app.project.model import DetectorRun, MediaProject, Track

logger = logging.getLogger(__name__)

# The detectors whose runs an export requires unless the caller names others.
REQUIRED_DETECTORS: tuple[str, ...] = ("face",)
# A full analysis: faces, small faces, overlay text and out-of-body frames.
FULL_ANALYSIS: tuple[str, ...] = ("face", "face_small", "text", "out_of_body")


def latest_runs(media: MediaProject) -> dict[str, DetectorRun]:
    """Return the last run of each detector on ``media``, keyed by detector id."""
    runs: dict[str, DetectorRun] = {}
    for run in media.runs:
        runs[run.detector] = run
    return runs


def unreviewed_failed_frames(media: MediaProject) -> dict[str, list[int]]:
    """Return, per detector, the failed frames of its latest run that no person has decided on.

    A failed frame is reviewed once a person accepted or rejected (or edited)
    an "unanalysed" track of that detector covering it: accepting keeps the
    frame masked, rejecting shows it as it is.
    """
    pending: dict[str, list[int]] = {}
    for detector_id, run in latest_runs(media).items():
        if not run.failed_frames:
            continue
        reviewed = _reviewed_frames(media.tracks, detector_id)
        missing = [frame for frame in run.failed_frames if frame not in reviewed]
        if missing:
            pending[detector_id] = missing
    return pending


def check_analysis_complete(media: MediaProject,
                            required: Sequence[str] = REQUIRED_DETECTORS) -> None:
    """Raise ExportError unless the media's analysis allows an export (fail closed).

    Every detector in ``required`` needs a run that covered all frames, and
    the failed frames of every latest run need a person's decision.
    """
    runs = latest_runs(media)
    for detector_id in required:
        run = runs.get(detector_id)
        if run is None:
            raise ExportError("detector.run_missing", media_id=media.media_id,
                              detector=detector_id)
        if run.frames_analyzed < run.frames_total:
            raise ExportError("detector.run_incomplete", media_id=media.media_id,
                              detector=detector_id, missing=run.frames_total - run.frames_analyzed)

    pending = unreviewed_failed_frames(media)
    if pending:
        detector_id, frames = next(iter(pending.items()))
        count = sum(len(frames) for frames in pending.values())
        logger.warning("media %s: %d failed frames wait for review", media.media_id, count)
        raise ExportError("detector.failed_frames_unreviewed", media_id=media.media_id,
                          detector=detector_id, count=count, first_frame=frames[0])


def find_residual_in_export(
    path: Path,
    detector_ids: Sequence[str] = ("text", "out_of_body"),
    every_s: float = 1.0,
    cancel: CancelToken | None = None,
) -> dict[str, list[int]]:
    """Return, per detector, the export frames where it still finds something at its threshold.

    Checks one frame every ``every_s`` seconds of the export, and its last
    frame. Raises DetectorError as ``find_residual_frames`` does.
    """
    residual: dict[str, list[int]] = {}
    for detector_id in detector_ids:
        detector = load_detector(detector_id)
        container = open_container(str(path), "export")
        try:
            stream = container.streams.video[0]
            rate = float(stream.average_rate or 25)
            step = max(1, round(every_s * rate))
            frames = _every_nth(iter_video_frames(container, "export"), step)
            residual[detector_id] = find_residual_frames(frames, detector, cancel)
        finally:
            container.close()
    return residual


def _every_nth(frames: Iterator[tuple[int, object]], step: int) -> Iterator[tuple[int, np.ndarray]]:
    last: tuple[int, object] | None = None
    for index, frame in frames:
        last = (index, frame)
        if index % step == 0:
            last = None
            yield index, _rgb(frame)
    if last is not None:
        yield last[0], _rgb(last[1])


def _rgb(frame: object) -> np.ndarray:
    to_ndarray = getattr(frame, "to_ndarray", None)
    if to_ndarray is None:
        raise TypeError(f"cannot convert a {type(frame).__name__} to RGB")
    array: np.ndarray = to_ndarray(format="rgb24")
    return array


def _reviewed_frames(tracks: list[Track], detector_id: str) -> set[int]:
    reviewed: set[int] = set()
    for track in tracks:
        if track.kind != UNANALYSED_KIND or track.detector != detector_id:
            continue
        if any(decision.action != "propose" for decision in track.history):
            reviewed.update(range(track.start_frame, track.end_frame + 1))
    return reviewed
