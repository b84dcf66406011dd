"""The teaching-edit panel: sequences, narration, diagrams and the context card, on real media."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.casefile.consent import load_consent, save_consent
from app.vault import Vault
from tests.ui.conftest import wait_until
from ui.qt_export import QtExportDialog


def _mark(window: object, first: int, last: int) -> None:
    document = window.document  # type: ignore[attr-defined]
    document.set_in_point(first)
    document.set_out_point(last)


def _speech_wav(samples_dir: Path, target: Path, seconds: float = 2.0) -> Path:
    """Convert the first ``seconds`` of the French speech sample to a 16-bit mono WAV."""
    with av.open(str(samples_dir / "speech" / "french.aiff")) as source, \
            av.open(str(target), "w") as output:
        stream = output.add_stream("pcm_s16le", rate=44100, layout="mono")
        resampler = av.AudioResampler(format="s16", layout="mono", rate=44100)
        written = 0
        for frame in source.decode(audio=0):
            for converted in resampler.resample(frame):
                converted.pts = written
                converted.time_base = Fraction(1, 44100)
                written += converted.samples
                for packet in stream.encode(converted):
                    output.mux(packet)
            if written >= seconds * 44100:
                break
        for packet in stream.encode(None):
            output.mux(packet)
    return target


def test_sequences_add_reorder_undo(window: object, vault: Vault) -> None:
    panel = window.lesson  # type: ignore[attr-defined]
    tab = panel.sequences_tab
    document = window.document  # type: ignore[attr-defined]

    _mark(window, 2, 9)
    first = tab.add_sequence("Dissection")
    _mark(window, 12, 20)
    second = tab.add_sequence("")
    assert [s.id for s in document.lesson.sequences] == [first, second]
    assert (document.lesson.sequences[0].in_frame, document.lesson.sequences[0].out_frame) == \
        (2, 9)
    assert tab.list.count() == 2

    assert tab.move_sequence(second, 0)
    assert [s.id for s in document.lesson.sequences] == [second, first]
    assert tab.list.item(0).data(Qt.ItemDataRole.UserRole) == second
    assert tab.rename_sequence(second, "Exposition")
    assert document.lesson.sequences[0].title == "Exposition"

    document.undo_stack.undo()  # rename
    document.undo_stack.undo()  # move
    assert [s.id for s in document.lesson.sequences] == [first, second]
    assert tab.list.item(0).data(Qt.ItemDataRole.UserRole) == first
    document.undo_stack.redo()
    assert [s.id for s in document.lesson.sequences] == [second, first]

    assert document.save_now()
    stored = vault.load_project(document.record.case_id).lesson.sequences
    assert [s.id for s in stored] == [second, first]
    actions = [entry["action"] for entry in vault.journal_entries()]
    assert "lesson.edit" in actions


def test_keep_sequence_needs_marks(window: object) -> None:
    window.commands["edit.keep_sequence"].isEnabled()  # type: ignore[attr-defined]
    assert not window.commands["edit.keep_sequence"].isEnabled()  # type: ignore[attr-defined]
    _mark(window, 0, 5)
    assert window.commands["edit.keep_sequence"].isEnabled()  # type: ignore[attr-defined]
    assert window.lesson.sequences_tab.add_sequence("x") == "S0001"  # type: ignore[attr-defined]


def test_narration_import_places_clip(window: object, qtbot: object, samples_dir: Path,
                                      tmp_path: Path, vault: Vault) -> None:
    from app.edit.audio import load_audio

    wav = _speech_wav(samples_dir, tmp_path / "narration.wav")
    panel = window.lesson  # type: ignore[attr-defined]
    window.seek(10)  # type: ignore[attr-defined]
    job = panel.narration_tab.import_file(wav)
    wait_until(qtbot, lambda: bool(window.document.lesson.narration))  # type: ignore[attr-defined]
    assert job is not None
    clip = window.document.lesson.narration[0]  # type: ignore[attr-defined]
    assert clip.source == "imported"
    assert clip.lesson_start_s == pytest.approx(10 / 25)
    assert clip.duration_s == pytest.approx(2.0, abs=0.05)
    stored = load_audio(vault, clip.object_id)
    assert stored.duration_s == pytest.approx(clip.duration_s, abs=0.01)
    assert panel.narration_tab.list.count() == 1

    canvas = window.timeline.canvas  # type: ignore[attr-defined]
    spans = canvas.narration_spans()
    assert [(span[1], span[2]) for span in spans] == [(10, 24)]  # the clip runs past the end
    canvas.fit()
    y = canvas.narration_top + 8
    grab = QPoint(round(canvas.x_of(14)), y)
    drop = QPoint(round(canvas.x_of(18)), y)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, grab)
    QTest.mouseMove(canvas, drop)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, drop)
    dragged = window.document.lesson.narration[0]  # type: ignore[attr-defined]
    assert dragged.lesson_start_s == pytest.approx(14 / 25, abs=0.05)
    assert dragged.duration_s == clip.duration_s
    window.document.undo_stack.undo()  # type: ignore[attr-defined]

    assert panel.narration_tab.edit_clip(clip.id, 1.0, 0.5, 1.5, -3.0)
    moved = window.document.lesson.narration[0]  # type: ignore[attr-defined]
    assert (moved.lesson_start_s, moved.trim_start_s, moved.duration_s, moved.gain_db) == \
        (1.0, 0.5, 1.5, -3.0)
    window.document.undo_stack.undo()  # type: ignore[attr-defined]
    restored = window.document.lesson.narration[0]  # type: ignore[attr-defined]
    assert restored.lesson_start_s == pytest.approx(10 / 25)


def test_recording_from_file_source(window: object, qtbot: object, samples_dir: Path,
                                    tmp_path: Path) -> None:
    from app.edit.recorder import FileSource

    wav = _speech_wav(samples_dir, tmp_path / "take.wav", seconds=1.0)
    tab = window.lesson.narration_tab  # type: ignore[attr-defined]
    dialog = tab.record(source_factory=lambda: FileSource(wav))
    dialog.start_recording()
    wait_until(qtbot, lambda: dialog.keep_button.isEnabled())
    assert dialog.meter.value() > 0
    dialog.keep_button.click()
    wait_until(qtbot, lambda: bool(window.document.lesson.narration))  # type: ignore[attr-defined]
    assert window.document.lesson.narration[0].source == "recorded"  # type: ignore[attr-defined]
    first = window.document.lesson.narration[0]  # type: ignore[attr-defined]

    retake = tab.record(retake=first.id, source_factory=lambda: FileSource(wav))
    retake.start_recording()
    wait_until(qtbot, lambda: retake.keep_button.isEnabled())
    retake.keep_button.click()
    wait_until(qtbot, lambda: window.document.lesson.narration[0].object_id  # type: ignore[attr-defined]
               != first.object_id)
    replaced = window.document.lesson.narration  # type: ignore[attr-defined]
    assert [clip.id for clip in replaced] == [first.id]
    assert replaced[0].lesson_start_s == first.lesson_start_s


def test_image_diagram_from_png(window: object, tmp_path: Path) -> None:
    from PIL import Image

    png = tmp_path / "schéma.png"
    Image.new("RGBA", (40, 30), (0, 200, 255, 255)).save(png)
    window.seek(5)  # type: ignore[attr-defined]
    tab = window.lesson.diagrams_tab  # type: ignore[attr-defined]
    diagram_id = tab.add_diagram("image", [[100.0, 80.0]], image_path=png)
    assert diagram_id
    diagram = window.document.lesson.diagrams[0]  # type: ignore[attr-defined]
    assert diagram.image_object_id
    assert diagram.start_frame == 5
    assert diagram.end_frame == 24  # three seconds from frame 5, cut at the clip's end
    assert window.viewer.diagram_ids() == [diagram_id]  # type: ignore[attr-defined]
    assert not tab.add_diagram("image", [[0.0, 0.0]], image_path=tmp_path / "missing.png")


def test_arrow_drawn_in_viewer_is_exported(window: object, qtbot: object, vault: Vault,
                                           tmp_path: Path) -> None:
    document = window.document  # type: ignore[attr-defined]
    consent = load_consent(vault, document.record.case_id)
    save_consent(vault, replace(consent, status="given", signed_on="2026-01-05",
                                purposes=["teaching"], channels=["internal_platform"]))
    job = window.analyse()  # type: ignore[attr-defined]
    assert job is not None
    wait_until(qtbot, lambda: not window.jobs.busy and not document.read_only, 120)  # type: ignore[attr-defined]
    document.accept([track.id for track in document.media.tracks if track.kind == "face"])
    tab = window.lesson.diagrams_tab  # type: ignore[attr-defined]
    _mark(window, 0, 24)
    tab.set_tool("arrow")
    viewer = window.viewer  # type: ignore[attr-defined]
    assert viewer.diagram_tool == "arrow"
    start = viewer.mapFromScene(60, 300)
    end = viewer.mapFromScene(200, 300)
    port = viewer.viewport()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(port, QPoint((start.x() + end.x()) // 2, start.y()))
    QTest.mouseMove(port, end)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)

    diagrams = document.lesson.diagrams
    assert len(diagrams) == 1
    arrow = diagrams[0]
    assert arrow.kind == "arrow"
    assert (arrow.start_frame, arrow.end_frame) == (0, 24)
    assert arrow.points[0][0] == pytest.approx(60, abs=3)
    assert arrow.points[1][0] == pytest.approx(200, abs=3)
    assert viewer.diagram_ids() == [arrow.id]  # previewed over the picture

    tab.set_tool("")
    before = [list(point) for point in arrow.points]
    middle = viewer.mapFromScene(130, 300)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    QTest.mouseMove(port, middle + QPoint(0, -40))
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       middle + QPoint(0, -40))
    moved = document.lesson.diagrams[0].points
    assert moved[0][1] < before[0][1] - 10
    document.undo_stack.undo()
    assert document.lesson.diagrams[0].points == before
    assert document.save_now()

    dialog = QtExportDialog(vault, document.media_id, 640, 360, False, None, tmp_path / "out",
                            lesson_ready=True)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.exports_lesson
    dialog.start()
    dialog.wait_for_job(300_000)
    wait_until(qtbot, lambda: dialog.result is not None or dialog.failure is not None, 60)
    assert dialog.failure is None, dialog.detail.text()
    with av.open(str(dialog.result.video)) as exported:
        frame = next(exported.decode(video=0)).to_ndarray(format="rgb24")
    red, green, blue = (int(value) for value in frame[arrow_y(before), 130])
    assert red > 180, (red, green, blue)
    assert green > 150, (red, green, blue)
    assert blue < 110, (red, green, blue)
    untouched = frame[200, 130].astype(int)
    assert not is_arrow_yellow(untouched), untouched


def is_arrow_yellow(pixel: np.ndarray) -> bool:
    """Return whether an RGB pixel is close to the arrow's colour, #ffd400, after encoding."""
    red, green, blue = (int(value) for value in pixel)
    return red > 180 and green > 150 and blue < 110


def arrow_y(points: list[list[float]]) -> int:
    return round(points[0][1])


def test_card_flags_shown_and_acknowledged(window: object) -> None:
    tab = window.lesson.card_tab  # type: ignore[attr-defined]
    document = window.document  # type: ignore[attr-defined]
    tab.set_field("history", "patient de 47 ans opéré le 12/03/2024 à Strasbourg")
    kinds = {str(tab.flags.item(row).data(Qt.ItemDataRole.UserRole)[2])
             for row in range(tab.flags.count())}
    assert {"age", "date", "place"} <= kinds
    assert "Strasbourg" in " ".join(tab.flags.item(row).text() for row in range(tab.flags.count()))
    assert tab.acknowledge_button.isEnabled()

    from app.edit.reidentification import unresolved_flags

    count = tab.flags.count()
    first = tab.flags.item(0).data(Qt.ItemDataRole.UserRole)
    assert tab.acknowledge(tuple(first))
    assert tab.flags.count() == count - 1
    assert len(document.lesson.card.acknowledgements) == 1
    assert len(unresolved_flags(document.lesson)) == count - 1

    tab.set_field("history", "patient adulte")
    assert tab.flags.count() == 0
    assert "No phrase flagged" in tab.flags_state.text()
    document.undo_stack.undo()
    assert tab.flags.count() == count - 1
    assert tab.fields["history"].toPlainText().startswith("patient de 47 ans")


def test_captions_and_voices(window: object) -> None:
    panel = window.lesson  # type: ignore[attr-defined]
    document = window.document  # type: ignore[attr-defined]
    assert panel.captions_tab.add_caption(0.5, 2.0, "Ouverture du péritoine")
    assert not panel.captions_tab.add_caption(2.0, 1.0, "bad")
    assert [c.text for c in document.lesson.captions] == ["Ouverture du péritoine"]
    _mark(window, 3, 8)
    assert panel.voices_tab.set_range("bleep")
    assert panel.voices_tab.set_default("keep")
    assert document.lesson.voice_default == "keep"
    voice = document.lesson.voice_ranges[0]
    assert (voice.start_frame, voice.end_frame, voice.mode) == (3, 8, "bleep")
    assert panel.voices_tab.list.count() == 1


def test_lesson_panel_disabled_without_media(window: object) -> None:
    window.close_media()  # type: ignore[attr-defined]
    assert not window.lesson.isEnabled()  # type: ignore[attr-defined]
    assert np.array_equal([window.lesson.sequences_tab.list.count()], [0])  # type: ignore[attr-defined]


def test_sequences_reorder_by_drag(window: object, qtbot: object) -> None:
    from PySide6.QtCore import QModelIndex

    tab = window.lesson.sequences_tab  # type: ignore[attr-defined]
    document = window.document  # type: ignore[attr-defined]
    ids = []
    for first, last in ((0, 4), (5, 9), (10, 14)):
        _mark(window, first, last)
        ids.append(tab.add_sequence(f"Partie {first}"))
    # An internal drag and drop ends in the model moving the row, as done here.
    assert tab.list.model().moveRow(QModelIndex(), 2, QModelIndex(), 0)
    wait_until(qtbot, lambda: document.lesson.sequences[0].id == ids[2])
    assert [s.id for s in document.lesson.sequences] == [ids[2], ids[0], ids[1]]
    document.undo_stack.undo()
    assert [s.id for s in document.lesson.sequences] == ids


def test_countdown_then_recording(window: object, qtbot: object, samples_dir: Path,
                                  tmp_path: Path) -> None:
    from app.edit.recorder import FileSource

    wav = _speech_wav(samples_dir, tmp_path / "take.wav", seconds=0.5)
    dialog = window.lesson.narration_tab.record(  # type: ignore[attr-defined]
        source_factory=lambda: FileSource(wav))
    dialog.timer.setInterval(20)  # the countdown's steps, shortened from one second
    dialog.start_countdown()
    assert dialog.countdown.text() == "3"
    assert dialog.worker is None
    wait_until(qtbot, lambda: dialog.worker is not None)
    wait_until(qtbot, lambda: dialog.keep_button.isEnabled())
    dialog.reject()
    assert not window.document.lesson.narration  # type: ignore[attr-defined]


def test_recording_disabled_without_microphone(window: object) -> None:
    from app.edit.recorder import input_devices
    from ui.qt_recorder import QtRecordDialog

    if input_devices():
        pytest.skip("this machine has a sound input")
    tab = window.lesson.narration_tab  # type: ignore[attr-defined]
    assert not tab.record_button.isEnabled()
    assert "microphone" in tab.record_button.toolTip()
    assert tab.import_button.isEnabled()
    dialog = QtRecordDialog(None)
    assert not dialog.record_button.isEnabled()
    assert "microphone" in dialog.state.text()
    dialog.deleteLater()
