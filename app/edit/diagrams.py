"""Diagrams drawn over the footage: arrows, circles, rectangles, freehand lines, labels, images.

Each diagram is drawn once with Pillow into an RGBA patch in source pixels. The patch is
blended on the Y, U and V planes of every frame in its range after the redactions, so a drawing
sits above a mask and never uncovers what the mask hides. Labels use the bundled DejaVu Sans, which
has the accented letters French needs. Images are PNG or SVG files stored in the vault; SVG is
rasterised by resvg (through ``resvg_py``), with system fonts skipped so that text renders the
same on every machine, with DejaVu Sans.

Geometry (``Diagram.points``, in source pixels):

- an arrow goes from the first point to the second, with its head at the second;
- a circle or a rectangle fills the box whose opposite corners are the two points;
- a freehand line joins all points;
- a label's or an image's first point is its top-left corner, and an image's second point,
  if any, is the opposite corner it is scaled to.

``Diagram.width`` is the stroke width in pixels, and a label's text is
``LABEL_SIZE_PER_WIDTH`` times that tall.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageColor, ImageDraw, ImageFont

from app.edit.vocabulary import DIAGRAM_KINDS
from app.errors import ExportError, MediaError
from app.i18n import tr
from app.paths import resource_path
from app.project.model import Diagram
from app.vault import Vault

log = logging.getLogger(__name__)

IMAGE_OBJECT_KIND = "diagram_image"
LABEL_SIZE_PER_WIDTH = 6.0
MIN_LABEL_PX = 10
MAX_IMAGE_BYTES = 20 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Overlay:
    """An RGBA patch (uint8, h × w × 4) to blend with its top-left corner at ``x``, ``y``."""

    diagram_id: str
    x: int
    y: int
    rgba: np.ndarray


@cache
def label_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", "DejaVuSans.ttf")), size)


def check_diagram(diagram: Diagram) -> None:
    """Raise ``ExportError("edit.bad_diagram")`` when the diagram cannot be drawn as described."""
    wanted = {"arrow": 2, "circle": 2, "rect": 2, "text": 1, "image": 1, "freehand": 2}
    problem = ""
    if diagram.kind not in DIAGRAM_KINDS:
        problem = "kind"
    elif len(diagram.points) < wanted[diagram.kind] or any(
            len(point) != 2 or not all(math.isfinite(float(v)) for v in point)
            for point in diagram.points):
        problem = "points"
    elif diagram.end_frame < diagram.start_frame or diagram.start_frame < 0:
        problem = "frames"
    elif not 0 < diagram.width <= 200:
        problem = "width"
    elif diagram.kind == "text" and not diagram.text.strip():
        problem = "text"
    elif diagram.kind == "image" and not diagram.image_object_id:
        problem = "image"
    else:
        try:
            ImageColor.getrgb(diagram.color)
        except ValueError:
            problem = "color"
    if problem:
        raise ExportError("edit.bad_diagram", diagram=diagram.id,
                          problem=tr(f"edit.diagram_problem.{problem}"))


def render_diagram(diagram: Diagram, width: int, height: int,
                   image_bytes: bytes | None = None) -> Overlay | None:
    """Draw ``diagram`` on a transparent ``width`` × ``height`` canvas; return its visible patch.

    Returns None when nothing of it falls inside the frame.
    """
    check_diagram(diagram)
    canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    color = ImageColor.getrgb(diagram.color)
    rgba = (*color[:3], color[3] if len(color) > 3 else 255)
    stroke = max(1, round(diagram.width))
    points = [(float(x), float(y)) for x, y in diagram.points]

    if diagram.kind == "arrow":
        _draw_arrow(draw, points[0], points[1], stroke, rgba)
    elif diagram.kind in ("circle", "rect"):
        box = _box(points[0], points[1])
        if diagram.kind == "circle":
            draw.ellipse(box, outline=rgba, width=stroke)
        else:
            draw.rectangle(box, outline=rgba, width=stroke)
    elif diagram.kind == "freehand":
        draw.line(points, fill=rgba, width=stroke, joint="curve")
        radius = stroke / 2
        for x, y in (points[0], points[-1]):
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=rgba)
    elif diagram.kind == "text":
        size = max(MIN_LABEL_PX, round(diagram.width * LABEL_SIZE_PER_WIDTH))
        outline = max(1, size // 12)
        draw.text(points[0], diagram.text, font=label_font(size), fill=rgba, anchor="la",
                  stroke_width=outline, stroke_fill=(0, 0, 0, 255))
    else:
        if image_bytes is None:
            raise ExportError("edit.bad_diagram", diagram=diagram.id,
                              problem=tr("edit.diagram_problem.image"))
        _paste_image(canvas, image_bytes, points)

    bounds = canvas.getbbox()
    if bounds is None:
        return None
    x0, y0, x1, y1 = _even_bounds(bounds, width, height)
    patch = np.asarray(canvas.crop((x0, y0, x1, y1)), dtype=np.uint8)
    return Overlay(diagram.id, x0, y0, patch)


def _box(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float, float, float]:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


def _draw_arrow(draw: ImageDraw.ImageDraw, start: tuple[float, float], end: tuple[float, float],
                stroke: int, color: tuple[int, ...]) -> None:
    length = math.hypot(end[0] - start[0], end[1] - start[1])
    if length < 1:
        return
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    head = min(length, 4.0 * stroke + 8.0)
    base = (end[0] - ux * head, end[1] - uy * head)
    half = head * 0.5
    # The shaft stops inside the head so its square end does not poke out of the tip.
    draw.line([start, (base[0] + ux * head * 0.3, base[1] + uy * head * 0.3)], fill=color,
              width=stroke)
    left = (base[0] - uy * half, base[1] + ux * half)
    right = (base[0] + uy * half, base[1] - ux * half)
    draw.polygon([end, left, right], fill=color)


def _paste_image(canvas: Image.Image, data: bytes, points: list[tuple[float, float]]) -> None:
    image = decode_image(data)
    x, y = round(points[0][0]), round(points[0][1])
    if len(points) >= 2:
        x0, y0, x1, y1 = (round(value) for value in _box(points[0], points[1]))
        if x1 - x0 >= 1 and y1 - y0 >= 1:
            image = image.resize((x1 - x0, y1 - y0), Image.Resampling.LANCZOS)
            x, y = x0, y0
    canvas.alpha_composite(image, dest=(max(x, 0), max(y, 0)),
                           source=(max(-x, 0), max(-y, 0)))


def _even_bounds(bounds: tuple[int, int, int, int], width: int,
                 height: int) -> tuple[int, int, int, int]:
    """Grow a box to even coordinates so its chroma samples cover whole 2 × 2 luma blocks."""
    x0, y0, x1, y1 = bounds
    x0, y0 = x0 - x0 % 2, y0 - y0 % 2
    x1, y1 = min(x1 + x1 % 2, width - width % 2), min(y1 + y1 % 2, height - height % 2)
    return x0, y0, x1, y1


def is_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    starts_like_svg = head.startswith((b"<svg", b"<?xml", b"<!doctype svg"))
    return starts_like_svg and b"<svg" in data[:65536].lower()


def decode_image(data: bytes) -> Image.Image:
    """Decode PNG or SVG bytes into an RGBA image; raise ``MediaError`` for anything else."""
    if data.startswith(PNG_SIGNATURE):
        try:
            with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
                return image.convert("RGBA")
        except (OSError, ValueError, Image.DecompressionBombError):
            raise MediaError("edit.image_unreadable") from None
    if is_svg(data):
        return Image.open(io.BytesIO(rasterise_svg(data)), formats=["PNG"]).convert("RGBA")
    raise MediaError("edit.image_unsupported")


def rasterise_svg(data: bytes) -> bytes:
    """Render SVG bytes to PNG bytes with resvg, using only the bundled DejaVu Sans for text."""
    import resvg_py

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise MediaError("edit.image_unreadable") from None
    fonts = [str(resource_path("fonts", name)) for name in ("DejaVuSans.ttf",
                                                            "DejaVuSans-Bold.ttf")]
    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=text, skip_system_fonts=True,
                                           font_files=[font for font in fonts
                                                       if Path(font).exists()],
                                           font_family="DejaVu Sans"))
    except ValueError:
        raise MediaError("edit.image_unreadable") from None


def import_diagram_image(vault: Vault, path: Path) -> str:
    """Check that ``path`` is a PNG or SVG image, store it encrypted; return the object id."""
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise MediaError("edit.image_too_large", limit_mib=MAX_IMAGE_BYTES // (1024 * 1024))
        data = path.read_bytes()
    except OSError:
        raise MediaError("edit.image_unreadable") from None
    decode_image(data)
    with vault.new_object(IMAGE_OBJECT_KIND) as (object_id, writer):
        writer.write(data)
    log.info("stored diagram image %s (%d bytes)", object_id, len(data))
    return object_id


def _plane_views(yuv: np.ndarray, width: int,
                 height: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    flat = yuv.reshape(-1)
    luma_size, chroma_size = width * height, (width // 2) * (height // 2)
    y_plane = flat[:luma_size].reshape(height, width)
    u_plane = flat[luma_size: luma_size + chroma_size].reshape(height // 2, width // 2)
    v_plane = flat[luma_size + chroma_size: luma_size + 2 * chroma_size].reshape(height // 2,
                                                                                  width // 2)
    return y_plane, u_plane, v_plane


def _rgb_to_yuv(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Convert RGB to limited-range BT.601 YUV, the matrix FFmpeg uses for yuv420p by default."""
    r, g, b = (rgb[..., index].astype(np.float32) for index in range(3))
    y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255
    u = 128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255
    v = 128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255
    return y, u, v


def apply_overlays(yuv: np.ndarray, width: int, height: int, overlays: list[Overlay]) -> None:
    """Blend ``overlays`` in place onto a contiguous yuv420p frame (``width``, ``height`` even)."""
    if not overlays:
        return
    y_plane, u_plane, v_plane = _plane_views(yuv, width, height)
    for overlay in overlays:
        patch = overlay.rgba
        h = min(patch.shape[0], height - overlay.y)
        w = min(patch.shape[1], width - overlay.x)
        h, w = h - h % 2, w - w % 2
        if h <= 0 or w <= 0:
            continue
        patch = patch[:h, :w]
        alpha = patch[..., 3].astype(np.float32) / 255
        luma, u, v = _rgb_to_yuv(patch)

        region = y_plane[overlay.y: overlay.y + h, overlay.x: overlay.x + w]
        region[...] = np.clip(region * (1 - alpha) + luma * alpha + 0.5, 0, 255).astype(np.uint8)

        # Chroma is subsampled 2 × 2: blend with the block's mean alpha and its
        # alpha-weighted mean colour.
        alpha_c = _block_mean(alpha)
        cy, cx = overlay.y // 2, overlay.x // 2
        for plane, values in ((u_plane, u), (v_plane, v)):
            weighted = _block_mean(values * alpha)
            target = plane[cy: cy + h // 2, cx: cx + w // 2]
            target[...] = np.clip(target * (1 - alpha_c) + weighted + 0.5, 0, 255).astype(np.uint8)


def _block_mean(values: np.ndarray) -> np.ndarray:
    h, w = values.shape
    return values.reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))


class DiagramLayer:
    """The diagrams of one media, drawn once each, returned per source frame."""

    def __init__(self, diagrams: list[Diagram], width: int, height: int,
                 image_loader: Callable[[str], bytes]) -> None:
        self.width = width
        self.height = height
        self._diagrams = sorted(diagrams, key=lambda diagram: diagram.start_frame)
        self._loader = image_loader
        self._drawn: dict[str, Overlay | None] = {}

    def overlays_at(self, frame: int) -> list[Overlay]:
        found: list[Overlay] = []
        for diagram in self._diagrams:
            if diagram.start_frame > frame:
                break
            if frame > diagram.end_frame:
                continue
            if diagram.id not in self._drawn:
                image = self._loader(diagram.image_object_id) if (
                    diagram.kind == "image" and diagram.image_object_id) else None
                self._drawn[diagram.id] = render_diagram(diagram, self.width, self.height, image)
            overlay = self._drawn[diagram.id]
            if overlay is not None:
                found.append(overlay)
        return found


def next_diagram_id(diagrams: list[Diagram]) -> str:
    numbers = [int(diagram.id[1:]) for diagram in diagrams if diagram.id[1:].isdigit()]
    return f"D{(max(numbers) + 1) if numbers else 1:04d}"
