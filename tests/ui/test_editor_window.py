"""The editor window on a real vault: frames, shortcuts, review, region edits, undo, saving."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from app.project.model import Box
from app.vault import Vault
from tests.conftest import PASSWORD
from tests.ui.conftest import wait_until


def _image_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * height)
    rows = data.reshape(height, image.bytesPerLine())[:, : width * 3]
    # Copy: the array must not outlive the converted image that owns the bytes.
    return rows.reshape(height, width, 3).copy()


def _shown(window: object) -> np.ndarray:
    return _image_array(window.viewer.picture.pixmap().toImage())  # type: ignore[attr-defined]


def _wait_frame(qtbot: object, window: object, frame: int) -> None:
    wait_until(qtbot, lambda: window.viewer.shown_frame == frame  # type: ignore[attr-defined]
               and window.viewer.shown_exact)  # type: ignore[attr-defined]


def _key(window: object, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
         ) -> None:
    QTest.keyClick(window.viewer, key, modifier)  # type: ignore[attr-defined]


def test_viewer_shows_exact_source_frame(window: object, qtbot: object, short_clip: Path) -> None:
    window.seek(17)  # type: ignore[attr-defined]
    _wait_frame(qtbot, window, 17)
    with av.open(str(short_clip)) as container:
        expected = next(frame for index, frame in enumerate(container.decode(video=0))
                        if index == 17).to_ndarray(format="rgb24")
    shown = _shown(window)
    assert shown.shape == expected.shape
    assert np.abs(shown.astype(int) - expected.astype(int)).max() == 0


def test_regions_drawn_over_picture(window: object) -> None:
    items = window.viewer._items  # type: ignore[attr-defined]
    assert set(items) == {"T0001", "T0002"}
    face = items["T0001"].rect()
    assert (face.x(), face.y(), face.width(), face.height()) == (250, 40, 90, 110)


def test_scrub_shows_proxy_then_exact(window: object, qtbot: object) -> None:
    seen: list[tuple[int, bool]] = []
    window.frame_worker.frame_ready.connect(  # type: ignore[attr-defined]
        lambda index, _image, exact: seen.append((index, exact)))
    window.scrub(20)  # type: ignore[attr-defined]
    _wait_frame(qtbot, window, 20)
    assert (20, False) in seen
    assert seen[-1] == (20, True)


def test_transport_shortcuts(window: object, qtbot: object) -> None:
    _key(window, Qt.Key.Key_Right)
    _wait_frame(qtbot, window, 1)
    _key(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    _wait_frame(qtbot, window, 24)  # one second (25 frames) from frame 1, clamped to the end
    _key(window, Qt.Key.Key_Left)
    _wait_frame(qtbot, window, 23)
    _key(window, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    _wait_frame(qtbot, window, 0)
    _key(window, Qt.Key.Key_End)
    _wait_frame(qtbot, window, 24)
    _key(window, Qt.Key.Key_Home)
    _wait_frame(qtbot, window, 0)
    assert window.transport.timecode.text() == "00:00:00:00"  # type: ignore[attr-defined]


def test_play_pause_and_jkl(window: object, qtbot: object) -> None:
    _key(window, Qt.Key.Key_Space)
    assert window.play_rate == 1.0  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: window.current_frame >= 5)  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_Space)
    assert window.play_rate == 0.0  # type: ignore[attr-defined]
    stopped = window.current_frame  # type: ignore[attr-defined]
    _wait_frame(qtbot, window, stopped)

    _key(window, Qt.Key.Key_L)
    assert window.play_rate == 1.0  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_L)
    assert window.play_rate == 2.0  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_K)
    assert window.play_rate == 0.0  # type: ignore[attr-defined]
    window.seek(20)  # type: ignore[attr-defined]
    _wait_frame(qtbot, window, 20)
    _key(window, Qt.Key.Key_J)
    assert window.play_rate == -1.0  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: window.current_frame <= 15)  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_K)
    assert window.play_rate == 0.0  # type: ignore[attr-defined]


def test_playback_reaches_end(window: object, qtbot: object) -> None:
    window.play(4.0)  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: window.play_rate == 0.0, 10)  # type: ignore[attr-defined]
    assert window.current_frame == 24  # type: ignore[attr-defined]


def test_in_out_points(window: object, qtbot: object) -> None:
    window.seek(5)  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_I)
    window.seek(12)  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_O)
    assert window.document.marked_range() == (5, 12)  # type: ignore[attr-defined]
    assert window.timeline.canvas.in_point == 5  # type: ignore[attr-defined]
    assert window.timeline.canvas.out_point == 12  # type: ignore[attr-defined]


def test_accept_reject_keys_with_undo_redo(window: object, qtbot: object, vault: Vault) -> None:
    document = window.document  # type: ignore[attr-defined]
    document.select("T0001")
    _key(window, Qt.Key.Key_A)
    assert document.track("T0001").status == "accepted"
    _key(window, Qt.Key.Key_X)
    assert document.track("T0001").status == "rejected"
    _key(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.track("T0001").status == "accepted"
    _key(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.track("T0001").status == "proposed"
    _key(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
         | Qt.KeyboardModifier.ShiftModifier)
    assert document.track("T0001").status == "accepted"

    wait_until(qtbot, lambda: not document.dirty, 5)
    stored = vault.load_project(document.record.case_id).media[document.media_id]
    assert stored.track("T0001").status == "accepted"
    assert [d.action for d in stored.track("T0001").history] == ["propose", "accept"]


def test_delete_rejects_proposal_and_removes_drawn_region(window: object) -> None:
    document = window.document  # type: ignore[attr-defined]
    document.select("T0001")
    _key(window, Qt.Key.Key_Delete)
    assert document.track("T0001").status == "rejected"
    region = document.add_region(3, Box(10, 10, 40, 40))
    assert document.selected_track_id == region
    _key(window, Qt.Key.Key_Delete)
    assert document.track(region) is None
    _key(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.track(region) is not None


def test_reject_range_between_marks(window: object) -> None:
    document = window.document  # type: ignore[attr-defined]
    document.select("T0001")
    document.set_in_point(5)
    document.set_out_point(9)
    _key(window, Qt.Key.Key_X, Qt.KeyboardModifier.ShiftModifier)
    track = document.track("T0001")
    assert track.rejected_ranges == [(5, 9)]
    assert track.status == "proposed"


def test_next_proposal_selects_and_seeks(window: object, qtbot: object) -> None:
    document = window.document  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_N)
    assert document.selected_track_id == "T0001"
    _wait_frame(qtbot, window, 12)
    assert window.inspector.title.text() == "Track T0001"  # type: ignore[attr-defined]
    items = window.track_list.tree.selectedItems()  # type: ignore[attr-defined]
    assert [item.data(0, Qt.ItemDataRole.UserRole) for item in items] == ["T0001"]


def test_drag_region_creates_keyframe(window: object, qtbot: object) -> None:
    document = window.document  # type: ignore[attr-defined]
    viewer = window.viewer  # type: ignore[attr-defined]
    window.seek(10)  # type: ignore[attr-defined]
    _wait_frame(qtbot, window, 10)
    before = document.track("T0001").box_at(10)
    centre = QPointF(before.x + before.w / 2, before.y + before.h / 2)
    start = viewer.mapFromScene(centre)
    QTest.mouseClick(viewer.viewport(), Qt.MouseButton.LeftButton, pos=start)
    assert document.selected_track_id == "T0001"
    end = start + QPoint(40, 20)
    QTest.mousePress(viewer.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(viewer.viewport(), start + QPoint(20, 10))
    QTest.mouseMove(viewer.viewport(), end)
    QTest.mouseRelease(viewer.viewport(), Qt.MouseButton.LeftButton, pos=end)

    track = document.track("T0001")
    assert [key.frame for key in track.keyframes] == [10]
    moved = track.box_at(10)
    shift_x = viewer.mapToScene(end).x() - viewer.mapToScene(start).x()
    assert moved.x - before.x == abs(shift_x) or abs(moved.x - before.x - shift_x) < 1.5
    assert moved.w == before.w
    assert track.box_at(11) == before.__class__(252 + 20, 40, 90, 110)
    _key(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.track("T0001").keyframes == []


def test_resize_handle_changes_size(window: object) -> None:
    document = window.document  # type: ignore[attr-defined]
    viewer = window.viewer  # type: ignore[attr-defined]
    document.select("T0001")
    box = document.track("T0001").box_at(0)
    corner = viewer.mapFromScene(QPointF(box.x + box.w, box.y + box.h))
    QTest.mousePress(viewer.viewport(), Qt.MouseButton.LeftButton, pos=corner)
    QTest.mouseMove(viewer.viewport(), corner + QPoint(30, 30))
    QTest.mouseRelease(viewer.viewport(), Qt.MouseButton.LeftButton, pos=corner + QPoint(30, 30))
    resized = document.track("T0001").box_at(0)
    assert (resized.x, resized.y) == (box.x, box.y)
    assert resized.w > box.w + 10
    assert resized.h > box.h + 10


def test_draw_region_is_followed(window: object, qtbot: object) -> None:
    document = window.document  # type: ignore[attr-defined]
    viewer = window.viewer  # type: ignore[attr-defined]
    window.seek(12)  # type: ignore[attr-defined]
    _wait_frame(qtbot, window, 12)
    _key(window, Qt.Key.Key_R)
    assert viewer.draw_mode
    start = viewer.mapFromScene(QPointF(280, 50))
    end = viewer.mapFromScene(QPointF(350, 130))
    QTest.mousePress(viewer.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(viewer.viewport(), end)
    QTest.mouseRelease(viewer.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert not viewer.draw_mode
    drawn = document.selected_track
    assert drawn is not None
    assert drawn.origin == "manual"
    assert drawn.start_frame == drawn.end_frame == 12
    wait_until(qtbot, lambda: not window.jobs.busy, 20)  # type: ignore[attr-defined]
    followed = document.track(drawn.id)
    assert followed.start_frame < 6
    assert followed.end_frame > 18


def test_split_and_style(window: object) -> None:
    document = window.document  # type: ignore[attr-defined]
    inspector = window.inspector  # type: ignore[attr-defined]
    document.select("T0002")
    window.seek(10)  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_S)
    assert document.track("T0002").end_frame == 9
    second = document.selected_track
    assert second.start_frame == 10
    inspector.fill.setCurrentIndex(inspector.fill.findData("pixelate"))
    assert document.selected_track.style.fill == "pixelate"
    inspector.shape.setCurrentIndex(inspector.shape.findData("ellipse"))
    assert document.selected_track.style.shape == "ellipse"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.selected_track.style.fill == "solid"


def test_timeline_click_seeks_and_selects(window: object, qtbot: object) -> None:
    canvas = window.timeline.canvas  # type: ignore[attr-defined]
    x = int(canvas.x_of(15.5))
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, 10))
    _wait_frame(qtbot, window, 15)
    lane_y = canvas.lanes_top + 5
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, lane_y))
    assert window.document.selected_track_id == canvas.tracks[0].id  # type: ignore[attr-defined]


def test_preview_shows_redacted_pixels(window: object, qtbot: object) -> None:
    window.seek(4)  # type: ignore[attr-defined]
    _wait_frame(qtbot, window, 4)
    plain = _shown(window)
    assert plain[340:360].std() > 10
    _key(window, Qt.Key.Key_E)
    wait_until(qtbot, lambda: _shown(window)[340:360].max() < 24)
    face = _shown(window)[60:140, 270:330].astype(int)
    assert np.abs(face - plain[60:140, 270:330].astype(int)).mean() > 20


def test_close_saves_pending_edit(window: object, vault_path: Path) -> None:
    document = window.document  # type: ignore[attr-defined]
    document.set_autosave_seconds(60)
    document.reject(["T0001"])
    assert document.dirty
    window.close()  # type: ignore[attr-defined]
    assert window.vault is None  # type: ignore[attr-defined]
    with Vault.unlock(vault_path, PASSWORD) as reopened:
        case = reopened.cases()[0]
        media = reopened.load_project(case.id).media
        assert next(iter(media.values())).track("T0001").status == "rejected"


def test_idle_lock_and_unlock(window: object, qtbot: object) -> None:
    window.preferences.idle_lock_minutes = 1  # type: ignore[attr-defined]
    window.seek(7)  # type: ignore[attr-defined]
    _wait_frame(qtbot, window, 7)
    last = window.activity.last_activity  # type: ignore[attr-defined]
    assert not window.check_idle(now=last + 59)  # type: ignore[attr-defined]
    assert window.check_idle(now=last + 61)  # type: ignore[attr-defined]
    assert window.vault is None  # type: ignore[attr-defined]
    assert window.document is None  # type: ignore[attr-defined]
    dialog = window.unlock_dialog  # type: ignore[attr-defined]
    assert dialog is not None and dialog.isVisible()
    dialog.password.setText(PASSWORD)
    dialog.unlock_button.click()
    wait_until(qtbot, lambda: window.document is not None)  # type: ignore[attr-defined]
    _wait_frame(qtbot, window, 7)
    assert window.vault is not None  # type: ignore[attr-defined]


def test_export_without_analysis_explains(window: object, qtbot: object) -> None:
    _key(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_dialog  # type: ignore[attr-defined]
    assert dialog is not None and dialog.isVisible()
    dialog.start()
    assert window.jobs.running("export")  # type: ignore[attr-defined]
    assert not window.check_idle(now=window.activity.last_activity + 3600)  # type: ignore[attr-defined]
    dialog.wait_for_job()
    wait_until(qtbot, lambda: dialog.pages.currentWidget() is dialog.result_page)
    assert dialog.headline.text() == "The export failed."
    assert "analys" in dialog.detail.text().lower()
    dialog.accept()


def test_analysis_from_window(window: object, qtbot: object) -> None:
    document = window.document  # type: ignore[attr-defined]
    document.reject(["T0001"])
    job = window.analyse()  # type: ignore[attr-defined]
    assert job is not None
    assert document.read_only
    assert not window.commands["review.accept"].isEnabled()  # type: ignore[attr-defined]
    job.wait(60_000)
    wait_until(qtbot, lambda: not document.read_only, 30)
    faces = [track for track in document.media.tracks if track.detector == "face"]
    assert document.media.runs
    assert document.track("T0001").status == "rejected", "a decided track is kept"
    assert any(track.status == "proposed" for track in faces)
    assert "Step 2 of 3" in window.guide.text()  # type: ignore[attr-defined]
    assert window.library.tree.topLevelItem(0).child(0).text(1) != "Not analysed"  # type: ignore[attr-defined]
