"""Face detector built on CenterFace (MIT), run with onnxruntime on the CPU.

The vendored model (``resources/models/centerface/``) takes an NCHW float32 RGB
image with values 0..255, not normalised, whose height and width are multiples
of 32. Its outputs have a quarter of the input resolution. They are a
face-centre heatmap (already passed through a sigmoid), the log of the box
height and width in units of 4 input pixels, the sub-pixel offset of the
centre, and five landmarks that this plugin does not use.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import cv2
import numpy as np
import onnxruntime

from app.detection.base import Detection, TrackBuilder
from app.detection.boxes import non_max_suppression
from app.detection.builders import LinkedTrackBuilder
from app.errors import DetectorError
from app.paths import resource_path
from app.project.model import Box

logger = logging.getLogger(__name__)

MODEL_PATH = resource_path("models", "centerface", "centerface.onnx")
MODEL_SHA256 = "5aaf17b351911ad4a27f126d2de45809710c458b95cba4a6478c4fd4e2e9d978"

INPUT_NAME = "input.1"
OUTPUT_NAMES = ["537", "538", "539"]  # heatmap, log scale, offset (landmarks "540" are unused)
STRIDE = 4  # input pixels per heatmap cell
SIZE_MULTIPLE = 32  # the network downsamples by 32, so padded inputs must be multiples of it
NMS_IOU = 0.3  # boxes overlapping a stronger one by more than this are the same face
# Measured on 41 faces of a stage clip upscaled to 1080p, each given a drawn mask and
# cap: recall was 0.41 at a score of 0.4 and 0.76 at 0.2. On 50 laparoscopy frames
# the detector found one box at 0.2 and none at 0.25.
DEFAULT_SUPPORT_THRESHOLD = 0.2


class CenterFaceDetector:
    """Detect faces with CenterFace.

    Each frame is shrunk so its longest side is at most ``max_side`` (never
    enlarged) and zero-padded to multiples of 32. ``threads`` sets onnxruntime's
    intra-op thread count; ``None`` keeps its default of one per physical core.

    Detections scoring ``threshold`` or more confirm a face. Weaker ones down to
    ``support_threshold`` are returned too, because masked and capped faces in
    the operating room often score between the two. The analysis keeps a track
    made only of weak detections when it has ``min_support`` samples, and flags
    it for review. During analysis the detector runs every ``frame_step`` frames
    while a face is in view and every ``idle_step`` frames otherwise, and the
    tracks cover the frames in between.
    """

    id = "face"
    name = "CenterFace"
    version = "1.1"
    kind = "face"

    def __init__(
        self,
        threshold: float = 0.4,
        max_side: int = 960,
        threads: int | None = None,
        support_threshold: float = DEFAULT_SUPPORT_THRESHOLD,
        frame_step: int = 1,
        idle_step: int = 4,
        min_support: int = 3,
    ) -> None:
        _check_option(self.id, "threshold", threshold, 0.0 < threshold < 1.0, "0 < threshold < 1")
        _check_option(self.id, "support_threshold", support_threshold,
                      0.0 < support_threshold < 1.0, "0 < support_threshold < 1")
        _check_option(self.id, "max_side", max_side, max_side >= SIZE_MULTIPLE,
                      f"max_side >= {SIZE_MULTIPLE}")
        _check_option(self.id, "threads", threads, threads is None or threads >= 1, "threads >= 1")
        _check_option(self.id, "frame_step", frame_step, frame_step >= 1, "frame_step >= 1")
        _check_option(self.id, "idle_step", idle_step, idle_step >= frame_step,
                      "idle_step >= frame_step")
        _check_option(self.id, "min_support", min_support, min_support >= 1, "min_support >= 1")

        self.threshold = float(threshold)
        # A support threshold above the threshold would hide confirmed faces.
        self.support_threshold = min(float(support_threshold), self.threshold)
        self.max_side = int(max_side)
        self.threads = threads
        self.frame_step = int(frame_step)
        self.idle_step = int(idle_step)
        self.min_support = int(min_support)
        self.model_sha256 = _verified_model_hash(MODEL_PATH, self.id)
        self._session = _create_session(MODEL_PATH, threads)
        logger.debug("CenterFace ready: threshold %.2f, support %.2f, max_side %d, threads %s",
                     self.threshold, self.support_threshold, self.max_side, threads)

    def params(self) -> dict[str, object]:
        return {
            "max_side": self.max_side,
            "support_threshold": self.support_threshold,
            "nms_iou": NMS_IOU,
            "decoding": "heatmap local maxima above the support threshold, then NMS",
            "onnxruntime": onnxruntime.__version__,
        }

    def track_builder(self, frame_total: int, fps: float) -> TrackBuilder:
        return LinkedTrackBuilder(
            self.kind, self.id, step=self.frame_step, idle_step=self.idle_step,
            confirm_threshold=self.threshold, min_support=self.min_support,
        )

    def detect(self, frame_rgb: np.ndarray) -> list[Detection]:
        return self.detect_batch([frame_rgb])[0]

    def detect_batch(self, frames: list[np.ndarray]) -> list[list[Detection]]:
        if not frames:
            return []
        height, width = _check_frames(frames)

        scale = self._input_scale(width, height)
        scaled_width = max(1, round(width * scale))
        scaled_height = max(1, round(height * scale))
        blob = _make_blob(frames, scaled_width, scaled_height)

        heatmaps, log_scales, offsets = self._session.run(OUTPUT_NAMES, {INPUT_NAME: blob})
        if not np.isfinite(heatmaps).all():
            # A NaN heatmap would silently yield no face, so raise and let the caller fail closed.
            raise FloatingPointError("CenterFace returned a non-finite heatmap")

        # Boxes come out in scaled-input pixels. The padding is at the bottom and right
        # and shifts nothing, so only the scale has to be undone.
        to_source = (width / scaled_width, height / scaled_height)
        return [
            self._keep(_decode(heatmaps[index, 0], log_scales[index], offsets[index],
                               self.support_threshold, to_source, width, height), height)
            for index in range(len(frames))
        ]

    def _input_scale(self, width: int, height: int) -> float:
        return min(1.0, self.max_side / max(height, width))

    def _keep(self, detections: list[Detection], frame_height: int) -> list[Detection]:
        return detections


class SmallFaceDetector(CenterFaceDetector):
    """Find small faces with CenterFace at full resolution, on one frame every ``interval_s``.

    The main face pass shrinks frames to 960 pixels, where faces under about 16
    pixels are lost: 32 pixels in a 1080p source. This pass runs on the frame at
    its own size, enlarged so its longest side is at least ``min_side``, and
    keeps only faces shorter than ``max_face_fraction`` of the frame height,
    because the main pass already finds the larger ones. Its tracks hold each
    box until the next sample, so a small face found on every sample stays
    masked in between.
    """

    id = "face_small"
    name = "CenterFace, full resolution"
    version = "1.0"
    kind = "face"

    def __init__(
        self,
        threshold: float = 0.4,
        threads: int | None = None,
        support_threshold: float = 0.3,
        interval_s: float = 2.0,
        min_side: int = 1280,
        max_side: int = 2560,
        max_face_fraction: float = 0.05,
    ) -> None:
        _check_option(self.id, "interval_s", interval_s, interval_s > 0, "interval_s > 0")
        _check_option(self.id, "min_side", min_side, SIZE_MULTIPLE <= min_side <= max_side,
                      f"{SIZE_MULTIPLE} <= min_side <= max_side")
        _check_option(self.id, "max_face_fraction", max_face_fraction,
                      0.0 < max_face_fraction <= 1.0, "0 < max_face_fraction <= 1")
        super().__init__(threshold=threshold, max_side=max_side, threads=threads,
                         support_threshold=support_threshold, min_support=2)
        self.interval_s = float(interval_s)
        self.min_side = int(min_side)
        self.max_face_fraction = float(max_face_fraction)

    def params(self) -> dict[str, object]:
        return {
            **super().params(),
            "interval_s": self.interval_s,
            "min_side": self.min_side,
            "max_face_fraction": self.max_face_fraction,
        }

    def track_builder(self, frame_total: int, fps: float) -> TrackBuilder:
        step = max(1, round(self.interval_s * fps))
        return LinkedTrackBuilder(
            self.kind, self.id, step=step, idle_step=step, confirm_threshold=self.threshold,
            min_support=self.min_support,
        )

    def _input_scale(self, width: int, height: int) -> float:
        longest = max(width, height)
        return min(self.max_side, max(self.min_side, longest)) / longest

    def _keep(self, detections: list[Detection], frame_height: int) -> list[Detection]:
        limit = self.max_face_fraction * frame_height
        return [detection for detection in detections if detection.box.h < limit]


def _check_option(detector_id: str, option: str, value: object, valid: bool, allowed: str) -> None:
    if not valid:
        raise DetectorError("detector.invalid_option", detector=detector_id, option=option,
                            value=value, allowed=allowed)


def _verified_model_hash(path: Path, detector_id: str) -> str:
    """Hash the model file and raise DetectorError unless it is the vendored one."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError as exc:
        raise DetectorError("detector.model_missing", detector=detector_id) from exc
    if digest != MODEL_SHA256:
        raise DetectorError(
            "detector.model_mismatch",
            detector=detector_id,
            found=digest[:16],
            expected=MODEL_SHA256[:16],
        )
    return digest


def _create_session(path: Path, threads: int | None) -> onnxruntime.InferenceSession:
    onnxruntime.set_default_logger_severity(3)  # the model's unused initializers trigger warnings
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.inter_op_num_threads = 1
    if threads is not None:
        options.intra_op_num_threads = threads
    # With no explicit count onnxruntime uses one thread per physical core.
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _check_frames(frames: list[np.ndarray]) -> tuple[int, int]:
    """Return the (height, width) the frames share, raising ValueError on a bad or odd one."""
    first = frames[0]
    if first.ndim != 3 or first.shape[2] != 3 or first.dtype != np.uint8:
        raise ValueError(
            f"expected HxWx3 uint8 RGB frames, got shape {first.shape} dtype {first.dtype}"
        )
    if first.shape[0] == 0 or first.shape[1] == 0:
        raise ValueError(f"empty frame of shape {first.shape}")
    for frame in frames[1:]:
        if frame.shape != first.shape or frame.dtype != np.uint8:
            raise ValueError(
                f"frames of one batch must share shape and dtype: {frame.shape} != {first.shape}"
            )
    return int(first.shape[0]), int(first.shape[1])


def _make_blob(frames: list[np.ndarray], width: int, height: int) -> np.ndarray:
    """Resize the frames to width x height and pack them as NCHW float32, zero-padded to 32s."""
    padded_height = -(-height // SIZE_MULTIPLE) * SIZE_MULTIPLE
    padded_width = -(-width // SIZE_MULTIPLE) * SIZE_MULTIPLE
    blob = np.zeros((len(frames), 3, padded_height, padded_width), dtype=np.float32)

    for index, frame in enumerate(frames):
        if frame.shape[1] != width or frame.shape[0] != height:
            shrinking = width < frame.shape[1]
            interpolation = cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR
            frame = cv2.resize(frame, (width, height), interpolation=interpolation)
        blob[index, :, :height, :width] = frame.transpose(2, 0, 1)
    return blob


def _decode(
    heatmap: np.ndarray,
    log_scale: np.ndarray,
    offset: np.ndarray,
    threshold: float,
    to_source: tuple[float, float],
    width: int,
    height: int,
) -> list[Detection]:
    """Turn one frame's network outputs into boxes in source pixels."""
    # Each face is a local maximum of the heatmap. NMS below merges the rare double peak.
    neighbourhood_max = cv2.dilate(heatmap, np.ones((3, 3), np.uint8))
    rows, cols = np.nonzero((heatmap > threshold) & (heatmap >= neighbourhood_max))
    if rows.size == 0:
        return []

    box_heights = np.exp(log_scale[0, rows, cols]) * STRIDE
    box_widths = np.exp(log_scale[1, rows, cols]) * STRIDE
    centre_y = (rows + offset[0, rows, cols] + 0.5) * STRIDE
    centre_x = (cols + offset[1, rows, cols] + 0.5) * STRIDE
    scores = heatmap[rows, cols]

    corners = np.stack(
        [centre_x - box_widths / 2, centre_y - box_heights / 2,
         centre_x + box_widths / 2, centre_y + box_heights / 2],
        axis=1,
    ).astype(np.float64)
    keep = non_max_suppression(corners, scores, NMS_IOU)

    scale_x, scale_y = to_source
    detections = []
    for index in keep:
        x0, y0, x1, y1 = (float(value) for value in corners[index])
        x0 = min(max(x0 * scale_x, 0.0), width)
        x1 = min(max(x1 * scale_x, 0.0), width)
        y0 = min(max(y0 * scale_y, 0.0), height)
        y1 = min(max(y1 * scale_y, 0.0), height)
        if x1 - x0 < 1.0 or y1 - y0 < 1.0:
            continue
        detections.append(Detection(Box(x0, y0, x1 - x0, y1 - y0), float(scores[index])))
    return detections
