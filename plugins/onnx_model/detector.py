"""Run a user-supplied YOLO-style ONNX detection model through onnxruntime.

A small TOML or JSON file describes the model, so a hospital can add a kind
of region (persons, screens, whiteboards, tattoos) from a model it trained or
exported offline, without code:

    name = "room"                       # the detector id becomes "onnx_model:room"
    model = "room-yolov8n.onnx"         # relative to this file
    sha256 = "…"                        # optional; the model must match it
    input_size = [640, 640]             # width, height the model takes
    layout = "yolov8"                   # or "yolov5"
    class_names = ["person", "tv"]      # in the model's class order
    threshold = 0.35                    # minimum class score
    nms_iou = 0.45
    frame_step = 2                      # run on one frame in 2 during analysis

    [kinds]                             # class name -> kind of the tracks it makes
    person = "person"
    tv = "screen"

    [thresholds]                        # optional per-kind minimum scores
    screen = 0.5

Classes missing from ``kinds`` are ignored. Frames are letterboxed to the
input size (scaled to fit, centred on grey 114 as Ultralytics does), sent as
NCHW float32 RGB in 0..1, and boxes are mapped back to source pixels. The
"yolov8" layout is one output of shape (1, 4 + classes, boxes): centre x,
centre y, width and height in input pixels, then the class scores. The
"yolov5" layout is (1, boxes, 5 + classes), with an objectness score before
the class scores.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import onnxruntime

from app.detection.base import Detection, TrackBuilder
from app.detection.boxes import non_max_suppression
from app.detection.builders import LinkedTrackBuilder
from app.errors import DetectorError
from app.project.model import Box

logger = logging.getLogger(__name__)

LAYOUTS = ("yolov8", "yolov5")
PAD_VALUE = 114
ENTRY_POINT = "onnx_model"


@dataclass(frozen=True)
class ModelConfig:
    """The settings a user model file gives for its model, as read by ``read_config``."""

    name: str
    model_path: Path
    input_width: int
    input_height: int
    layout: str
    class_names: tuple[str, ...]
    kinds: dict[str, str]
    threshold: float = 0.35
    nms_iou: float = 0.45
    frame_step: int = 1
    sha256: str = ""
    thresholds: dict[str, float] = field(default_factory=dict)


def read_config(path: Path) -> ModelConfig:
    """Read and check a model description (TOML, or JSON by its ``.json`` suffix).

    Raises DetectorError with the key "detector.config_invalid" naming the
    first wrong field, or "detector.model_missing" when the model file is absent.
    """
    try:
        text = path.read_text(encoding="utf-8")
        data: dict[str, Any] = (json.loads(text) if path.suffix.lower() == ".json"
                                else tomllib.loads(text))
    except FileNotFoundError as exc:
        raise DetectorError("detector.config_missing", detector=ENTRY_POINT) from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _invalid("file", type(exc).__name__) from exc

    name = _field(data, "name", str)
    if not name or not name.replace("_", "").replace("-", "").isalnum():
        raise _invalid("name", name)
    size = _field(data, "input_size", list)
    if len(size) != 2 or not all(isinstance(value, int) and value >= 32 for value in size):
        raise _invalid("input_size", size)
    layout = _field(data, "layout", str, "yolov8")
    if layout not in LAYOUTS:
        raise _invalid("layout", layout)
    class_names = _field(data, "class_names", list)
    if not class_names or not all(isinstance(value, str) and value for value in class_names):
        raise _invalid("class_names", len(class_names))
    kinds = _field(data, "kinds", dict)
    unknown = [class_name for class_name in kinds if class_name not in class_names]
    if not kinds or unknown or not all(isinstance(kind, str) and kind for kind in kinds.values()):
        raise _invalid("kinds", ", ".join(unknown) or "-")
    threshold = float(_field(data, "threshold", (int, float), 0.35))
    nms_iou = float(_field(data, "nms_iou", (int, float), 0.45))
    thresholds = {kind: float(value) for kind, value in _field(data, "thresholds", dict, {}).items()}
    if not 0.0 < threshold < 1.0 or not all(0.0 < value < 1.0 for value in thresholds.values()):
        raise _invalid("threshold", threshold)
    if not 0.0 < nms_iou <= 1.0:
        raise _invalid("nms_iou", nms_iou)
    frame_step = _field(data, "frame_step", int, 1)
    if frame_step < 1:
        raise _invalid("frame_step", frame_step)

    model_path = (path.parent / _field(data, "model", str)).resolve()
    if not model_path.is_file():
        raise DetectorError("detector.model_missing", detector=f"{ENTRY_POINT}:{name}")
    return ModelConfig(
        name=name, model_path=model_path, input_width=size[0], input_height=size[1],
        layout=layout, class_names=tuple(class_names), kinds=dict(kinds), threshold=threshold,
        nms_iou=nms_iou, frame_step=frame_step, sha256=str(data.get("sha256", "")).lower(),
        thresholds=thresholds,
    )


class OnnxModelDetector:
    """Detect the kinds a user model was trained for; ``config`` is its TOML or JSON file."""

    name = "User ONNX model"
    version = "1.0"

    def __init__(self, config: str, threads: int | None = None) -> None:
        if threads is not None and threads < 1:
            raise DetectorError("detector.invalid_option", detector=ENTRY_POINT,
                                option="threads", value=threads, allowed="threads >= 1")
        self.config = read_config(Path(config))
        self.id = f"{ENTRY_POINT}:{self.config.name}"
        self.kind = next(iter(self.config.kinds.values()))
        self.threshold = min([self.config.threshold, *self.config.thresholds.values()])

        digest = hashlib.sha256(self.config.model_path.read_bytes()).hexdigest()
        if self.config.sha256 and digest != self.config.sha256:
            raise DetectorError("detector.model_mismatch", detector=self.id, found=digest[:16],
                                expected=self.config.sha256[:16])
        self.model_sha256 = digest

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.inter_op_num_threads = 1
        if threads is not None:
            options.intra_op_num_threads = threads
        try:
            self._session = onnxruntime.InferenceSession(
                str(self.config.model_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:
            # onnxruntime raises its own exception types for unreadable or invalid graphs.
            raise _invalid("model", type(exc).__name__) from exc
        self._input_name = self._session.get_inputs()[0].name
        self._class_kinds = [self.config.kinds.get(class_name)
                             for class_name in self.config.class_names]

    def params(self) -> dict[str, object]:
        config = self.config
        return {
            "model": config.model_path.name,
            "input_size": [config.input_width, config.input_height],
            "layout": config.layout,
            "kinds": dict(config.kinds),
            "thresholds": dict(config.thresholds),
            "nms_iou": config.nms_iou,
            "onnxruntime": onnxruntime.__version__,
        }

    def track_builder(self, frame_total: int, fps: float) -> TrackBuilder:
        return LinkedTrackBuilder(
            self.kind, self.id, step=self.config.frame_step, idle_step=self.config.frame_step,
            confirm_threshold=self.threshold, min_support=1,
        )

    def detect(self, frame_rgb: np.ndarray) -> list[Detection]:
        return self.detect_batch([frame_rgb])[0]

    def detect_batch(self, frames: list[np.ndarray]) -> list[list[Detection]]:
        return [self._detect_one(frame) for frame in frames]

    def _detect_one(self, frame_rgb: np.ndarray) -> list[Detection]:
        if frame_rgb.ndim != 3 or frame_rgb.shape[2] != 3 or frame_rgb.dtype != np.uint8:
            raise ValueError(
                f"expected an HxWx3 uint8 RGB frame, got {frame_rgb.shape} {frame_rgb.dtype}")
        height, width = frame_rgb.shape[:2]
        blob, scale, pad_x, pad_y = _letterbox(frame_rgb, self.config.input_width,
                                               self.config.input_height)
        [output] = self._session.run(None, {self._input_name: blob})[:1]
        rows = _rows(np.asarray(output, dtype=np.float32), self.config.layout,
                     len(self.config.class_names))
        if not np.isfinite(rows).all():
            raise FloatingPointError("the model returned non-finite values")

        class_ids = rows[:, 4:].argmax(axis=1)
        scores = rows[np.arange(len(rows)), 4 + class_ids]
        detections: list[Detection] = []
        for class_id in np.unique(class_ids):
            kind = self._class_kinds[int(class_id)]
            if kind is None:
                continue
            minimum = self.config.thresholds.get(kind, self.config.threshold)
            chosen = np.nonzero((class_ids == class_id) & (scores >= minimum))[0]
            if chosen.size == 0:
                continue
            centre_x, centre_y, box_w, box_h = rows[chosen, :4].T.astype(np.float64)
            corners = np.stack([centre_x - box_w / 2, centre_y - box_h / 2,
                                centre_x + box_w / 2, centre_y + box_h / 2], axis=1)
            for index in non_max_suppression(corners, scores[chosen], self.config.nms_iou):
                box = _to_source(corners[index], scale, pad_x, pad_y, width, height)
                if box is not None:
                    detections.append(Detection(box, float(scores[chosen][index]), kind=kind))
        return detections


def _rows(output: np.ndarray, layout: str, class_count: int) -> np.ndarray:
    """Return one row per candidate box: centre x, centre y, w, h, then one score per class."""
    if output.ndim == 3 and output.shape[0] == 1:
        output = output[0]
    if layout == "yolov8":
        if output.ndim != 2 or output.shape[0] != 4 + class_count:
            raise ValueError(f"yolov8 output of shape {output.shape} does not fit "
                             f"{class_count} classes")
        return np.ascontiguousarray(output.T)

    if output.ndim != 2 or output.shape[1] != 5 + class_count:
        raise ValueError(f"yolov5 output of shape {output.shape} does not fit {class_count} classes")
    objectness = output[:, 4:5]
    return np.concatenate([output[:, :4], output[:, 5:] * objectness], axis=1)


def _letterbox(frame_rgb: np.ndarray, width: int, height: int) -> tuple[np.ndarray, float, float, float]:
    """Scale the frame to fit ``width`` x ``height``, centre it on grey, return NCHW 0..1."""
    source_h, source_w = frame_rgb.shape[:2]
    scale = min(width / source_w, height / source_h)
    scaled_w = max(1, round(source_w * scale))
    scaled_h = max(1, round(source_h * scale))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    resized = cv2.resize(frame_rgb, (scaled_w, scaled_h), interpolation=interpolation)

    canvas = np.full((height, width, 3), PAD_VALUE, dtype=np.uint8)
    pad_x = (width - scaled_w) // 2
    pad_y = (height - scaled_h) // 2
    canvas[pad_y : pad_y + scaled_h, pad_x : pad_x + scaled_w] = resized
    blob = canvas.transpose(2, 0, 1)[np.newaxis].astype(np.float32) / 255.0
    return blob, scale, float(pad_x), float(pad_y)


def _to_source(corners: np.ndarray, scale: float, pad_x: float, pad_y: float, width: int,
               height: int) -> Box | None:
    x0, y0, x1, y1 = (float(value) for value in corners)
    x0 = min(max((x0 - pad_x) / scale, 0.0), width)
    x1 = min(max((x1 - pad_x) / scale, 0.0), width)
    y0 = min(max((y0 - pad_y) / scale, 0.0), height)
    y1 = min(max((y1 - pad_y) / scale, 0.0), height)
    if x1 - x0 < 1.0 or y1 - y0 < 1.0:
        return None
    return Box(x0, y0, x1 - x0, y1 - y0)


def _field(data: dict[str, Any], key: str, expected: type | tuple[type, ...],
           default: Any = None) -> Any:
    if key not in data:
        if default is None:
            raise _invalid(key, "missing")
        return default
    value = data[key]
    if not isinstance(value, expected) or isinstance(value, bool):
        raise _invalid(key, type(value).__name__)
    return value


def _invalid(key: str, value: object) -> DetectorError:
    return DetectorError("detector.config_invalid", detector=ENTRY_POINT, field=key, value=value)
