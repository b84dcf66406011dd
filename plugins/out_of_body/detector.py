"""Out-of-body frames from a tissue-colour signal inside the scope's field of view, and faces.

No pretrained out-of-body model can be used offline, so each sampled frame gets
a cheap score. Inside the patient the lit part of the image (the scope's round
field of view, without its black border) is dominated by saturated red, pink
and orange tissue, with almost no blue or green and little grey. In the room
there are drapes, gowns, walls and screens. A close-up of a face can look like
tissue, so a face found on the frame makes it out-of-body whatever its colours.
The analysis smooths the scores over time, pads each out-of-body range with a
safety margin and flags its edges for review (``WholeFrameRangeBuilder``).

The score is 1 - tissue x (1 - cool) x (1 - grey), where each factor maps a
pixel share to 0..1. The breakpoints come from four public clips: a
laparoscopy (tissue share 0.87 to 0.94, blue-green 0 to 0.001, grey 0.01 to
0.04), stage footage (tissue up to 0.90 but blue-green 0.014 and more), a
talking head (tissue 0.39 to 0.50, grey 0.32 to 0.37) and a robotic
out-of-body frame (tissue 0.15).
"""

from __future__ import annotations

import logging

import cv2
import numpy as np

from app.detection.base import Detection, TrackBuilder
from app.detection.builders import WholeFrameRangeBuilder
from app.errors import DetectorError
from app.project.model import Box
from plugins.faces.centerface import CenterFaceDetector

logger = logging.getLogger(__name__)

ANALYSIS_WIDTH = 160  # pixels across the thumbnail the colour score is computed on
LIT_VALUE = 40  # HSV value (0..255) above which a pixel is inside the field of view
MIN_LIT_SHARE = 0.05  # below this the frame is too dark to judge
# Score of a frame too dark to judge. It sits in the default review band, so the
# analysis masks dark stretches and flags them, but below the default threshold, so
# the solid black of a masked frame does not count as out-of-body in an export check.
DARK_SCORE = 0.4
TISSUE_SATURATION = 70
COOL_SATURATION = 40
GREY_SATURATION = 40
TISSUE_SHARE_RANGE = (0.55, 0.85)  # tissue share mapped to 0..1
COOL_SHARE_RANGE = (0.0, 0.05)  # blue-green share mapped to 0..1
GREY_SHARE_RANGE = (0.10, 0.30)  # grey share mapped to 0..1
FACE_CATEGORY = "face_seen"


class OutOfBodyDetector:
    """Score each sampled frame for being outside the body (1) or inside it (0).

    ``detect`` returns one whole-frame detection per frame whose score is the
    out-of-body score, so frames at or above ``threshold`` count as found. The
    analysis samples every ``frame_step`` frames, smooths over ``smoothing_s``
    seconds, adds ``margin_s`` seconds before and after every range, and flags
    scores within ``review_band`` of the threshold. ``face_cue`` runs a small
    CenterFace pass on frames whose colours look like tissue.
    """

    id = "out_of_body"
    name = "Tissue colour and faces"
    version = "1.0"
    kind = "out_of_body"
    model_sha256 = ""

    def __init__(
        self,
        threshold: float = 0.5,
        margin_s: float = 1.0,
        smoothing_s: float = 1.0,
        review_band: float = 0.2,
        frame_step: int = 5,
        face_cue: bool = True,
        face_threshold: float = 0.5,
    ) -> None:
        checks = [
            ("threshold", threshold, 0.0 < threshold < 1.0, "0 < threshold < 1"),
            ("margin_s", margin_s, 0.0 <= margin_s <= 60.0, "0 <= margin_s <= 60"),
            ("smoothing_s", smoothing_s, 0.0 < smoothing_s <= 10.0, "0 < smoothing_s <= 10"),
            ("review_band", review_band, 0.0 <= review_band < min(threshold, 1 - threshold),
             "0 <= review_band < min(threshold, 1 - threshold)"),
            ("frame_step", frame_step, frame_step >= 1, "frame_step >= 1"),
            ("face_threshold", face_threshold, 0.0 < face_threshold < 1.0,
             "0 < face_threshold < 1"),
        ]
        for option, value, valid, allowed in checks:
            if not valid:
                raise DetectorError("detector.invalid_option", detector=self.id, option=option,
                                    value=value, allowed=allowed)

        self.threshold = float(threshold)
        self.margin_s = float(margin_s)
        self.smoothing_s = float(smoothing_s)
        self.review_band = float(review_band)
        self.frame_step = int(frame_step)
        self.face_threshold = float(face_threshold)
        self._faces: CenterFaceDetector | None = None
        if face_cue:
            self._faces = CenterFaceDetector(
                threshold=face_threshold, support_threshold=face_threshold, max_side=320,
                threads=1,
            )
            self.model_sha256 = self._faces.model_sha256

    def params(self) -> dict[str, object]:
        return {
            "margin_s": self.margin_s,
            "smoothing_s": self.smoothing_s,
            "review_band": self.review_band,
            "face_cue": self._faces is not None,
            "face_threshold": self.face_threshold,
            "analysis_width": ANALYSIS_WIDTH,
            "tissue_share_range": list(TISSUE_SHARE_RANGE),
            "cool_share_range": list(COOL_SHARE_RANGE),
            "grey_share_range": list(GREY_SHARE_RANGE),
        }

    def track_builder(self, frame_total: int, fps: float) -> TrackBuilder:
        return WholeFrameRangeBuilder(
            self.kind, self.id, step=self.frame_step, threshold=self.threshold,
            review_band=self.review_band,
            smoothing_frames=max(1, round(self.smoothing_s * fps)),
            margin_frames=round(self.margin_s * fps),
            override_categories=frozenset({FACE_CATEGORY}),
        )

    def detect(self, frame_rgb: np.ndarray) -> list[Detection]:
        return self.detect_batch([frame_rgb])[0]

    def detect_batch(self, frames: list[np.ndarray]) -> list[list[Detection]]:
        results = []
        for frame in frames:
            if frame.ndim != 3 or frame.shape[2] != 3 or frame.dtype != np.uint8:
                raise ValueError(f"expected an HxWx3 uint8 RGB frame, got {frame.shape} {frame.dtype}")
            height, width = frame.shape[:2]
            whole = Box(0.0, 0.0, float(width), float(height))
            score = colour_score(frame)

            if self._faces is not None and score < self.threshold:
                faces = [face for face in self._faces.detect(frame)
                         if face.score >= self.face_threshold]
                if faces:
                    best = max(face.score for face in faces)
                    results.append([Detection(whole, max(best, self.threshold),
                                              category=FACE_CATEGORY)])
                    continue
            results.append([Detection(whole, score)])
        return results


def colour_score(frame_rgb: np.ndarray) -> float:
    """Return the colour part of the out-of-body score of one RGB frame, from 0 to 1."""
    height, width = frame_rgb.shape[:2]
    thumb_height = max(1, round(height * ANALYSIS_WIDTH / width))
    small = cv2.resize(frame_rgb, (ANALYSIS_WIDTH, thumb_height), interpolation=cv2.INTER_AREA)
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    hue = hsv[..., 0]
    saturation = hsv[..., 1]
    value = hsv[..., 2]

    lit = value > LIT_VALUE
    lit_count = int(lit.sum())
    if lit_count < MIN_LIT_SHARE * lit.size:
        return DARK_SCORE

    # OpenCV hue runs 0..179: red wraps around 0, orange and yellow-orange reach 22.
    tissue = ((hue <= 22) | (hue >= 160)) & (saturation > TISSUE_SATURATION) & lit
    cool = (hue >= 35) & (hue <= 140) & (saturation > COOL_SATURATION) & lit
    grey = (saturation < GREY_SATURATION) & lit

    tissue_factor = _ramp(int(tissue.sum()) / lit_count, TISSUE_SHARE_RANGE)
    cool_factor = _ramp(int(cool.sum()) / lit_count, COOL_SHARE_RANGE)
    grey_factor = _ramp(int(grey.sum()) / lit_count, GREY_SHARE_RANGE)
    in_body = tissue_factor * (1.0 - cool_factor) * (1.0 - grey_factor)
    return 1.0 - in_body


def _ramp(value: float, bounds: tuple[float, float]) -> float:
    low, high = bounds
    return float(np.clip((value - low) / (high - low), 0.0, 1.0))
