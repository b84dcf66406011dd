"""Decode video frames by number, for the viewer, the timeline and region following.

Frames are numbered as in the case project: decoded frames in presentation
order, from 0. The index maps each number to its presentation timestamp. It
comes from demuxing the packets once (no decoding), which also handles
variable frame rates. A seek goes to the keyframe before the target and
decodes forward. The frames decoded on the way stay in a small cache, so
stepping backwards one frame at a time after a seek costs nothing until the
previous keyframe. Requests just after the last decoded frame continue
decoding without a seek, which is what playback and stepping forward do.

This module has no Qt import; ``ui.qt_frames`` runs it in worker threads.
"""

from __future__ import annotations

import bisect
import logging
import math
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import av
import cv2
import numpy as np

from app.errors import MediaError
from app.project.model import MediaProject
from app.redaction.render import Region, apply_regions, regions_for_frame

log = logging.getLogger(__name__)

FORWARD_DECODE_LIMIT = 48  # frames decoded forward instead of seeking
CACHE_BYTES = 160 * 1024 * 1024
KEEP_BEHIND = 64  # frames before the target kept in the cache after a seek


class FrameSource:
    """Random and sequential access to the frames of one container (source or proxy)."""

    def __init__(self, container: Any, media_id: str, cache_bytes: int = CACHE_BYTES) -> None:
        self.container = container
        self.cache_bytes = cache_bytes
        self.media_id = media_id
        self.stream = container.streams.video[0]
        self.stream.thread_type = "AUTO"
        self.width = int(self.stream.codec_context.width)
        self.height = int(self.stream.codec_context.height)
        self.pts_index = self._build_index()
        self._decoder: Iterator[Any] | None = None
        self._last_index: int | None = None  # last frame out of the decoder
        self.position: int | None = None  # last frame returned to the caller
        self._cache: OrderedDict[int, Any] = OrderedDict()
        self._cache_bytes = 0
        self._frame_bytes = max(1, self.width * self.height * 3 // 2)

    @property
    def frame_count(self) -> int:
        return len(self.pts_index)

    def _build_index(self) -> list[int]:
        timestamps: list[int] = []
        try:
            for packet in self.container.demux(self.stream):
                if packet.size == 0:
                    continue
                stamp = packet.pts if packet.pts is not None else packet.dts
                if stamp is not None:
                    timestamps.append(int(stamp))
        except (av.FFmpegError, OSError, ValueError):
            log.warning("media %s: index stopped after %d packets", self.media_id, len(timestamps))
            if not timestamps:
                raise MediaError("media.decode_failed", media_id=self.media_id, frame=0) from None
        timestamps.sort()
        self._rewind()
        return timestamps

    def _rewind(self) -> None:
        self.container.seek(0, stream=self.stream, backward=True, any_frame=False)
        self._decoder = None
        self._last_index = None

    def index_of(self, frame: Any) -> int:
        """Return the number of a decoded frame from its timestamp."""
        stamp = frame.pts if frame.pts is not None else getattr(frame, "dts", None)
        if stamp is None:
            return (self._last_index + 1) if self._last_index is not None else 0
        position = bisect.bisect_left(self.pts_index, int(stamp))
        if position >= len(self.pts_index):
            return len(self.pts_index) - 1
        if position > 0 and self.pts_index[position] != stamp and \
                stamp - self.pts_index[position - 1] < self.pts_index[position] - stamp:
            return position - 1
        return position

    def _remember(self, index: int, frame: Any) -> None:
        if index in self._cache:
            self._cache.move_to_end(index)
            return
        self._cache[index] = frame
        self._cache_bytes += self._frame_bytes
        while self._cache_bytes > self.cache_bytes and self._cache:
            self._cache.popitem(last=False)
            self._cache_bytes -= self._frame_bytes

    def _next_decoded(self) -> tuple[int, Any] | None:
        if self._decoder is None:
            self._decoder = iter(self.container.decode(self.stream))
        try:
            frame = next(self._decoder)
        except StopIteration:
            self._decoder = None
            return None
        except (av.FFmpegError, OSError, ValueError):
            self._decoder = None
            raise MediaError("media.decode_failed", media_id=self.media_id,
                             frame=(self._last_index or 0) + 1) from None
        index = self.index_of(frame)
        self._last_index = index
        return index, frame

    def _seek_before(self, index: int) -> None:
        self.container.seek(self.pts_index[index], stream=self.stream, backward=True,
                            any_frame=False)
        self._decoder = None
        self._last_index = None

    def cached(self, index: int) -> Any | None:
        return self._cache.get(index)

    def frame_at(self, index: int) -> Any:
        """Return the decoded frame ``index`` (clamped to the media), seeking only when needed."""
        if not self.pts_index:
            raise MediaError("media.no_frames")
        index = min(max(index, 0), len(self.pts_index) - 1)
        cached = self._cache.get(index)
        if cached is not None:
            self._cache.move_to_end(index)
            self.position = index
            return cached
        last = self._last_index
        if last is None or not last < index <= last + FORWARD_DECODE_LIMIT:
            self._seek_before(index)
        best: tuple[int, Any] | None = None
        while True:
            decoded = self._next_decoded()
            if decoded is None:
                break
            number, frame = decoded
            if number >= index - KEEP_BEHIND:
                self._remember(number, frame)
            best = decoded
            if number >= index:
                break
        if best is None:
            raise MediaError("media.decode_failed", media_id=self.media_id, frame=index)
        # When the stream has fewer frames than its index, this is the last decoded one.
        self.position = best[0]
        return best[1]

    def next_frame(self) -> tuple[int, Any] | None:
        """Return the frame after the last one returned; ``None`` at the end of the media."""
        following = 0 if self.position is None else self.position + 1
        if following >= len(self.pts_index):
            return None
        frame = self.frame_at(following)
        if self.position is None or self.position < following:
            return None
        return following, frame

    def close(self) -> None:
        self._cache.clear()
        self._decoder = None
        self.container.close()


def _scaled_regions(media: MediaProject, index: int, width: int, height: int) -> list[Region]:
    """Compute the export's regions on ``index`` in source pixels, then scale them to ``width``."""
    regions = regions_for_frame(media, index, media.width, media.height)
    if (width, height) == (media.width, media.height) or not regions:
        return regions
    sx, sy = width / media.width, height / media.height
    return [Region(int(region.x0 * sx), int(region.y0 * sy), min(width, math.ceil(region.x1 * sx)),
                   min(height, math.ceil(region.y1 * sy)), region.style, region.track_id)
            for region in regions]


def frame_to_rgb(frame: Any, media: MediaProject | None = None, index: int = 0,
                 preview: bool = False) -> np.ndarray:
    """Convert a decoded frame to an RGB array; with ``preview``, redact it as the export will.

    The redaction runs on the frame's YUV planes with the exporter's own code, so
    the preview shows the same pixels as the exported file (on a proxy frame, with
    the regions scaled to its size). Odd sizes are scaled to the nearest even
    size first, which the YUV 4:2:0 planes require.
    """
    if not preview or media is None or media.width < 2 or media.height < 2:
        return frame.to_ndarray(format="rgb24")
    width, height = frame.width - frame.width % 2, frame.height - frame.height % 2
    if (width, height) != (frame.width, frame.height) or frame.format.name != "yuv420p":
        frame = frame.reformat(width=width, height=height, format="yuv420p")
    yuv = np.ascontiguousarray(frame.to_ndarray())
    apply_regions(yuv, width, height, _scaled_regions(media, index, width, height))
    return cv2.cvtColor(yuv, cv2.COLOR_YUV2RGB_I420)
