"""Fixtures of the teaching-edit tests: module-wide vaults and helpers to read exports."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: poppler-utils for pdftotext, "
                    f"ffmpeg for ffprobe)")
    return path


def decode_rgb(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def decode_mono(path: Path, rate: int = 48000) -> np.ndarray:
    """Decode the first audio stream of ``path`` to mono float32 at ``rate``."""
    with av.open(str(path)) as container:
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=rate)
        blocks = []
        for frame in container.decode(audio=0):
            blocks += [out.to_ndarray()[0] for out in resampler.resample(frame)]
        blocks += [out.to_ndarray()[0] for out in resampler.resample(None)]
    return np.concatenate(blocks).astype(np.float32)


def best_correlation(signal: np.ndarray, reference: np.ndarray, offset: int,
                     search: int = 4096) -> float:
    """Return the highest normalised correlation of ``reference`` placed near ``offset``.

    AAC adds a priming delay of about 1024 samples, so every lag up to ``search`` is tried.
    """
    from scipy.signal import correlate

    lo = max(offset - search, 0)
    hi = min(offset + search + len(reference), len(signal))
    window = signal[lo:hi].astype(np.float64)
    reference = reference.astype(np.float64)
    if len(window) < len(reference):
        return 0.0
    products = correlate(window, reference, mode="valid")
    energies = np.convolve(window ** 2, np.ones(len(reference)), mode="valid")
    norms = np.sqrt(np.maximum(energies, 1e-20)) * float(np.linalg.norm(reference))
    return float(np.max(products / norms))


def band_power(samples: np.ndarray, frequency: float, rate: int = 48000) -> float:
    """Return the share of the spectrum's power within ±20 Hz of ``frequency``."""
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples)))) ** 2
    frequencies = np.fft.rfftfreq(len(samples), 1 / rate)
    total = float(spectrum.sum())
    if total == 0:
        return 0.0
    near = (frequencies > frequency - 20) & (frequencies < frequency + 20)
    return float(spectrum[near].sum()) / total


def seconds_of(frames: int, rate: Fraction) -> float:
    return float(frames / rate)
