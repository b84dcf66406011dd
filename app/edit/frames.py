"""Decode numbered source frames of a vault media, seeking to the ranges a frame plan keeps.

Frame numbers count decoded frames from 0 in presentation order, as the analysis numbers them.
To seek, the packet timestamps of the video stream are read first (demuxing only, no decoding):
sorted, they give each frame number its timestamp. A seek lands on a keyframe at or before the
wanted frame, and decoding runs forward from there, so the first returned frame is exact.
When the timestamps cannot be trusted (missing, duplicated, or not as many as the decoded
frames), every range is decoded from the start of the file instead: slower, still exact.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, BinaryIO, cast

import av

from app.errors import MediaError
from app.media.decode import open_container
from app.vault import Vault

log = logging.getLogger(__name__)

# Decoding forward is cheaper than a seek when the next range starts this close after the last
# decoded frame (a seek restarts at the previous keyframe, typically 1-10 s earlier).
FORWARD_DECODE_LIMIT = 120


class SourceFrames:
    """A decoder over one media of the vault that returns frame ranges by frame number."""

    def __init__(self, vault: Vault, media_id: str, frame_count: int) -> None:
        self.media_id = media_id
        self.frame_count = frame_count
        self._reader = vault.open_media(media_id, purpose="export")
        self._container: Any = open_container(cast(BinaryIO, self._reader), media_id)
        self._stream = self._container.streams.video[0]
        self._stream.thread_type = "AUTO"
        self._timestamps = self._read_timestamps()
        self._index_of = {pts: index for index, pts in enumerate(self._timestamps or [])}
        self._frames: Iterator[Any] | None = None
        self._next_index = 0  # frame number the running decoder returns next
        self.seeks = 0

    @property
    def rate(self) -> Any:
        return self._stream.average_rate or self._stream.guessed_rate

    @property
    def seekable(self) -> bool:
        return self._timestamps is not None

    def close(self) -> None:
        self._container.close()
        self._reader.close()

    def __enter__(self) -> SourceFrames:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read_timestamps(self) -> list[int] | None:
        """Return the sorted packet timestamps, or None when they cannot number the frames."""
        timestamps: list[int] = []
        problem = ""
        try:
            for packet in self._container.demux(self._stream):
                if packet.size == 0:
                    continue
                if packet.pts is None:
                    problem = "missing"
                    break
                timestamps.append(int(packet.pts))
        except (av.FFmpegError, OSError, ValueError):
            problem = "unreadable"
        timestamps.sort()
        if not problem and len(set(timestamps)) != len(timestamps):
            problem = "duplicated"
        if not problem and len(timestamps) != self.frame_count:
            log.info("media %s: %d packets for %d decoded frames", self.media_id,
                     len(timestamps), self.frame_count)
            problem = "miscounted"
        if problem:
            log.info("media %s: packet timestamps %s, decoding ranges from the start",
                     self.media_id, problem)
            self._container.seek(0)
            return None
        self._container.seek(timestamps[0], stream=self._stream, backward=True)
        return timestamps

    def frames(self, first: int, last: int) -> Iterator[tuple[int, av.VideoFrame]]:
        """Yield ``(number, frame)`` for frames ``first`` to ``last`` inclusive, in order."""
        if not 0 <= first <= last < self.frame_count:
            raise MediaError("media.decode_failed", media_id=self.media_id, frame=first)
        self._position_at(first)
        expected = first
        while expected <= last:
            number, frame = self._next()
            if number < expected:
                continue
            if number != expected:
                # A frame number was skipped: the decoder lost a frame, which would shift the plan.
                log.warning("media %s: expected frame %d, decoded %d", self.media_id, expected,
                            number)
                raise MediaError("media.decode_failed", media_id=self.media_id, frame=expected)
            yield number, frame
            expected += 1

    def _position_at(self, first: int) -> None:
        running = self._frames is not None
        if running and self._next_index <= first < self._next_index + FORWARD_DECODE_LIMIT:
            return
        if self._timestamps is None:
            if running and self._next_index <= first:
                return
            self._restart()
            return
        self._seek(first)

    def _restart(self) -> None:
        self._container.seek(0)
        self._frames = self._decode()
        self._next_index = 0

    def _seek(self, first: int) -> None:
        assert self._timestamps is not None
        target = first
        for _attempt in range(4):
            self.seeks += 1
            self._container.seek(self._timestamps[target], stream=self._stream, backward=True)
            self._frames = self._decode()
            number, frame = self._next()
            if number <= first:
                self._pending = (number, frame)
                return
            if target == 0:
                break
            # The demuxer seeks on decoding timestamps, so with B-frames it can land on a
            # keyframe shown after the wanted frame: aim earlier and try again.
            target = max(0, target - max(16, 2 * (number - target)))
        log.info("media %s: seeks overshot frame %d, decoding from the start", self.media_id, first)
        self._container.seek(self._timestamps[0], stream=self._stream, backward=True)
        self._frames = self._decode()

    def _decode(self) -> Iterator[Any]:
        try:
            yield from self._container.decode(self._stream)
        except (av.FFmpegError, OSError, ValueError):
            log.warning("media %s: decoding failed after a seek", self.media_id)
            raise MediaError("media.decode_failed", media_id=self.media_id,
                             frame=self._next_index) from None

    _pending: tuple[int, Any] | None = None

    def _next(self) -> tuple[int, Any]:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._next_index = pending[0] + 1
            return pending
        if self._frames is None:
            self._restart()
        assert self._frames is not None
        frame = next(self._frames, None)
        if frame is None:
            raise MediaError("media.decode_failed", media_id=self.media_id, frame=self._next_index)
        if self._timestamps is None:
            number = self._next_index
        else:
            found = self._index_of.get(frame.pts)
            if found is None:
                raise MediaError("media.decode_failed", media_id=self.media_id,
                                 frame=self._next_index)
            number = found
        self._next_index = number + 1
        return number, frame
