"""Run a detector over a media from the vault and store its proposals in the case project."""

from __future__ import annotations

import logging

from app.jobs import CancelToken, ProgressCallback, no_progress
from app.media.decode import iter_rgb_frames, open_container
from app.project.model import DetectorRun, Track
from app.vault import Vault

log = logging.getLogger(__name__)


def analyse_media(vault: Vault, media_id: str, detector_id: str = "face",
                  threshold: float | None = None, progress: ProgressCallback = no_progress,
                  cancel: CancelToken | None = None) -> tuple[list[Track], DetectorRun]:
    """Detect, link into tracks, and save: earlier automatic tracks of this detector are replaced.

    Manual tracks and every track a person already decided on (accepted,
    rejected, edited) are kept. The project is saved only after the whole media
    was analysed, so a failed or cancelled run leaves the project as it was.
    """
    from app.detection.analyze import analyze_frames
    from app.detection.registry import load_detector

    options = {} if threshold is None else {"threshold": threshold}
    detector = load_detector(detector_id, **options)
    record = vault.media(media_id)
    project = vault.load_project(record.case_id)
    media = project.media[media_id]

    kept = [track for track in media.tracks if track.detector != detector_id or _decided(track)]
    numbers = [int(track.id[1:]) for track in media.tracks if track.id[1:].isdigit()]
    first_number = (max(numbers) + 1) if numbers else 1

    reader = vault.open_media(media_id, purpose="analyse")
    container = open_container(reader, media_id)
    try:
        tracks, run = analyze_frames(iter_rgb_frames(container, media_id), media.frame_count,
                                     detector, vault.user.id, first_number, progress, cancel)
    finally:
        container.close()
        reader.close()

    if run.frames_analyzed and run.frames_analyzed != media.frame_count:
        log.info("media %s: %d frames decoded, %d counted at import; using the decoded count",
                 media_id, run.frames_analyzed, media.frame_count)
        media.frame_count = run.frames_analyzed
        run.frames_total = run.frames_analyzed
    media.tracks = kept + tracks
    media.runs.append(run)
    vault.save_project(project)
    vault.journal("media.analysed", media_id, f"detector={detector_id} tracks={len(tracks)}")
    return tracks, run


def _decided(track: Track) -> bool:
    return any(decision.action != "propose" for decision in track.history)
