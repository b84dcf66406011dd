"""Run detectors over a media from the vault and store their proposals in the case project."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from app.jobs import CancelToken, ProgressCallback, no_progress
from app.media.decode import iter_video_frames, open_container
from app.project.model import DetectorRun, MediaProject, Track
from app.vault import Vault

log = logging.getLogger(__name__)

# The detectors a full analysis runs, in one decoding pass: faces at working size,
# small faces at full resolution, burned-in overlay text and out-of-body frames.
DEFAULT_DETECTORS: tuple[str, ...] = ("face", "face_small", "text", "out_of_body")

DetectorChoice = Sequence[str] | Mapping[str, Mapping[str, object]]


def analyse_media(vault: Vault, media_id: str, detector_id: str = "face",
                  threshold: float | None = None, progress: ProgressCallback = no_progress,
                  cancel: CancelToken | None = None) -> tuple[list[Track], DetectorRun]:
    """Run one detector over a media and save its proposals (see ``analyse_media_with``)."""
    options: dict[str, object] = {} if threshold is None else {"threshold": threshold}
    [result] = analyse_media_with(vault, media_id, {detector_id: options}, progress, cancel)
    return result


def analyse_media_with(vault: Vault, media_id: str,
                       detectors: DetectorChoice = DEFAULT_DETECTORS,
                       progress: ProgressCallback = no_progress,
                       cancel: CancelToken | None = None) -> list[tuple[list[Track], DetectorRun]]:
    """Run several detectors in one decoding pass, link into tracks, and save, per detector.

    ``detectors`` lists detector ids, or maps each id to its options. Earlier
    automatic tracks of these detectors are replaced; manual tracks and every
    track a person already decided on (accepted, rejected, edited) are kept.
    The project is saved only after the whole media was analysed, so a failed
    or cancelled run leaves the project as it was.
    """
    from app.detection.analyze import analyze_media_frames
    from app.detection.registry import load_detector

    chosen = dict(detectors) if isinstance(detectors, Mapping) else {name: {} for name in detectors}
    loaded = [load_detector(detector_id, **dict(options)) for detector_id, options in chosen.items()]
    ids = {detector.id for detector in loaded} | set(chosen)

    record = vault.media(media_id)
    project = vault.load_project(record.case_id)
    media = project.media[media_id]
    kept = [track for track in media.tracks if track.detector not in ids or _decided(track)]
    first_number = _next_number(media)

    reader = vault.open_media(media_id, purpose="analyse")
    container = open_container(reader, media_id)
    try:
        results = analyze_media_frames(
            iter_video_frames(container, media_id), media.frame_count, loaded, vault.user.id,
            fps=media.fps if media.fps > 0 else 25.0, first_track_number=first_number,
            progress=progress, cancel=cancel,
        )
    finally:
        container.close()
        reader.close()

    new_tracks: list[Track] = []
    for tracks, run in results:
        if run.frames_analyzed and run.frames_analyzed != media.frame_count:
            log.info("media %s: %d frames decoded, %d counted at import; using the decoded count",
                     media_id, run.frames_analyzed, media.frame_count)
            media.frame_count = run.frames_analyzed
        run.frames_total = media.frame_count
        new_tracks.extend(tracks)
        media.runs.append(run)

    media.tracks = kept + new_tracks
    vault.save_project(project)
    for tracks, run in results:
        vault.journal("media.analysed", media_id,
                      f"detector={run.detector} tracks={len(tracks)} "
                      f"failed_frames={len(run.failed_frames)}")
    return results


def _next_number(media: MediaProject) -> int:
    numbers = [int(track.id[1:]) for track in media.tracks if track.id[1:].isdigit()]
    return (max(numbers) + 1) if numbers else 1


def _decided(track: Track) -> bool:
    return any(decision.action != "propose" for decision in track.history)
