"""Follow a drawn region forward and backward through a video by template matching (no Qt).

The region's picture on the start frame is searched for on each next frame
(normalised cross-correlation, OpenCV ``TM_CCOEFF_NORMED``) in a window around
its last position. Following stops in a direction when the best match scores
below ``min_score`` (the region left the picture or changed too much) or at the
media's end. The template is refreshed slowly so the region can turn or change
light without drifting onto the background. Box size stays as drawn.

It runs on the proxy when there is one: at most 540 lines keep each step to a
few milliseconds. Boxes are returned in source pixels.
"""

from __future__ import annotations

import logging

import cv2
import numpy as np

from app.jobs import CancelToken, ProgressCallback, no_progress
from app.project.model import Box
from ui.frame_source import FrameSource

log = logging.getLogger(__name__)

DEFAULT_MIN_SCORE = 0.5
TEMPLATE_UPDATE = 0.15  # weight of the newest match in the template
SEARCH_MARGIN = 0.75  # search this many box sizes around the last position
MIN_SEARCH_PIXELS = 16


def _gray(source: FrameSource, index: int) -> np.ndarray:
    return source.frame_at(index).to_ndarray(format="gray").astype(np.float32)


def follow_region(source: FrameSource, start: int, box: Box, source_width: int,
                  source_height: int, progress: ProgressCallback = no_progress,
                  cancel: CancelToken | None = None, min_score: float = DEFAULT_MIN_SCORE,
                  max_frames: int | None = None) -> dict[int, tuple[Box, float]]:
    """Return ``{frame: (box, score)}`` for the frames where the region was found."""
    scale_x = source.width / max(1, source_width)
    scale_y = source.height / max(1, source_height)
    x = round(box.x * scale_x)
    y = round(box.y * scale_y)
    w = max(4, round(box.w * scale_x))
    h = max(4, round(box.h * scale_y))
    first = _gray(source, start)
    x = min(max(0, x), max(0, first.shape[1] - w))
    y = min(max(0, y), max(0, first.shape[0] - h))
    initial = first[y:y + h, x:x + w].copy()
    if initial.shape != (h, w) or float(initial.std()) < 1.0:
        log.info("follow: region too small or flat to follow")
        return {}

    total = source.frame_count
    limit = total if max_frames is None else max_frames
    found: dict[int, tuple[Box, float]] = {}
    done = 0
    for step in (1, -1):
        template = initial.copy()
        px, py = x, y
        index = start + step
        count = 0
        while 0 <= index < total and count < limit:
            if cancel is not None:
                cancel.raise_if_cancelled()
            frame = _gray(source, index)
            match = _match(frame, template, px, py)
            done += 1
            count += 1
            progress(min(done, total), total, "follow")
            if match is None or match[2] < min_score:
                break
            px, py, score = match
            patch = frame[py:py + h, px:px + w]
            template = (1 - TEMPLATE_UPDATE) * template + TEMPLATE_UPDATE * patch
            found[index] = (Box(px / scale_x, py / scale_y, w / scale_x, h / scale_y), score)
            index += step
    log.info("follow: region found on %d frames", len(found))
    return found


def _match(frame: np.ndarray, template: np.ndarray, x: int,
           y: int) -> tuple[int, int, float] | None:
    """Find ``template`` near ``(x, y)``; return its new top-left corner and score."""
    h, w = template.shape
    margin_x = max(MIN_SEARCH_PIXELS, int(w * SEARCH_MARGIN))
    margin_y = max(MIN_SEARCH_PIXELS, int(h * SEARCH_MARGIN))
    x0, y0 = max(0, x - margin_x), max(0, y - margin_y)
    x1 = min(frame.shape[1], x + w + margin_x)
    y1 = min(frame.shape[0], y + h + margin_y)
    window = frame[y0:y1, x0:x1]
    if window.shape[0] < h or window.shape[1] < w:
        return None
    scores = cv2.matchTemplate(window, template, cv2.TM_CCOEFF_NORMED)
    _, best, _, (bx, by) = cv2.minMaxLoc(scores)
    if not np.isfinite(best):
        return None
    return x0 + bx, y0 + by, float(best)
