"""Check that a file is video Voile can process, and describe it.

Runs before anything is written to the vault, so unsupported, corrupt,
truncated or empty input is rejected with a clear error and leaves the vault
unchanged. PyAV misreads DICOM files as MJPEG or TIFF instead of rejecting
them, so the ``DICM`` marker at byte 128 is checked first.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, BinaryIO

import av

from app.errors import MediaError

log = logging.getLogger(__name__)

DICOM_MARKER_OFFSET = 128


@dataclass(frozen=True)
class MediaInfo:
    container: str
    codec: str
    width: int
    height: int
    fps: float
    frame_count: int
    duration_s: float
    has_audio: bool
    rotation: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _read_head(source: Path | BinaryIO, size: int) -> bytes:
    if isinstance(source, Path):
        with open(source, "rb") as handle:
            return handle.read(size)
    position = source.tell()
    head = source.read(size)
    source.seek(position)
    return head


def probe_media(source: Path | BinaryIO) -> MediaInfo:
    """Open ``source``, count its video frames by demuxing and decode the first one.

    Raises ``MediaError`` with a specific key for DICOM, empty, unreadable,
    audio-only, frameless and corrupt input.
    """
    head = _read_head(source, DICOM_MARKER_OFFSET + 4)
    if not head:
        raise MediaError("media.empty")
    if head[DICOM_MARKER_OFFSET : DICOM_MARKER_OFFSET + 4] == b"DICM":
        raise MediaError("media.dicom_unsupported")

    try:
        container = av.open(str(source) if isinstance(source, Path) else source, mode="r")
    except (av.FFmpegError, OSError, ValueError, UnicodeDecodeError) as error:
        log.info("probe: container rejected (%s)", type(error).__name__)
        raise MediaError("media.unreadable") from None

    try:
        return _describe(container)
    finally:
        container.close()


def _describe(container: Any) -> MediaInfo:
    if not container.streams.video:
        raise MediaError("media.no_video")
    stream = container.streams.video[0]
    codec = stream.codec_context.name
    has_audio = bool(container.streams.audio)

    packets = 0
    first_frame = None
    try:
        for packet in container.demux(stream):
            if packet.size == 0:
                continue
            packets += 1
            if first_frame is None:
                for frame in packet.decode():
                    first_frame = frame
                    break
        if first_frame is None:
            # Some decoders hold frames until flushed.
            for frame in stream.codec_context.decode(None):
                first_frame = frame
                break
    except (av.FFmpegError, OSError, ValueError) as error:
        log.info("probe: demux or decode failed after %d packets (%s)", packets, type(error).__name__)
        raise MediaError("media.corrupt", packets=packets) from None

    if packets == 0 or first_frame is None:
        raise MediaError("media.no_frames")

    rate = stream.average_rate or stream.guessed_rate or Fraction(25, 1)
    fps = float(rate)
    if stream.duration is not None and stream.time_base is not None:
        duration = float(stream.duration * stream.time_base)
    elif container.duration is not None:
        duration = container.duration / av.time_base
    else:
        duration = packets / fps
    rotation = int(getattr(first_frame, "rotation", 0) or 0)
    return MediaInfo(
        container=container.format.name,
        codec=codec,
        width=first_frame.width,
        height=first_frame.height,
        fps=round(fps, 6),
        frame_count=packets,
        duration_s=round(duration, 6),
        has_audio=has_audio,
        rotation=rotation,
    )
