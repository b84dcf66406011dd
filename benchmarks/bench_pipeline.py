"""Measure the end-to-end path: decoding through the vault, face analysis and export.

Prints a Markdown table. Run from the repository root:

    .venv/bin/python benchmarks/bench_pipeline.py [--seconds 10]

Clips: a generated 1080p25 clip (pan over the bundled photo, GOP 250) and the real
samples in ../shared/samples when that folder exists. The ffmpeg line runs the
command-line encoder with the same libx264 settings (veryfast, CRF 23) and a
filled box per frame, as a reference for the export loop.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.analysis import analyse_media
from app.export.exporter import ExportOptions, export_media
from app.vault import Vault
from benchmarks.common import SAMPLES, ffmpeg_version, machine_description, make_1080p_clip

PASSWORD = "Benchmark-Password-2026!"
KDF = {"memory_kib": 65536, "time_cost": 1, "parallelism": 2}


def decode_fps(source: object) -> tuple[float, int]:
    container = av.open(source)
    stream = container.streams.video[0]
    stream.thread_type = "AUTO"
    started = time.perf_counter()
    frames = 0
    for _frame in container.decode(stream):
        frames += 1
    elapsed = time.perf_counter() - started
    container.close()
    return frames / elapsed, frames


def ffmpeg_export_fps(source: Path, workdir: Path, frames: int) -> float | None:
    if shutil.which("ffmpeg") is None:
        return None
    out = workdir / "ffmpeg.mp4"
    command = ["ffmpeg", "-v", "error", "-y", "-i", str(source), "-an", "-vf",
               "drawbox=x=iw/4:y=ih/4:w=iw/6:h=ih/4:color=black:t=fill",
               "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", str(out)]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return frames / (time.perf_counter() - started)


def give_benchmark_consent(vault: Vault, case_id: str) -> None:
    from dataclasses import replace

    from app.casefile.consent import load_consent, save_consent

    consent = load_consent(vault, case_id)
    save_consent(vault, replace(consent, status="given", signed_on="2026-12-01",
                                purposes=["teaching"], channels=["internal_platform"]))


def measure(label: str, clip: Path, workdir: Path) -> dict[str, object]:
    vault_dir = workdir / f"vault-{label}"
    vault = Vault.create(vault_dir, "Benchmark", PASSWORD, kdf=KDF)
    try:
        record = vault.import_media(clip, f"bench {label}")
        plain_fps, frames = decode_fps(str(clip))
        with vault.open_media(record.id) as reader:
            vault_fps, _ = decode_fps(reader)

        started = time.perf_counter()
        tracks, run = analyse_media(vault, record.id, "face")
        analysis_fps = run.frames_analyzed / (time.perf_counter() - started)

        give_benchmark_consent(vault, record.case_id)
        result = export_media(vault, record.id, workdir / f"export-{label}", ExportOptions())
    finally:
        vault.close()
    return {
        "clip": label,
        "size": f"{record.info.width}x{record.info.height}",
        "frames": frames,
        "decode_plain": plain_fps,
        "decode_vault": vault_fps,
        "analysis": analysis_fps,
        "tracks": len(tracks),
        "export_encode": frames / result.timings["encode"],
        "verify": frames / result.timings["verify"],
        "ffmpeg": ffmpeg_export_fps(clip, workdir, frames),
        "fps": record.info.fps,
        "releasable": result.releasable,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of the generated clip")
    parser.add_argument("--no-samples", action="store_true", help="skip ../shared/samples clips")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as temp:
        workdir = Path(temp)
        clip = make_1080p_clip(workdir / "generated_1080p25.mp4", seconds=args.seconds)
        rows.append(measure("generated 1080p25 (GOP 250)", clip, workdir))
        if not args.no_samples and SAMPLES.is_dir():
            for name in ("faces/short_hamilton_clip.mp4", "faces/WDA_KatieHill_000.mp4",
                         "endoscopy/cholec_endo_720p.mp4"):
                rows.append(measure(Path(name).name, SAMPLES / name, workdir))

    print(f"Machine: {machine_description()}")
    print(f"ffmpeg: {ffmpeg_version()}")
    print()
    print("| clip | size | frames | decode plain (fps) | decode via vault (fps) "
          "| face analysis (fps, × real time) | export encode with redaction (fps) "
          "| ffmpeg CLI, same encoder (fps) | export verification (fps) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        ffmpeg = f"{row['ffmpeg']:.0f}" if row["ffmpeg"] else "n/a"
        fps = float(row["fps"]) or 25.0
        print(f"| {row['clip']} | {row['size']} | {row['frames']} | {row['decode_plain']:.0f} | "
              f"{row['decode_vault']:.0f} | {row['analysis']:.1f} ({row['analysis'] / fps:.2f}×) | "
              f"{row['export_encode']:.1f} | {ffmpeg} | {row['verify']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
