"""Helpers shared by the benchmark scripts: machine description, test clips, timing."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

import av
import cv2
import numpy as np

from app.paths import resource_path

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{cpu}, {os.cpu_count()} logical CPUs{memory}, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, PyAV {av.__version__}")


def make_1080p_clip(path: Path, seconds: int = 10, fps: int = 25, gop: int = 250) -> Path:
    """Write a 1080p H.264 clip panning over the bundled astronaut photo (a real face)."""
    photo = cv2.cvtColor(cv2.imread(str(resource_path("examples", "astronaut.png"))), cv2.COLOR_BGR2RGB)
    large = cv2.resize(photo, (1400, 1400), interpolation=cv2.INTER_CUBIC)
    container = av.open(str(path), "w", format="mp4")
    stream = container.add_stream("libx264", rate=fps)
    stream.width, stream.height, stream.pix_fmt = 1920, 1080, "yuv420p"
    stream.options = {"preset": "ultrafast", "crf": "20", "g": str(gop)}
    total = seconds * fps
    for index in range(total):
        canvas = np.full((1080, 1920, 3), 30, dtype=np.uint8)
        x = int(100 + 400 * index / total)
        canvas[:, x : x + 1400][: 1080] = large[:1080, : min(1400, 1920 - x)]
        frame = av.VideoFrame.from_ndarray(canvas, format="rgb24")
        frame.pts = index
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)
    container.close()
    return path


def ffmpeg_version() -> str:
    try:
        output = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "not installed"
    return output.stdout.splitlines()[0]
