"""Proxies in the vault, frames by number, waveforms and region following on real media."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import av
import numpy as np
import pytest

from app.errors import CancelledError
from app.jobs import CancelToken
from app.media.proxy import PROXY_MAX_HEIGHT, build_proxy, open_proxy, proxy_dimensions
from app.project.model import Box
from app.vault import Vault
from ui.frame_source import FrameSource, frame_to_rgb
from ui.region_follow import follow_region
from ui.waveform import audio_peaks


def _digest(frame: av.VideoFrame) -> str:
    return hashlib.sha256(frame.to_ndarray(format="rgb24").tobytes()).hexdigest()


def test_proxy_dimensions() -> None:
    assert proxy_dimensions(1920, 1080) == (960, 540)
    assert proxy_dimensions(640, 360) == (640, 360)
    assert proxy_dimensions(1281, 721) == (958, 540)
    assert proxy_dimensions(720, 1280) == (304, 540)


def test_proxy_frames_match_source(vault: Vault, samples_dir: Path) -> None:
    clip = samples_dir / "faces" / "short_hamilton_clip.mp4"
    record = vault.import_media(clip, "case")
    object_id = build_proxy(vault, record.id)
    assert vault.media_proxy(record.id) == object_id
    opened = open_proxy(vault, record.id)
    assert opened is not None
    reader, container = opened
    proxy = FrameSource(container, record.id)
    source = FrameSource(av.open(str(clip)), record.id)
    try:
        assert proxy.frame_count == source.frame_count == record.info.frame_count
        assert proxy.height <= PROXY_MAX_HEIGHT
        assert container.streams.audio, "the proxy keeps a sound track for the waveform"
        for index in (0, 1, 100, 137, 274):
            expected = source.frame_at(index).to_ndarray(
                format="rgb24", width=proxy.width, height=proxy.height).astype(np.int16)
            shown = proxy.frame_at(index).to_ndarray(format="rgb24").astype(np.int16)
            assert np.abs(expected - shown).mean() < 6, index
            if index:
                previous = source.frame_at(index - 1).to_ndarray(
                    format="rgb24", width=proxy.width, height=proxy.height).astype(np.int16)
                # Guard against an off-by-one between proxy and source numbering.
                assert np.abs(expected - shown).mean() <= np.abs(previous - shown).mean()
    finally:
        proxy.close()
        source.close()
        reader.close()


def test_cancelled_proxy_leaves_no_object(vault: Vault, short_clip: Path) -> None:
    record = vault.import_media(short_clip, "case")
    objects_before = sorted(p.name for p in (vault.path / "objects").rglob("*.blob"))
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        build_proxy(vault, record.id, cancel=token)
    assert vault.media_proxy(record.id) is None
    assert sorted(p.name for p in (vault.path / "objects").rglob("*.blob")) == objects_before


def test_frame_at_matches_sequential_decode(samples_dir: Path) -> None:
    clip = samples_dir / "faces" / "short_hamilton_clip.mp4"
    with av.open(str(clip)) as container:
        expected = [_digest(frame) for frame in container.decode(video=0)]
    source = FrameSource(av.open(str(clip)), "m-test")
    try:
        assert source.frame_count == len(expected)
        order = list(range(len(expected)))
        random.Random(7).shuffle(order)
        for index in order[:40]:
            assert _digest(source.frame_at(index)) == expected[index], index
        for index in range(120, 100, -1):  # stepping backwards, as the Left key does
            assert _digest(source.frame_at(index)) == expected[index], index
        source.frame_at(200)
        for index in range(201, 206):
            decoded = source.next_frame()
            assert decoded is not None
            assert decoded[0] == index
            assert _digest(decoded[1]) == expected[index]
        source.frame_at(len(expected) - 1)
        assert source.next_frame() is None
    finally:
        source.close()


def test_preview_redacts_like_export(short_clip: Path) -> None:
    from app.project.model import MediaProject
    from tests.ui.conftest import manual_track

    media = MediaProject("m-test", 640, 360, 25, 25.0, tracks=[manual_track()])
    source = FrameSource(av.open(str(short_clip)), "m-test")
    try:
        frame = source.frame_at(3)
        plain = frame_to_rgb(frame, media, 3, preview=False)
        redacted = frame_to_rgb(frame, media, 3, preview=True)
    finally:
        source.close()
    assert plain[340:360].std() > 10, "the overlay line has text"
    assert redacted[340:360].max() < 24, "the overlay line is filled black"
    assert np.abs(plain[:300].astype(int) - redacted[:300].astype(int)).mean() < 3


def test_waveform_has_sound(samples_dir: Path) -> None:
    clip = samples_dir / "faces" / "short_hamilton_clip.mp4"
    with av.open(str(clip)) as container:
        peaks = audio_peaks(container, 275, 29.97)
    assert peaks is not None
    assert peaks.shape == (275,)
    assert 0 < float(peaks.max()) <= 1
    assert (peaks > 0.01).mean() > 0.5


def test_waveform_absent_without_sound(short_clip: Path) -> None:
    with av.open(str(short_clip)) as container:
        assert audio_peaks(container, 25, 25.0) is None


def test_follow_region_tracks_the_pan() -> None:
    from app.paths import resource_path

    # The example pans right by about 200/149 pixels a frame; follow the astronaut's face.
    source = FrameSource(av.open(str(resource_path("examples", "astronaut_pan.mp4"))), "m")
    try:
        start = 60
        found = follow_region(source, start, Box(330, 40, 80, 90), 640, 360)
    finally:
        source.close()
    assert min(found) < start - 30
    assert max(found) > start + 30
    later, _score = found[start + 30]
    earlier, _score = found[start - 30]
    assert later.x - 330 == pytest.approx(30 * 200 / 149, abs=4)
    assert 330 - earlier.x == pytest.approx(30 * 200 / 149, abs=4)
