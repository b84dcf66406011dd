"""Build the evaluation clips from the shared samples and their recipes in this folder.

The recipes are JSON files beside this module. Every clip is written with PyAV
(libx264, 4:2:0, CRF 16) into a folder the caller owns, never beside the samples.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from app.paths import resource_path

EVAL_DIR = Path(__file__).resolve().parent


def load_recipe(name: str) -> dict[str, Any]:
    """Return the JSON recipe ``name`` (without suffix) from this folder."""
    data: dict[str, Any] = json.loads((EVAL_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


def decode_rgb(path: Path, first: int = 0, count: int | None = None) -> Iterator[np.ndarray]:
    """Yield RGB frames ``first`` to ``first + count - 1`` of ``path``."""
    with av.open(str(path)) as container:
        for index, frame in enumerate(container.decode(video=0)):
            if index < first:
                continue
            if count is not None and index >= first + count:
                return
            yield frame.to_ndarray(format="rgb24")


def write_clip(path: Path, frames: Iterator[np.ndarray] | list[np.ndarray], fps: int = 25) -> int:
    """Encode RGB frames as H.264 into ``path`` and return how many were written."""
    container = av.open(str(path), "w", format="mp4")
    stream: Any = None
    written = 0
    for frame in frames:
        if stream is None:
            stream = container.add_stream("libx264", rate=fps)
            stream.width, stream.height = frame.shape[1], frame.shape[0]
            stream.pix_fmt = "yuv420p"
            stream.options = {"preset": "ultrafast", "crf": "16"}
        video_frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame), format="rgb24")
        video_frame.pts = written
        for packet in stream.encode(video_frame):
            container.mux(packet)
        written += 1
    if stream is not None:
        for packet in stream.encode(None):
            container.mux(packet)
    container.close()
    return written


def fit(frame: np.ndarray, width: int, height: int) -> np.ndarray:
    """Crop ``frame`` to the aspect ratio of ``width`` x ``height`` around its centre, then resize."""
    source_h, source_w = frame.shape[:2]
    target_ratio = width / height
    if source_w / source_h > target_ratio:
        crop_w = round(source_h * target_ratio)
        left = (source_w - crop_w) // 2
        frame = frame[:, left : left + crop_w]
    else:
        crop_h = round(source_w / target_ratio)
        top = (source_h - crop_h) // 2
        frame = frame[top : top + crop_h]
    interpolation = cv2.INTER_AREA if frame.shape[1] > width else cv2.INTER_LINEAR
    return cv2.resize(frame, (width, height), interpolation=interpolation)


def build_out_of_body_splice(samples: Path, path: Path) -> list[str]:
    """Write the spliced in-body/room clip and return the label of every frame."""
    recipe = load_recipe("out_of_body_splice")
    width, height = recipe["size"]
    labels: list[str] = []

    def frames() -> Iterator[np.ndarray]:
        for segment in recipe["segments"]:
            source = samples / segment["source"]
            decoded = 0
            for frame in decode_rgb(source, segment["first"], segment["count"]):
                decoded += 1
                labels.append(segment["label"])
                yield fit(frame, width, height)
            if decoded != segment["count"]:
                raise ValueError(f"{source.name} gave {decoded} frames, expected {segment['count']}")

    write_clip(path, frames(), recipe["fps"])
    return labels


@dataclass(frozen=True)
class OverlayLine:
    """One line of burned-in text on one frame: what was drawn and its box (x, y, w, h)."""

    text: str
    box: tuple[int, int, int, int]
    kind: str


def tower_lines(recipe: dict[str, Any], frame_index: int) -> list[OverlayLine]:
    """Return the overlay lines of the tower recipe on ``frame_index``, with a running clock."""
    font = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans.ttf")), recipe["font_px"])
    lines = []
    for line in recipe["lines"]:
        text = line["text"]
        if "start" in line:
            moment = dt.datetime.fromisoformat(line["start"])
            moment += dt.timedelta(seconds=frame_index // recipe["fps"])
            text = text.format(date=moment.strftime("%d/%m/%Y"), time=moment.strftime("%H:%M:%S"))
        x0, y0, x1, y1 = font.getbbox(text)
        at_x, at_y = line["at"]
        lines.append(OverlayLine(text, (at_x + x0, at_y + y0, x1 - x0, y1 - y0), line["kind"]))
    return lines


def build_tower_overlay(samples: Path, path: Path) -> list[list[OverlayLine]]:
    """Write laparoscopy frames with a drawn tower overlay; return each frame's lines."""
    recipe = load_recipe("overlay_text")["tower"]
    width, height = recipe["size"]
    font = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans.ttf")), recipe["font_px"])
    drawn: list[list[OverlayLine]] = []

    def frames() -> Iterator[np.ndarray]:
        source = samples / recipe["source"]
        for index, frame in enumerate(decode_rgb(source, recipe["first"], recipe["count"])):
            image = Image.fromarray(fit(frame, width, height))
            draw = ImageDraw.Draw(image)
            lines = tower_lines(recipe, index)
            for line, spec in zip(lines, recipe["lines"], strict=True):
                draw.text(tuple(spec["at"]), line.text, font=font, fill=(240, 240, 240))
            drawn.append(lines)
            yield np.asarray(image)

    write_clip(path, frames(), recipe["fps"])
    return drawn


def osd_lines() -> list[OverlayLine]:
    """Return the hand-labelled lines of the robotic on-screen display sample."""
    recipe = load_recipe("overlay_text")["osd"]
    return [OverlayLine(line["text"], tuple(line["box"]), "instrument")  # type: ignore[arg-type]
            for line in recipe["lines"]]
