"""Decode video frames in presentation order, numbered from 0."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

import av
import numpy as np

from app.errors import MediaError

log = logging.getLogger(__name__)


def open_container(source: BinaryIO | io.RawIOBase | str, media_id: str) -> Any:
    try:
        return av.open(source, mode="r")
    except (av.FFmpegError, OSError, ValueError):
        raise MediaError("media.decode_failed", media_id=media_id, frame=0) from None


def iter_video_frames(container: Any, media_id: str) -> Iterator[tuple[int, av.VideoFrame]]:
    """Yield ``(index, frame)`` for every decoded frame; a decoding error raises ``MediaError``.

    Fails closed: a frame that cannot be decoded stops the caller, since
    skipping it would shift every later frame's redaction.
    """
    stream = container.streams.video[0]
    stream.thread_type = "AUTO"
    index = 0
    try:
        for frame in container.decode(stream):
            yield index, frame
            index += 1
    except (av.FFmpegError, OSError, ValueError):
        log.warning("media %s: decoding failed at frame %d", media_id, index)
        raise MediaError("media.decode_failed", media_id=media_id, frame=index) from None


def iter_rgb_frames(container: Any, media_id: str) -> Iterator[tuple[int, np.ndarray]]:
    for index, frame in iter_video_frames(container, media_id):
        yield index, frame.to_ndarray(format="rgb24")
