"""Decoding numbered frame ranges from the vault, with seeks and without."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.edit.frames import SourceFrames
from app.errors import MediaError
from tests.edit.clips import read_watermark, write_numbered_clip

RANGES = [(150, 160), (3, 10), (10, 20), (99, 99), (0, 0), (199, 199), (30, 31), (55, 80)]


@pytest.fixture
def numbered_media(vault, tmp_path: Path) -> str:
    clip = write_numbered_clip(tmp_path / "numbered.mp4", frames=200, tone_hz=None)
    return vault.import_media(clip, "cas").id


def read_ranges(source: SourceFrames) -> list[list[tuple[int, int]]]:
    return [[(number, read_watermark(frame.to_ndarray(format="rgb24")))
             for number, frame in source.frames(first, last)] for first, last in RANGES]


def expected_ranges() -> list[list[tuple[int, int]]]:
    return [[(number, number) for number in range(first, last + 1)] for first, last in RANGES]


def test_ranges_are_exact_with_seeks(vault, numbered_media: str) -> None:
    with SourceFrames(vault, numbered_media, 200) as source:
        assert source.seekable
        assert read_ranges(source) == expected_ranges()
        assert source.seeks >= 4  # backwards jumps seek instead of decoding from the start


def test_ranges_are_exact_without_index(vault, numbered_media: str) -> None:
    # 199 decoded frames for 200 packets: the timestamps cannot number the frames.
    with SourceFrames(vault, numbered_media, 199) as source:
        assert not source.seekable
        got = [[(number, read_watermark(frame.to_ndarray(format="rgb24")))
                for number, frame in source.frames(first, last)]
               for first, last in RANGES if last < 199]
    assert got == [pair for pair, (_, last) in zip(expected_ranges(), RANGES, strict=True)
                   if last < 199]


def test_range_outside_media_is_rejected(vault, numbered_media: str) -> None:
    with SourceFrames(vault, numbered_media, 200) as source, pytest.raises(MediaError):
        list(source.frames(190, 200))
