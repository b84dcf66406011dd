"""Treatments of the sound recorded with the footage, per range: mute, keep, bleep or alter.

Operating-room sound carries voices, names called across the room and monitor alarms, so the
lesson default is ``mute``. ``keep`` must be chosen explicitly and is listed on the audit sheet.
``bleep`` replaces the range with a 1 kHz tone. ``alter`` shifts the pitch and, independently,
the formants (the resonances of the vocal tract that make a voice recognisable).

Alteration uses Spotify's pedalboard (GPL-3.0), whose ``time_stretch`` wraps the Rubber Band
library: resampling first shifts pitch and formants together by the formant amount, then
``time_stretch`` restores the duration and moves the pitch alone (``preserve_formants=True``)
by the remaining amount. A reversed transformation can bring a shifted voice back close to
the original. Alteration therefore only lowers recognisability for a casual listener, and
muting is what removes a voice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from app.edit.audio import SAMPLE_RATE
from app.edit.vocabulary import VOICE_MODES
from app.errors import ExportError
from app.i18n import tr
from app.project.model import Lesson, VoiceRange

log = logging.getLogger(__name__)

BLEEP_HZ = 1000.0
BLEEP_LEVEL = 0.25  # peak amplitude of the tone, about -12 dBFS
DEFAULT_ALTER = {"pitch": -4.0, "formant": 3.0}  # semitones
MAX_SHIFT_SEMITONES = 12.0
EDGE_FADE_S = 0.005  # ramps at the edges of every sounding piece, so joins do not click


@dataclass(frozen=True)
class VoicePiece:
    """A run of source frames of one segment that share one voice mode."""

    mode: str
    params: dict[str, float]
    first_frame: int
    last_frame: int  # inclusive
    range_index: int | None  # index in ``Lesson.voice_ranges``, None for the lesson default


def check_voice_settings(lesson: Lesson) -> None:
    """Raise ``ExportError`` for an unknown mode or an out-of-bounds alteration."""
    if lesson.voice_default not in VOICE_MODES:
        raise ExportError("edit.bad_voice_mode", mode=lesson.voice_default)
    for voice in lesson.voice_ranges:
        check_voice_range(voice)


def check_voice_range(voice: VoiceRange) -> None:
    if voice.mode not in VOICE_MODES:
        raise ExportError("edit.bad_voice_mode", mode=voice.mode)
    if voice.start_frame < 0 or voice.end_frame < voice.start_frame:
        raise ExportError("edit.bad_voice_range", first=voice.start_frame, last=voice.end_frame)
    for name in ("pitch", "formant"):
        value = float(voice.params.get(name, 0.0))
        if abs(value) > MAX_SHIFT_SEMITONES:
            raise ExportError("edit.bad_voice_shift", name=tr(f"edit.shift.{name}"), value=value,
                              limit=MAX_SHIFT_SEMITONES)


def alter_params(params: dict[str, float]) -> dict[str, float]:
    """Return the pitch and formant shifts of an ``alter`` range, defaults filled in."""
    return {name: float(params.get(name, default)) for name, default in DEFAULT_ALTER.items()}


def voice_pieces(lesson: Lesson, media_id: str, first: int, last: int) -> list[VoicePiece]:
    """Split source frames ``first..last`` of ``media_id`` by voice mode.

    Ranges apply in list order, so a later range overrides an earlier one where they overlap.
    """
    count = last - first + 1
    owner = np.full(count, -1, dtype=np.int64)
    for index, voice in enumerate(lesson.voice_ranges):
        if voice.media_id != media_id:
            continue
        lo = max(voice.start_frame, first) - first
        hi = min(voice.end_frame, last) - first
        if hi >= lo:
            owner[lo: hi + 1] = index

    pieces: list[VoicePiece] = []
    changes = np.flatnonzero(np.diff(owner)) + 1
    starts = np.concatenate(([0], changes))
    ends = np.concatenate((changes, [count]))
    for start, end in zip(starts, ends, strict=True):
        index = int(owner[start])
        if index < 0:
            mode, params, range_index = lesson.voice_default, {}, None
        else:
            voice = lesson.voice_ranges[index]
            mode, params, range_index = voice.mode, dict(voice.params), index
        pieces.append(VoicePiece(mode, params, first + int(start), first + int(end) - 1,
                                 range_index))
    return pieces


def bleep_tone(samples: int, channels: int, phase_start: int = 0) -> np.ndarray:
    """Return a 1 kHz tone of ``samples`` samples; ``phase_start`` keeps joined pieces in phase."""
    times = (np.arange(samples, dtype=np.float64) + phase_start) / SAMPLE_RATE
    tone = (BLEEP_LEVEL * np.sin(2 * np.pi * BLEEP_HZ * times)).astype(np.float32)
    return np.repeat(tone[None, :], channels, axis=0)


def alter_voice(samples: np.ndarray, pitch: float, formant: float) -> np.ndarray:
    """Shift the pitch by ``pitch`` and the formants by ``formant`` semitones; keep the length."""
    import pedalboard
    from scipy.signal import resample_poly

    length = samples.shape[1]
    if length == 0:
        return samples
    ratio = Fraction(2 ** (formant / 12)).limit_denominator(200)
    # Fewer samples played at the same rate: pitch and formants rise by ``ratio`` together.
    shifted = samples
    if ratio != 1:
        shifted = resample_poly(samples, ratio.denominator, ratio.numerator, axis=1)
    stretched = pedalboard.time_stretch(
        np.ascontiguousarray(shifted, dtype=np.float32), SAMPLE_RATE,
        stretch_factor=float(1 / ratio), pitch_shift_in_semitones=pitch - formant,
        preserve_formants=True)
    result = np.zeros_like(samples, dtype=np.float32)
    used = min(length, stretched.shape[1])
    result[:, :used] = stretched[:, :used]
    return result


def apply_edge_fades(samples: np.ndarray) -> np.ndarray:
    ramp = min(int(EDGE_FADE_S * SAMPLE_RATE), samples.shape[1] // 2)
    if ramp > 0:
        fade = np.linspace(0.0, 1.0, ramp, dtype=np.float32)
        samples[:, :ramp] *= fade
        samples[:, -ramp:] *= fade[::-1]
    return samples


def render_piece(piece: VoicePiece, original: Any, samples: int, channels: int,
                 phase_start: int) -> np.ndarray | None:
    """Return the sound of ``piece`` (``original`` is a callable returning its samples).

    Returns None for a muted piece, so the caller adds nothing and never reads the source.
    """
    if piece.mode == "mute" or samples == 0:
        return None
    if piece.mode == "bleep":
        return apply_edge_fades(bleep_tone(samples, channels, phase_start))
    sound: np.ndarray = original()
    if piece.mode == "alter":
        shifts = alter_params(piece.params)
        sound = alter_voice(sound, shifts["pitch"], shifts["formant"])
    return apply_edge_fades(sound.copy())
