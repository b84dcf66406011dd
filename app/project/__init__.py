"""The case project: a versioned document of tracks, decisions and edits, stored encrypted."""

from app.project.model import (
    SCHEMA_VERSION,
    Box,
    CaseProject,
    Decision,
    DetectorRun,
    Keyframe,
    MediaProject,
    RedactionStyle,
    Sample,
    Track,
)

__all__ = [
    "SCHEMA_VERSION",
    "Box",
    "CaseProject",
    "Decision",
    "DetectorRun",
    "Keyframe",
    "MediaProject",
    "RedactionStyle",
    "Sample",
    "Track",
]
