"""Sound while playing, through PortAudio (``sounddevice``) when a device exists.

``sounddevice`` is imported lazily. Without PortAudio or an output device the
editor plays silently and shows that once in the status bar. The player decodes
the source's first audio stream from its own decrypting reader, in a thread
apart from the video worker.
"""

from __future__ import annotations

import logging
import threading
from functools import cache
from typing import Any

import av
import numpy as np

log = logging.getLogger(__name__)

OUTPUT_RATE = 48000
OUTPUT_CHANNELS = 2


@cache
def output_available() -> bool:
    """Tell whether PortAudio is installed and has a default output device (checked once)."""
    try:
        import sounddevice

        sounddevice.query_devices(kind="output")
    except Exception as error:  # PortAudioError cannot be named when PortAudio is missing
        log.info("no audio output: %s", type(error).__name__)
        return False
    return True


class AudioPlayback:
    """Play the audio of one media from a given time until stopped.

    NOTE: the sound starts with the picture but does not drive its clock, so a
    long playback can drift. This path has only run on machines without an
    output device, where ``output_available`` keeps it off.
    """

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()

    def start(self, seconds: float, speed: float = 1.0) -> None:
        """Start playing at ``seconds``; speeds other than 1 play nothing."""
        self.stop()
        if speed != 1.0:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._play, args=(seconds,), daemon=True,
                                        name="voile-audio")
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None

    def close(self) -> None:
        self.stop()
        self._reader.close()

    def _play(self, seconds: float) -> None:
        try:
            import sounddevice
        except (ImportError, OSError):
            return
        with self._lock:
            self._reader.seek(0)
            try:
                container = av.open(self._reader)
            except (av.FFmpegError, ValueError):
                log.info("audio: the media could not be opened for sound")
                return
            try:
                if not container.streams.audio:
                    return
                stream = container.streams.audio[0]
                if stream.time_base is not None:
                    container.seek(int(seconds / stream.time_base), stream=stream)
                resampler = av.AudioResampler(format="flt", layout="stereo", rate=OUTPUT_RATE)
                with sounddevice.OutputStream(samplerate=OUTPUT_RATE, channels=OUTPUT_CHANNELS,
                                              dtype="float32") as output:
                    for frame in container.decode(stream):
                        if self._stop.is_set():
                            break
                        if frame.time is not None and frame.time < seconds - 0.05:
                            continue
                        for resampled in resampler.resample(frame):
                            samples = resampled.to_ndarray().reshape(-1, OUTPUT_CHANNELS)
                            output.write(np.ascontiguousarray(samples, dtype=np.float32))
            except Exception as error:  # PortAudio errors end the sound, never the editor
                log.info("audio playback stopped: %s", type(error).__name__)
            finally:
                container.close()
