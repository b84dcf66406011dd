"""Box operations shared by detector plugins."""

from __future__ import annotations

import numpy as np


def non_max_suppression(corners: np.ndarray, scores: np.ndarray, iou_threshold: float) -> list[int]:
    """Return the indices of the boxes (x0, y0, x1, y1) kept by greedy NMS, strongest first."""
    areas = (corners[:, 2] - corners[:, 0]) * (corners[:, 3] - corners[:, 1])
    order = np.argsort(-scores, kind="stable")
    keep: list[int] = []

    while order.size > 0:
        best = int(order[0])
        keep.append(best)
        rest = order[1:]

        x0, y0, x1, y1 = corners[best]
        overlap_w = np.minimum(x1, corners[rest, 2]) - np.maximum(x0, corners[rest, 0])
        overlap_h = np.minimum(y1, corners[rest, 3]) - np.maximum(y0, corners[rest, 1])
        intersection = np.clip(overlap_w, 0.0, None) * np.clip(overlap_h, 0.0, None)
        union = areas[best] + areas[rest] - intersection
        iou = np.divide(intersection, union, out=np.zeros_like(intersection), where=union > 0)
        order = rest[iou <= iou_threshold]
    return keep
