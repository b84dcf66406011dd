"""Worker threads that decode frames for the viewer, the timeline and the library.

Widgets never decode: they post requests, and a worker emits a signal
carrying a ``QImage`` (safe to build outside the UI thread, unlike ``QPixmap``).
The viewer's worker keeps only the latest request, so a fast scrub never
queues stale frames. While scrubbing it shows the proxy frame at once, then
the exact source frame once the playhead rests for ``SETTLE_S``. While playing
it paces frames on the wall clock. It drops a frame that is late, or that comes
before the window painted the previous one, and ``frames_dropped`` counts them.

The caller opens the decrypting readers in the UI thread, where the vault
connection lives, and hands them over. The worker opens the containers and
closes everything when it stops.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import av
import numpy as np
from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QImage

from app.errors import MediaError
from app.project.model import Box, MediaProject
from ui.audio_output import AudioPlayback
from ui.frame_source import FrameSource, frame_to_rgb
from ui.waveform import audio_peaks

log = logging.getLogger(__name__)

SETTLE_S = 0.12  # rest time after a scrub before the exact frame is decoded
THUMBNAIL_CACHE_BYTES = 16 * 1024 * 1024  # thumbnails are scattered: little to reuse


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """Copy an RGB array into a ``QImage`` that owns its pixels."""
    rgb = np.ascontiguousarray(rgb)
    height, width = rgb.shape[:2]
    image = QImage(rgb.data, width, height, rgb.strides[0], QImage.Format.Format_RGB888)
    return image.copy()


@dataclass
class _Request:
    kind: str  # "show", "scrub", "play"
    frame: int
    rate: float = 1.0


class QtFrameWorker(QThread):
    """Decodes the frames the viewer shows: exact frames, proxy frames while scrubbing, playback."""

    opened = Signal(int)
    frame_ready = Signal(int, QImage, bool)
    playback_ended = Signal(int)
    failed = Signal(object)

    def __init__(self, media_id: str, source_reader: Any, proxy_reader: Any | None, fps: float,
                 audio_reader: Any | None = None) -> None:
        super().__init__()
        self.media_id = media_id
        self.fps = fps if fps > 0 else 25.0
        self._source_reader = source_reader
        self._proxy_reader = proxy_reader
        self._audio = AudioPlayback(audio_reader) if audio_reader is not None else None
        self._source: FrameSource | None = None
        self._proxy: FrameSource | None = None
        self._condition = threading.Condition()
        self._request: _Request | None = None
        self._stopping = False
        self._painting = threading.Event()
        self._media: MediaProject | None = None
        self._preview = False
        self.frame_count = 0
        self.frames_shown = 0
        self.frames_dropped = 0
        self.playing = False

    # ----------------------------------------------------------------- UI-thread API

    def show_frame(self, frame: int) -> None:
        self._post(_Request("show", frame))

    def scrub(self, frame: int) -> None:
        self._post(_Request("scrub", frame))

    def play(self, frame: int, rate: float = 1.0) -> None:
        self._post(_Request("play", frame, rate))

    def set_preview(self, enabled: bool, media: MediaProject | None) -> None:
        """Set whether frames are redacted as the export will be, with which tracks."""
        with self._condition:
            self._preview = enabled
            self._media = media

    def frame_painted(self) -> None:
        """Tell the worker the window has painted the last frame it sent."""
        self._painting.clear()

    def stop(self) -> None:
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        self.wait(10_000)

    def _post(self, request: _Request) -> None:
        with self._condition:
            self._request = request
            self._condition.notify_all()

    # ----------------------------------------------------------------- worker thread

    def run(self) -> None:
        try:
            self._open()
        except (MediaError, av.FFmpegError, OSError, ValueError) as error:
            log.warning("media %s: viewer could not open the media (%s)", self.media_id,
                        type(error).__name__)
            self.failed.emit(error if isinstance(error, MediaError)
                             else MediaError("media.decode_failed", media_id=self.media_id,
                                             frame=0))
            self._close()
            return
        self.opened.emit(self.frame_count)
        while True:
            with self._condition:
                while self._request is None and not self._stopping:
                    self._condition.wait()
                if self._stopping:
                    break
                request, self._request = self._request, None
            if request is None:
                continue
            try:
                self._handle(request)
            except MediaError as error:
                self.playing = False
                self.failed.emit(error)
        self._close()

    def _open(self) -> None:
        self._source_reader.seek(0)
        self._source = FrameSource(av.open(self._source_reader), self.media_id)
        self.frame_count = self._source.frame_count
        if self._proxy_reader is not None:
            try:
                proxy = FrameSource(av.open(self._proxy_reader), self.media_id)
            except (MediaError, av.FFmpegError, ValueError):
                log.warning("media %s: proxy unreadable, scrubbing uses the source", self.media_id)
            else:
                if proxy.frame_count == self.frame_count:
                    self._proxy = proxy
                else:
                    log.warning("media %s: proxy has %d frames, source %d; proxy ignored",
                                self.media_id, proxy.frame_count, self.frame_count)
                    proxy.close()

    def _close(self) -> None:
        if self._audio is not None:
            self._audio.close()
        for source in (self._source, self._proxy):
            if source is not None:
                source.close()
        self._source_reader.close()
        if self._proxy_reader is not None:
            self._proxy_reader.close()

    def _pending(self) -> bool:
        with self._condition:
            return self._request is not None or self._stopping

    def _wait_for_request(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; return ``True`` early if a new request or a stop arrived."""
        with self._condition:
            if self._request is None and not self._stopping and seconds > 0:
                self._condition.wait(seconds)
            return self._request is not None or self._stopping

    def _emit(self, index: int, frame: Any, exact: bool) -> None:
        with self._condition:
            media, preview = self._media, self._preview
        rgb = frame_to_rgb(frame, media, index, preview)
        self._painting.set()
        self.frames_shown += 1
        self.frame_ready.emit(index, rgb_to_qimage(rgb), exact)

    def _handle(self, request: _Request) -> None:
        assert self._source is not None
        index = min(max(request.frame, 0), self.frame_count - 1)
        if request.kind == "show":
            self._emit(index, self._source.frame_at(index), True)
        elif request.kind == "scrub":
            if self._proxy is None:
                self._emit(index, self._source.frame_at(index), True)
                return
            self._emit(index, self._proxy.frame_at(index), False)
            if not self._wait_for_request(SETTLE_S):
                self._emit(index, self._source.frame_at(index), True)
        elif request.rate >= 0:
            self._play_forward(index, request.rate or 1.0)
        else:
            self._play_backward(index, -request.rate)

    def _play_forward(self, start: int, rate: float) -> None:
        assert self._source is not None
        self.playing = True
        self._emit(start, self._source.frame_at(start), True)
        if self._audio is not None:
            self._audio.start(start / self.fps, rate)
        period = 1.0 / (self.fps * rate)
        started = time.monotonic()
        last = start
        last_decoded: tuple[int, Any] | None = None
        try:
            while not self._pending():
                decoded = self._source.next_frame()
                if decoded is None:
                    if last_decoded is not None and last_decoded[0] != last:
                        # Always end on the last frame, even if it came too late to show.
                        last = last_decoded[0]
                        self._emit(last, last_decoded[1], True)
                    self.playback_ended.emit(last)
                    return
                index, frame = decoded
                last_decoded = decoded
                due = started + (index - start) * period
                late = time.monotonic() - due
                if late > period:
                    self.frames_dropped += 1  # behind the clock
                    continue
                if late < 0 and self._wait_for_request(-late):
                    return
                if self._painting.is_set():
                    self.frames_dropped += 1  # the window has not painted the last one yet
                    continue
                self._emit(index, frame, True)
                last = index
        finally:
            self.playing = False
            if self._audio is not None:
                self._audio.stop()

    def _play_backward(self, start: int, rate: float) -> None:
        assert self._source is not None
        source = self._proxy or self._source
        self.playing = True
        period = 1.0 / (self.fps * rate)
        index = start
        try:
            while index > 0:
                tick = time.monotonic()
                index -= 1
                self._emit(index, source.frame_at(index), source is self._source)
                if self._wait_for_request(period - (time.monotonic() - tick)):
                    return
            self._emit(0, self._source.frame_at(0), True)
            self.playback_ended.emit(0)
        finally:
            self.playing = False


class QtThumbnailWorker(QThread):
    """Small pictures of one media (timeline strip, track list) and its audio waveform.

    Requests are served newest first, so what the user looks at now comes
    before what scrolled away. The waveform is computed first, once.
    """

    thumbnail_ready = Signal(str, QImage)
    waveform_ready = Signal(object)

    def __init__(self, media_id: str, reader: Any, source_width: int, source_height: int,
                 frame_count: int, fps: float) -> None:
        super().__init__()
        self.media_id = media_id
        self._reader = reader
        self._source_size = (max(1, source_width), max(1, source_height))
        self._frame_count = frame_count
        self._fps = fps
        self._condition = threading.Condition()
        self._queue: OrderedDict[str, tuple[int, Box | None, int, int]] = OrderedDict()
        self._stopping = False

    def request(self, key: str, frame: int, crop: Box | None, width: int, height: int) -> None:
        """Ask for ``frame``, cropped to ``crop`` (source pixels), to fit ``width`` x ``height``."""
        with self._condition:
            self._queue.pop(key, None)
            self._queue[key] = (frame, crop, width, height)
            self._condition.notify_all()

    def clear(self) -> None:
        with self._condition:
            self._queue.clear()

    def stop(self) -> None:
        with self._condition:
            self._stopping = True
            self._queue.clear()
            self._condition.notify_all()
        self.wait(10_000)

    def run(self) -> None:
        try:
            self._reader.seek(0)
            container = av.open(self._reader)
        except (av.FFmpegError, OSError, ValueError):
            log.warning("media %s: thumbnails unavailable", self.media_id)
            self._reader.close()
            return
        try:
            peaks = audio_peaks(container, self._frame_count, self._fps)
            self.waveform_ready.emit(peaks)
            source = FrameSource(container, self.media_id, THUMBNAIL_CACHE_BYTES)
        except (MediaError, av.FFmpegError, ValueError):
            log.warning("media %s: thumbnails unavailable", self.media_id)
            container.close()
            self._reader.close()
            return
        try:
            self._serve(source)
        finally:
            source.close()
            self._reader.close()

    def _serve(self, source: FrameSource) -> None:
        while True:
            with self._condition:
                while not self._queue and not self._stopping:
                    self._condition.wait()
                if self._stopping:
                    return
                key, (frame, crop, width, height) = self._queue.popitem(last=True)
            try:
                rgb = source.frame_at(frame).to_ndarray(format="rgb24")
            except MediaError:
                continue
            if crop is not None:
                rgb = self._crop(rgb, crop)
            image = rgb_to_qimage(rgb)
            self.thumbnail_ready.emit(key, image.scaled(
                width, height, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))

    def _crop(self, rgb: np.ndarray, box: Box) -> np.ndarray:
        height, width = rgb.shape[:2]
        sx, sy = width / self._source_size[0], height / self._source_size[1]
        x0 = int(max(0, min(width - 1, box.x * sx)))
        y0 = int(max(0, min(height - 1, box.y * sy)))
        x1 = int(max(x0 + 1, min(width, (box.x + box.w) * sx)))
        y1 = int(max(y0 + 1, min(height, (box.y + box.h) * sy)))
        return rgb[y0:y1, x0:x1]


class QtPosterWorker(QThread):
    """One small picture per media for the library, from the proxy when there is one."""

    poster_ready = Signal(str, QImage)

    def __init__(self, readers: list[tuple[str, Any]], width: int = 128, height: int = 72) -> None:
        super().__init__()
        self._readers = readers
        self._size = (width, height)
        self._stopping = False

    def stop(self) -> None:
        self._stopping = True
        self.wait(10_000)

    def run(self) -> None:
        for media_id, reader in self._readers:
            if self._stopping:
                reader.close()
                continue
            try:
                reader.seek(0)
                container = av.open(reader)
                try:
                    source = FrameSource(container, media_id)
                    frame = source.frame_at(source.frame_count // 10)
                    image = rgb_to_qimage(frame.to_ndarray(format="rgb24"))
                finally:
                    container.close()
            except (MediaError, av.FFmpegError, OSError, ValueError):
                log.info("media %s: no poster frame", media_id)
                continue
            finally:
                reader.close()
            self.poster_ready.emit(media_id, image.scaled(
                *self._size, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
