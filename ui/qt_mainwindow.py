"""The editor window: library on the left, viewer and timeline in the middle, tracks on the right.

The window owns the open ``QtMediaDocument`` and the workers that decode its
frames, and routes the user's commands (menu actions and shortcuts) to them.
Long jobs run through ``QtJobManager`` on their own vault connections. The
vault locks after the idle time set in the preferences, and when the window
closes; pending edits are saved first.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.errors import VoileError
from app.project.model import Box
from app.vault import Vault
from ui import actions as action_specs
from ui.audio_output import output_available
from ui.qt_document import QtMediaDocument
from ui.qt_export import QtExportDialog
from ui.qt_frames import QtFrameWorker, QtThumbnailWorker
from ui.qt_i18n import error_text, install_language
from ui.qt_jobs import QtJob, QtJobManager, QtJobsPanel
from ui.qt_lesson import QtLessonPanel
from ui.qt_library import QtLibraryPanel
from ui.qt_preferences import QtPreferencesDialog
from ui.qt_style import kind_name
from ui.qt_timeline import QtTimeline
from ui.qt_tracks import QtInspector, QtTrackList
from ui.qt_transport import QtGuideBar, QtTransportBar
from ui.qt_unlock import QtAddUserDialog, QtUnlockDialog
from ui.qt_viewer import DiagramView, QtViewer, RegionView
from ui.settings import Preferences, save_preferences
from ui.vault_access import worker_vault

log = logging.getLogger(__name__)

MAX_RATE = 8.0
IDLE_CHECK_MS = 15_000
STRIP_THUMB_HEIGHT = 40


class QtActivityFilter(QObject):
    """Record the time of the user's last key press, click or wheel turn, anywhere in the app."""

    INPUT_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                    QEvent.Type.MouseMove)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_activity = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.INPUT_EVENTS:
            self.last_activity = time.monotonic()
        return False


class QtMainWindow(QMainWindow):
    """The editor; create it with an unlocked vault."""

    media_opened = Signal(str)
    frame_shown = Signal(int)

    def __init__(self, vault: Vault, preferences: Preferences, demo: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault: Vault | None = vault
        self.vault_folder = vault.path
        self.preferences = preferences
        self.demo = demo
        self.jobs = QtJobManager(self)
        self.document: QtMediaDocument | None = None
        self.frame_worker: QtFrameWorker | None = None
        self.thumb_worker: QtThumbnailWorker | None = None
        self.current_frame = 0
        self.shown_exact = True
        self.play_rate = 0.0
        self.preview = False
        self.export_dialog: QtExportDialog | None = None
        self.unlock_dialog: QtUnlockDialog | None = None
        self.expired_dialog: QDialog | None = None
        self.error_box: QMessageBox | None = None
        self._closing = False
        self._diagram_images: dict[str, tuple[str, DiagramView | None]] = {}
        self.setObjectName("voileMainWindow")

        handlers = {spec.id: getattr(self, "_on_" + spec.id.replace(".", "_"))
                    for spec in action_specs.ACTIONS}
        self.commands = action_specs.build_actions(self, handlers)
        self.menus: dict[str, QMenu] = {}
        self._build_menus()
        self._build_layout()
        self._connect_views()

        self.activity = QtActivityFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(IDLE_CHECK_MS)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start()

        self.retranslate()
        self.resize(1400, 880)
        self.library.set_vault(vault)
        self._update_enabled()
        self._restore_last_media()
        QTimer.singleShot(0, self.check_retention)

    # ----------------------------------------------------------------- layout

    def _build_menus(self) -> None:
        for menu_id, _title in action_specs.MENUS:
            self.menus[menu_id] = self.menuBar().addMenu("")
        for spec in action_specs.ACTIONS:
            menu = self.menus[spec.menu]
            if spec.separator_before:
                menu.addSeparator()
            menu.addAction(self.commands[spec.id])

    def _build_layout(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        for name in ("file.import", "file.analyse", "edit.draw", "view.preview", "file.export"):
            self.toolbar.addAction(self.commands[name])
        self.addToolBar(self.toolbar)

        self.guide = QtGuideBar()
        self.viewer = QtViewer()
        self.transport = QtTransportBar(self.commands)
        viewer_panel = QWidget()
        viewer_layout = QVBoxLayout(viewer_panel)
        viewer_layout.setContentsMargins(0, 0, 0, 0)
        viewer_layout.setSpacing(0)
        viewer_layout.addWidget(self.guide)
        viewer_layout.addWidget(self.viewer, 1)
        viewer_layout.addWidget(self.transport)
        self.timeline = QtTimeline()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(viewer_panel)
        self.splitter.addWidget(self.timeline)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 260])
        self.setCentralWidget(self.splitter)

        self.library = QtLibraryPanel()
        self.library_dock = QDockWidget()
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setWidget(self.library)
        self.library.setMinimumWidth(290)
        self.library_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)

        self.track_list = QtTrackList(self.commands)
        self.inspector = QtInspector(self.commands)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.track_list)
        right.addWidget(self.inspector)
        right.setSizes([330, 420])
        self.tracks_dock = QDockWidget()
        self.tracks_dock.setObjectName("tracksDock")
        self.tracks_dock.setWidget(right)
        right.setMinimumWidth(360)
        self.tracks_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.tracks_dock)
        self.resizeDocks([self.library_dock, self.tracks_dock], [290, 380],
                         Qt.Orientation.Horizontal)

        self.lesson = QtLessonPanel()
        self.lesson.start_job = self.start_job
        self.lesson_dock = QDockWidget()
        self.lesson_dock.setObjectName("lessonDock")
        self.lesson_dock.setWidget(self.lesson)
        self.lesson_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.lesson_dock)
        self.tabifyDockWidget(self.tracks_dock, self.lesson_dock)
        self.tracks_dock.raise_()

        self.jobs_panel = QtJobsPanel(self.jobs)
        self.statusBar().addPermanentWidget(self.jobs_panel)
        self.save_state = QLabel()
        self.statusBar().addPermanentWidget(self.save_state)

    def _connect_views(self) -> None:
        self.library.media_activated.connect(self.open_media)
        self.library.import_requested.connect(self.import_files)
        self.viewer.region_clicked.connect(self._on_region_clicked)
        self.viewer.box_edited.connect(self._on_box_edited)
        self.viewer.region_drawn.connect(self._on_region_drawn)
        canvas = self.timeline.canvas
        canvas.scrubbed.connect(self.scrub)
        canvas.scrub_finished.connect(self.seek)
        canvas.track_clicked.connect(self._on_track_clicked)
        canvas.track_double_clicked.connect(self._on_track_double_clicked)
        canvas.trim_requested.connect(self._on_trim_requested)
        canvas.narration_edited.connect(self._on_narration_edited)
        canvas.thumbnail_needed.connect(self._on_strip_thumbnail_needed)
        self.track_list.thumbnail_needed.connect(self._on_track_thumbnail_needed)
        self.jobs.changed.connect(self._update_enabled)
        self.lesson.seek_requested.connect(self.seek)
        self.lesson.error_raised.connect(self.show_error)
        self.lesson.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.lesson.diagram_tool_changed.connect(self._on_diagram_tool_changed)
        self.lesson.diagram_selected.connect(lambda _id: self._update_diagrams())
        self.viewer.diagram_drawn.connect(self._on_diagram_drawn)
        self.viewer.diagram_clicked.connect(self._on_diagram_clicked)
        self.viewer.diagram_moved.connect(self.lesson.diagrams_tab.move_diagram)
        self._check_microphone()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Voile — de-identification of surgical videos"))
        for menu_id, title in action_specs.MENUS:
            self.menus[menu_id].setTitle(action_specs.translate(title))
        action_specs.retitle_actions(self.commands)
        self.toolbar.setWindowTitle(self.tr("Main tools"))
        self.library_dock.setWindowTitle(self.tr("Library"))
        self.tracks_dock.setWindowTitle(self.tr("Tracks and inspector"))
        self.lesson_dock.setWindowTitle(self.tr("Teaching edit"))
        self._update_guide()
        self._update_save_state()
        self._update_transport()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ----------------------------------------------------------------- opening media

    def _restore_last_media(self) -> None:
        remembered = self.preferences.last_media.get(str(self.vault_folder), "")
        media_id, _, frame = remembered.partition("@")
        if media_id and self.library.record(media_id) is not None:
            self.open_media(media_id, int(frame or 0))
            return
        listed = self.library.media_ids()
        if listed:
            self.open_media(listed[0])

    def open_media(self, media_id: str, frame: int = 0) -> None:
        """Open a media for review, replacing the current one (its edits are saved first)."""
        if self.vault is None:
            return
        if self.document is not None and self.document.media_id == media_id:
            return
        self.close_media()
        record = self.vault.media(media_id)
        self.document = QtMediaDocument(self.vault, record, self.preferences.autosave_seconds, self)
        document = self.document
        document.tracks_changed.connect(self._on_tracks_changed)
        document.selection_changed.connect(self._on_selection_changed)
        document.range_changed.connect(self._on_range_changed)
        document.saved.connect(lambda _revision: self._update_save_state())
        document.save_failed.connect(self._on_save_failed)
        document.undo_stack.indexChanged.connect(lambda _index: self._update_save_state())
        document.undo_stack.canUndoChanged.connect(lambda _can: self._update_enabled())
        document.undo_stack.canRedoChanged.connect(lambda _can: self._update_enabled())
        document.read_only_changed.connect(lambda _ro: self._update_enabled())
        document.lesson_changed.connect(self._on_lesson_changed)
        if self.jobs.running("analyse"):
            document.set_read_only(True)

        media = document.media
        self.viewer.set_source_size(media.width, media.height)
        self.timeline.canvas.set_media(media, document.fps, document.frame_count)
        self.track_list.set_document(document)
        self.inspector.set_document(document)
        self.lesson.set_document(document)
        self.timeline.canvas.lesson = document.lesson
        self.library.select_media(media_id)
        self.current_frame = min(max(0, frame), document.frame_count - 1)
        queue = document.tracks_to_review()
        if queue:
            document.select(queue[0].id)
        self._start_workers()
        self._on_tracks_changed()
        self._update_enabled()
        self.media_opened.emit(media_id)
        log.info("media %s opened", media_id)

    def _start_workers(self) -> None:
        assert self.vault is not None and self.document is not None
        document = self.document
        media_id = document.media_id
        proxy_id = self.vault.media_proxy(media_id)
        with_sound = document.record.info.has_audio and output_available()
        opened: list[Any] = []
        try:
            source_reader = self.vault.open_media(media_id, purpose="view")
            opened.append(source_reader)
            proxy_reader = self.vault.open_object(proxy_id) if proxy_id else None
            opened.append(proxy_reader)
            audio_reader = self.vault.open_media(media_id, purpose="listen") if with_sound \
                else None
            opened.append(audio_reader)
            thumb_reader = self.vault.open_object(proxy_id) if proxy_id else \
                self.vault.open_media(media_id, purpose="thumbnail")
        except VoileError as error:
            for reader in opened:
                if reader is not None:
                    reader.close()
            self.show_error(error)
            return
        if document.record.info.has_audio and not with_sound:
            self.statusBar().showMessage(self.tr("No sound output found: playback is silent."),
                                         8000)

        self.frame_worker = QtFrameWorker(media_id, source_reader, proxy_reader, document.fps,
                                          audio_reader)
        self.frame_worker.frame_ready.connect(self._on_frame_ready)
        self.frame_worker.playback_ended.connect(self._on_playback_ended)
        self.frame_worker.failed.connect(self.show_error)
        self.frame_worker.opened.connect(lambda _count: self.seek(self.current_frame))
        self.viewer.frame_painted.connect(self.frame_worker.frame_painted)
        self.frame_worker.start()

        self.thumb_worker = QtThumbnailWorker(media_id, thumb_reader, document.media.width,
                                              document.media.height, document.frame_count,
                                              document.fps)
        self.thumb_worker.thumbnail_ready.connect(self._on_thumbnail_ready)
        self.thumb_worker.waveform_ready.connect(self.timeline.canvas.set_peaks)
        self.thumb_worker.start()

        if proxy_id is None:
            self._build_proxy(media_id)

    def _stop_workers(self) -> None:
        if self.frame_worker is not None:
            self.viewer.frame_painted.disconnect(self.frame_worker.frame_painted)
            self.frame_worker.stop()
            self.frame_worker = None
        if self.thumb_worker is not None:
            self.thumb_worker.stop()
            self.thumb_worker = None

    def close_media(self) -> None:
        """Save and close the open media; the views go empty."""
        if self.document is None:
            return
        self._remember_position()
        self._stop_workers()
        self.document.close()
        self.track_list.set_document(None)
        self.inspector.set_document(None)
        self.lesson.set_document(None)
        self.timeline.canvas.lesson = None
        self.timeline.canvas.set_media(None, 25.0, 1)
        self.viewer.set_regions([])
        self.viewer.set_diagrams([])
        self.viewer.set_source_size(0, 0)
        self.document.deleteLater()
        self.document = None
        self.play_rate = 0.0
        self._update_enabled()
        self._update_guide()

    def _remember_position(self) -> None:
        if self.document is not None:
            self.preferences.last_media[str(self.vault_folder)] = \
                f"{self.document.media_id}@{self.current_frame}"

    # ----------------------------------------------------------------- frames and playhead

    def seek(self, frame: int) -> None:
        """Show the exact frame ``frame`` (stops playback)."""
        if self.document is None or self.frame_worker is None:
            return
        self.play_rate = 0.0
        self.current_frame = min(max(0, frame), self.document.frame_count - 1)
        self.frame_worker.show_frame(self.current_frame)
        self._on_playhead_moved()

    def scrub(self, frame: int) -> None:
        """Show ``frame`` quickly (proxy first) while the user drags the playhead."""
        if self.document is None or self.frame_worker is None:
            return
        self.play_rate = 0.0
        self.current_frame = min(max(0, frame), self.document.frame_count - 1)
        self.frame_worker.scrub(self.current_frame)
        self._on_playhead_moved()

    def play(self, rate: float) -> None:
        if self.document is None or self.frame_worker is None:
            return
        if rate > 0 and self.current_frame >= self.document.frame_count - 1:
            self.current_frame = 0
        self.play_rate = rate
        self.frame_worker.play(self.current_frame, rate)
        self._update_transport()

    def pause(self) -> None:
        if self.play_rate != 0:
            self.seek(self.current_frame)

    def _on_frame_ready(self, index: int, image: QImage, exact: bool) -> None:
        self.viewer.show_image(index, image, exact)
        self.shown_exact = exact
        if self.play_rate != 0 or index == self.current_frame:
            self.current_frame = index
        self._on_playhead_moved()
        self.frame_shown.emit(index)

    def _on_playback_ended(self, frame: int) -> None:
        self.play_rate = 0.0
        self.current_frame = frame
        self._on_playhead_moved()

    def _on_playhead_moved(self) -> None:
        canvas = self.timeline.canvas
        canvas.playhead = self.current_frame
        if self.play_rate != 0:
            canvas.ensure_visible(self.current_frame)
        canvas.update()
        self.lesson.set_frame(self.current_frame)
        self._update_regions()
        self._update_diagrams()
        self._update_transport()

    def _update_transport(self) -> None:
        document = self.document
        if document is None:
            self.transport.set_state(0, 25.0, 1, True, 0.0)
            return
        self.transport.set_state(self.current_frame, document.fps, document.frame_count,
                                 self.shown_exact, self.play_rate)

    def _region_views(self) -> list[RegionView]:
        document = self.document
        if document is None:
            return []
        frame = self.current_frame
        media = document.media
        views: list[RegionView] = []
        for track in media.tracks:
            if not track.start_frame <= frame <= track.end_frame + track.hold_frames:
                continue
            box = Box(0, 0, media.width, media.height) if track.whole_frame else \
                track.box_at(frame)
            if box is None:
                continue
            label = f"{track.id} {kind_name(track.kind)}"
            if track.status == "proposed":
                label += " ?"
            views.append(RegionView(track.id, track.kind, box, track.is_applied_at(frame),
                                    track.id == document.selected_track_id,
                                    track.style.shape == "ellipse", label, not self.preview))
        return views

    def _update_regions(self) -> None:
        self.viewer.editable = self.document is not None and not self.document.read_only
        self.viewer.set_regions(self._region_views())

    # ----------------------------------------------------------------- document events

    def _on_tracks_changed(self) -> None:
        document = self.document
        if document is None:
            return
        self.timeline.canvas.media = document.media
        self.timeline.canvas.invalidate()
        self._update_regions()
        self._update_guide()
        self._update_enabled()
        if self.preview and self.frame_worker is not None:
            self._send_preview()
            if self.play_rate == 0:
                self.frame_worker.show_frame(self.current_frame)

    def _on_selection_changed(self, track_id: str) -> None:
        self.timeline.canvas.selected = track_id
        self.timeline.canvas.invalidate()
        self._update_regions()
        self._update_enabled()

    def _on_range_changed(self) -> None:
        document = self.document
        if document is None:
            return
        self.timeline.canvas.in_point = document.in_point
        self.timeline.canvas.out_point = document.out_point
        self.timeline.canvas.invalidate()
        self._update_enabled()

    def _on_save_failed(self, error: BaseException) -> None:
        self.show_error(error)
        if isinstance(error, VoileError) and error.key == "vault.project_conflict" and \
                self.document is not None:
            self.document.reload()

    def _update_save_state(self) -> None:
        document = self.document
        if document is None:
            self.save_state.setText("")
        elif document.dirty:
            self.save_state.setText(self.tr("Unsaved edits (saved in a moment)"))
        else:
            self.save_state.setText(self.tr("All edits saved in the vault"))

    def _update_guide(self) -> None:
        document = self.document
        if document is None:
            self.guide.set_step("no_media", demo=self.demo)
        elif document.read_only:
            self.guide.set_step("analysing", demo=self.demo)
        elif not document.media.runs:
            self.guide.set_step("not_analysed", demo=self.demo)
        else:
            pending = len(document.tracks_to_review())
            self.guide.set_step("review" if pending else "reviewed", pending, self.demo)

    def _update_enabled(self) -> None:
        document = self.document
        has_media = document is not None
        editable = has_media and not document.read_only  # type: ignore[union-attr]
        selected = has_media and document.selected_track is not None  # type: ignore[union-attr]
        marked = has_media and document.marked_range() is not None  # type: ignore[union-attr]
        analysing = bool(self.jobs.running("analyse"))
        role = self.vault.user.role if self.vault is not None else ""
        administrator = role == "administrator"
        can_close = role in ("administrator", "surgeon")
        states = {
            "file.analyse": has_media and not analysing,
            "file.export": has_media and not analysing,
            "file.add_user": administrator,
            "edit.undo": editable and document.undo_stack.canUndo(),  # type: ignore[union-attr]
            "edit.redo": editable and document.undo_stack.canRedo(),  # type: ignore[union-attr]
            "edit.draw": editable,
            "edit.follow": editable and selected,
            "edit.split": editable and selected,
            "edit.trim": editable and selected and marked,
            "edit.delete": editable and selected,
            "review.accept": editable and selected,
            "review.reject": editable and selected,
            "review.restore": editable and selected,
            "review.accept_range": editable and selected and marked,
            "review.reject_range": editable and selected and marked,
            "review.next": has_media,
            "review.previous": has_media,
            "edit.keep_sequence": editable and marked,
            "case.consent": self.vault is not None and has_media,
            "case.withdraw": self.vault is not None and has_media and can_close,
            "case.expired": self.vault is not None and can_close,
            "case.journal": self.vault is not None,
            "case.users": self.vault is not None and administrator,
            "case.review": True,
        }
        for name, enabled in states.items():
            self.commands[name].setEnabled(bool(enabled))
        if role == "resident":
            reason = self.tr("Residents cannot withdraw a consent or purge a case: a surgeon or "
                             "an administrator must.")
            for name in ("case.withdraw", "case.expired"):
                self.commands[name].setToolTip(reason)
        for spec in action_specs.ACTIONS:
            if spec.id.startswith(("play.", "view.")):
                self.commands[spec.id].setEnabled(has_media)

    # ----------------------------------------------------------------- view events

    def _on_region_clicked(self, track_id: str) -> None:
        if self.document is not None:
            self.document.select(track_id)

    def _on_box_edited(self, track_id: str, box: Box) -> None:
        if self.document is not None:
            self.pause()
            self.document.set_box(track_id, self.current_frame, box)

    def _on_region_drawn(self, box: Box) -> None:
        if self.document is None:
            return
        self.pause()
        track_id = self.document.add_region(self.current_frame, box)
        self.commands["edit.draw"].setChecked(False)
        self.viewer.draw_mode = False
        if track_id:
            self.follow_region(track_id)

    def _on_track_clicked(self, track_id: str) -> None:
        if self.document is not None:
            self.document.select(track_id)

    def _on_track_double_clicked(self, track_id: str) -> None:
        track = self.document.track(track_id) if self.document is not None else None
        if track is not None:
            self.seek(track.start_frame)

    def _on_trim_requested(self, track_id: str, start: int, end: int) -> None:
        if self.document is not None:
            self.document.trim(track_id, start, end)

    def _on_strip_thumbnail_needed(self, key: str, frame: int) -> None:
        if self.thumb_worker is not None:
            self.thumb_worker.request(key, frame, None, 120, STRIP_THUMB_HEIGHT * 2)

    def _on_track_thumbnail_needed(self, key: str, frame: int, box: Box) -> None:
        if self.thumb_worker is not None:
            self.thumb_worker.request(key, frame, box, 112, 84)

    def _on_thumbnail_ready(self, key: str, image: QImage) -> None:
        if key.startswith("strip:"):
            self.timeline.canvas.add_thumbnail(int(key.split(":", 1)[1]), image)
        else:
            self.track_list.add_thumbnail(key, image)

    def _send_preview(self) -> None:
        if self.frame_worker is not None and self.document is not None:
            media = self.document.media
            self.frame_worker.set_preview(self.preview, replace(media, tracks=list(media.tracks)))

    # ----------------------------------------------------------------- jobs

    def start_job(self, kind: str, title: str, work: Any, on_success: Any = None) -> QtJob:
        job = QtJob(kind, title, work, self)
        job.failed.connect(self.show_error)
        job.cancelled.connect(lambda: self.statusBar().showMessage(
            self.tr("{title}: cancelled").format(title=title), 5000))
        if on_success is not None:
            job.succeeded.connect(on_success)
        return self.jobs.start(job)

    def import_files(self, paths: list[Path], case_id: str = "") -> QtJob | None:
        """Import video files into a case (asking for it when ``case_id`` is empty)."""
        if self.vault is None:
            return None
        if not paths:
            from PySide6.QtWidgets import QFileDialog

            names, _ = QFileDialog.getOpenFileNames(
                self, self.tr("Import videos"), str(Path.home()),
                self.tr("Videos (*.mp4 *.mov *.mkv *.avi *.m4v *.mts *.ts *.webm);;All files (*)"))
            paths = [Path(name) for name in names]
            if not paths:
                return None
        case_reference = case_id or self._ask_case()
        if not case_reference:
            return None
        vault = self.vault

        def work(progress: Any, cancel: Any) -> list[str]:
            from app.media.proxy import build_proxy

            imported: list[str] = []
            with worker_vault(vault) as copy:
                for path in paths:
                    record = copy.import_media(path, case_reference, progress, cancel)
                    imported.append(record.id)
                    build_proxy(copy, record.id, progress, cancel)
            return imported

        title = self.tr("Import ({count} files)").format(count=len(paths))
        return self.start_job("import", title, work, self._on_imported)

    def _ask_case(self) -> str:
        assert self.vault is not None
        pseudonyms = [case.pseudonym for case in self.vault.cases()]
        text, ok = QInputDialog.getItem(
            self, self.tr("Import into which case?"),
            self.tr("Choose a case, or type a label for a new one (it stays encrypted in the "
                    "vault; the library shows only the case's pseudonym):"),
            pseudonyms, 0, True)
        return text.strip() if ok else ""

    def _on_imported(self, media_ids: list[str]) -> None:
        self.library.refresh()
        self.statusBar().showMessage(self.tr("{count} videos imported").format(
            count=len(media_ids)), 8000)
        if media_ids and self.document is None:
            self.open_media(media_ids[0])

    def _build_proxy(self, media_id: str) -> QtJob | None:
        if self.vault is None or self.jobs.running("proxy"):
            return None
        vault = self.vault

        def work(progress: Any, cancel: Any) -> str:
            from app.media.proxy import build_proxy

            with worker_vault(vault) as copy:
                return build_proxy(copy, media_id, progress, cancel)

        def done(_object_id: str) -> None:
            if self.document is not None and self.document.media_id == media_id:
                self._stop_workers()
                self._start_workers()
            self.library.refresh()

        return self.start_job("proxy", self.tr("Working copy"), work, done)

    def analyse(self) -> QtJob | None:
        """Run every built-in detector on the open media; edits pause until it ends."""
        document = self.document
        if document is None or self.vault is None or self.jobs.running("analyse"):
            return None
        if not document.save_now():
            return None
        vault, media_id = self.vault, document.media_id
        case_id = document.record.case_id

        def work(progress: Any, cancel: Any) -> int:
            from app.analysis import analyse_media_with

            with worker_vault(vault) as copy:
                results = analyse_media_with(copy, media_id, progress=progress, cancel=cancel)
            return sum(len(tracks) for tracks, _run in results)

        def finished() -> None:
            if self.document is not None and self.document.record.case_id == case_id:
                self.document.set_read_only(False)
                self.document.reload()
                self._update_guide()
            self.library.refresh()

        document.set_read_only(True)
        self._update_guide()
        job = self.start_job("analyse", self.tr("Analysis"), work,
                             lambda count: self.statusBar().showMessage(
                                 self.tr("{count} proposals found").format(count=count), 8000))
        job.finished.connect(finished)
        return job

    def follow_region(self, track_id: str) -> QtJob | None:
        """Follow a region forward and backward from the current frame."""
        document = self.document
        if document is None or self.vault is None:
            return None
        track = document.track(track_id)
        box = track.box_at(self.current_frame) if track is not None else None
        if box is None:
            self.statusBar().showMessage(
                self.tr("Select a region shown on this frame first."), 6000)
            return None
        media_id, frame = document.media_id, self.current_frame
        width, height = document.media.width, document.media.height
        proxy_id = self.vault.media_proxy(media_id)
        reader = self.vault.open_object(proxy_id) if proxy_id else \
            self.vault.open_media(media_id, purpose="follow")

        def work(progress: Any, cancel: Any) -> dict[int, tuple[Box, float]]:
            import av

            from ui.frame_source import FrameSource
            from ui.region_follow import follow_region

            source = FrameSource(av.open(reader), media_id)
            try:
                return follow_region(source, frame, box, width, height, progress, cancel)
            finally:
                source.close()
                reader.close()

        def done(boxes: dict[int, tuple[Box, float]]) -> None:
            if self.document is not None and self.document.media_id == media_id and boxes:
                self.document.apply_follow(track_id, boxes)
            self.statusBar().showMessage(self.tr("Region followed over {count} frames").format(
                count=len(boxes)), 8000)

        return self.start_job("follow", self.tr("Follow region {track_id}").format(
            track_id=track_id), work, done)

    # ----------------------------------------------------------------- locking

    def check_idle(self, now: float | None = None) -> bool:
        """Lock the vault when no input came for the idle time; return whether it locked."""
        minutes = self.preferences.idle_lock_minutes
        if minutes <= 0 or self.vault is None or self.jobs.busy or self.unlock_dialog is not None:
            return False
        idle = (now if now is not None else time.monotonic()) - self.activity.last_activity
        if idle < minutes * 60:
            return False
        log.info("vault locked after %d minutes without input", minutes)
        self.lock()
        return True

    def lock(self) -> bool:
        """Save, close the media and lock the vault; the unlock dialog then reopens it."""
        if self.vault is None:
            return True
        if self.jobs.busy:
            self.statusBar().showMessage(self.tr(
                "A job is running: wait for it or cancel it before locking."), 8000)
            return False
        self.pause()
        self.close_media()
        self.library.set_vault(None)
        self.vault.close()
        self.vault = None
        self._update_enabled()
        self.splitter.setEnabled(False)
        self.unlock_dialog = QtUnlockDialog(self.preferences, self, self.vault_folder)
        self.unlock_dialog.accepted.connect(self._on_unlocked_again)
        self.unlock_dialog.rejected.connect(self._on_unlock_abandoned)
        self.unlock_dialog.open()
        return True

    def _on_unlocked_again(self) -> None:
        dialog, self.unlock_dialog = self.unlock_dialog, None
        if dialog is None or dialog.vault is None:
            return
        self.vault = dialog.vault
        self.vault_folder = dialog.vault.path
        self.splitter.setEnabled(True)
        self.library.set_vault(self.vault)
        self.activity.last_activity = time.monotonic()
        self._update_enabled()
        self._restore_last_media()
        dialog.deleteLater()
        self.check_retention()

    def _on_unlock_abandoned(self) -> None:
        self.unlock_dialog = None
        self.close()

    # ----------------------------------------------------------------- messages

    def show_error(self, error: BaseException) -> None:
        """Show an error in the status bar and in a window-modal box that does not block."""
        text = error_text(error)
        self.statusBar().showMessage(text, 15000)
        if not self._closing:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Voile"), text,
                              QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.error_box = box

    # ----------------------------------------------------------------- closing

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.jobs.busy:
            answer = QMessageBox.question(self, self.tr("Quit Voile"), self.tr(
                "A job is still running. Cancel it and quit?"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.jobs.cancel_all()
            self.jobs.wait_all()
        self._closing = True
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Save edits, stop the workers, lock the vault and store the preferences."""
        self.idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity)
        self.library.set_vault(None)
        self.close_media()
        if self.unlock_dialog is not None:
            self.unlock_dialog.reject()
        if self.vault is not None:
            self.vault.close()
            self.vault = None
        save_preferences(self.preferences)

    # ----------------------------------------------------------------- action handlers

    def _selected_ids(self) -> list[str]:
        document = self.document
        return [document.selected_track_id] if document and document.selected_track_id else []

    def _on_file_open_vault(self) -> None:
        if self.lock() and self.unlock_dialog is not None:
            self.unlock_dialog.folder.setCurrentText("")

    def _on_file_import(self) -> None:
        self.import_files([], self.library.current_case_id())

    def _on_file_analyse(self) -> None:
        self.analyse()

    def _on_file_export(self) -> None:
        document = self.document
        if document is None or self.vault is None:
            return
        self.pause()
        if not document.save_now():
            return
        info = document.record.info
        folder = self.vault.path.parent / "exports"
        lesson = document.lesson
        lesson_ready = bool(lesson.sequences or lesson.narration or lesson.diagrams or
                            lesson.captions or lesson.card is not None)
        dialog = QtExportDialog(self.vault, document.media_id, info.width, info.height,
                                info.has_audio, self, folder, self.jobs, lesson_ready)
        dialog.frame_requested.connect(self._on_export_frame_requested)
        self.export_dialog = dialog
        dialog.open()

    def _on_export_frame_requested(self, frame: int) -> None:
        self.seek(frame)
        self.viewer.setFocus()

    def _on_file_add_user(self) -> None:
        if self.vault is not None:
            QtAddUserDialog(self.vault, self).exec()

    def _on_file_preferences(self) -> None:
        dialog = QtPreferencesDialog(self.preferences, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply_preferences(dialog.values())

    def apply_preferences(self, chosen: Preferences) -> None:
        language_changed = chosen.language != self.preferences.language
        self.preferences.language = chosen.language
        self.preferences.idle_lock_minutes = chosen.idle_lock_minutes
        self.preferences.autosave_seconds = chosen.autosave_seconds
        if self.document is not None:
            self.document.set_autosave_seconds(chosen.autosave_seconds)
        save_preferences(self.preferences)
        if language_changed:
            install_language(chosen.language)

    def _on_file_lock(self) -> None:
        self.lock()

    def _on_file_quit(self) -> None:
        self.close()

    def _on_edit_undo(self) -> None:
        if self.document is not None and not self.document.read_only:
            self.document.undo_stack.undo()

    def _on_edit_redo(self) -> None:
        if self.document is not None and not self.document.read_only:
            self.document.undo_stack.redo()

    def _on_edit_draw(self) -> None:
        self.viewer.draw_mode = self.commands["edit.draw"].isChecked()
        if self.viewer.draw_mode:
            self.pause()
            self.statusBar().showMessage(self.tr("Drag on the picture to draw the region."), 6000)

    def _on_edit_follow(self) -> None:
        ids = self._selected_ids()
        if ids:
            self.follow_region(ids[0])

    def _on_edit_split(self) -> None:
        ids = self._selected_ids()
        if ids and self.document is not None:
            self.document.split(ids[0], self.current_frame)

    def _on_edit_trim(self) -> None:
        ids = self._selected_ids()
        document = self.document
        if ids and document is not None and document.marked_range() is not None:
            start, end = document.marked_range()  # type: ignore[misc]
            document.trim(ids[0], start, end)

    def _on_edit_delete(self) -> None:
        if self.document is not None:
            self.document.delete(self._selected_ids())

    def _on_review_accept(self) -> None:
        if self.document is not None:
            self.document.accept(self._selected_ids())

    def _on_review_reject(self) -> None:
        if self.document is not None:
            self.document.reject(self._selected_ids())

    def _on_review_restore(self) -> None:
        if self.document is not None:
            self.document.restore(self._selected_ids())

    def _decide_range(self, accept: bool) -> None:
        document = self.document
        ids = self._selected_ids()
        marked = document.marked_range() if document is not None else None
        if document is not None and ids and marked is not None:
            document.decide_range(ids[0], marked[0], marked[1], accept)

    def _on_review_accept_range(self) -> None:
        self._decide_range(True)

    def _on_review_reject_range(self) -> None:
        self._decide_range(False)

    def _step_review(self, forward: bool) -> None:
        document = self.document
        if document is None:
            return
        queue = document.tracks_to_review()
        if not queue:
            self.statusBar().showMessage(self.tr("No proposal left to review."), 5000)
            return
        ids = [track.id for track in queue]
        if document.selected_track_id in ids:
            position = ids.index(document.selected_track_id) + (1 if forward else -1)
        else:
            # Nothing selected: start from the first proposal at or after the playhead.
            later = [i for i, track in enumerate(queue) if track.start_frame >= self.current_frame]
            first_later = later[0] if later else len(queue)
            position = first_later if forward else first_later - 1
        track = queue[position % len(queue)]
        document.select(track.id)
        frames = [sample.frame for sample in track.samples]
        self.seek(frames[len(frames) // 2] if frames else track.start_frame)

    def _on_review_next(self) -> None:
        self._step_review(True)

    def _on_review_previous(self) -> None:
        self._step_review(False)

    def _on_play_toggle(self) -> None:
        if self.play_rate != 0:
            self.pause()
        else:
            self.play(1.0)

    def _on_play_forward(self) -> None:
        self.play(min(MAX_RATE, self.play_rate * 2) if self.play_rate > 0 else 1.0)

    def _on_play_backward(self) -> None:
        self.play(max(-MAX_RATE, self.play_rate * 2) if self.play_rate < 0 else -1.0)

    def _on_play_stop(self) -> None:
        self.pause()

    def _step(self, frames: int) -> None:
        if self.document is not None:
            self.seek(self.current_frame + frames)

    def _on_play_frame_back(self) -> None:
        self._step(-1)

    def _on_play_frame_forward(self) -> None:
        self._step(1)

    def _second(self) -> int:
        return max(1, round(self.document.fps)) if self.document is not None else 25

    def _on_play_second_back(self) -> None:
        self._step(-self._second())

    def _on_play_second_forward(self) -> None:
        self._step(self._second())

    def _on_play_start(self) -> None:
        self.seek(0)

    def _on_play_end(self) -> None:
        if self.document is not None:
            self.seek(self.document.frame_count - 1)

    def _on_play_mark_in(self) -> None:
        if self.document is not None:
            self.document.set_in_point(self.current_frame)

    def _on_play_mark_out(self) -> None:
        if self.document is not None:
            self.document.set_out_point(self.current_frame)

    def _on_play_clear_marks(self) -> None:
        if self.document is not None:
            self.document.set_in_point(None)
            self.document.set_out_point(None)

    def _on_view_preview(self) -> None:
        self.preview = self.commands["view.preview"].isChecked()
        self._send_preview()
        self._update_regions()
        if self.frame_worker is not None and self.play_rate == 0:
            self.frame_worker.show_frame(self.current_frame)

    def _on_view_zoom_in(self) -> None:
        self.viewer.zoom_by(1.25)

    def _on_view_zoom_out(self) -> None:
        self.viewer.zoom_by(0.8)

    def _on_view_zoom_fit(self) -> None:
        self.viewer.fit()

    def _on_view_zoom_actual(self) -> None:
        self.viewer.zoom_actual()

    def _on_view_timeline_in(self) -> None:
        self.timeline.canvas.zoom_by(1.5)

    def _on_view_timeline_out(self) -> None:
        self.timeline.canvas.zoom_by(1 / 1.5)

    def _on_view_timeline_fit(self) -> None:
        self.timeline.canvas.fit()

    def _on_help_shortcuts(self) -> None:
        rows = action_specs.shortcut_table()
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Command")])
        for row, (keys, title) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(title))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        dialog.resize(520, 640)
        dialog.exec()

    def _on_help_about(self) -> None:
        import app

        QMessageBox.about(self, self.tr("About Voile"), self.tr(
            "Voile {version} de-identifies surgical videos offline: encrypted vault, face "
            "proposals to review, redacted export, signed audit sheet.\n"
            "Free software under the GNU GPL version 3 or later.").format(version=app.__version__))

    # ----------------------------------------------------------------- teaching edit

    def _check_microphone(self) -> None:
        from ui.qt_recorder import microphone_problem

        self.lesson.recording_enabled = not microphone_problem()
        self.lesson.narration_tab.refresh()

    def _on_lesson_changed(self) -> None:
        self._update_diagrams()
        self.timeline.canvas.lesson = self.document.lesson if self.document is not None else None
        self.timeline.canvas.invalidate()

    def _diagram_view(self, diagram: Any, selected: bool) -> DiagramView | None:
        """Render a diagram as the export draws it, cached until the diagram changes."""
        from app.edit.diagrams import render_diagram

        assert self.document is not None and self.vault is not None
        key = repr(diagram)
        cached = self._diagram_images.get(diagram.id)
        if cached is None or cached[0] != key:
            image_bytes = None
            if diagram.kind == "image" and diagram.image_object_id:
                reader = self.vault.open_object(diagram.image_object_id)
                try:
                    image_bytes = reader.read()
                finally:
                    reader.close()
            media = self.document.media
            try:
                overlay = render_diagram(diagram, media.width, media.height, image_bytes)
            except VoileError as error:
                log.info("diagram %s not drawn: %s", diagram.id, error.key)
                overlay = None
            view = None
            if overlay is not None:
                rgba = overlay.rgba.copy()
                height, width = rgba.shape[:2]
                image = QImage(rgba.data, width, height, 4 * width,
                               QImage.Format.Format_RGBA8888).copy()
                view = DiagramView(diagram.id, image, overlay.x, overlay.y, False)
            cached = (key, view)
            self._diagram_images[diagram.id] = cached
        view = cached[1]
        return None if view is None else replace(view, selected=selected)

    def _update_diagrams(self) -> None:
        document = self.document
        if document is None or self.vault is None:
            self.viewer.set_diagrams([])
            return
        frame = self.current_frame
        selected = self.lesson.diagrams_tab.selected_id
        views: list[DiagramView] = []
        for diagram in document.lesson.diagrams:
            if diagram.media_id == document.media_id and \
                    diagram.start_frame <= frame <= diagram.end_frame:
                view = self._diagram_view(diagram, diagram.id == selected)
                if view is not None:
                    views.append(view)
        self.viewer.set_diagrams(views)

    def _on_diagram_tool_changed(self, kind: str) -> None:
        self.viewer.diagram_tool = kind
        if kind:
            self.pause()
            self.commands["edit.draw"].setChecked(False)
            self.viewer.draw_mode = False
            self.statusBar().showMessage(self.tr("Drag on the picture to draw the diagram."), 6000)

    def _on_diagram_drawn(self, kind: str, points: list[list[float]]) -> None:
        self.pause()
        self.lesson.diagrams_tab.on_drawn(kind, points)

    def _on_diagram_clicked(self, diagram_id: str) -> None:
        self.lesson_dock.raise_()
        self.lesson.setCurrentWidget(self.lesson.diagrams_tab)
        self.lesson.diagrams_tab.select(diagram_id)

    def _on_narration_edited(self, clip_id: str, start_s: float, trim_s: float,
                             duration_s: float) -> None:
        clip = next((c for c in self.document.lesson.narration if c.id == clip_id), None) \
            if self.document is not None else None
        if clip is not None:
            self.lesson.narration_tab.edit_clip(clip_id, start_s, trim_s, duration_s,
                                                clip.gain_db)

    def _on_edit_keep_sequence(self) -> None:
        self.lesson_dock.raise_()
        self.lesson.setCurrentWidget(self.lesson.sequences_tab)
        self.lesson.sequences_tab.add_from_marks()

    # ----------------------------------------------------------------- case file

    def _current_case_id(self) -> str:
        return self.document.record.case_id if self.document is not None else ""

    def _on_case_consent(self) -> None:
        from ui.qt_casefile import QtConsentDialog

        if self.vault is not None and self.document is not None:
            QtConsentDialog(self.vault, self._current_case_id(), self).open()

    def _on_case_withdraw(self) -> None:
        from ui.qt_casefile import withdraw_case

        if self.vault is not None and self.document is not None:
            case_id = self._current_case_id()
            if withdraw_case(self, self.vault, case_id):
                self.close_media()
                self.library.refresh()

    def _on_case_expired(self) -> None:
        from ui.qt_casefile import QtExpiredCasesDialog

        if self.vault is not None:
            dialog = QtExpiredCasesDialog(self.vault, self)
            dialog.purged.connect(self._on_case_purged)
            dialog.open()

    def check_retention(self) -> None:
        """List the expired cases right after unlocking.

        When the vault's automatic-purge setting is on, those cases are purged first.
        """
        from app.casefile.retention import check_retention_at_unlock
        from ui.qt_casefile import QtExpiredCasesDialog

        if self.vault is None:
            return
        try:
            notice = check_retention_at_unlock(self.vault)
        except VoileError as error:
            self.show_error(error)
            return
        if notice.purged:
            self.library.refresh()
        if notice.expired or notice.purged:
            dialog = QtExpiredCasesDialog(self.vault, self, notice)
            dialog.purged.connect(self._on_case_purged)
            self.expired_dialog = dialog
            dialog.open()

    def _on_case_purged(self, case_id: str) -> None:
        if self.document is not None and self.document.record.case_id == case_id:
            self.close_media()
        self.library.refresh()

    def _on_case_journal(self) -> None:
        from ui.qt_casefile import QtJournalDialog

        if self.vault is not None:
            QtJournalDialog(self.vault, self).open()

    def _on_case_users(self) -> None:
        from ui.qt_casefile import QtUsersDialog

        if self.vault is not None:
            QtUsersDialog(self.vault, self).open()

    def _on_case_review(self) -> None:
        from ui.qt_casefile import QtReviewDialog

        # With a vault open, an approved export can also be recorded as released from here.
        QtReviewDialog(self.vault, self).open()
