"""Burned-in overlay text, found with the PP-OCR text detector shipped inside ``rapidocr``.

Endoscopy towers and recorders print the patient's name, birth date, record
number, and the date and time over the picture. The text detector finds every
line of text on sampled frames, and the analysis keeps every overlay zone that
stays in place masked for the whole media (``StaticZoneBuilder``). Each line found may be
read by the recogniser only to sort it into a category ("identifier" for
dates, times, numbers and labels such as "IPP", "text" otherwise). The
recognised text stays in a local variable of ``_classify``: it is never
returned, stored, logged or written.

``rapidocr`` 3.x ships its ONNX models inside its wheel but downloads a model
when it is given no path. Every model path is set here explicitly, so it never
opens a network connection.
"""

from __future__ import annotations

import hashlib
import logging
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from app.detection.base import Detection, TrackBuilder
from app.detection.builders import StaticZoneBuilder
from app.errors import DetectorError
from app.project.model import Box

logger = logging.getLogger(__name__)

DETECTION_MODEL = "PP-OCRv6_det_small.onnx"
RECOGNITION_MODEL = "PP-OCRv6_rec_small.onnx"
ORIENTATION_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"  # set so it is never downloaded
MAX_UPSCALE = 3.0
# On the robotic overlay sample (590 lines, text 5 to 7 pixels high) the detector found
# 2 of 4 lines at the original size and all 4 at twice the size.
SMALL_FRAME_SHORT_SIDE = 1152
# The detector misses small text on large inputs: on that sample enlarged to 2112 pixels
# across it found 1 line of 4, and all 4 on tiles about 1000 pixels wide. Larger frames
# are therefore cut into overlapping tiles of at most TILE_SIDE pixels.
TILE_SIDE = 1280
TILE_OVERLAP = 160
# On a laparoscopy the detector boxed specular highlights as text: blobs 20 % of the
# frame high and narrower than high. Overlay lines are a few percent of the frame high,
# so a box taller than MAX_BLOCK_HEIGHT of the frame is kept only when it is at least
# MIN_BLOCK_WIDTH_RATIO times as wide as high, as a line of large text is.
MAX_BLOCK_HEIGHT = 0.12
MIN_BLOCK_WIDTH_RATIO = 2.0
# Identifiers on overlays: a date such as 12/03/1961 or 2024-05-02, a time such as
# 14:03:27, any run of 4 digits or more, and the labels that introduce them.
_DATE = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}")
_TIME = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}")
_LONG_NUMBER = re.compile(r"\d{4,}")
_LABELS = re.compile(
    r"\b(ipp|nip|nda|id|pid|mrn|dob|ddn|n[ée]e?|nom|name|patient|date|age|âge|sexe|sex)\b",
    re.IGNORECASE,
)


class OverlayTextDetector:
    """Find lines of text with the PP-OCR detector, on frames resized to ``text_side`` pixels.

    Frames are scaled so that their longest side is ``text_side`` pixels (at
    most ``MAX_UPSCALE`` times larger), because the detector misses text lower
    than about 9 pixels. The analysis samples one frame every ``interval_s``
    seconds and the first frame after each camera cut. ``box_threshold`` is the
    detector's minimum mean score for a text box. ``classify`` runs the
    recogniser on each box to tell identifiers from other text.
    """

    id = "text"
    name = "PP-OCR text detection (rapidocr)"
    version = "1.0"
    kind = "text"

    def __init__(
        self,
        threshold: float = 0.5,
        text_side: int = 1280,
        interval_s: float = 2.0,
        classify: bool = True,
        threads: int | None = None,
    ) -> None:
        checks = [
            ("threshold", threshold, 0.0 < threshold < 1.0, "0 < threshold < 1"),
            ("text_side", text_side, 320 <= text_side <= 4096, "320 <= text_side <= 4096"),
            ("interval_s", interval_s, interval_s > 0, "interval_s > 0"),
            ("threads", threads, threads is None or threads >= 1, "threads >= 1"),
        ]
        for option, value, valid, allowed in checks:
            if not valid:
                raise DetectorError("detector.invalid_option", detector=self.id, option=option,
                                    value=value, allowed=allowed)

        self.threshold = float(threshold)
        self.text_side = int(text_side)
        self.interval_s = float(interval_s)
        self.classify = bool(classify)
        self.threads = threads
        models = _model_folder()
        self.model_sha256 = _sha256(models / DETECTION_MODEL)
        self._engine = _create_engine(models, self.threshold, threads)

    def params(self) -> dict[str, object]:
        return {
            "text_side": self.text_side,
            "max_upscale": MAX_UPSCALE,
            "interval_s": self.interval_s,
            "classify": self.classify,
            "detection_model": DETECTION_MODEL,
            "recognition_model": RECOGNITION_MODEL if self.classify else None,
            "rapidocr": version("rapidocr"),
        }

    def track_builder(self, frame_total: int, fps: float) -> TrackBuilder:
        return StaticZoneBuilder(self.kind, self.id, step=max(1, round(self.interval_s * fps)))

    def detect(self, frame_rgb: np.ndarray) -> list[Detection]:
        return self.detect_batch([frame_rgb])[0]

    def detect_batch(self, frames: list[np.ndarray]) -> list[list[Detection]]:
        return [self._detect_one(frame) for frame in frames]

    def _detect_one(self, frame_rgb: np.ndarray) -> list[Detection]:
        if frame_rgb.ndim != 3 or frame_rgb.shape[2] != 3 or frame_rgb.dtype != np.uint8:
            raise ValueError(
                f"expected an HxWx3 uint8 RGB frame, got {frame_rgb.shape} {frame_rgb.dtype}")
        height, width = frame_rgb.shape[:2]
        scale = self._scale(width, height)
        scaled = _resize(cv2.cvtColor(frame_rgb, cv2.COLOR_RGB2BGR), scale)

        found: list[tuple[np.ndarray, float, str]] = []
        for left, top, tile in _tiles(scaled, TILE_SIDE, TILE_OVERLAP):
            for quad, score, category in self._detect_tile(tile):
                found.append((quad + np.array([left, top], dtype=np.float64), score, category))

        detections = []
        for (x0, y0, x1, y1), score, category in _merge_lines(found):
            x0, y0 = max(0.0, x0 / scale), max(0.0, y0 / scale)
            x1, y1 = min(float(width), x1 / scale), min(float(height), y1 / scale)
            if x1 - x0 < 1.0 or y1 - y0 < 1.0:
                continue
            if y1 - y0 > MAX_BLOCK_HEIGHT * height and x1 - x0 < MIN_BLOCK_WIDTH_RATIO * (y1 - y0):
                continue  # a tall blob, such as a specular highlight on wet tissue, not a line
            detections.append(Detection(Box(x0, y0, x1 - x0, y1 - y0), score, category=category))
        return detections

    def _detect_tile(self, tile: np.ndarray) -> list[tuple[np.ndarray, float, str]]:
        output = self._engine(tile, use_det=True, use_cls=False, use_rec=False)
        if output.boxes is None or len(output.boxes) == 0:
            return []
        quads = np.asarray(output.boxes, dtype=np.float64)
        scores = list(output.scores) if output.scores is not None else [1.0] * len(quads)
        categories = self._categories(tile, quads) if self.classify else [""] * len(quads)
        return [(quad, float(score), category)
                for quad, score, category in zip(quads, scores, categories, strict=True)]

    def _scale(self, width: int, height: int) -> float:
        longest, shortest = max(width, height), min(width, height)
        if longest >= self.text_side:
            return self.text_side / longest
        # A frame smaller than the working size is often a scaled-down copy whose overlay
        # text is only a few pixels high, so it is enlarged until its short side reaches
        # SMALL_FRAME_SHORT_SIDE.
        return min(MAX_UPSCALE, max(self.text_side / longest, SMALL_FRAME_SHORT_SIDE / shortest))

    def _categories(self, image: np.ndarray, quads: np.ndarray) -> list[str]:
        from rapidocr.main import RapidOCRError

        crops = [_crop(image, quad) for quad in quads]
        try:
            output = self._engine.recognize_txt(crops)
        except RapidOCRError:
            # The recogniser raises when it reads nothing; the boxes stay, uncategorised.
            logger.debug("text recogniser read nothing on %d boxes", len(crops))
            return ["text"] * len(crops)
        readings = list(output.txts or ())
        if len(readings) != len(crops):
            return ["text"] * len(crops)
        return [_classify(reading) for reading in readings]


def _classify(reading: str) -> str:
    """Sort recognised text into "identifier" or "text"; the text itself goes no further."""
    if _DATE.search(reading) or _TIME.search(reading) or _LONG_NUMBER.search(reading):
        return "identifier"
    if _LABELS.search(reading):
        return "identifier"
    return "text"


def _model_folder() -> Path:
    try:
        import rapidocr
    except ImportError as exc:
        raise DetectorError("detector.package_missing", detector=OverlayTextDetector.id,
                            package="rapidocr") from exc
    folder = Path(rapidocr.__file__).parent / "models"
    for name in (DETECTION_MODEL, RECOGNITION_MODEL, ORIENTATION_MODEL):
        if not (folder / name).is_file():
            raise DetectorError("detector.model_missing", detector=OverlayTextDetector.id)
    return folder


def _create_engine(models: Path, box_threshold: float, threads: int | None) -> Any:
    from rapidocr import RapidOCR

    thread_count = -1 if threads is None else threads
    params = {
        "Global.log_level": "error",
        "Global.use_cls": False,
        # Frames arrive already scaled; keep rapidocr from resizing them again.
        "Global.min_side_len": 0,
        "Global.max_side_len": 8192,
        "Det.limit_type": "max",
        "Det.limit_side_len": 8192,
        "Det.box_thresh": box_threshold,
        "Det.model_path": str(models / DETECTION_MODEL),
        "Rec.model_path": str(models / RECOGNITION_MODEL),
        "Cls.model_path": str(models / ORIENTATION_MODEL),
        "EngineConfig.onnxruntime.intra_op_num_threads": thread_count,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    return RapidOCR(params=params)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _resize(image: np.ndarray, scale: float) -> np.ndarray:
    if abs(scale - 1.0) < 1e-3:
        return image
    interpolation = cv2.INTER_AREA if scale < 1.0 else cv2.INTER_CUBIC
    height, width = image.shape[:2]
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(image, size, interpolation=interpolation)


def _crop(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    height, width = image.shape[:2]
    x0, y0 = np.floor(quad.min(axis=0)).astype(int)
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int)
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(width, max(x1, x0 + 1)), min(height, max(y1, y0 + 1))
    return np.ascontiguousarray(image[y0:y1, x0:x1])


def _tiles(image: np.ndarray, side: int, overlap: int) -> list[tuple[int, int, np.ndarray]]:
    """Cut ``image`` into tiles of at most ``side`` pixels overlapping by ``overlap``."""
    height, width = image.shape[:2]
    return [(left, top, image[top : top + side, left : left + side])
            for top in _tile_starts(height, side, overlap)
            for left in _tile_starts(width, side, overlap)]


def _tile_starts(length: int, side: int, overlap: int) -> list[int]:
    if length <= side:
        return [0]
    count = -(-(length - overlap) // (side - overlap))
    stride = (length - side) / (count - 1)
    return [round(index * stride) for index in range(count)]


def _merge_lines(found: list[tuple[np.ndarray, float, str]]
                 ) -> list[tuple[tuple[float, float, float, float], float, str]]:
    """Turn quads into boxes and merge the ones that overlap (a line seen on two tiles)."""
    merged: list[list[Any]] = []
    for quad, score, category in found:
        x0, y0 = (float(value) for value in quad.min(axis=0))
        x1, y1 = (float(value) for value in quad.max(axis=0))
        for entry in merged:
            ex0, ey0, ex1, ey1 = entry[0]
            overlap_w = min(x1, ex1) - max(x0, ex0)
            overlap_h = min(y1, ey1) - max(y0, ey0)
            if overlap_w > 0 and overlap_h > 0.5 * min(y1 - y0, ey1 - ey0):
                entry[0] = (min(x0, ex0), min(y0, ey0), max(x1, ex1), max(y1, ey1))
                entry[1] = max(entry[1], score)
                entry[2] = "identifier" if "identifier" in (entry[2], category) else entry[2]
                break
        else:
            merged.append([(x0, y0, x1, y1), score, category])
    return [(entry[0], entry[1], entry[2]) for entry in merged]
