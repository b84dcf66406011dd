"""The sound of an export: original sound per voice mode, narration clips, loudness.

The mix is built in memory on the output timeline at 48 kHz. The context card is silent. Each
kept segment brings its original sound as the voice ranges decide. Narration clips are placed
on the lesson timeline, which starts after the card, with their trim and gain.

Loudness is normalised to -16 LUFS integrated (ITU-R BS.1770 through pyloudnorm), with sample
peaks kept at or below -1 dBFS. The AES recommendation for audio streaming and network file
playback (TD1004.1.15-10) sets a -16 to -20 LUFS range and peaks at most -1 dBTP; the loud end
suits spoken lessons heard on laptop speakers. EBU R128's -23 LUFS is meant for broadcast, where
the receiver is turned up, and would leave a file played on a laptop too quiet next to other
online videos. The ceiling is applied to sample peaks, which can sit slightly below true peaks.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.edit.audio import SAMPLE_RATE, AudioBuffer, SourceAudio, load_audio, output_channels
from app.edit.plan import FramePlan
from app.edit.voices import VoicePiece, alter_params, render_piece, voice_pieces
from app.errors import ExportError
from app.project.model import Lesson, NarrationClip
from app.vault import Vault

log = logging.getLogger(__name__)

TARGET_LUFS = -16.0
PEAK_CEILING_DBFS = -1.0
MIN_LOUDNESS_S = 0.4  # BS.1770 gating blocks are 400 ms; shorter sound cannot be measured


@dataclass
class Mix:
    """The mixed sound of an export (None when nothing is audible) and the facts describing it."""

    audio: AudioBuffer | None
    facts: dict[str, Any] = field(default_factory=dict)


def _sample(seconds: float) -> int:
    return round(seconds * SAMPLE_RATE)


def render_mix(vault: Vault, plan: FramePlan, lesson: Lesson, normalise: bool = True) -> Mix:
    """Mix the original sound (per voice mode) and the narration of ``lesson`` along ``plan``."""
    total = _sample(plan.seconds(plan.total_frames))
    narration = [(clip, load_audio(vault, clip.object_id)) for clip in lesson.narration]
    pieces = [(segment, piece) for segment in plan.segments
              for piece in voice_pieces(lesson, segment.media_id, segment.in_frame,
                                        segment.out_frame)]
    needs_source = sorted({segment.media_id for segment, piece in pieces
                           if piece.mode in ("keep", "alter")})

    sources: dict[str, SourceAudio] = {}
    try:
        for media_id in needs_source:
            # Open once to learn the channel count; the bus is stereo if any input is.
            sources[media_id] = SourceAudio(vault, media_id, 2)
        channels = max([output_channels(source.source_channels) for source in sources.values()]
                       + [buffer.channels for _, buffer in narration] + [1])
        for source in sources.values():
            source.channels = channels
        bus = np.zeros((channels, total), dtype=np.float32)
        voice_facts = _mix_original(bus, plan, pieces, sources)
    finally:
        for source in sources.values():
            source.close()
    narration_facts = [_add_clip(bus, plan, clip, buffer) for clip, buffer in narration]

    facts: dict[str, Any] = {
        "codec": "aac",
        "sample_rate": SAMPLE_RATE,
        "channels": channels,
        "voice_default": lesson.voice_default,
        "voices": voice_facts,
        "narration": narration_facts,
        "target_lufs": TARGET_LUFS if normalise else None,
        "peak_ceiling_dbfs": PEAK_CEILING_DBFS,
    }
    audible = bool(np.any(bus))
    if not audible:
        facts.update({"mode": "none"})
        return Mix(None, facts)
    facts.update(_normalise(bus, normalise))
    facts["mode"] = "mixed" if narration else "original"
    return Mix(AudioBuffer(bus), facts)


def _mix_original(bus: np.ndarray, plan: FramePlan, pieces: list[tuple[Any, VoicePiece]],
                  sources: dict[str, SourceAudio]) -> list[dict[str, Any]]:
    rate = plan.rate
    facts: list[dict[str, Any]] = []
    for segment, piece in pieces:
        lesson_frame = segment.lesson_start + piece.first_frame - segment.in_frame
        out_first = plan.lead_frames + lesson_frame
        out_last = out_first + piece.last_frame - piece.first_frame  # inclusive
        start = _sample(float(out_first / rate))
        end = _sample(float((out_last + 1) / rate))
        # NOTE: source times assume a constant frame rate; on a variable-rate recording the
        # kept sound can drift from its pictures by the rate's variation.
        source_start_s = float(piece.first_frame / rate)
        source_end_s = float((piece.last_frame + 1) / rate)

        def original(media_id: str = segment.media_id, lo: float = source_start_s,
                     hi: float = source_end_s, count: int = end - start) -> np.ndarray:
            sound = sources[media_id].read(lo, hi)
            return _fit(sound, count)

        sound = render_piece(piece, original, end - start, bus.shape[0], start)
        if sound is not None:
            bus[:, start:end] += sound
        item: dict[str, Any] = {
            "media_id": segment.media_id,
            "mode": piece.mode,
            "first_frame": piece.first_frame,
            "last_frame": piece.last_frame,
            "output_start_s": round(start / SAMPLE_RATE, 3),
            "output_end_s": round(end / SAMPLE_RATE, 3),
            "range": piece.range_index,
        }
        if piece.mode == "alter":
            item["params"] = alter_params(piece.params)
        facts.append(item)
    return facts


def _fit(sound: np.ndarray, count: int) -> np.ndarray:
    """Pad or cut ``sound`` to ``count`` samples (frame and sample grids round differently)."""
    if sound.shape[1] >= count:
        return sound[:, :count]
    return np.pad(sound, ((0, 0), (0, count - sound.shape[1])))


def _add_clip(bus: np.ndarray, plan: FramePlan, clip: NarrationClip,
              buffer: AudioBuffer) -> dict[str, Any]:
    """Add one narration clip to ``bus``; return its facts (placement, trim, gain, truncation)."""
    if clip.trim_start_s < 0 or clip.duration_s < 0 or clip.lesson_start_s < 0:
        raise ExportError("edit.bad_clip", clip=clip.id)
    lead_s = plan.seconds(plan.lead_frames)
    first = _sample(clip.trim_start_s)
    wanted = _sample(clip.duration_s)
    sound = buffer.with_channels(bus.shape[0]).samples[:, first: first + wanted]
    start = _sample(lead_s + clip.lesson_start_s)
    end = min(start + sound.shape[1], bus.shape[1])
    gain = 10 ** (clip.gain_db / 20)
    if end > start:
        bus[:, start:end] += sound[:, : end - start] * np.float32(gain)
    placed = max(end - start, 0)
    return {
        "id": clip.id,
        "source": clip.source,
        "object_id": clip.object_id,
        "lesson_start_s": clip.lesson_start_s,
        "output_start_s": round(start / SAMPLE_RATE, 3),
        "duration_s": round(placed / SAMPLE_RATE, 3),
        "trim_start_s": clip.trim_start_s,
        "gain_db": clip.gain_db,
        "truncated": placed < sound.shape[1],
    }


def _normalise(bus: np.ndarray, normalise: bool) -> dict[str, Any]:
    """Scale ``bus`` in place to the loudness target with its sample peaks under the ceiling.

    Speech has a high crest factor, so reaching -16 LUFS usually pushes peaks over -1 dBFS.
    A look-ahead peak limiter then lowers the gain around those peaks only. The loudness it
    took away is measured and given back, in up to three passes.
    """
    before = measure_loudness(bus)
    ceiling = 10 ** (PEAK_CEILING_DBFS / 20)
    gain_db = TARGET_LUFS - before if normalise and before is not None else 0.0
    result = bus
    limited = False
    used_gain_db = gain_db
    for _attempt in range(3):
        used_gain_db = gain_db
        result = bus * np.float32(10 ** (gain_db / 20))
        if float(np.max(np.abs(result))) > ceiling:
            result = limit_peaks(result, ceiling)
            limited = True
        if not normalise or before is None:
            break
        after = measure_loudness(result)
        if after is None or abs(TARGET_LUFS - after) < 0.3:
            break
        gain_db += TARGET_LUFS - after
    bus[...] = result
    peak = float(np.max(np.abs(bus)))
    after = measure_loudness(bus)
    return {
        "normalised": normalise and before is not None,
        "loudness_before_lufs": _rounded(before),
        "gain_db": round(used_gain_db, 2),
        "loudness_lufs": _rounded(after),
        "peak_dbfs": round(20 * math.log10(peak), 2) if peak > 0 else None,
        "peak_limited": limited,
    }


def limit_peaks(samples: np.ndarray, ceiling: float, window_s: float = 0.005) -> np.ndarray:
    """Return ``samples`` with sample peaks at most ``ceiling``, by a smooth gain reduction.

    The gain needed at each sample is spread to ``window_s`` on both sides (look-ahead and
    hold), then averaged over ``window_s``. Each averaged value near a peak is a mean of values
    no larger than the gain that peak needs, so no peak passes the ceiling. The gain changes
    over milliseconds instead of clipping single samples.
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    window = max(int(window_s * SAMPLE_RATE), 1)
    peaks = np.max(np.abs(samples), axis=0)
    needed = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    spread = minimum_filter1d(needed, size=2 * window + 1)
    gain = uniform_filter1d(spread, size=window)
    limited = samples * gain[None, :].astype(np.float32)
    # Rounding in the filters can leave a peak a hair over the ceiling.
    return np.clip(limited, -ceiling, ceiling).astype(np.float32)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def measure_loudness(samples: np.ndarray) -> float | None:
    """Return the integrated loudness (LUFS) of ``(channels, n)`` samples, None if unmeasurable."""
    import pyloudnorm

    if samples.shape[1] < MIN_LOUDNESS_S * SAMPLE_RATE:
        return None
    meter = pyloudnorm.Meter(SAMPLE_RATE)
    loudness = float(meter.integrated_loudness(samples.T.astype(np.float64)))
    return loudness if math.isfinite(loudness) else None
