"""Measure the editor's viewer: seeks with the proxy and to the exact frame, playback, memory.

Prints a Markdown table. Run from the repository root:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_viewer.py [--seconds 120]

A 1080p25 clip with a long GOP (250 frames) is generated in a temporary folder,
imported into a temporary vault and given its 540p proxy. The seeks and the
playback go through the editor's own worker (``QtFrameWorker``) and viewer
(``QtViewer``), decrypting from the vault as the editor does. Each seek time
runs from the request to the frame painted in the viewer's pixmap.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from app.media.proxy import build_proxy
from app.vault import Vault
from benchmarks.common import machine_description, make_1080p_clip
from ui.qt_frames import QtFrameWorker
from ui.qt_viewer import QtViewer

BENCH_KDF = {"memory_kib": 16384, "time_cost": 1, "parallelism": 2}
PASSWORD = "Banc-d-essai-Voile-2026!"


def resident_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Harness:
    """A viewer fed by a frame worker over one vault media, as in the editor."""

    def __init__(self, app: QApplication, vault: Vault, media_id: str, fps: float) -> None:
        self.app = app
        self.viewer = QtViewer()
        self.viewer.resize(1280, 720)
        self.viewer.show()
        record = vault.media(media_id)
        self.viewer.set_source_size(record.info.width, record.info.height)
        proxy = vault.media_proxy(media_id)
        self.worker = QtFrameWorker(media_id, vault.open_media(media_id),
                                    vault.open_object(proxy) if proxy else None, fps)
        self.painted: list[tuple[int, bool, float]] = []
        self.worker.frame_ready.connect(self._on_frame)
        self.viewer.frame_painted.connect(self.worker.frame_painted)
        self.worker.start()
        self.wait_for(lambda: self.worker.frame_count > 0, 60)

    def _on_frame(self, index: int, image: object, exact: bool) -> None:
        self.viewer.show_image(index, image, exact)  # type: ignore[arg-type]
        self.viewer.viewport().repaint()
        self.painted.append((index, exact, time.perf_counter()))

    def wait_for(self, condition: object, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():  # type: ignore[operator]
            if time.monotonic() > deadline:
                raise TimeoutError(f"the viewer showed no matching frame within {timeout} s")
            self.app.processEvents()
            time.sleep(0.0005)

    def time_to(self, request: object, index: int, exact: bool) -> float:
        """Return the seconds from ``request(index)`` to that frame painted (proxy or exact)."""
        self.painted.clear()
        started = time.perf_counter()
        request(index)  # type: ignore[operator]
        self.wait_for(lambda: any(i == index and e == exact for i, e, _ in self.painted))
        return next(t for i, e, t in self.painted if i == index and e == exact) - started

    def close(self) -> None:
        self.worker.stop()
        self.viewer.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=120, help="length of the generated clip")
    parser.add_argument("--play-seconds", type=int, default=30, help="playback measured, seconds")
    parser.add_argument("--seeks", type=int, default=30, help="seeks measured per kind")
    arguments = parser.parse_args()
    app = QApplication(sys.argv[:1])
    rows: list[tuple[str, str]] = []

    with tempfile.TemporaryDirectory(prefix="voile-bench-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        clip = make_1080p_clip(work / "clip.mp4", seconds=arguments.seconds, gop=250)
        print(f"clip generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        vault = Vault.create(work / "vault", "Banc d'essai", PASSWORD, kdf=BENCH_KDF)
        record = vault.import_media(clip, "bench")
        started = time.perf_counter()
        build_proxy(vault, record.id)
        proxy_seconds = time.perf_counter() - started
        rows.append(("proxy build, 1080p → 540p",
                     f"{arguments.seconds / proxy_seconds:.1f}× real time "
                     f"({proxy_seconds:.1f} s for {arguments.seconds} s)"))

        harness = Harness(app, vault, record.id, record.info.fps)
        frames = harness.worker.frame_count
        generator = random.Random(3)
        targets = [generator.randrange(frames) for _ in range(arguments.seeks)]

        scrub = [harness.time_to(harness.worker.scrub, index, False) for index in targets]
        harness.wait_for(lambda: harness.painted and harness.painted[-1][1])
        rows.append(("seek while scrubbing (proxy frame shown)",
                     f"median {1000 * statistics.median(scrub):.0f} ms, "
                     f"p90 {1000 * percentile(scrub, 0.9):.0f} ms"))
        exact = [harness.time_to(harness.worker.show_frame, index + 1, True)
                 for index in targets]  # +1: not the frame the scrub already decoded
        rows.append(("seek on pause (exact 1080p frame, GOP 250)",
                     f"median {1000 * statistics.median(exact):.0f} ms, "
                     f"p90 {1000 * percentile(exact, 0.9):.0f} ms"))
        steps = [harness.time_to(harness.worker.show_frame, index, True)
                 for index in range(frames // 2, frames // 2 - 20, -1)]
        rows.append(("one frame back (Left key), after the first",
                     f"median {1000 * statistics.median(steps[1:]):.0f} ms"))

        harness.worker.show_frame(0)
        harness.wait_for(lambda: harness.painted and harness.painted[-1][0] == 0)
        memory_before = resident_mib()
        dropped_before = harness.worker.frames_dropped
        harness.painted.clear()
        peak = memory_before
        play_start = time.perf_counter()
        harness.worker.play(0, 1.0)
        while time.perf_counter() - play_start < min(arguments.play_seconds,
                                                    arguments.seconds - 1):
            app.processEvents()
            time.sleep(0.002)
            peak = max(peak, resident_mib())
        elapsed = time.perf_counter() - play_start
        harness.worker.show_frame(harness.painted[-1][0] if harness.painted else 0)
        dropped = harness.worker.frames_dropped - dropped_before
        painted = len(harness.painted)
        rows.append(("playback 1080p25 from the vault",
                     f"{painted / elapsed:.1f} frames shown/s, {dropped / elapsed:.2f} dropped/s "
                     f"over {elapsed:.0f} s"))
        rows.append(("memory while playing",
                     f"{memory_before:.0f} MiB before, peak {peak:.0f} MiB"))
        harness.close()
        vault.close()

    print(f"Machine: {machine_description()}\n")
    print("| measure | result |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
