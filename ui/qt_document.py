"""The media being edited: its case project, selection, undo stack and autosave.

Views observe this object through its signals and change it only through its
methods, each of which pushes one ``QUndoCommand``. A command swaps the media's
list of track references (tracks are replaced, never changed in place, see
``ui.track_edits``), so undo and redo are exact and cheap.

Every change restarts a short single-shot timer; when it fires the project is
saved as a new revision in the vault's encrypted database. A kill therefore
loses at most the edits of the last ``autosave_seconds``, and SQLite's
transaction keeps the stored project whole.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.errors import VaultError
from app.project.model import Box, CaseProject, Lesson, MediaProject, RedactionStyle, Track
from app.vault import Vault
from app.vault.vault import MediaRecord
from ui import track_edits

log = logging.getLogger(__name__)


class TrackListCommand(QUndoCommand):
    """Replace the media's track list; undo puts the previous list back."""

    def __init__(self, document: QtMediaDocument, text: str, before: list[Track],
                 after: list[Track], select: str | None) -> None:
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        self._select_after = select
        self._select_before = document.selected_track_id

    def redo(self) -> None:
        self._document._set_tracks(self._after, self._select_after)

    def undo(self) -> None:
        self._document._set_tracks(self._before, self._select_before)


class LessonCommand(QUndoCommand):
    """Replace the case's teaching edit (``Lesson``) by a copy; undo puts the previous copy back.

    Both states are deep copies, so later edits of the live lesson never reach the stack.
    """

    def __init__(self, document: QtMediaDocument, text: str, before: Lesson,
                 after: Lesson) -> None:
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._document._set_lesson(copy.deepcopy(self._after))

    def undo(self) -> None:
        self._document._set_lesson(copy.deepcopy(self._before))


class QtMediaDocument(QObject):
    """One media of a case project opened for review, with undo and autosave."""

    tracks_changed = Signal()
    lesson_changed = Signal()
    selection_changed = Signal(str)
    range_changed = Signal()
    saved = Signal(int)
    save_failed = Signal(object)
    read_only_changed = Signal(bool)

    def __init__(self, vault: Vault, record: MediaRecord, autosave_seconds: float = 2.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.record = record
        self.project: CaseProject = vault.load_project(record.case_id)
        self.undo_stack = QUndoStack(self)
        self.selected_track_id = ""
        self.in_point: int | None = None
        self.out_point: int | None = None
        self.read_only = False
        self._dirty = False
        self._journaled = False
        self._lesson_journaled = False
        self._lesson_changed = False
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(int(autosave_seconds * 1000))
        self._autosave.timeout.connect(self.save_now)
        self.undo_stack.indexChanged.connect(self._on_changed)

    # ----------------------------------------------------------------- reading

    @property
    def media_id(self) -> str:
        return self.record.id

    @property
    def media(self) -> MediaProject:
        return self.project.media[self.record.id]

    @property
    def fps(self) -> float:
        return self.media.fps or self.record.info.fps or 25.0

    @property
    def frame_count(self) -> int:
        return max(1, self.media.frame_count)

    @property
    def user_id(self) -> str:
        return self.vault.user.id

    def track(self, track_id: str) -> Track | None:
        for track in self.media.tracks:
            if track.id == track_id:
                return track
        return None

    @property
    def selected_track(self) -> Track | None:
        return self.track(self.selected_track_id) if self.selected_track_id else None

    def tracks_to_review(self) -> list[Track]:
        """Return the proposals without a decision yet, in time order."""
        return sorted((track for track in self.media.tracks if track.status == "proposed"),
                      key=lambda track: (track.start_frame, track.id))

    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_autosave_seconds(self, seconds: float) -> None:
        self._autosave.setInterval(int(seconds * 1000))

    # ----------------------------------------------------------------- selection and range

    def select(self, track_id: str) -> None:
        if track_id != self.selected_track_id and (not track_id or self.track(track_id)):
            self.selected_track_id = track_id
            self.selection_changed.emit(track_id)

    def set_in_point(self, frame: int | None) -> None:
        self.in_point = frame
        if frame is not None and self.out_point is not None and self.out_point < frame:
            self.out_point = None
        self.range_changed.emit()

    def set_out_point(self, frame: int | None) -> None:
        self.out_point = frame
        if frame is not None and self.in_point is not None and self.in_point > frame:
            self.in_point = None
        self.range_changed.emit()

    def marked_range(self) -> tuple[int, int] | None:
        """Return the in/out range, or ``None`` unless both points are set."""
        if self.in_point is None or self.out_point is None:
            return None
        return self.in_point, self.out_point

    # ----------------------------------------------------------------- edits

    def set_read_only(self, read_only: bool) -> None:
        if read_only != self.read_only:
            self.read_only = read_only
            self.read_only_changed.emit(read_only)

    def _replace(self, text: str, changes: dict[str, Track | None],
                 added: list[Track] | None = None, select: str | None = None) -> bool:
        """Push a command replacing tracks by id (``None`` removes one) and appending ``added``."""
        if self.read_only:
            log.info("media %s: edit ignored while the document is read-only", self.media_id)
            return False
        before = list(self.media.tracks)
        after: list[Track] = []
        for track in before:
            if track.id in changes:
                replacement = changes[track.id]
                if replacement is not None:
                    after.append(replacement)
            else:
                after.append(track)
        after.extend(added or [])
        if len(after) == len(before) and all(a is b for a, b in zip(after, before, strict=True)):
            return False
        selected = self.selected_track_id if select is None else select
        if selected and all(track.id != selected for track in after):
            selected = ""
        self.undo_stack.push(TrackListCommand(self, text, before, after, selected))
        return True

    def _edit_each(self, text: str, track_ids: list[str],
                   edit: Callable[[Track], Track]) -> bool:
        changes: dict[str, Track | None] = {}
        for track_id in track_ids:
            track = self.track(track_id)
            if track is not None:
                changed = edit(track)
                if changed is not track:
                    changes[track_id] = changed
        return bool(changes) and self._replace(text, changes)

    def accept(self, track_ids: list[str]) -> bool:
        return self._set_status(self.tr("Accept"), track_ids, "accepted")

    def reject(self, track_ids: list[str]) -> bool:
        return self._set_status(self.tr("Reject"), track_ids, "rejected")

    def restore(self, track_ids: list[str]) -> bool:
        return self._set_status(self.tr("Back to proposal"), track_ids, "proposed")

    def _set_status(self, text: str, track_ids: list[str], status: str) -> bool:
        return self._edit_each(text, track_ids, lambda track: track_edits.set_status(
            track, status, self.user_id))

    def decide_range(self, track_id: str, start: int, end: int, accept: bool) -> bool:
        text = self.tr("Accept range") if accept else self.tr("Reject range")
        return self._edit_each(text, [track_id], lambda track: track_edits.set_range_decision(
            track, start, end, accept, self.user_id))

    def set_box(self, track_id: str, frame: int, box: Box) -> bool:
        """Move or resize the track's box on ``frame``: this sets a keyframe there."""
        clipped = self._clip_box(box)
        return self._edit_each(self.tr("Move region"), [track_id],
                               lambda track: track_edits.set_keyframe(track, frame, clipped,
                                                                      self.user_id))

    def set_style(self, track_id: str, style: RedactionStyle) -> bool:
        return self._edit_each(self.tr("Change style"), [track_id],
                               lambda track: track_edits.set_style(track, style, self.user_id))

    def set_kind(self, track_id: str, kind: str) -> bool:
        return self._edit_each(self.tr("Change kind"), [track_id],
                               lambda track: track_edits.set_kind(track, kind, self.user_id))

    def trim(self, track_id: str, start: int, end: int) -> bool:
        return self._edit_each(self.tr("Trim"), [track_id],
                               lambda track: track_edits.trim(track, start, end, self.user_id))

    def split(self, track_id: str, frame: int) -> bool:
        track = self.track(track_id)
        if track is None:
            return False
        parts = track_edits.split(track, frame, self.media.next_track_id(), self.user_id)
        if parts is None:
            return False
        first, second = parts
        return self._replace(self.tr("Split"), {track_id: first}, [second], select=second.id)

    def add_region(self, frame: int, box: Box, kind: str = "manual") -> str:
        """Add a manual region on ``frame`` and select it; return its id ("" if read-only)."""
        track = track_edits.new_manual_track(self.media.next_track_id(), kind, frame,
                                             self._clip_box(box), self.user_id)
        return track.id if self._replace(self.tr("Draw region"), {}, [track], select=track.id) \
            else ""

    def delete(self, track_ids: list[str]) -> bool:
        """Remove manual regions; reject proposals, which stay listed on the audit sheet."""
        changes: dict[str, Track | None] = {}
        for track_id in track_ids:
            track = self.track(track_id)
            if track is None:
                continue
            if track.origin == "manual":
                changes[track_id] = None
            elif track.status != "rejected":
                changes[track_id] = track_edits.set_status(track, "rejected", self.user_id)
        return bool(changes) and self._replace(self.tr("Delete"), changes)

    def apply_follow(self, track_id: str, boxes: dict[int, tuple[Box, float]]) -> bool:
        clipped = {frame: (self._clip_box(box), score) for frame, (box, score) in boxes.items()}
        return self._edit_each(self.tr("Follow region"), [track_id],
                               lambda track: track_edits.apply_follow(track, clipped,
                                                                      self.user_id))

    def _clip_box(self, box: Box) -> Box:
        width, height = float(self.media.width), float(self.media.height)
        x0 = min(max(box.x, 0.0), width - 1)
        y0 = min(max(box.y, 0.0), height - 1)
        x1 = min(max(box.x + box.w, x0 + 1), width)
        y1 = min(max(box.y + box.h, y0 + 1), height)
        return Box(x0, y0, x1 - x0, y1 - y0)

    @property
    def lesson(self) -> Lesson:
        return self.project.lesson

    def edit_lesson(self, text: str, edit: Callable[[Lesson], object]) -> bool:
        """Apply ``edit`` to a copy of the lesson and push it as one undoable command.

        ``edit`` changes the copy in place; an ``edit`` that raises leaves the lesson as it
        was. Returns ``False`` when the document is read-only or nothing changed.
        """
        if self.read_only:
            log.info("media %s: lesson edit ignored while the document is read-only",
                     self.media_id)
            return False
        before = copy.deepcopy(self.project.lesson)
        after = copy.deepcopy(before)
        edit(after)
        if after == before:
            return False
        self.undo_stack.push(LessonCommand(self, text, before, after))
        return True

    def _set_lesson(self, lesson: Lesson) -> None:
        self.project.lesson = lesson
        self._lesson_changed = True
        self.lesson_changed.emit()

    def _set_tracks(self, tracks: list[Track], select: str | None) -> None:
        self.media.tracks = list(tracks)
        self.tracks_changed.emit()
        if select is not None and select != self.selected_track_id:
            self.selected_track_id = select
            self.selection_changed.emit(select)

    # ----------------------------------------------------------------- saving

    def _on_changed(self, _index: int) -> None:
        self._dirty = True
        self._autosave.start()

    def save_now(self) -> bool:
        """Store the project as a new revision now; return ``False`` if the vault refused."""
        self._autosave.stop()
        if not self._dirty:
            return True
        try:
            revision = self.vault.save_project(self.project)
        except VaultError as error:
            log.warning("media %s: autosave failed (%s)", self.media_id, error.key)
            self.save_failed.emit(error)
            return False
        self._dirty = False
        if not self._journaled:
            self.vault.journal("tracks.edit", self.media_id)
            self._journaled = True
        if self._lesson_changed and not self._lesson_journaled:
            # The same action as ``voile edit``, on the case, once per opening of the media.
            self.vault.journal("lesson.edit", self.project.case_id, "editor")
            self._lesson_journaled = True
        log.info("case %s saved as revision %d", self.project.case_id, revision)
        self.saved.emit(revision)
        return True

    def reload(self) -> None:
        """Read the latest revision from the vault (after an analysis); clears the undo history."""
        self.project = self.vault.load_project(self.record.case_id)
        self.record = self.vault.media(self.record.id)
        self.undo_stack.clear()
        self._autosave.stop()
        self._dirty = False
        if self.selected_track_id and self.track(self.selected_track_id) is None:
            self.selected_track_id = ""
            self.selection_changed.emit("")
        self.tracks_changed.emit()
        self.lesson_changed.emit()

    def close(self) -> bool:
        """Save pending edits and stop the autosave timer."""
        saved = self.save_now()
        self._autosave.stop()
        return saved
