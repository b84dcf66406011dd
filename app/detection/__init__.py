"""Detection: the detector plugin interface, plugin discovery, track linking and analysis loops."""

from app.detection.analyze import analyze_frames, find_residual_faces
from app.detection.base import Detection, Detector
from app.detection.registry import available_detectors, failed_plugins, load_detector
from app.detection.tracking import TrackLinker

__all__ = [
    "Detection",
    "Detector",
    "TrackLinker",
    "analyze_frames",
    "available_detectors",
    "failed_plugins",
    "find_residual_faces",
    "load_detector",
]
