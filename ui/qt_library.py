"""The library (bin): cases by pseudonym and their media, with pictures, duration and review state.

Case labels and original file names can name the patient, so the library
shows pseudonyms and numbered videos only. Files dropped on the library are
imported into the case under the pointer, or into a case chosen afterwards.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.project.model import MediaProject
from app.vault import Vault
from app.vault.vault import MediaRecord
from ui.qt_frames import QtPosterWorker
from ui.timecode import format_duration

log = logging.getLogger(__name__)

MEDIA_ROLE = Qt.ItemDataRole.UserRole
CASE_ROLE = Qt.ItemDataRole.UserRole + 1
POSTER_SIZE = QSize(64, 36)


def review_state(media: MediaProject | None) -> tuple[str, int]:
    """Return ``(state, count)``: ``not_analysed``, ``to_review`` (count) or ``reviewed``."""
    if media is None or not media.runs:
        return "not_analysed", 0
    pending = sum(1 for track in media.tracks if track.status == "proposed")
    return ("to_review", pending) if pending else ("reviewed", 0)


class _LibraryTree(QTreeWidget):
    files_dropped = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths:
            event.ignore()
            return
        item = self.itemAt(event.position().toPoint())
        case_id = ""
        while item is not None and not case_id:
            case_id = str(item.data(0, CASE_ROLE) or "")
            item = item.parent()
        event.acceptProposedAction()
        self.files_dropped.emit([Path(path) for path in paths], case_id)


class QtLibraryPanel(QWidget):
    """Cases and media of the unlocked vault."""

    media_activated = Signal(str)
    import_requested = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault: Vault | None = None
        self._posters: dict[str, QPixmap] = {}
        self._poster_worker: QtPosterWorker | None = None
        self._records: dict[str, MediaRecord] = {}
        self._case_pseudonyms: dict[str, str] = {}

        self.tree = _LibraryTree()
        self.tree.setColumnCount(2)
        self.tree.setIconSize(POSTER_SIZE)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(12)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.tree.files_dropped.connect(self.import_requested)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("libraryHint")
        self.import_button = QPushButton()
        self.import_button.clicked.connect(
            lambda: self.import_requested.emit([], self.current_case_id()))

        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Case / video"), self.tr("Review")])
        self.import_button.setText(self.tr("Import a video…"))
        self.hint.setText(self.tr("Drop video files here to import them into the vault."))
        if self.vault is not None:
            self.refresh()

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_vault(self, vault: Vault | None) -> None:
        self.stop_posters()
        self.vault = vault
        self._posters.clear()
        self.refresh()

    def record(self, media_id: str) -> MediaRecord | None:
        return self._records.get(media_id)

    def media_ids(self) -> list[str]:
        """Return the listed media, in library order."""
        return list(self._records)

    def case_pseudonym(self, case_id: str) -> str:
        return self._case_pseudonyms.get(case_id, case_id)

    def current_media_id(self) -> str:
        item = self.tree.currentItem()
        return str(item.data(0, MEDIA_ROLE) or "") if item is not None else ""

    def current_case_id(self) -> str:
        item = self.tree.currentItem()
        while item is not None:
            case_id = item.data(0, CASE_ROLE)
            if case_id:
                return str(case_id)
            item = item.parent()
        return ""

    def select_media(self, media_id: str) -> None:
        for item in self._media_items():
            if item.data(0, MEDIA_ROLE) == media_id:
                self.tree.setCurrentItem(item)
                return

    def _media_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for index in range(self.tree.topLevelItemCount()):
            case_item = self.tree.topLevelItem(index)
            if case_item is None:
                continue
            for row in range(case_item.childCount()):
                child = case_item.child(row)
                if child is not None:
                    items.append(child)
        return items

    def refresh(self) -> None:
        """Rebuild the tree from the vault, keeping the current media selected."""
        selected = self.current_media_id()
        self.tree.clear()
        self._records.clear()
        if self.vault is None:
            return
        missing: list[str] = []
        for case in self.vault.cases():
            self._case_pseudonyms[case.id] = case.pseudonym
            case_item = QTreeWidgetItem([case.pseudonym, ""])
            case_item.setData(0, CASE_ROLE, case.id)
            case_item.setToolTip(0, self.tr("Case {pseudonym}").format(pseudonym=case.pseudonym))
            font = case_item.font(0)
            font.setBold(True)
            case_item.setFont(0, font)
            self.tree.addTopLevelItem(case_item)
            project = self.vault.load_project(case.id)
            for number, record in enumerate(self.vault.media_in_case(case.id), start=1):
                self._records[record.id] = record
                state, count = review_state(project.media.get(record.id))
                info = record.info
                item = QTreeWidgetItem([
                    self.tr("Video {number}").format(number=number) + "\n"
                    + format_duration(info.duration_s),
                    self._state_text(state, count),
                ])
                item.setData(0, MEDIA_ROLE, record.id)
                item.setToolTip(0, self.tr("{width}×{height}, {fps:.2f} frames/s, {frames} frames, "
                                           "id {media_id}").format(
                    width=info.width, height=info.height, fps=info.fps,
                    frames=info.frame_count, media_id=record.id))
                poster = self._posters.get(record.id)
                if poster is not None:
                    item.setIcon(0, QIcon(poster))
                else:
                    missing.append(record.id)
                case_item.addChild(item)
                if record.id == selected:
                    self.tree.setCurrentItem(item)
            case_item.setExpanded(True)
        if missing:
            self._start_posters(missing)

    def _state_text(self, state: str, count: int) -> str:
        if state == "not_analysed":
            return self.tr("Not analysed")
        if state == "to_review":
            return self.tr("{count} to review").format(count=count)
        return self.tr("Reviewed")

    def _start_posters(self, media_ids: list[str]) -> None:
        assert self.vault is not None
        self.stop_posters()
        readers: list[tuple[str, Any]] = []
        for media_id in media_ids:
            proxy = self.vault.media_proxy(media_id)
            try:
                reader = (self.vault.open_object(proxy) if proxy
                          else self.vault.open_media(media_id, purpose="thumbnail"))
            except Exception as error:  # a missing picture must not hide the library
                log.info("media %s: no poster (%s)", media_id, type(error).__name__)
                continue
            readers.append((media_id, reader))
        worker = QtPosterWorker(readers, POSTER_SIZE.width(), POSTER_SIZE.height())
        worker.poster_ready.connect(self._on_poster)
        self._poster_worker = worker
        worker.start()

    def stop_posters(self) -> None:
        if self._poster_worker is not None:
            self._poster_worker.stop()
            self._poster_worker = None

    def _on_poster(self, media_id: str, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        self._posters[media_id] = pixmap
        for item in self._media_items():
            if item.data(0, MEDIA_ROLE) == media_id:
                item.setIcon(0, QIcon(pixmap))

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        media_id = item.data(0, MEDIA_ROLE)
        if media_id:
            self.media_activated.emit(str(media_id))
