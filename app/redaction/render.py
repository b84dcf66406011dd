"""Apply redactions in place on a planar YUV 4:2:0 frame.

Working on the Y, U and V planes avoids a BGR round trip, which costs about
30 % of export time at 1080p. Solid fill, pixelation with large cells and a
strong box blur are used because a light Gaussian blur can be partly reversed.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from app.project.model import Box, MediaProject, RedactionStyle

BLACK_Y = 16
NEUTRAL_CHROMA = 128
MIN_PIXEL_CELL = 8  # luma pixels
PIXEL_CELLS_ACROSS = 6  # cells across the region's smaller side
BLUR_FRACTION = 0.5  # box-blur kernel as a fraction of the region's smaller side


@dataclass(frozen=True)
class Region:
    """A rectangle to redact on one frame, already grown by its margin, in luma pixels."""

    x0: int
    y0: int
    x1: int
    y1: int
    style: RedactionStyle
    track_id: str

    @property
    def empty(self) -> bool:
        return self.x1 <= self.x0 or self.y1 <= self.y0


def clip_region(box: Box, style: RedactionStyle, width: int, height: int, track_id: str) -> Region:
    grown = box.expanded(style.margin)
    x0 = max(0, int(np.floor(grown.x)))
    y0 = max(0, int(np.floor(grown.y)))
    x1 = min(width, int(np.ceil(grown.x + grown.w)))
    y1 = min(height, int(np.ceil(grown.y + grown.h)))
    return Region(x0, y0, x1, y1, style, track_id)


def regions_for_frame(media: MediaProject, frame: int, width: int, height: int) -> list[Region]:
    """Collect the regions of every applied track on ``frame``."""
    regions: list[Region] = []
    for track in media.tracks:
        if not track.is_applied_at(frame):
            continue
        if track.whole_frame:
            regions.append(Region(0, 0, width, height, track.style, track.id))
            continue
        box = track.box_at(frame)
        if box is None:
            continue
        region = clip_region(box, track.style, width, height, track.id)
        if not region.empty:
            regions.append(region)
    return regions


def _ellipse_mask(height: int, width: int) -> np.ndarray:
    mask = np.zeros((height, width), dtype=np.uint8)
    cv2.ellipse(mask, (width // 2, height // 2), (max(1, width // 2), max(1, height // 2)), 0, 0, 360,
                255, thickness=-1)
    return mask.astype(bool)


def _pixelate(patch: np.ndarray, cell: int) -> np.ndarray:
    height, width = patch.shape
    small = cv2.resize(patch, (max(1, width // cell), max(1, height // cell)),
                       interpolation=cv2.INTER_AREA)
    return cv2.resize(small, (width, height), interpolation=cv2.INTER_NEAREST)


def _blur(patch: np.ndarray, kernel: int) -> np.ndarray:
    kernel = max(3, kernel | 1)
    # Two passes of a wide box filter: close to a Gaussian of large sigma, and cheap.
    once = cv2.blur(patch, (kernel, kernel), borderType=cv2.BORDER_REPLICATE)
    return cv2.blur(once, (kernel, kernel), borderType=cv2.BORDER_REPLICATE)


def _apply_plane(plane: np.ndarray, x0: int, y0: int, x1: int, y1: int, style: RedactionStyle,
                 fill_value: int, scale: int) -> None:
    if x1 <= x0 or y1 <= y0:
        return
    patch = plane[y0:y1, x0:x1]
    height, width = patch.shape
    smaller = min(height, width)
    if style.fill == "solid":
        replacement = np.full_like(patch, fill_value)
    elif style.fill == "pixelate":
        cell = max(MIN_PIXEL_CELL // scale, smaller // PIXEL_CELLS_ACROSS, 1)
        replacement = _pixelate(patch, cell)
    else:
        replacement = _blur(patch, int(smaller * BLUR_FRACTION))
    if style.shape == "ellipse":
        mask = _ellipse_mask(height, width)
        patch[mask] = replacement[mask]
    else:
        patch[:] = replacement


def apply_regions(yuv: np.ndarray, width: int, height: int, regions: list[Region]) -> None:
    """Redact ``regions`` in place on ``yuv``, a contiguous yuv420p frame of even width and height."""
    if not regions:
        return
    chroma_h, chroma_w = height // 2, width // 2
    flat = yuv.reshape(-1)
    luma_size, chroma_size = width * height, chroma_w * chroma_h
    luma = flat[:luma_size].reshape(height, width)
    u_plane = flat[luma_size : luma_size + chroma_size].reshape(chroma_h, chroma_w)
    v_plane = flat[luma_size + chroma_size : luma_size + 2 * chroma_size].reshape(chroma_h, chroma_w)
    for region in regions:
        _apply_plane(luma, region.x0, region.y0, region.x1, region.y1, region.style, BLACK_Y, 1)
        # Chroma planes are half size: round outwards so the chroma edge never stays unredacted.
        cx0, cy0 = region.x0 // 2, region.y0 // 2
        cx1, cy1 = min(chroma_w, (region.x1 + 1) // 2), min(chroma_h, (region.y1 + 1) // 2)
        _apply_plane(u_plane, cx0, cy0, cx1, cy1, region.style, NEUTRAL_CHROMA, 2)
        _apply_plane(v_plane, cx0, cy0, cx1, cy1, region.style, NEUTRAL_CHROMA, 2)
