"""Low-resolution working copies ("proxies") of vault media, for scrubbing and thumbnails.

A proxy is an H.264 copy at most 540 lines high, encoded with x264 ``ultrafast``,
a keyframe every 12 frames and no B-frames, so any frame decodes after at most
11 others. Seeking in it takes a few milliseconds, where a source with a long
GOP can take half a second. It is stored encrypted in the vault like the
source and never touches the disk in clear.

Proxy frame ``i`` is source frame ``i`` (decoded frames in presentation order,
counted from 0, the numbering of the case project): every decoded source frame
is encoded once, in order. Readers find frame ``i`` as the ``i``-th smallest
video timestamp, not from the timestamp's value: the muxer may shift all
timestamps to make room for the audio encoder's priming samples. The MP4 is
fragmented (``empty_moov``) because the vault writer is a forward-only stream.
When the source has sound, the proxy carries it as mono 16 kHz AAC, enough to
draw a waveform and to play while scrubbing.
"""

from __future__ import annotations

import logging
from fractions import Fraction
from typing import Any, BinaryIO, cast

import av

from app.errors import CancelledError, MediaError
from app.jobs import CancelToken, ProgressCallback, no_progress
from app.media.decode import open_container
from app.vault import Vault

log = logging.getLogger(__name__)

PROXY_MAX_HEIGHT = 540
PROXY_KEYINT = 12
PROXY_CRF = 28
PROXY_AUDIO_RATE = 16000
PROXY_OBJECT_KIND = "proxy"
# fMP4 written front to back: the vault's BlobWriter cannot seek back to patch a moov box.
PROXY_MUXER_OPTIONS = {"movflags": "frag_keyframe+empty_moov+default_base_moof"}


def proxy_dimensions(width: int, height: int) -> tuple[int, int]:
    """Return the proxy size for a ``width`` x ``height`` source: even, at most 540 lines high."""
    if width < 2 or height < 2:
        raise MediaError("media.no_frames")
    target_height = min(PROXY_MAX_HEIGHT, height)
    target_width = round(width * target_height / height)
    return max(2, target_width - target_width % 2), max(2, target_height - target_height % 2)


class _ForwardSink:
    """Expose only ``write``, so FFmpeg treats the vault writer as a non-seekable stream."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def write(self, data: bytes) -> int:
        return int(self._writer.write(data))


def build_proxy(vault: Vault, media_id: str, progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None) -> str:
    """Encode the proxy of ``media_id`` into a new vault object, link it, and return its id.

    A cancelled or failed build leaves no object and keeps any earlier proxy linked.
    """
    record = vault.media(media_id)
    width, height = proxy_dimensions(record.info.width, record.info.height)
    total = max(record.info.frame_count, 1)
    reader = vault.open_media(media_id, purpose="proxy")
    source = open_container(cast(BinaryIO, reader), media_id)
    try:
        with vault.new_object(PROXY_OBJECT_KIND) as (object_id, writer):
            frames = _encode_proxy(source, _ForwardSink(writer), media_id, width, height, total,
                                   progress, cancel)
    finally:
        source.close()
        reader.close()
    vault.set_media_proxy(media_id, object_id)
    vault.journal("media.proxy", media_id, f"object={object_id} frames={frames}")
    log.info("media %s: proxy %s built, %dx%d, %d frames", media_id, object_id, width, height,
             frames)
    return object_id


def _encode_proxy(source: Any, sink: _ForwardSink, media_id: str, width: int, height: int,
                  total: int, progress: ProgressCallback, cancel: CancelToken | None) -> int:
    in_video = source.streams.video[0]
    in_video.thread_type = "AUTO"
    rate = in_video.average_rate or in_video.guessed_rate or Fraction(25, 1)
    frame_time_base = 1 / Fraction(rate)

    output = av.open(sink, mode="w", format="mp4", options=PROXY_MUXER_OPTIONS)
    try:
        out_video = output.add_stream("libx264", rate=rate)
        out_video.width = width
        out_video.height = height
        out_video.pix_fmt = "yuv420p"
        out_video.time_base = frame_time_base
        out_video.options = {"preset": "ultrafast", "tune": "fastdecode", "crf": str(PROXY_CRF),
                             "g": str(PROXY_KEYINT), "keyint_min": str(PROXY_KEYINT), "bf": "0",
                             "sc_threshold": "0"}

        in_audio = source.streams.audio[0] if source.streams.audio else None
        out_audio = None
        resampler = None
        if in_audio is not None:
            out_audio = output.add_stream("aac", rate=PROXY_AUDIO_RATE, layout="mono")
            out_audio.bit_rate = 32000
            resampler = av.AudioResampler(format="fltp", layout="mono", rate=PROXY_AUDIO_RATE)

        streams = [in_video] + ([in_audio] if in_audio is not None else [])
        frames = 0
        audio_samples = 0
        for packet in source.demux(*streams):
            if cancel is not None and cancel.cancelled:
                raise CancelledError()
            try:
                decoded = packet.decode()
            except (av.FFmpegError, ValueError):
                if packet.stream.type == "audio":
                    # A damaged audio packet only thins the waveform; the video stays exact.
                    continue
                raise MediaError("media.decode_failed", media_id=media_id, frame=frames) from None
            for frame in decoded:
                if packet.stream.type == "audio":
                    assert out_audio is not None and resampler is not None
                    audio_samples = _encode_audio(frame, resampler, out_audio, output,
                                                  audio_samples)
                    continue
                _encode_video(frame, frames, width, height, frame_time_base, out_video, output)
                frames += 1
                progress(frames, total, "proxy")
        for frame in _flush_decoder(in_video):
            _encode_video(frame, frames, width, height, frame_time_base, out_video, output)
            frames += 1
        for out_packet in out_video.encode(None):
            output.mux(out_packet)
        if out_audio is not None and resampler is not None:
            for resampled in resampler.resample(None):
                resampled.pts = audio_samples
                audio_samples += resampled.samples
                for out_packet in out_audio.encode(resampled):
                    output.mux(out_packet)
            for out_packet in out_audio.encode(None):
                output.mux(out_packet)
    finally:
        output.close()
    if frames == 0:
        raise MediaError("media.no_frames")
    progress(frames, frames, "proxy")
    return frames


def _flush_decoder(stream: Any) -> list[av.VideoFrame]:
    """Return the frames the decoder still holds; PyAV's final empty packet may have flushed it."""
    try:
        return list(stream.codec_context.decode(None))
    except av.EOFError:
        return []


def _encode_video(frame: av.VideoFrame, index: int, width: int, height: int,
                  time_base: Fraction, out_video: Any, output: Any) -> None:
    small = frame.reformat(width=width, height=height, format="yuv420p")
    small.pts = index
    small.time_base = time_base
    for packet in out_video.encode(small):
        output.mux(packet)


def _encode_audio(frame: av.AudioFrame, resampler: Any, out_audio: Any, output: Any,
                  samples_written: int) -> int:
    frame.pts = None
    for resampled in resampler.resample(frame):
        resampled.pts = samples_written
        resampled.time_base = Fraction(1, PROXY_AUDIO_RATE)
        samples_written += resampled.samples
        for packet in out_audio.encode(resampled):
            output.mux(packet)
    return samples_written


def open_proxy(vault: Vault, media_id: str) -> tuple[Any, Any] | None:
    """Open the proxy of ``media_id`` as ``(reader, container)``; ``None`` if it has none."""
    object_id = vault.media_proxy(media_id)
    if object_id is None:
        return None
    reader = vault.open_object(object_id)
    try:
        container = open_container(cast(BinaryIO, reader), media_id)
    except MediaError:
        reader.close()
        raise
    return reader, container

