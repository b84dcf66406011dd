"""The teaching-edit panel: sequences, narration, original voices, diagrams, context card, captions.

Each tab changes the case's ``Lesson`` only through ``QtMediaDocument.edit_lesson``, so
every change is one undoable command and is autosaved with the project. Sound files are
decoded in a job; the decoded sound is stored encrypted in the vault before the clip is
placed on the lesson.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.edit.vocabulary import AGE_BANDS, DIAGRAM_KINDS, VOICE_MODES
from app.errors import VoileError
from app.i18n import tr as engine_tr
from app.project.model import (
    Caption,
    ContextCard,
    Diagram,
    Lesson,
    NarrationClip,
    Sequence,
    VoiceRange,
    utc_now,
)
from ui.qt_document import QtMediaDocument
from ui.qt_i18n import error_text
from ui.timecode import format_timecode

log = logging.getLogger(__name__)

ROLE = Qt.ItemDataRole.UserRole
CARD_COMMIT_MS = 400  # typing pauses this long before the card is stored and checked
DEFAULT_DIAGRAM_SECONDS = 3.0

JobStarter = Callable[[str, str, Callable[..., Any], Callable[[Any], None]], Any]


def next_sequence_id(lesson: Lesson) -> str:
    numbers = [int(item.id[1:]) for item in lesson.sequences if item.id[1:].isdigit()]
    return f"S{(max(numbers) + 1) if numbers else 1:04d}"


def next_clip_id(lesson: Lesson) -> str:
    numbers = [int(clip.id[1:]) for clip in lesson.narration if clip.id[1:].isdigit()]
    return f"N{(max(numbers) + 1) if numbers else 1:04d}"


def lesson_seconds(document: QtMediaDocument, frame: int) -> float:
    """Return the lesson-timeline time of a source frame of the open media.

    Sequences are laid end to end in lesson order. A frame outside every sequence maps to
    the end of the last sequence before it in the media, or to 0.
    NOTE: frames removed by cut tracks are not subtracted, so after a cut the time shown
    here is later than the exported one by the cut's length.
    """
    fps = document.fps
    sequences = document.lesson.sequences
    if not sequences:
        return frame / fps
    elapsed = 0
    best = 0.0
    for sequence in sequences:
        length = sequence.out_frame - sequence.in_frame + 1
        if sequence.media_id == document.media_id:
            if sequence.in_frame <= frame <= sequence.out_frame:
                return (elapsed + frame - sequence.in_frame) / fps
            if frame > sequence.out_frame:
                best = (elapsed + length) / fps
        elapsed += length
    return best


def source_spans(lesson: Lesson, media_id: str, fps: float, start_s: float,
                 end_s: float) -> list[tuple[int, int]]:
    """Return the source frame ranges of ``media_id`` that lesson time ``[start_s, end_s)`` covers.

    The inverse of ``lesson_seconds``: with no sequences the lesson time is the media time.
    """
    first_lesson = round(start_s * fps)
    end_lesson = max(first_lesson + 1, round(end_s * fps))
    if not lesson.sequences:
        return [(first_lesson, end_lesson - 1)]
    spans: list[tuple[int, int]] = []
    elapsed = 0
    for sequence in lesson.sequences:
        length = sequence.out_frame - sequence.in_frame + 1
        overlap_start = max(first_lesson, elapsed)
        overlap_end = min(end_lesson, elapsed + length)
        if sequence.media_id == media_id and overlap_start < overlap_end:
            spans.append((sequence.in_frame + overlap_start - elapsed,
                          sequence.in_frame + overlap_end - elapsed - 1))
        elapsed += length
    return spans


class QtLessonPanel(QTabWidget):
    """Tabs editing the lesson of the open case; create it once and give it each document."""

    seek_requested = Signal(int)
    diagram_tool_changed = Signal(str)
    diagram_selected = Signal(str)
    error_raised = Signal(object)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonPanel")
        self.document: QtMediaDocument | None = None
        self.current_frame = 0
        self.start_job: JobStarter | None = None
        self.recording_enabled = True
        self.sequences_tab = QtSequencesTab(self)
        self.narration_tab = QtNarrationTab(self)
        self.voices_tab = QtVoicesTab(self)
        self.diagrams_tab = QtDiagramsTab(self)
        self.card_tab = QtCardTab(self)
        self.captions_tab = QtCaptionsTab(self)
        self.tabs: list[QtLessonTab] = [self.sequences_tab, self.narration_tab, self.voices_tab,
                                        self.diagrams_tab, self.card_tab, self.captions_tab]
        for tab in self.tabs:
            self.addTab(tab, "")
        self.retranslate()
        self.set_document(None)

    def set_document(self, document: QtMediaDocument | None) -> None:
        if self.document is not None:
            self.document.lesson_changed.disconnect(self.refresh)
            self.document.read_only_changed.disconnect(self._on_read_only)
        self.document = document
        if document is not None:
            document.lesson_changed.connect(self.refresh)
            document.read_only_changed.connect(self._on_read_only)
        self.setEnabled(document is not None and not document.read_only)
        self.refresh()

    def _on_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def refresh(self) -> None:
        for tab in self.tabs:
            tab.refresh()

    def set_frame(self, frame: int) -> None:
        self.current_frame = frame

    def edit(self, text: str, change: Callable[[Lesson], object]) -> bool:
        """Apply one undoable change to the lesson; an engine error is shown, not raised."""
        if self.document is None:
            return False
        try:
            return self.document.edit_lesson(text, change)
        except VoileError as error:  # an engine check failed: shown, the lesson is unchanged
            self.error_raised.emit(error)
            return False

    def retranslate(self) -> None:
        titles = [self.tr("Sequences"), self.tr("Narration"), self.tr("Voices"),
                  self.tr("Diagrams"), self.tr("Context card"), self.tr("Captions")]
        for index, title in enumerate(titles):
            self.setTabText(index, title)
        for tab in self.tabs:
            tab.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class QtLessonTab(QWidget):
    """A tab of the lesson panel."""

    def __init__(self, panel: QtLessonPanel) -> None:
        super().__init__()
        self.panel = panel

    @property
    def document(self) -> QtMediaDocument | None:
        return self.panel.document

    @property
    def lesson(self) -> Lesson:
        assert self.panel.document is not None
        return self.panel.document.lesson

    def refresh(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError


def _button(layout: QHBoxLayout | QVBoxLayout, handler: Callable[[], object]) -> QPushButton:
    button = QPushButton()
    button.clicked.connect(lambda _checked=False: handler())
    layout.addWidget(button)
    return button


def _selected_data(widget: QListWidget) -> Any:
    item = widget.currentItem()
    return None if item is None else item.data(ROLE)


def _select_data(widget: QListWidget, data: Any) -> None:
    for row in range(widget.count()):
        if widget.item(row).data(ROLE) == data:
            widget.setCurrentRow(row)
            return


# --------------------------------------------------------------------------- sequences

class QtSequencesTab(QtLessonTab):
    """The kept ranges in lesson order, titled as chapters; drag or use the buttons to reorder."""

    def __init__(self, panel: QtLessonPanel) -> None:
        super().__init__(panel)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.model().rowsMoved.connect(self._on_rows_moved)
        self.list.itemDoubleClicked.connect(self._on_double_clicked)
        buttons = QHBoxLayout()
        self.add_button = _button(buttons, self.add_from_marks)
        self.up_button = _button(buttons, lambda: self._move_selected(-1))
        self.down_button = _button(buttons, lambda: self._move_selected(1))
        self.rename_button = _button(buttons, self._rename_selected)
        self.remove_button = _button(buttons, self._remove_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Mark in (I) and out (O) on the timeline, then keep the range. "
                                  "A titled sequence starts a chapter."))
        self.add_button.setText(self.tr("Keep in/out…"))
        self.add_button.setToolTip(self.tr("Keep the range between the in and out points as "
                                           "a sequence"))
        self.up_button.setText(self.tr("Up"))
        self.down_button.setText(self.tr("Down"))
        self.rename_button.setText(self.tr("Rename…"))
        self.remove_button.setText(self.tr("Remove"))
        self.refresh()

    def refresh(self) -> None:
        chosen = _selected_data(self.list)
        self.list.blockSignals(True)
        self.list.clear()
        document = self.document
        if document is not None:
            fps = document.fps
            for position, sequence in enumerate(self.lesson.sequences, start=1):
                title = sequence.title or self.tr("(no chapter title)")
                span = (f"{format_timecode(sequence.in_frame, fps)} → "
                        f"{format_timecode(sequence.out_frame, fps)}")
                item = QListWidgetItem(f"{position}. {title}   {span}")
                item.setData(ROLE, sequence.id)
                self.list.addItem(item)
        self.list.blockSignals(False)
        if chosen is not None:
            _select_data(self.list, chosen)

    def add_sequence(self, title: str) -> str:
        """Keep the marked range of the open media as a sequence at the end; return its id."""
        document = self.document
        marked = document.marked_range() if document is not None else None
        if document is None or marked is None:
            self.panel.message.emit(self.tr("Set the in and out points first."))
            return ""
        sequence_id = next_sequence_id(self.lesson)
        sequence = Sequence(sequence_id, document.media_id, marked[0], marked[1], title.strip())
        if not self.panel.edit(self.tr("Keep sequence"),
                               lambda lesson: lesson.sequences.append(sequence)):
            return ""
        _select_data(self.list, sequence_id)
        return sequence_id

    def add_from_marks(self) -> None:
        if self.document is None or self.document.marked_range() is None:
            self.panel.message.emit(self.tr("Set the in and out points first."))
            return
        title, ok = QInputDialog.getText(self, self.tr("Keep the range"),
                                         self.tr("Chapter title (may be empty):"))
        if ok:
            self.add_sequence(title)

    def move_sequence(self, sequence_id: str, position: int) -> bool:
        """Move a sequence to ``position`` (0-based) in lesson order."""
        def move(lesson: Lesson) -> None:
            index = next(i for i, item in enumerate(lesson.sequences) if item.id == sequence_id)
            sequence = lesson.sequences.pop(index)
            lesson.sequences.insert(min(max(position, 0), len(lesson.sequences)), sequence)

        return self.panel.edit(self.tr("Reorder sequences"), move)

    def rename_sequence(self, sequence_id: str, title: str) -> bool:
        def rename(lesson: Lesson) -> None:
            next(item for item in lesson.sequences if item.id == sequence_id).title = title.strip()

        return self.panel.edit(self.tr("Rename sequence"), rename)

    def remove_sequence(self, sequence_id: str) -> bool:
        return self.panel.edit(self.tr("Remove sequence"), lambda lesson: lesson.sequences.__setitem__(
            slice(None), [item for item in lesson.sequences if item.id != sequence_id]))

    def _move_selected(self, step: int) -> None:
        sequence_id = _selected_data(self.list)
        if sequence_id is not None:
            self.move_sequence(sequence_id, self.list.currentRow() + step)
            _select_data(self.list, sequence_id)

    def _on_rows_moved(self, *_args: object) -> None:
        order = [self.list.item(row).data(ROLE) for row in range(self.list.count())]

        def reorder(lesson: Lesson) -> None:
            by_id = {item.id: item for item in lesson.sequences}
            lesson.sequences[:] = [by_id[sequence_id] for sequence_id in order
                                   if sequence_id in by_id]

        QTimer.singleShot(0, lambda: self.panel.edit(self.tr("Reorder sequences"), reorder))

    def _rename_selected(self) -> None:
        sequence_id = _selected_data(self.list)
        if sequence_id is None:
            return
        current = next(item.title for item in self.lesson.sequences if item.id == sequence_id)
        title, ok = QInputDialog.getText(self, self.tr("Rename the sequence"),
                                         self.tr("Chapter title (may be empty):"), text=current)
        if ok:
            self.rename_sequence(sequence_id, title)

    def _remove_selected(self) -> None:
        sequence_id = _selected_data(self.list)
        if sequence_id is not None:
            self.remove_sequence(sequence_id)

    def _on_double_clicked(self, item: QListWidgetItem) -> None:
        sequence = next((s for s in self.lesson.sequences if s.id == item.data(ROLE)), None)
        if sequence is not None and self.document is not None and \
                sequence.media_id == self.document.media_id:
            self.panel.seek_requested.emit(sequence.in_frame)


# --------------------------------------------------------------------------- narration

class QtNarrationTab(QtLessonTab):
    """Narration clips on the lesson timeline: import, record at the playhead, retake, move, trim."""

    def __init__(self, panel: QtLessonPanel) -> None:
        super().__init__(panel)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        buttons = QHBoxLayout()
        self.import_button = _button(buttons, self._on_import)
        self.record_button = _button(buttons, lambda: self.record(retake=""))
        self.retake_button = _button(buttons, self._on_retake)
        self.remove_button = _button(buttons, self._remove_selected)
        self.start = QDoubleSpinBox()
        self.trim = QDoubleSpinBox()
        self.duration = QDoubleSpinBox()
        self.gain = QDoubleSpinBox()
        for box, maximum in ((self.start, 36000.0), (self.trim, 36000.0),
                             (self.duration, 36000.0), (self.gain, 24.0)):
            box.setDecimals(2)
            box.setRange(-24.0 if box is self.gain else 0.0, maximum)
            box.setKeyboardTracking(False)
            box.valueChanged.connect(lambda _value: self._apply_fields())
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(4)]
        for label, box in zip(self.labels, (self.start, self.trim, self.duration, self.gain),
                              strict=True):
            self.form.addRow(label, box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(self.form)
        self._filling = False

    def retranslate(self) -> None:
        self.import_button.setText(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Place a WAV, MP3, M4A or FLAC file at the "
                                              "playhead"))
        self.record_button.setText(self.tr("Record…"))
        self.retake_button.setText(self.tr("Retake…"))
        self.remove_button.setText(self.tr("Remove"))
        for label, text in zip(self.labels, (self.tr("Starts at (s)"), self.tr("Trim start (s)"),
                                             self.tr("Duration (s)"), self.tr("Gain (dB)")),
                               strict=True):
            label.setText(text)
        self.refresh()

    def refresh(self) -> None:
        chosen = _selected_data(self.list)
        self.list.blockSignals(True)
        self.list.clear()
        if self.document is not None:
            for clip in sorted(self.lesson.narration, key=lambda c: c.lesson_start_s):
                origin = self.tr("recorded") if clip.source == "recorded" else self.tr("imported")
                item = QListWidgetItem(f"{clip.id}  {clip.lesson_start_s:8.2f} s  "
                                       f"{clip.duration_s:6.2f} s  {origin}")
                item.setData(ROLE, clip.id)
                self.list.addItem(item)
        self.list.blockSignals(False)
        if chosen is not None:
            _select_data(self.list, chosen)
        enabled = self.panel.recording_enabled
        self.record_button.setEnabled(enabled)
        self.retake_button.setEnabled(enabled)
        reason = "" if enabled else error_text(VoileError("edit.no_microphone"))
        self.record_button.setToolTip(reason if not enabled else self.tr(
            "Record from the microphone at the playhead, after a 3-2-1 countdown"))
        self.retake_button.setToolTip(reason if not enabled else self.tr(
            "Record the selected clip again at the same place"))
        self._show_selected()

    def _clip(self, clip_id: str | None) -> NarrationClip | None:
        if clip_id is None or self.document is None:
            return None
        return next((clip for clip in self.lesson.narration if clip.id == clip_id), None)

    def _show_selected(self) -> None:
        clip = self._clip(_selected_data(self.list))
        self._filling = True
        for box in (self.start, self.trim, self.duration, self.gain):
            box.setEnabled(clip is not None)
        if clip is not None:
            self.start.setValue(clip.lesson_start_s)
            self.trim.setValue(clip.trim_start_s)
            self.duration.setValue(clip.duration_s)
            self.gain.setValue(clip.gain_db)
        self._filling = False

    def _apply_fields(self) -> None:
        clip_id = _selected_data(self.list)
        if self._filling or clip_id is None:
            return
        self.edit_clip(clip_id, self.start.value(), self.trim.value(), self.duration.value(),
                       self.gain.value())

    def edit_clip(self, clip_id: str, start_s: float, trim_start_s: float, duration_s: float,
                  gain_db: float) -> bool:
        """Move, trim or change the gain of a clip (seconds and dB)."""
        def change(lesson: Lesson) -> None:
            clip = next(item for item in lesson.narration if item.id == clip_id)
            clip.lesson_start_s = round(start_s, 3)
            clip.trim_start_s = round(trim_start_s, 3)
            clip.duration_s = round(duration_s, 3)
            clip.gain_db = gain_db

        return self.panel.edit(self.tr("Edit narration clip"), change)

    def place_buffer(self, buffer: Any, start_s: float, source: str, retake: str = "") -> str:
        """Store a decoded or recorded sound in the vault and place it; return the clip id."""
        from app.edit.audio import store_audio

        document = self.document
        if document is None:
            return ""
        try:
            object_id = store_audio(document.vault, buffer)
        except VoileError as error:
            self.panel.error_raised.emit(error)
            return ""
        clip_id = retake or next_clip_id(self.lesson)

        def change(lesson: Lesson) -> None:
            old = next((item for item in lesson.narration if item.id == clip_id), None)
            clip = NarrationClip(clip_id, object_id, round(start_s, 3),
                                 round(buffer.duration_s, 3), 0.0, 0.0, source, buffer.rate)
            if old is not None:
                clip.lesson_start_s, clip.gain_db = old.lesson_start_s, old.gain_db
                lesson.narration[lesson.narration.index(old)] = clip
            else:
                lesson.narration.append(clip)

        # NOTE: the sound object of a clip that is undone or replaced stays in the vault
        # until the case is purged, so that redo can bring the clip back.
        text = self.tr("Retake narration") if retake else self.tr("Add narration")
        self.panel.edit(text, change)
        _select_data(self.list, clip_id)
        return clip_id

    def import_file(self, path: Path) -> Any:
        """Decode ``path`` in a job, then place it at the playhead; return the job."""
        start_s = lesson_seconds(self.document, self.panel.current_frame) \
            if self.document is not None else 0.0

        def work(_progress: Any, _cancel: Any) -> Any:
            from app.edit.audio import decode_audio

            return decode_audio(path)

        def done(buffer: Any) -> None:
            self.place_buffer(buffer, start_s, "imported")

        if self.panel.start_job is None:
            done(work(None, None))
            return None
        return self.panel.start_job("narration", self.tr("Import narration"), work, done)

    def _on_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a narration"), str(Path.home()),
            self.tr("Sound files (*.wav *.mp3 *.m4a *.flac);;All files (*)"))
        if name:
            self.import_file(Path(name))

    def record(self, retake: str = "", source_factory: Callable[[], Any] | None = None) -> Any:
        """Open the recording dialog; the take goes at the playhead or replaces ``retake``."""
        from ui.qt_recorder import QtRecordDialog

        start_s = lesson_seconds(self.document, self.panel.current_frame) \
            if self.document is not None else 0.0
        dialog = QtRecordDialog(self, source_factory)
        dialog.recorded.connect(
            lambda buffer: self.place_buffer(buffer, start_s, "recorded", retake))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_retake(self) -> None:
        clip_id = _selected_data(self.list)
        if clip_id is not None:
            self.record(retake=clip_id)

    def _remove_selected(self) -> None:
        clip_id = _selected_data(self.list)
        if clip_id is not None:
            self.panel.edit(self.tr("Remove narration"), lambda lesson: lesson.narration.__setitem__(
                slice(None), [item for item in lesson.narration if item.id != clip_id]))


# --------------------------------------------------------------------------- voices

class QtVoicesTab(QtLessonTab):
    """The treatment of the original sound: a default mode and exceptions over source ranges."""

    def __init__(self, panel: QtLessonPanel) -> None:
        super().__init__(panel)
        self.default_label = QLabel()
        self.default_mode = QComboBox()
        self.default_mode.activated.connect(lambda _index: self.set_default(
            str(self.default_mode.currentData())))
        self.list = QListWidget()
        self.range_label = QLabel()
        self.mode = QComboBox()
        self.pitch = QDoubleSpinBox()
        self.formant = QDoubleSpinBox()
        for box, value in ((self.pitch, -4.0), (self.formant, 3.0)):
            box.setRange(-12.0, 12.0)
            box.setValue(value)
            box.setSingleStep(0.5)
        self.pitch_label = QLabel()
        self.formant_label = QLabel()
        form = QFormLayout()
        form.addRow(self.default_label, self.default_mode)
        form.addRow(self.range_label, self.mode)
        form.addRow(self.pitch_label, self.pitch)
        form.addRow(self.formant_label, self.formant)
        buttons = QHBoxLayout()
        self.apply_button = _button(buttons, self._on_apply)
        self.remove_button = _button(buttons, self._remove_selected)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.warning)

    def retranslate(self) -> None:
        self.default_label.setText(self.tr("Original sound"))
        self.range_label.setText(self.tr("Between in and out"))
        self.pitch_label.setText(self.tr("Pitch shift (semitones)"))
        self.formant_label.setText(self.tr("Formant shift (semitones)"))
        for combo in (self.default_mode, self.mode):
            current = combo.currentData()
            combo.clear()
            for mode in VOICE_MODES:
                combo.addItem(engine_tr(f"edit.voice.{mode}"), mode)
            if current is not None:
                combo.setCurrentIndex(max(0, combo.findData(current)))
        self.apply_button.setText(self.tr("Apply to in/out"))
        self.remove_button.setText(self.tr("Remove"))
        self.warning.setText(self.tr("Voices identify people: keeping them is recorded on the "
                                     "audit sheet."))
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self.document is None:
            return
        lesson = self.lesson
        self.default_mode.setCurrentIndex(max(0, self.default_mode.findData(lesson.voice_default)))
        fps = self.document.fps
        for index, voice in enumerate(lesson.voice_ranges):
            item = QListWidgetItem(f"{format_timecode(voice.start_frame, fps)} → "
                                   f"{format_timecode(voice.end_frame, fps)}   "
                                   f"{engine_tr('edit.voice.' + voice.mode)}")
            item.setData(ROLE, index)
            self.list.addItem(item)

    def set_default(self, mode: str) -> bool:
        def change(lesson: Lesson) -> None:
            lesson.voice_default = mode

        return self.panel.edit(self.tr("Original sound"), change)

    def set_range(self, mode: str, pitch: float = -4.0, formant: float = 3.0) -> bool:
        """Treat the original sound between the in and out points with ``mode``."""
        from app.edit.voices import check_voice_range

        document = self.document
        marked = document.marked_range() if document is not None else None
        if document is None or marked is None:
            self.panel.message.emit(self.tr("Set the in and out points first."))
            return False
        params = {"pitch": pitch, "formant": formant} if mode == "alter" else {}
        voice = VoiceRange(document.media_id, marked[0], marked[1], mode, params,
                           document.user_id, utc_now())

        def change(lesson: Lesson) -> None:
            check_voice_range(voice)
            lesson.voice_ranges.append(voice)

        return self.panel.edit(self.tr("Set voice range"), change)

    def _on_apply(self) -> None:
        self.set_range(str(self.mode.currentData()), self.pitch.value(), self.formant.value())

    def _remove_selected(self) -> None:
        index = _selected_data(self.list)
        if index is not None:
            self.panel.edit(self.tr("Remove voice range"),
                            lambda lesson: lesson.voice_ranges.pop(index))


# --------------------------------------------------------------------------- diagrams

class QtDiagramsTab(QtLessonTab):
    """Diagram tools for the viewer, and the list of diagrams with their frame ranges."""

    def __init__(self, panel: QtLessonPanel) -> None:
        super().__init__(panel)
        self.selected_id = ""
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        tools = QHBoxLayout()
        self.tool_group = QButtonGroup(self)
        self.tool_group.setExclusive(False)
        self.tool_buttons: dict[str, QPushButton] = {}
        for kind in DIAGRAM_KINDS:
            button = QPushButton()
            button.setCheckable(True)
            button.setObjectName(f"diagramTool_{kind}")
            button.toggled.connect(lambda checked, chosen=kind: self._on_tool(chosen, checked))
            self.tool_group.addButton(button)
            self.tool_buttons[kind] = button
            tools.addWidget(button)
        self.color = QComboBox()
        self.color.setEditable(True)
        for colour in ("#ffd400", "#ff3b30", "#34c759", "#0a84ff", "#ffffff"):
            self.color.addItem(colour, colour)
        self.line_width = QDoubleSpinBox()
        self.line_width.setRange(1.0, 40.0)
        self.line_width.setValue(4.0)
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(0.04, 3600.0)
        self.seconds.setValue(DEFAULT_DIAGRAM_SECONDS)
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for label, widget in zip(self.labels, (self.color, self.line_width, self.seconds), strict=True):
            form.addRow(label, widget)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemDoubleClicked.connect(self._on_double_clicked)
        buttons = QHBoxLayout()
        self.remove_button = _button(buttons, self._remove_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(tools)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Choose a tool, then drag on the picture (click for a label "
                                  "or an image). The diagram is shown between the in and out "
                                  "points, or from the playhead for the time below."))
        for kind, button in self.tool_buttons.items():
            button.setText(engine_tr(f"edit.diagram.{kind}"))
        self.labels[0].setText(self.tr("Colour"))
        self.labels[1].setText(self.tr("Line width (px)"))
        self.labels[2].setText(self.tr("Shown for (s)"))
        self.remove_button.setText(self.tr("Remove"))
        self.refresh()

    @property
    def tool(self) -> str:
        return next((kind for kind, button in self.tool_buttons.items() if button.isChecked()), "")

    def set_tool(self, kind: str) -> None:
        for name, button in self.tool_buttons.items():
            button.setChecked(name == kind)

    def _on_tool(self, kind: str, checked: bool) -> None:
        if checked:
            for name, button in self.tool_buttons.items():
                if name != kind and button.isChecked():
                    button.blockSignals(True)
                    button.setChecked(False)
                    button.blockSignals(False)
        self.panel.diagram_tool_changed.emit(self.tool)

    def refresh(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        if self.document is not None:
            fps = self.document.fps
            for diagram in self.lesson.diagrams:
                if diagram.media_id != self.document.media_id:
                    continue
                text = (f"{diagram.id}  {engine_tr('edit.diagram.' + diagram.kind)}  "
                        f"{format_timecode(diagram.start_frame, fps)} → "
                        f"{format_timecode(diagram.end_frame, fps)}")
                if diagram.text:
                    text += f"  « {diagram.text} »"
                item = QListWidgetItem(text)
                item.setData(ROLE, diagram.id)
                self.list.addItem(item)
        self.list.blockSignals(False)
        if self.selected_id:
            _select_data(self.list, self.selected_id)

    def frame_range(self) -> tuple[int, int]:
        """Return the frames a new diagram covers: the in/out range, or the playhead onward."""
        document = self.document
        assert document is not None
        marked = document.marked_range()
        if marked is not None:
            return marked
        first = self.panel.current_frame
        last = first + max(1, round(self.seconds.value() * document.fps)) - 1
        return first, min(last, document.frame_count - 1)

    def add_diagram(self, kind: str, points: list[list[float]], text: str = "",
                    image_path: Path | None = None) -> str:
        """Add a diagram of the open media over ``frame_range()``; return its id ("" if not)."""
        from app.edit.diagrams import check_diagram, import_diagram_image, next_diagram_id

        document = self.document
        if document is None:
            return ""
        first, last = self.frame_range()
        try:
            image_id = import_diagram_image(document.vault, image_path) if image_path else None
        except VoileError as error:
            self.panel.error_raised.emit(error)
            return ""
        diagram = Diagram(next_diagram_id(self.lesson.diagrams), document.media_id, first, last,
                          kind, [[round(x, 1), round(y, 1)] for x, y in points], text,
                          self.color.currentText().strip() or "#ffd400", self.line_width.value(),
                          image_id)

        def change(lesson: Lesson) -> None:
            check_diagram(diagram)
            lesson.diagrams.append(diagram)

        if not self.panel.edit(self.tr("Draw diagram"), change):
            return ""
        self.select(diagram.id)
        return diagram.id

    def on_drawn(self, kind: str, points: list[list[float]]) -> str:
        """Finish a diagram drawn in the viewer, asking for its text or image file."""
        text = ""
        image_path: Path | None = None
        if kind == "text":
            text, ok = QInputDialog.getText(self, self.tr("Text label"), self.tr("Label:"))
            if not ok or not text.strip():
                return ""
        elif kind == "image":
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Place an image"),
                                                  str(Path.home()),
                                                  self.tr("Images (*.png *.svg)"))
            if not name:
                return ""
            image_path = Path(name)
        return self.add_diagram(kind, points, text, image_path)

    def move_diagram(self, diagram_id: str, dx: float, dy: float) -> bool:
        def change(lesson: Lesson) -> None:
            diagram = next(item for item in lesson.diagrams if item.id == diagram_id)
            diagram.points = [[x + dx, y + dy] for x, y in diagram.points]

        return self.panel.edit(self.tr("Move diagram"), change)

    def remove_diagram(self, diagram_id: str) -> bool:
        return self.panel.edit(self.tr("Remove diagram"), lambda lesson: lesson.diagrams.__setitem__(
            slice(None), [item for item in lesson.diagrams if item.id != diagram_id]))

    def select(self, diagram_id: str) -> None:
        self.selected_id = diagram_id
        _select_data(self.list, diagram_id)

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.selected_id = "" if current is None else str(current.data(ROLE))
        self.panel.diagram_selected.emit(self.selected_id)

    def _on_double_clicked(self, item: QListWidgetItem) -> None:
        diagram = next((d for d in self.lesson.diagrams if d.id == item.data(ROLE)), None)
        if diagram is not None:
            self.panel.seek_requested.emit(diagram.start_frame)

    def _remove_selected(self) -> None:
        if self.selected_id:
            self.remove_diagram(self.selected_id)


# --------------------------------------------------------------------------- card

CARD_FIELDS = ("procedure", "pathology", "team", "history")


class QtCardTab(QtLessonTab):
    """The context card's fields, with the re-identification flags of every lesson text."""

    def __init__(self, panel: QtLessonPanel) -> None:
        super().__init__(panel)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {
            "procedure": QLineEdit(), "pathology": QLineEdit(), "team": QLineEdit(),
            "history": QPlainTextEdit()}
        self.fields["history"].setMaximumHeight(80)
        self.age_band = QComboBox()
        self.duration = QDoubleSpinBox()
        self.duration.setRange(0.0, 60.0)
        self.duration.setValue(5.0)
        self.labels = {name: QLabel() for name in (*CARD_FIELDS, "age_band", "duration")}
        form = QFormLayout()
        for name in ("procedure", "pathology", "team"):
            form.addRow(self.labels[name], self.fields[name])
        form.addRow(self.labels["age_band"], self.age_band)
        form.addRow(self.labels["history"], self.fields["history"])
        form.addRow(self.labels["duration"], self.duration)
        self.commit_timer = QTimer(self)
        self.commit_timer.setSingleShot(True)
        self.commit_timer.setInterval(CARD_COMMIT_MS)
        self.commit_timer.timeout.connect(self.commit)
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _text: self.commit_timer.start())
                widget.editingFinished.connect(self.commit)
            else:
                widget.textChanged.connect(self._on_history_changed)
        self.age_band.activated.connect(lambda _index: self.commit())
        self.duration.valueChanged.connect(lambda _value: self._on_duration_changed())

        self.flags_box = QGroupBox()
        self.flags = QListWidget()
        self.flags.setObjectName("reidentificationFlags")
        self.flags_state = QLabel()
        self.flags_state.setWordWrap(True)
        buttons = QHBoxLayout()
        self.acknowledge_button = _button(buttons, self._acknowledge_selected)
        buttons.addStretch(1)
        flags_layout = QVBoxLayout(self.flags_box)
        flags_layout.addWidget(self.flags_state)
        flags_layout.addWidget(self.flags, 1)
        flags_layout.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.flags_box, 1)
        self._filling = False

    def retranslate(self) -> None:
        texts = {"procedure": self.tr("Procedure"), "pathology": self.tr("Pathology"),
                 "team": self.tr("Operating team"), "history": self.tr("Short history"),
                 "age_band": self.tr("Age band"), "duration": self.tr("Shown for (s)")}
        for name, label in self.labels.items():
            label.setText(texts[name])
        current = self.age_band.currentData()
        self.age_band.clear()
        self.age_band.addItem(self.tr("Not shown"), "")
        for band in AGE_BANDS:
            self.age_band.addItem(engine_tr(f"edit.age_band.{band}"), band)
        if current is not None:
            self.age_band.setCurrentIndex(max(0, self.age_band.findData(current)))
        self.flags_box.setTitle(self.tr("Re-identification check (card, captions, chapter "
                                        "titles, labels)"))
        self.acknowledge_button.setText(self.tr("Keep as written"))
        self.acknowledge_button.setToolTip(self.tr(
            "Acknowledge the selected flag: the phrase stays and your decision is listed on "
            "the audit sheet"))
        self.refresh()

    def _text(self, name: str) -> str:
        widget = self.fields[name]
        return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()

    def _on_history_changed(self) -> None:
        if not self._filling:
            self.commit_timer.start()

    def _on_duration_changed(self) -> None:
        if not self._filling:
            self.commit()

    def set_field(self, name: str, text: str) -> None:
        """Type ``text`` into a card field and store it (used by the tests and the screenshots)."""
        widget = self.fields[name]
        if isinstance(widget, QLineEdit):
            widget.setText(text)
        else:
            widget.setPlainText(text)
        self.commit()

    def commit(self) -> bool:
        """Store the fields on the lesson's card as one undoable edit."""
        self.commit_timer.stop()
        if self.document is None or self._filling:
            return False
        values = {name: self._text(name) for name in CARD_FIELDS}
        band = str(self.age_band.currentData() or "")
        seconds = self.duration.value()
        untouched = ContextCard()
        if self.lesson.card is None and not band and seconds == untouched.duration_s and \
                not any(value.strip() for value in values.values()):
            return False  # leaving an empty field must not create an empty card

        def change(lesson: Lesson) -> None:
            card = lesson.card or ContextCard()
            for name, value in values.items():
                setattr(card, name, value)
            card.age_band = band
            card.duration_s = seconds
            lesson.card = card

        return self.panel.edit(self.tr("Edit context card"), change)

    def refresh(self) -> None:
        if self.document is None:
            self.flags.clear()
            return
        card = self.lesson.card or ContextCard()
        self._filling = True
        for name in CARD_FIELDS:
            if self._text(name) != getattr(card, name):
                widget = self.fields[name]
                if isinstance(widget, QLineEdit):
                    widget.setText(getattr(card, name))
                else:
                    widget.setPlainText(getattr(card, name))
        self.age_band.setCurrentIndex(max(0, self.age_band.findData(card.age_band)))
        self.duration.setValue(card.duration_s)
        self._filling = False
        self.refresh_flags()

    def open_flags(self) -> list[Any]:
        """Return the flags of the lesson's texts that no acknowledgement covers.

        The check runs on a copy, because a lesson checked for the first time gets its
        fingerprint key then, and merely looking must not make an undoable edit.
        """
        import copy

        from app.edit.reidentification import unresolved_flags

        if self.document is None:
            return []
        return unresolved_flags(copy.deepcopy(self.lesson))

    def refresh_flags(self) -> None:
        chosen = _selected_data(self.flags)
        self.flags.clear()
        flags = self.open_flags()
        texts = {(field, item): text for field, item, text in _lesson_texts(self.lesson)}
        for flag in flags:
            phrase = texts.get((flag.field_name, flag.item), "")[flag.start:flag.end]
            where = self._field_title(flag.field_name, flag.item)
            item = QListWidgetItem(self.tr("{kind} — {where}: « {phrase} »").format(
                kind=engine_tr("edit.flag." + flag.kind), where=where, phrase=phrase))
            item.setData(ROLE, (flag.field_name, flag.item, flag.kind, flag.start, flag.end))
            self.flags.addItem(item)
        if flags:
            self.flags_state.setText(self.tr("{count} phrases may identify the patient: reword "
                                             "them, or keep them as written. The export is "
                                             "blocked until then.").format(count=len(flags)))
            self.flags_state.setStyleSheet("color: #c0392b;")
        else:
            self.flags_state.setText(self.tr("No phrase flagged."))
            self.flags_state.setStyleSheet("color: #1e8449;")
        self.acknowledge_button.setEnabled(bool(flags))
        if chosen is not None:
            _select_data(self.flags, chosen)
        elif flags:
            self.flags.setCurrentRow(0)

    def _field_title(self, field_name: str, item: str) -> str:
        names = {"card.procedure": self.tr("Procedure"), "card.pathology": self.tr("Pathology"),
                 "card.team": self.tr("Operating team"), "card.history": self.tr("Short history"),
                 "caption": self.tr("Caption {item}"), "chapter": self.tr("Chapter {item}"),
                 "diagram": self.tr("Label {item}")}
        return names.get(field_name, field_name).format(item=item)

    def acknowledge(self, where: tuple[str, str, str, int, int]) -> bool:
        """Keep a flagged phrase as written (one undoable edit).

        ``where`` is the flag's ``(field_name, item, kind, start, end)``, as stored on the rows
        of ``flags``: flag ids are not used, because they change until the key is saved.
        """
        from app.edit.reidentification import acknowledge, check_lesson

        document = self.document
        if document is None:
            return False
        user = document.user_id

        def change(lesson: Lesson) -> None:
            # Flag ids depend on the lesson's key, which the copy checked above may not have had.
            for found in check_lesson(lesson):
                if (found.field_name, found.item, found.kind, found.start, found.end) == where:
                    acknowledge(lesson, found.id, user)
                    return

        return self.panel.edit(self.tr("Keep flagged phrase"), change)

    def _acknowledge_selected(self) -> None:
        where = _selected_data(self.flags)
        if where is not None:
            self.acknowledge(tuple(where))


def _lesson_texts(lesson: Lesson) -> list[tuple[str, str, str]]:
    import unicodedata

    from app.edit.reidentification import lesson_texts

    return [(field, item, unicodedata.normalize("NFC", text))
            for field, item, text in lesson_texts(lesson)]


# --------------------------------------------------------------------------- captions

class QtCaptionsTab(QtLessonTab):
    """Captions typed for the narration, on the lesson timeline; exported as WebVTT."""

    def __init__(self, panel: QtLessonPanel) -> None:
        super().__init__(panel)
        self.list = QListWidget()
        self.start = QDoubleSpinBox()
        self.end = QDoubleSpinBox()
        for box in (self.start, self.end):
            box.setRange(0.0, 36000.0)
            box.setDecimals(2)
        self.text = QLineEdit()
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for label, widget in zip(self.labels, (self.start, self.end, self.text), strict=True):
            form.addRow(label, widget)
        buttons = QHBoxLayout()
        self.add_button = _button(buttons, self._on_add)
        self.remove_button = _button(buttons, self._remove_selected)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("From (s, lesson time)"))
        self.labels[1].setText(self.tr("To (s, lesson time)"))
        self.labels[2].setText(self.tr("Text"))
        self.add_button.setText(self.tr("Add caption"))
        self.remove_button.setText(self.tr("Remove"))
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self.document is None:
            return
        for index, caption in enumerate(self.lesson.captions):
            item = QListWidgetItem(f"{caption.start_s:7.2f} → {caption.end_s:7.2f}  "
                                   f"{caption.text}")
            item.setData(ROLE, index)
            self.list.addItem(item)

    def add_caption(self, start_s: float, end_s: float, text: str) -> bool:
        if end_s <= start_s or not text.strip():
            self.panel.message.emit(self.tr("A caption needs a text and an end after its start."))
            return False
        caption = Caption(round(start_s, 3), round(end_s, 3), text.strip())

        def change(lesson: Lesson) -> None:
            lesson.captions.append(caption)
            lesson.captions.sort(key=lambda item: item.start_s)

        return self.panel.edit(self.tr("Add caption"), change)

    def _on_add(self) -> None:
        if self.add_caption(self.start.value(), self.end.value(), self.text.text()):
            self.text.clear()

    def _remove_selected(self) -> None:
        index = _selected_data(self.list)
        if index is not None:
            self.panel.edit(self.tr("Remove caption"), lambda lesson: lesson.captions.pop(index))
