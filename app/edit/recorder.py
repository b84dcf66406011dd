"""Record narration from a microphone, or from any other source of sound blocks.

``Recorder`` reads blocks from a source, reports the input level of each block, and returns
the recording as a 48 kHz ``AudioBuffer`` when the source ends, the time limit is reached or
``stop()`` is called. The countdown before recording and the retake (recording again over a
clip, see ``app.edit.audio.retake_narration``) are the caller's.

``MicrophoneSource`` uses ``sounddevice`` (PortAudio), imported only when a microphone is
used: on a machine without a sound card PortAudio lists no input device and recording raises
``VoileError("edit.no_microphone")``, while importing narration files keeps working.
``FileSource`` feeds the blocks of an audio file instead, for tests and for machines without
a microphone.
"""

from __future__ import annotations

import logging
import math
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from app.edit.audio import SAMPLE_RATE, AudioBuffer, decode_audio
from app.errors import CancelledError, VoileError
from app.jobs import CancelToken

log = logging.getLogger(__name__)

BLOCK_FRAMES = 2048  # about 43 ms at 48 kHz: the level meter updates about 23 times a second
SILENCE_DBFS = -120.0


@dataclass(frozen=True)
class InputDevice:
    """A sound input PortAudio offers."""

    index: int
    name: str
    channels: int
    default_rate: float


@dataclass(frozen=True)
class Level:
    """The input level of one block, in dBFS, and the recording length so far in seconds."""

    rms_dbfs: float
    peak_dbfs: float
    seconds: float


class BlockSource(Protocol):
    """Anything that yields float32 blocks shaped ``(frames, channels)`` at ``rate`` Hz."""

    rate: int
    channels: int

    def blocks(self) -> Iterator[np.ndarray]: ...

    def close(self) -> None: ...


def _sounddevice() -> Any:
    """Import sounddevice, or raise ``edit.no_microphone`` when PortAudio cannot be loaded."""
    try:
        import sounddevice
    except OSError:
        # sounddevice raises OSError when the PortAudio library itself is missing.
        log.info("PortAudio is not available; recording is disabled")
        raise VoileError("edit.no_microphone") from None
    return sounddevice


def input_devices() -> list[InputDevice]:
    """List the sound inputs; empty when there is no sound card or no PortAudio."""
    try:
        sounddevice = _sounddevice()
        devices = sounddevice.query_devices()
    except VoileError:
        return []
    except Exception as error:  # sounddevice.PortAudioError derives from Exception only
        log.info("listing sound inputs failed: %s", type(error).__name__)
        return []
    found: list[InputDevice] = []
    for index, device in enumerate(devices):
        channels = int(device.get("max_input_channels", 0))
        if channels > 0:
            found.append(InputDevice(index, str(device.get("name", "")), channels,
                                     float(device.get("default_samplerate", SAMPLE_RATE))))
    return found


def level_of(block: np.ndarray) -> tuple[float, float]:
    """Return the RMS and peak levels of a block in dBFS (``SILENCE_DBFS`` for digital silence)."""
    if block.size == 0:
        return SILENCE_DBFS, SILENCE_DBFS
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64))))
    peak = float(np.max(np.abs(block)))

    def to_db(value: float) -> float:
        return max(20 * math.log10(value), SILENCE_DBFS) if value > 0 else SILENCE_DBFS

    return to_db(rms), to_db(peak)


class MicrophoneSource:
    """Blocks from a PortAudio input device, delivered through a queue by its callback thread."""

    def __init__(self, device: int | None = None, channels: int = 1,
                 rate: int = SAMPLE_RATE) -> None:
        sounddevice = _sounddevice()
        if not input_devices():
            raise VoileError("edit.no_microphone")
        self.rate = rate
        self.channels = channels
        self._queue: queue.Queue[np.ndarray | None] = queue.Queue()
        self._overflows = 0
        try:
            self._stream = sounddevice.InputStream(device=device, channels=channels,
                                                   samplerate=rate, dtype="float32",
                                                   blocksize=BLOCK_FRAMES,
                                                   callback=self._callback)
            self._stream.start()
        except Exception as error:  # PortAudioError, or ValueError for a bad device index
            log.warning("opening the sound input failed: %s", type(error).__name__)
            raise VoileError("edit.no_microphone") from None

    def _callback(self, data: np.ndarray, frames: int, time: Any, status: Any) -> None:
        if status:
            self._overflows += 1
        self._queue.put(data.copy())

    def blocks(self) -> Iterator[np.ndarray]:
        while True:
            block = self._queue.get()
            if block is None:
                return
            yield block

    def close(self) -> None:
        self._stream.stop()
        self._stream.close()
        self._queue.put(None)
        if self._overflows:
            log.warning("sound input overflowed %d times while recording", self._overflows)


class FileSource:
    """Blocks of an audio file (any format ``decode_audio`` reads), at 48 kHz, as fast as read."""

    def __init__(self, path: Path, channels: int = 1, block_frames: int = BLOCK_FRAMES) -> None:
        self.rate = SAMPLE_RATE
        self.channels = channels
        self._samples = decode_audio(path, channels=channels).samples
        self._block_frames = block_frames

    def blocks(self) -> Iterator[np.ndarray]:
        for start in range(0, self._samples.shape[1], self._block_frames):
            yield self._samples[:, start: start + self._block_frames].T

    def close(self) -> None:
        pass


class Recorder:
    """Records a ``BlockSource`` into an ``AudioBuffer`` and reports the level of every block."""

    def __init__(self, source: BlockSource,
                 on_level: Callable[[Level], None] | None = None) -> None:
        self.source = source
        self.on_level = on_level
        self._stop = threading.Event()

    def stop(self) -> None:
        """Stop recording at the next block and keep what was recorded (thread-safe)."""
        self._stop.set()

    def record(self, max_seconds: float | None = None,
               cancel: CancelToken | None = None) -> AudioBuffer:
        """Record until the source ends, ``max_seconds`` pass or ``stop()`` is called.

        A cancelled token discards the recording and raises ``CancelledError``. Raises
        ``VoileError("edit.recording_empty")`` when no sound at all was received.
        """
        limit = None if max_seconds is None else round(max_seconds * self.source.rate)
        blocks: list[np.ndarray] = []
        received = 0
        try:
            for block in self.source.blocks():
                if cancel is not None and cancel.cancelled:
                    raise CancelledError()
                samples = np.asarray(block, dtype=np.float32).reshape(-1, self.source.channels).T
                if limit is not None:
                    samples = samples[:, : max(limit - received, 0)]
                blocks.append(samples)
                received += samples.shape[1]
                if self.on_level is not None:
                    rms, peak = level_of(samples)
                    self.on_level(Level(rms, peak, received / self.source.rate))
                if self._stop.is_set() or (limit is not None and received >= limit):
                    break
        finally:
            self.source.close()
        if received == 0:
            raise VoileError("edit.recording_empty")
        buffer = AudioBuffer.concatenate(blocks, self.source.channels, self.source.rate)
        log.info("recorded %.2f s of narration", buffer.duration_s)
        return _to_output_rate(buffer)


def _to_output_rate(buffer: AudioBuffer) -> AudioBuffer:
    if buffer.rate == SAMPLE_RATE:
        return buffer
    from fractions import Fraction

    from scipy.signal import resample_poly

    ratio = Fraction(SAMPLE_RATE, buffer.rate)
    samples = resample_poly(buffer.samples, ratio.numerator, ratio.denominator, axis=1)
    return AudioBuffer(np.ascontiguousarray(samples, dtype=np.float32), SAMPLE_RATE)
