"""Frames handed to the analysis, converted to RGB only when a detector needs them.

Converting a decoded 1080p frame to RGB costs about 4 ms, a tenth of the time
one frame lasts at 25 fps. The shot-change test needs only a small grey
thumbnail, which is read from the luma plane directly, so frames that no
detector samples are never converted.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import cv2
import numpy as np

THUMBNAIL_SIZE = (64, 36)  # width, height of the thumbnail used for shot changes


@runtime_checkable
class AnalysisFrame(Protocol):
    """One decoded frame: its size, a grey thumbnail and its RGB pixels on request."""

    width: int
    height: int

    def rgb(self) -> np.ndarray:
        """Return the frame as an HxWx3 uint8 RGB array (cached)."""
        ...

    def thumbnail(self) -> np.ndarray:
        """Return a 64x36 grey thumbnail as int16, for shot-change tests."""
        ...


class ArrayFrame:
    """An ``AnalysisFrame`` over an RGB array that is already in memory."""

    def __init__(self, rgb: np.ndarray) -> None:
        if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
            raise ValueError(f"expected an HxWx3 uint8 RGB frame, got {rgb.shape} {rgb.dtype}")
        self._rgb = rgb
        self.height = int(rgb.shape[0])
        self.width = int(rgb.shape[1])

    def rgb(self) -> np.ndarray:
        return self._rgb

    def thumbnail(self) -> np.ndarray:
        grey = cv2.cvtColor(self._rgb, cv2.COLOR_RGB2GRAY)
        small = cv2.resize(grey, THUMBNAIL_SIZE, interpolation=cv2.INTER_AREA).astype(np.float32)
        # Video luma is limited range (16..235); map full-range grey onto it so both
        # kinds of frame give the same differences at a shot change.
        return np.rint(16.0 + small * (219.0 / 255.0)).astype(np.int16)


class VideoFrame:
    """An ``AnalysisFrame`` over a decoded PyAV frame, converted to RGB at most once."""

    def __init__(self, frame: Any) -> None:
        self._frame = frame
        self._rgb: np.ndarray | None = None
        self.width = int(frame.width)
        self.height = int(frame.height)

    def rgb(self) -> np.ndarray:
        if self._rgb is None:
            self._rgb = self._frame.to_ndarray(format="rgb24")
        return self._rgb

    def thumbnail(self) -> np.ndarray:
        if self._rgb is not None or self._frame.format.name not in _PLANAR_YUV:
            return ArrayFrame(self.rgb()).thumbnail()
        plane = self._frame.planes[0]
        luma = np.frombuffer(plane, np.uint8).reshape(self.height, plane.line_size)[:, : self.width]
        return cv2.resize(luma, THUMBNAIL_SIZE, interpolation=cv2.INTER_AREA).astype(np.int16)


# 8-bit planar formats whose first plane is the luma at full size.
_PLANAR_YUV = {"yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p", "nv12"}


def as_analysis_frame(frame: object) -> AnalysisFrame:
    """Wrap an RGB array or a PyAV video frame; pass an ``AnalysisFrame`` through."""
    if isinstance(frame, np.ndarray):
        return ArrayFrame(frame)
    if isinstance(frame, ArrayFrame | VideoFrame):
        return frame
    if hasattr(frame, "to_ndarray") and hasattr(frame, "planes"):
        return VideoFrame(frame)
    if isinstance(frame, AnalysisFrame):
        return frame
    raise TypeError(f"cannot analyse a frame of type {type(frame).__name__}")
