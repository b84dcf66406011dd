"""Interface shared by detector plugins: one detection, the detector protocol, and track builders.

A plain detector only implements ``Detector``: the analysis then runs it on
every frame and links its detections into tracks with ``TrackLinker``. A
detector that also implements ``BuildsTracks`` chooses the frames it sees and
turns its own results into tracks, which lets a slow detector sample frames or
a whole-frame detector smooth its scores over time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from app.project.model import Box, Track


@dataclass(frozen=True)
class Detection:
    """One region found on one frame, in source pixels, with the detector's confidence (0..1).

    ``kind`` overrides the detector's kind for detectors that find several kinds
    (a user model finding persons and screens). ``category`` is a finer class
    within the kind, such as "identifier" for overlay text; it must never hold
    recognised text.
    """

    box: Box
    score: float
    kind: str | None = None
    category: str = ""


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


@runtime_checkable
class TrackBuilder(Protocol):
    """Per-run state that picks the frames a detector sees and turns its results into tracks.

    The analysis calls ``wants`` once for every frame in order, then ``add`` for
    each wanted frame the detector processed, in order, and ``finish`` once.
    A wanted frame on which the detector failed gets no ``add`` call. Results
    arrive in batches, so ``add`` may come after ``wants`` has seen later
    frames; a builder may set an integer ``max_batch`` attribute to limit that
    delay (1 delivers each result before the next ``wants``).
    """

    def wants(self, frame: int, shot_change: bool) -> bool:
        """Tell whether the detector should run on ``frame``; ``shot_change`` marks a camera cut."""
        ...

    def add(self, frame: int, detections: list[Detection]) -> None:
        """Take the detector's results for one wanted frame."""
        ...

    def finish(self, frame_total: int, first_track_number: int) -> list[Track]:
        """Return the proposed tracks, numbered from ``first_track_number``."""
        ...

    def params(self) -> dict[str, object]:
        """Return the settings that shape the tracks, recorded with the analysis run."""
        ...


@runtime_checkable
class BuildsTracks(Protocol):
    """A detector that provides its own ``TrackBuilder`` instead of per-frame linking."""

    def track_builder(self, frame_total: int, fps: float) -> TrackBuilder:
        """Create the builder for one analysis run over ``frame_total`` frames at ``fps``."""
        ...
