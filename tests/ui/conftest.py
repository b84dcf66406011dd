"""Fixtures for the editor's tests: a short real clip, a vault holding it, an open main window."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import av
import pytest

from app.paths import resource_path
from app.project.model import Box, Keyframe, RedactionStyle, Sample, Track
from app.vault import Vault
from tests.conftest import PASSWORD, USER

CLIP_FRAMES = 25  # one second of the bundled example: a real face and a burned-in line


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep each test's preferences and recent vaults in its own folder, in English."""
    monkeypatch.setenv("VOILE_CONFIG_DIR", str(tmp_path / "config"))
    from app.i18n import set_language

    set_language("en")
    yield
    set_language(None)


@pytest.fixture(scope="session")
def short_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first second of ``resources/examples/astronaut_pan.mp4``, re-encoded with a long GOP."""
    target = tmp_path_factory.mktemp("clip") / "Mme D'Angelo séquence 1.mp4"
    with av.open(str(resource_path("examples", "astronaut_pan.mp4"))) as source, \
            av.open(str(target), "w") as output:
        stream = output.add_stream("libx264", rate=25)
        stream.width, stream.height, stream.pix_fmt = 640, 360, "yuv420p"
        stream.options = {"crf": "20", "preset": "veryfast", "g": "250"}
        for index, frame in enumerate(source.decode(video=0)):
            if index >= CLIP_FRAMES:
                break
            copy = frame.reformat(format="yuv420p")
            copy.pts = index
            copy.time_base = Fraction(1, 25)
            for packet in stream.encode(copy):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return target


def face_track(track_id: str = "T0001", frames: int = CLIP_FRAMES) -> Track:
    """A proposed face track over the whole clip, moving right by 2 pixels a frame."""
    samples = [Sample(frame, Box(250 + 2 * frame, 40, 90, 110), 0.9) for frame in range(frames)]
    track = Track(id=track_id, kind="face", origin="auto", start_frame=0, end_frame=frames - 1,
                  detector="face", samples=samples)
    track.record("propose", "detector:face", 0, frames - 1)
    return track


def manual_track(track_id: str = "T0002", frames: int = CLIP_FRAMES) -> Track:
    bar = Box(0, 334, 640, 26)
    track = Track(id=track_id, kind="text", origin="manual", start_frame=0, end_frame=frames - 1,
                  keyframes=[Keyframe(0, bar), Keyframe(frames - 1, bar)], status="accepted",
                  style=RedactionStyle("solid", "rect", 0.0))
    track.record("add", "someone", 0, frames - 1)
    return track


@pytest.fixture
def media_id(vault: Vault, short_clip: Path) -> str:
    """The short clip imported into ``vault`` with its proxy and two tracks (not analysed)."""
    from app.media.proxy import build_proxy

    record = vault.import_media(short_clip, "Mme D'Angelo, cholécystectomie")
    build_proxy(vault, record.id)
    project = vault.load_project(record.case_id)
    project.media[record.id].tracks = [face_track(), manual_track()]
    vault.save_project(project)
    return record.id


def wait_until(qtbot: object, condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Process Qt events until ``condition()`` holds; fail with the condition's source on timeout."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout_s} s")
        QApplication.processEvents()
        time.sleep(0.005)


@pytest.fixture
def window(qtbot: object, vault: Vault, media_id: str) -> Iterator[object]:
    """The editor on ``vault``, with the short clip open on frame 0 and shown."""
    from ui.qt_mainwindow import QtMainWindow
    from ui.settings import load_preferences

    preferences = load_preferences()
    preferences.autosave_seconds = 0.5
    main = QtMainWindow(vault, preferences)
    qtbot.addWidget(main)  # type: ignore[attr-defined]
    main.show()
    main.activateWindow()
    wait_until(qtbot, lambda: main.viewer.shown_frame == 0 and main.viewer.shown_exact)
    yield main
    if main.vault is not None or main.document is not None:
        main.jobs.cancel_all()
        main.jobs.wait_all()
        main.shutdown()


__all__ = ["PASSWORD", "USER", "face_track", "manual_track", "wait_until"]
