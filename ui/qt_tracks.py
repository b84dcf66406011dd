"""The review list of tracks (with pictures) and the inspector of the selected track.

Both observe the ``QtMediaDocument``: they redraw when its tracks or selection
change and edit it only through its methods. Their buttons are the main
window's actions, so shortcuts, titles and enabled states stay in one place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.project.model import FILLS, SHAPES, RedactionStyle, Track
from ui.qt_document import QtMediaDocument
from ui.qt_style import EDITABLE_KINDS, fill_name, kind_colour, kind_name, shape_name, status_name
from ui.timecode import format_duration, format_timecode

TRACK_ROLE = Qt.ItemDataRole.UserRole
THUMB_SIZE = QSize(56, 42)


def middle_frame(track: Track) -> int:
    """Return a frame where the track has a box, near its middle (for its picture)."""
    frames = [sample.frame for sample in track.samples] or [key.frame for key in track.keyframes]
    if not frames:
        return track.start_frame
    return frames[len(frames) // 2]


class QtActionButton(QPushButton):
    """A push button that triggers an action and follows its enabled state, with its own short text.

    The action keeps the long menu title and the shortcut; the button's text is
    set by ``retranslate`` of the panel that shows it.
    """

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.clicked.connect(action.trigger)
        action.changed.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.setEnabled(self.action.isEnabled())
        self.setToolTip(self.action.toolTip())


class QtTrackList(QWidget):
    """Every track of the open media, proposals to review first; one click selects."""

    thumbnail_needed = Signal(str, int, object)

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: QtMediaDocument | None = None
        self._thumbnails: dict[str, QPixmap] = {}
        self._updating = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.filter = QComboBox()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setIconSize(THUMB_SIZE)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.filter.currentIndexChanged.connect(lambda _index: self.rebuild())
        buttons = QGridLayout()
        self.buttons: dict[str, QtActionButton] = {}
        for column, name in enumerate(("review.previous", "review.accept", "review.reject",
                                       "review.next")):
            self.buttons[name] = QtActionButton(actions[name])
            buttons.addWidget(self.buttons[name], 0, column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Track"), self.tr("Kind"), self.tr("Time"),
                                   self.tr("Decision")])
        texts = {"review.previous": self.tr("◀ Previous"), "review.accept": self.tr("Accept"),
                 "review.reject": self.tr("Reject"), "review.next": self.tr("Next ▶")}
        for name, button in self.buttons.items():
            button.setText(texts[name])
        current = max(0, self.filter.currentIndex())
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItems([self.tr("All tracks"), self.tr("To review only")])
        self.filter.setCurrentIndex(current)
        self.filter.blockSignals(False)
        self.rebuild()

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_document(self, document: QtMediaDocument | None) -> None:
        if self.document is not None:
            self.document.tracks_changed.disconnect(self.rebuild)
            self.document.selection_changed.disconnect(self._on_selection_changed)
        self.document = document
        self._thumbnails.clear()
        if document is not None:
            document.tracks_changed.connect(self.rebuild)
            document.selection_changed.connect(self._on_selection_changed)
        self.rebuild()

    def add_thumbnail(self, key: str, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        self._thumbnails[key] = pixmap
        for item in self._items():
            if item.data(0, TRACK_ROLE + 1) == key:
                item.setIcon(0, QIcon(pixmap))

    def _items(self) -> list[QTreeWidgetItem]:
        rows = (self.tree.topLevelItem(row) for row in range(self.tree.topLevelItemCount()))
        return [item for item in rows if item is not None]

    def rebuild(self) -> None:
        self._updating = True
        self.tree.clear()
        document = self.document
        if document is None:
            self.summary.setText(self.tr("Open a video from the library."))
            self._updating = False
            return
        tracks = list(document.media.tracks)
        pending = sum(1 for track in tracks if track.status == "proposed")
        if not document.media.runs:
            self.summary.setText(self.tr("Not analysed yet: use “Find regions to hide” to get "
                                         "proposals, or draw regions yourself."))
        elif pending:
            self.summary.setText(self.tr("Proposals left to review: {pending} (tracks: {total}).")
                                 .format(pending=pending, total=len(tracks)))
        else:
            self.summary.setText(self.tr("Every proposal is reviewed ({total} tracks).").format(
                total=len(tracks)))
        if self.filter.currentIndex() == 1:
            tracks = [track for track in tracks if track.status == "proposed"]
        tracks.sort(key=lambda track: (track.status != "proposed", track.start_frame, track.id))
        for track in tracks:
            self.tree.addTopLevelItem(self._item(track, document.fps))
        for column in range(1, 4):
            self.tree.resizeColumnToContents(column)
        self._on_selection_changed(document.selected_track_id)
        self._updating = False

    def _item(self, track: Track, fps: float) -> QTreeWidgetItem:
        score = track.mean_score
        decision = status_name(track.status)
        if track.rejected_ranges and track.status != "rejected":
            decision += " " + self.tr("(partly rejected)")
        item = QTreeWidgetItem([
            track.id if score is None else f"{track.id}  {score:.2f}",
            kind_name(track.kind),
            f"{format_duration(track.start_frame / fps)}–"
            f"{format_duration((track.end_frame + 1) / fps)}",
            decision,
        ])
        item.setData(0, TRACK_ROLE, track.id)
        item.setForeground(1, kind_colour(track.kind))
        frame = middle_frame(track)
        box = track.box_at(frame)
        key = f"track:{track.id}:{frame}:{box}"
        item.setData(0, TRACK_ROLE + 1, key)
        pixmap = self._thumbnails.get(key)
        if pixmap is not None:
            item.setIcon(0, QIcon(pixmap))
        elif box is not None:
            self.thumbnail_needed.emit(key, frame, box.expanded(0.2))
        if track.status == "proposed":
            font = item.font(3)
            font.setBold(True)
            item.setFont(3, font)
        return item

    def _on_selection_changed(self, track_id: str) -> None:
        self._updating = True
        for item in self._items():
            if item.data(0, TRACK_ROLE) == track_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                break
        else:
            self.tree.clearSelection()
        self._updating = False

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        if self._updating or current is None or self.document is None:
            return
        self.document.select(str(current.data(0, TRACK_ROLE)))


class QtInspector(QWidget):
    """Kind, decision, style, shape, confidence and history of the selected track."""

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: QtMediaDocument | None = None
        self._updating = False

        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.kind = QComboBox()
        self.status = QLabel()
        self.confidence = QLabel()
        self.range = QLabel()
        self.fill = QComboBox()
        self.shape = QComboBox()
        self.margin = QDoubleSpinBox()
        self.margin.setRange(0, 200)
        self.margin.setSingleStep(5)
        self.margin.setDecimals(0)
        self.margin.setSuffix(" %")
        self.history = QListWidget()
        self.history.setMaximumHeight(120)

        self.labels = {name: QLabel() for name in ("kind", "status", "confidence", "range", "fill",
                                                   "shape", "margin")}
        form = QFormLayout()
        form.addRow(self.labels["kind"], self.kind)
        form.addRow(self.labels["status"], self.status)
        form.addRow(self.labels["confidence"], self.confidence)
        form.addRow(self.labels["range"], self.range)

        self.style_group = QGroupBox()
        style_form = QFormLayout(self.style_group)
        style_form.addRow(self.labels["fill"], self.fill)
        style_form.addRow(self.labels["shape"], self.shape)
        style_form.addRow(self.labels["margin"], self.margin)

        self.decision_group = QGroupBox()
        decisions = QGridLayout(self.decision_group)
        names = [("review.accept", 0, 0), ("review.reject", 0, 1), ("review.restore", 0, 2),
                 ("review.accept_range", 1, 0), ("review.reject_range", 1, 1),
                 ("edit.split", 2, 0), ("edit.trim", 2, 1), ("edit.follow", 2, 2)]
        self.buttons: dict[str, QtActionButton] = {}
        for name, row, column in names:
            self.buttons[name] = QtActionButton(actions[name])
            decisions.addWidget(self.buttons[name], row, column)

        self.history_label = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.decision_group)
        layout.addWidget(self.style_group)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history)
        layout.addStretch(1)

        self.kind.currentIndexChanged.connect(self._on_kind)
        self.fill.currentIndexChanged.connect(self._on_style)
        self.shape.currentIndexChanged.connect(self._on_style)
        self.margin.editingFinished.connect(self._on_style)
        self.retranslate()

    def retranslate(self) -> None:
        texts = {"kind": self.tr("Kind"), "status": self.tr("Decision"),
                 "confidence": self.tr("Confidence"), "range": self.tr("Time"),
                 "fill": self.tr("Fill"), "shape": self.tr("Shape"), "margin": self.tr("Margin")}
        for name, label in self.labels.items():
            label.setText(texts[name])

        button_texts = {"review.accept": self.tr("Accept"), "review.reject": self.tr("Reject"),
                 "review.restore": self.tr("Reopen"),
                 "review.accept_range": self.tr("Accept I→O"),
                 "review.reject_range": self.tr("Reject I→O"),
                 "edit.split": self.tr("Split here"), "edit.trim": self.tr("Trim to I→O"),
                 "edit.follow": self.tr("Follow")}
        for name, button in self.buttons.items():
            button.setText(button_texts[name])

        self.style_group.setTitle(self.tr("Redaction style"))
        self.decision_group.setTitle(self.tr("Decision and editing"))
        self.history_label.setText(self.tr("History"))
        self.margin.setToolTip(self.tr("Space added around the box on every side, as a share "
                                       "of its size"))

        self._updating = True
        self.kind.clear()
        for kind in EDITABLE_KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.fill.clear()
        for fill in FILLS:
            self.fill.addItem(fill_name(fill), fill)
        self.shape.clear()
        for shape in SHAPES:
            self.shape.addItem(shape_name(shape), shape)
        self._updating = False
        self.refresh()

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_document(self, document: QtMediaDocument | None) -> None:
        if self.document is not None:
            self.document.tracks_changed.disconnect(self.refresh)
            self.document.selection_changed.disconnect(self.refresh)
        self.document = document
        if document is not None:
            document.tracks_changed.connect(self.refresh)
            document.selection_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: Any) -> None:
        document = self.document
        track = document.selected_track if document is not None else None
        editable = track is not None and document is not None and not document.read_only
        for widget in (self.kind, self.fill, self.shape, self.margin):
            widget.setEnabled(editable)
        self.history.clear()
        if track is None or document is None:
            self.title.setText(self.tr("No track selected"))
            for label in (self.status, self.confidence, self.range):
                label.setText("—")
            return

        self._updating = True
        self.title.setText(self.tr("Track {track_id}").format(track_id=track.id))
        self.kind.setCurrentIndex(max(0, self.kind.findData(track.kind)))
        status = status_name(track.status)
        if track.rejected_ranges and track.status != "rejected":
            status += " " + self.tr("(partly rejected)")
        self.status.setText(status)
        score = track.mean_score
        if score is None:
            self.confidence.setText(self.tr("drawn by hand"))
        else:
            self.confidence.setText(self.tr("{score:.2f} on average, {count} detections").format(
                score=score, count=len(track.samples)))

        fps = document.fps
        self.range.setText(self.tr("{start} to {end} ({frames} frames)").format(
            start=format_timecode(track.start_frame, fps),
            end=format_timecode(track.end_frame, fps), frames=track.frame_count))
        self.fill.setCurrentIndex(max(0, self.fill.findData(track.style.fill)))
        self.shape.setCurrentIndex(max(0, self.shape.findData(track.style.shape)))
        self.margin.setValue(round(track.style.margin * 100))

        users = {user.id: user.name for user in document.vault.users()}
        for decision in reversed(track.history):
            if decision.user.startswith("detector:"):
                author = self.tr("automatic detection")
            else:
                author = users.get(decision.user, decision.user)
            self.history.addItem(f"{decision.at.replace('T', ' ').rstrip('Z')}  "
                                 f"{self._action_name(decision.action)} — {author}")
        self._updating = False

    def _action_name(self, action: str) -> str:
        names = {"propose": self.tr("proposed"), "add": self.tr("drawn"),
                 "accept": self.tr("accepted"), "reject": self.tr("rejected"),
                 "restore": self.tr("back to proposal"), "accept_range": self.tr("range accepted"),
                 "reject_range": self.tr("range rejected"), "edit": self.tr("edited"),
                 "style": self.tr("style changed"), "split": self.tr("split")}
        return names.get(action, action)

    def _on_kind(self, _index: int) -> None:
        document = self.document
        if self._updating or document is None or document.selected_track is None:
            return
        kind = str(self.kind.currentData())
        if kind != document.selected_track.kind:
            document.set_kind(document.selected_track_id, kind)

    def _on_style(self, *_args: Any) -> None:
        document = self.document
        if self._updating or document is None or document.selected_track is None:
            return
        style = RedactionStyle(str(self.fill.currentData()), str(self.shape.currentData()),  # type: ignore[arg-type]
                               round(self.margin.value()) / 100)
        current = document.selected_track.style
        if (style.fill, style.shape, style.margin) != (current.fill, current.shape, current.margin):
            document.set_style(document.selected_track_id, style)
