"""Detection: the detector plugin interface, plugin discovery, track building and analysis loops."""

from app.detection.analyze import (
    UNANALYSED_KIND,
    analyze_frames,
    analyze_media_frames,
    find_residual_faces,
    find_residual_frames,
)
from app.detection.base import BuildsTracks, Detection, Detector, TrackBuilder
from app.detection.builders import LinkedTrackBuilder, StaticZoneBuilder, WholeFrameRangeBuilder
from app.detection.registry import available_detectors, failed_plugins, load_detector
from app.detection.tracking import TrackLinker

__all__ = [
    "UNANALYSED_KIND",
    "BuildsTracks",
    "Detection",
    "Detector",
    "LinkedTrackBuilder",
    "StaticZoneBuilder",
    "TrackBuilder",
    "TrackLinker",
    "WholeFrameRangeBuilder",
    "analyze_frames",
    "analyze_media_frames",
    "available_detectors",
    "failed_plugins",
    "find_residual_faces",
    "find_residual_frames",
    "load_detector",
]
