"""Audio peaks per video frame, for the timeline's waveform (no Qt)."""

from __future__ import annotations

import logging
from typing import Any

import av
import numpy as np

from app.jobs import CancelToken

log = logging.getLogger(__name__)


def audio_peaks(container: Any, frame_count: int, fps: float,
                cancel: CancelToken | None = None) -> np.ndarray | None:
    """Return the peak amplitude (0..1) of the first audio stream over each video frame.

    Returns ``None`` when the container has no audio. A decoding error ends the
    waveform early (it is only a picture); the frames after it stay at 0.
    """
    if not container.streams.audio or frame_count <= 0 or fps <= 0:
        return None
    stream = container.streams.audio[0]
    peaks = np.zeros(frame_count, dtype=np.float32)
    resampler = av.AudioResampler(format="flt", layout="mono", rate=8000)
    position = 0  # samples at 8 kHz since the first audio frame
    samples_per_frame = 8000 / fps
    try:
        for frame in container.decode(stream):
            if cancel is not None and cancel.cancelled:
                return None
            for resampled in resampler.resample(frame):
                samples = np.abs(resampled.to_ndarray().reshape(-1))
                first = int(position / samples_per_frame)
                last = int((position + samples.size) / samples_per_frame)
                for index in range(first, min(last + 1, frame_count)):
                    start = max(0, int(index * samples_per_frame) - position)
                    end = min(samples.size, int((index + 1) * samples_per_frame) - position)
                    if end > start:
                        peaks[index] = max(peaks[index], float(samples[start:end].max()))
                position += samples.size
    except (av.FFmpegError, ValueError):
        log.info("waveform stopped early at sample %d", position)
    return np.clip(peaks, 0.0, 1.0)
