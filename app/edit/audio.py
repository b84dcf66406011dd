"""Narration audio: decode imported files, store them encrypted in the vault, read them back.

Every sound is handled as 48 kHz float32 samples shaped ``(channels, samples)``, mono or
stereo. Imported files (WAV, MP3, M4A/AAC, FLAC, AIFF, and whatever else FFmpeg decodes) are
resampled once at import and stored in the vault as 16-bit FLAC. Sixteen bits are ample for
speech, FLAC compresses them losslessly to about half the size of WAV, and PyAV decodes it like
every other input. No decoded sound is written to disk in clear.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, BinaryIO, cast

import av
import numpy as np

from app.errors import MediaError
from app.project.model import CaseProject, NarrationClip
from app.vault import Vault

log = logging.getLogger(__name__)

SAMPLE_RATE = 48000
NARRATION_OBJECT_KIND = "narration"
_LAYOUTS = {1: "mono", 2: "stereo"}


@dataclass
class AudioBuffer:
    """Float32 samples shaped ``(channels, samples)`` at ``rate`` Hz, nominally within [-1, 1]."""

    samples: np.ndarray
    rate: int = SAMPLE_RATE

    @property
    def channels(self) -> int:
        return int(self.samples.shape[0])

    @property
    def frames(self) -> int:
        return int(self.samples.shape[1])

    @property
    def duration_s(self) -> float:
        return self.frames / self.rate

    def with_channels(self, channels: int) -> AudioBuffer:
        """Return the buffer as mono (channels averaged) or stereo (mono duplicated)."""
        return AudioBuffer(convert_channels(self.samples, channels), self.rate)

    @classmethod
    def concatenate(cls, blocks: Iterable[np.ndarray], channels: int,
                    rate: int = SAMPLE_RATE) -> AudioBuffer:
        parts = [convert_channels(block, channels) for block in blocks]
        if not parts:
            return cls(np.zeros((channels, 0), dtype=np.float32), rate)
        return cls(np.ascontiguousarray(np.concatenate(parts, axis=1), dtype=np.float32), rate)


def convert_channels(samples: np.ndarray, channels: int) -> np.ndarray:
    """Return ``samples`` with ``channels`` rows (1 or 2): averaged down, duplicated up."""
    if samples.ndim == 1:
        samples = samples[None, :]
    if samples.shape[0] == channels:
        return samples.astype(np.float32, copy=False)
    if channels == 1:
        return samples.mean(axis=0, keepdims=True).astype(np.float32)
    if samples.shape[0] == 1:
        return np.repeat(samples, channels, axis=0).astype(np.float32)
    return samples[:channels].astype(np.float32)


def output_channels(source_channels: int) -> int:
    """Keep mono as mono; fold stereo and surround into stereo."""
    return 1 if source_channels <= 1 else 2


def _resampler(channels: int) -> av.AudioResampler:
    return av.AudioResampler(format="fltp", layout=_LAYOUTS[channels], rate=SAMPLE_RATE)


def _frame_array(frame: Any) -> np.ndarray:
    array = frame.to_ndarray()
    return np.asarray(array, dtype=np.float32).reshape(len(frame.layout.channels), -1)


def decode_audio(source: str | Path | BinaryIO, channels: int | None = None) -> AudioBuffer:
    """Decode the first audio stream of ``source`` to 48 kHz float32, mono or stereo.

    ``channels`` forces 1 or 2 channels; by default mono stays mono and anything wider becomes
    stereo. Raises ``MediaError`` (``edit.audio_unreadable`` or ``edit.audio_empty``).
    """
    try:
        container = av.open(str(source) if isinstance(source, Path) else source, mode="r")
    except (av.FFmpegError, OSError, ValueError):
        raise MediaError("edit.audio_unreadable") from None
    try:
        if not container.streams.audio:
            raise MediaError("edit.audio_unreadable")
        stream = container.streams.audio[0]
        wanted = channels or output_channels(stream.codec_context.channels or 1)
        resampler = _resampler(wanted)
        blocks: list[np.ndarray] = []
        try:
            for frame in container.decode(stream):
                blocks.extend(_frame_array(out) for out in resampler.resample(frame))
            blocks.extend(_frame_array(out) for out in resampler.resample(None))
        except (av.FFmpegError, ValueError):
            raise MediaError("edit.audio_unreadable") from None
    finally:
        container.close()
    buffer = AudioBuffer.concatenate(blocks, wanted)
    if buffer.frames == 0:
        raise MediaError("edit.audio_empty")
    return buffer


def encode_flac(buffer: AudioBuffer) -> bytes:
    """Encode ``buffer`` as 16-bit FLAC bytes (samples are clipped to [-1, 1])."""
    output_bytes = io.BytesIO()
    clipped = np.clip(buffer.samples, -1.0, 1.0)
    interleaved = np.round(clipped.T * 32767.0).astype(np.int16).reshape(1, -1)
    with av.open(output_bytes, mode="w", format="flac") as output:
        stream = output.add_stream("flac", rate=buffer.rate)
        stream.layout = _LAYOUTS[buffer.channels]
        stream.format = "s16"
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(interleaved), format="s16",
                                           layout=_LAYOUTS[buffer.channels])
        frame.sample_rate = buffer.rate
        frame.pts = 0
        frame.time_base = Fraction(1, buffer.rate)
        for packet in stream.encode(frame):
            output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return output_bytes.getvalue()


def store_audio(vault: Vault, buffer: AudioBuffer, kind: str = NARRATION_OBJECT_KIND) -> str:
    """Store ``buffer`` encrypted in the vault as FLAC; return the new object id."""
    data = encode_flac(buffer)
    with vault.new_object(kind) as (object_id, writer):
        writer.write(data)
    log.info("stored %s object %s: %.2f s, %d channels", kind, object_id, buffer.duration_s,
             buffer.channels)
    return object_id


def load_audio(vault: Vault, object_id: str) -> AudioBuffer:
    """Decode an audio object stored by ``store_audio``."""
    reader = vault.open_object(object_id)
    try:
        return decode_audio(cast(BinaryIO, reader))
    finally:
        reader.close()


def next_clip_id(project: CaseProject) -> str:
    numbers = [int(clip.id[1:]) for clip in project.lesson.narration if clip.id[1:].isdigit()]
    return f"N{(max(numbers) + 1) if numbers else 1:04d}"


def add_narration(vault: Vault, project: CaseProject, buffer: AudioBuffer, lesson_start_s: float,
                  source: str = "imported", gain_db: float = 0.0) -> NarrationClip:
    """Store ``buffer`` and place it on the lesson at ``lesson_start_s``; the caller saves."""
    if lesson_start_s < 0:
        raise MediaError("edit.bad_time", value=lesson_start_s)
    object_id = store_audio(vault, buffer)
    clip = NarrationClip(
        id=next_clip_id(project),
        object_id=object_id,
        lesson_start_s=round(lesson_start_s, 3),
        duration_s=round(buffer.duration_s, 3),
        gain_db=gain_db,
        source=source,
        sample_rate=buffer.rate,
    )
    project.lesson.narration.append(clip)
    log.info("added %s narration clip %s at %.3f s", source, clip.id, clip.lesson_start_s)
    return clip


def retake_narration(vault: Vault, project: CaseProject, clip_id: str,
                     buffer: AudioBuffer) -> tuple[NarrationClip, str]:
    """Give clip ``clip_id`` a new recording, keeping its place and gain; the caller saves.

    Returns the updated clip and the id of the replaced sound object, which the caller
    crypto-shreds (``vault.shred_object``) once the project is saved.
    """
    for index, old in enumerate(project.lesson.narration):
        if old.id != clip_id:
            continue
        object_id = store_audio(vault, buffer)
        clip = NarrationClip(id=old.id, object_id=object_id, lesson_start_s=old.lesson_start_s,
                             duration_s=round(buffer.duration_s, 3), gain_db=old.gain_db,
                             source="recorded", sample_rate=buffer.rate)
        project.lesson.narration[index] = clip
        return clip, old.object_id
    raise MediaError("edit.clip_not_found", clip=clip_id)


def import_narration(vault: Vault, project: CaseProject, path: Path, lesson_start_s: float,
                     gain_db: float = 0.0) -> NarrationClip:
    """Decode an audio file, store it encrypted and add it to the lesson; the caller saves."""
    return add_narration(vault, project, decode_audio(path), lesson_start_s, "imported", gain_db)


class SourceAudio:
    """Reads time ranges of a vault media's first audio stream as 48 kHz float32."""

    # Decoding starts this long before a range, so that codecs with overlapping frames (AAC)
    # have their previous frame and the first samples come out right.
    PREROLL_S = 0.5

    def __init__(self, vault: Vault, media_id: str, channels: int) -> None:
        self.media_id = media_id
        self.channels = channels
        self._reader = vault.open_media(media_id, purpose="export")
        try:
            self._container: Any = av.open(self._reader, mode="r")
        except (av.FFmpegError, OSError, ValueError):
            self._reader.close()
            raise MediaError("media.decode_failed", media_id=media_id, frame=0) from None
        streams = self._container.streams.audio
        self._stream = streams[0] if streams else None
        self.source_channels = (self._stream.codec_context.channels or 1) if self._stream else 0

    @property
    def has_audio(self) -> bool:
        return self._stream is not None

    def close(self) -> None:
        self._container.close()
        self._reader.close()

    def read(self, start_s: float, end_s: float) -> np.ndarray:
        """Return ``(channels, n)`` samples for ``[start_s, end_s)``; silence where there is none.

        ``n`` is ``round(end_s * 48000) - round(start_s * 48000)``, so adjacent ranges join
        without a gap or an overlap.
        """
        first = round(start_s * SAMPLE_RATE)
        count = max(round(end_s * SAMPLE_RATE) - first, 0)
        result = np.zeros((self.channels, count), dtype=np.float32)
        if self._stream is None or count == 0:
            return result
        stream = self._stream
        seek_to = max(start_s - self.PREROLL_S, 0.0)
        self._container.seek(int(seek_to / (stream.time_base or Fraction(1, SAMPLE_RATE))),
                             stream=stream, backward=True)
        resampler = _resampler(self.channels)
        offset: int | None = None
        try:
            for frame in self._container.decode(stream):
                if frame.pts is None:
                    continue
                begins = float(frame.pts * frame.time_base)
                if begins >= end_s:
                    break
                if offset is None:
                    # Later blocks follow on from the first one, so the resampler's buffering
                    # never opens a gap or an overlap between them.
                    offset = round(begins * SAMPLE_RATE) - first
                for out in resampler.resample(frame):
                    offset = self._place(result, _frame_array(out), offset)
        except (av.FFmpegError, ValueError):
            raise MediaError("media.decode_failed", media_id=self.media_id, frame=0) from None
        return result

    @staticmethod
    def _place(result: np.ndarray, block: np.ndarray, offset: int) -> int:
        """Copy ``block`` into ``result`` at sample ``offset`` (clipped); return the next offset."""
        length = block.shape[1]
        lo, hi = max(offset, 0), min(offset + length, result.shape[1])
        if hi > lo:
            result[:, lo:hi] = block[:, lo - offset: hi - offset]
        return offset + length
