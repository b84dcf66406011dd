"""Interface shared by detector plugins: one detection, and the protocol a detector implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from app.project.model import Box


@dataclass(frozen=True)
class Detection:
    """One region found on one frame, in source pixels, with the detector's confidence (0..1)."""

    box: Box
    score: float


@runtime_checkable
class Detector(Protocol):
    """A detector plugin, registered under the ``voile.detectors`` entry-point group.

    ``version`` is the plugin's own version. Bump it whenever the detections it
    returns for the same frame change, so each analysis run records which output it used.
    """

    id: str  # entry-point name, e.g. "face"
    name: str  # human name, e.g. "CenterFace"
    version: str
    kind: str  # kind of the tracks it produces, e.g. "face"
    threshold: float
    model_sha256: str

    def detect(self, frame_rgb: np.ndarray) -> list[Detection]:
        """Detect regions on one HxWx3 uint8 RGB frame of any size."""
        ...

    def detect_batch(self, frames: list[np.ndarray]) -> list[list[Detection]]:
        """Detect regions on frames of the same size and return one list per frame, in order."""
        ...

    def params(self) -> dict[str, object]:
        """Return the settings that shape the output, recorded with each analysis run."""
        ...
