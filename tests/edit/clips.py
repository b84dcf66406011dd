"""Generated test media: clips whose frames carry their own frame number, and test sounds."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

BITS = 12
CELL = 16  # pixels per bit square; 12 squares span 192 pixels of the top rows


def watermark_frame(number: int, width: int, height: int) -> np.ndarray:
    """Return an RGB frame whose top row of squares spells ``number`` in binary, on a gradient."""
    x = np.linspace(0, 255, width, dtype=np.float32)
    y = np.linspace(0, 255, height, dtype=np.float32)[:, None]
    base = ((x + y + number * 3) % 256).astype(np.uint8)
    rgb = np.stack([base, np.full_like(base, 90), 255 - base], axis=2)
    rgb[: CELL + 8, : BITS * CELL + 8] = 128
    for bit in range(BITS):
        value = 255 if number >> bit & 1 else 0
        rgb[4: 4 + CELL, 4 + bit * CELL: 4 + (bit + 1) * CELL] = value
    return rgb


def read_watermark(rgb: np.ndarray) -> int:
    """Read the frame number written by ``watermark_frame`` (tolerates compression noise)."""
    luma = rgb.mean(axis=2)
    number = 0
    for bit in range(BITS):
        square = luma[4 + 3: 4 + CELL - 3, 4 + bit * CELL + 3: 4 + (bit + 1) * CELL - 3]
        if square.mean() > 128:
            number |= 1 << bit
    return number


def write_numbered_clip(path: Path, frames: int = 200, width: int = 320, height: int = 240,
                        rate: int = 25, gop: int = 25, tone_hz: float | None = 440.0) -> Path:
    """Write an H.264 MP4 (B-frames, keyframe every ``gop``) of numbered frames and a tone."""
    with av.open(str(path), mode="w", format="mp4") as output:
        video = output.add_stream("libx264", rate=rate)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"crf": "18", "preset": "veryfast", "g": str(gop), "bf": "3",
                         "keyint_min": str(gop), "sc_threshold": "0"}
        audio = output.add_stream("aac", rate=48000) if tone_hz else None
        for number in range(frames):
            frame = av.VideoFrame.from_ndarray(watermark_frame(number, width, height),
                                               format="rgb24")
            frame.pts = number
            frame.time_base = Fraction(1, rate)
            for packet in video.encode(frame):
                output.mux(packet)
        for packet in video.encode(None):
            output.mux(packet)
        if audio is not None:
            samples = tone(tone_hz or 440.0, frames / rate)
            for start in range(0, samples.shape[0], 1024):
                block = samples[start: start + 1024][None, :]
                frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(block), format="fltp",
                                                   layout="mono")
                frame.sample_rate = 48000
                frame.pts = start
                frame.time_base = Fraction(1, 48000)
                for packet in audio.encode(frame):
                    output.mux(packet)
            for packet in audio.encode(None):
                output.mux(packet)
    return path


def tone(frequency: float, seconds: float, rate: int = 48000, level: float = 0.3) -> np.ndarray:
    times = np.arange(round(seconds * rate), dtype=np.float64) / rate
    return (level * np.sin(2 * np.pi * frequency * times)).astype(np.float32)


def with_tone(source: Path, destination: Path, frequency: float = 440.0) -> Path:
    """Copy the video stream of ``source`` unchanged and add a mono AAC tone as its sound."""
    with av.open(str(source)) as reader, av.open(str(destination), mode="w",
                                                 format="mp4") as output:
        video_in = reader.streams.video[0]
        video_out = output.add_stream_from_template(video_in)
        audio = output.add_stream("aac", rate=48000)
        duration = float(video_in.duration * video_in.time_base) if video_in.duration else 6.0
        for packet in reader.demux(video_in):
            if packet.dts is None:
                continue
            packet.stream = video_out
            output.mux(packet)
        samples = tone(frequency, duration)
        for start in range(0, samples.shape[0], 1024):
            frame = av.AudioFrame.from_ndarray(
                np.ascontiguousarray(samples[start: start + 1024][None, :]), format="fltp",
                layout="mono")
            frame.sample_rate = 48000
            frame.pts = start
            frame.time_base = Fraction(1, 48000)
            for packet in audio.encode(frame):
                output.mux(packet)
        for packet in audio.encode(None):
            output.mux(packet)
    return destination
