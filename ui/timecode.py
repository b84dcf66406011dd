"""Frame numbers shown as ``HH:MM:SS:FF`` timecode, and parsed back."""

from __future__ import annotations

import math


def frames_per_second_label(fps: float) -> int:
    """Return the frame count per timecode second: the nominal rate rounded (29.97 counts 30)."""
    return max(1, round(fps)) if fps > 0 else 25


def format_timecode(frame: int, fps: float) -> str:
    """Format ``frame`` as non-drop-frame ``HH:MM:SS:FF``."""
    base = frames_per_second_label(fps)
    frame = max(0, frame)
    seconds, frames = divmod(frame, base)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}:{frames:02d}"


def format_duration(seconds: float) -> str:
    """Format a duration as ``H:MM:SS`` or ``M:SS``."""
    total = max(0, math.floor(seconds + 0.5))
    minutes, secs = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def parse_timecode(text: str, fps: float) -> int:
    """Parse ``HH:MM:SS:FF``, ``MM:SS:FF`` or a plain frame number; raises ``ValueError``."""
    parts = text.strip().split(":")
    if len(parts) == 1:
        return max(0, int(parts[0]))
    if len(parts) > 4:
        raise ValueError(text)
    numbers = [int(part) for part in parts]
    base = frames_per_second_label(fps)
    *clock, frames = numbers
    seconds = 0
    for value in clock:
        seconds = seconds * 60 + value
    return max(0, seconds * base + frames)
